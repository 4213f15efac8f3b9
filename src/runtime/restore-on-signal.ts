// Puts the terminal back however the process ends while a prompt has echo off: SIGINT, SIGTERM, SIGHUP or
// an exit. After restoring on a signal, the signal is raised again when no other handler would have acted,
// so the host process still ends as it would have without the prompt.
export type RestoreSignal = "SIGINT" | "SIGTERM" | "SIGHUP";

const SIGNALS: readonly RestoreSignal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Calls `restore` (synchronously) on any of the signals or on exit, then `interrupted(signal)` when other
 * handlers keep the process running. Returns the function that removes the handlers.
 */
export function restoreOnSignal(restore: () => void, interrupted: (signal: RestoreSignal) => void): () => void {
  const handlers = SIGNALS.map((signal) => {
    const handler = () => {
      restore();
      remove();
      // Ours was the only handler: Node would have ended the process, so let the signal do that now.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      else interrupted(signal);
    };
    // First in line: handlers that act only when alone (signal-exit, which proper-lockfile loads) then
    // see the process as it would be without the prompt. SIGHUP cannot be listened to everywhere.
    try {
      process.prependListener(signal, handler);
    } catch {
      return undefined;
    }
    return [signal, handler] as const;
  });
  const onExit = () => restore();
  process.on("exit", onExit);
  let removed = false;
  function remove() {
    if (removed) return;
    removed = true;
    for (const entry of handlers) if (entry) process.off(entry[0], entry[1]);
    process.off("exit", onExit);
  }
  return remove;
}
