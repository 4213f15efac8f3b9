// The process-wide registry of role sessions being fetched and just fetched, keyed by session identity
// (the hop's cache key plus everything else that makes two sessions differ: cache directory, profile
// files, STS endpoint and region; see profile-path.ts). Every provider of the process joins the one
// fetch under way for an identity instead of queueing on the cross-process file lock, which is then only
// taken to coordinate with other processes (docs/semantics.md §8).
import type { StsSession } from "../runtime/sts.js";

export interface SessionFlights {
  /**
   * The result of the fetch under way for `identity`, or of `fetch` started now. A forced caller joins
   * only a forced fetch: a plain one may end with the very session it means to replace.
   */
  share(identity: string, forced: boolean, fetch: () => Promise<StsSession>, now: () => number): Promise<StsSession>;
  /** The session a fetch for `identity` issued last in this process, if any (usability is the caller's call). */
  recent(identity: string): StsSession | undefined;
}

/** One registry per process (a module-level singleton): every provider shares it. */
export const sessionFlights: SessionFlights = createSessionFlights();

export function createSessionFlights(): SessionFlights {
  const flying = new Map<string, { forced: boolean; session: Promise<StsSession> }>();
  const issued = new Map<string, StsSession>();
  return {
    share(identity, forced, fetch, now) {
      const current = flying.get(identity);
      if (current && (current.forced || !forced)) return current.session;
      const session = fetch().then((result) => {
        forgetExpired(issued, now());
        issued.set(identity, result);
        return result;
      });
      const flight = { forced, session };
      flying.set(identity, flight);
      const land = () => {
        if (flying.get(identity) === flight) flying.delete(identity);
      };
      session.then(land, land);
      return session;
    },
    recent: (identity) => issued.get(identity),
  };
}

/** A number that stands for `value` in an identity string, the same for the same object or function. */
export function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = ++lastIdentity;
    identities.set(value, id);
  }
  return id;
}

// --- internal ---

const identities = new WeakMap<object, number>();
let lastIdentity = 0;

/** Keeps the map as small as the set of live sessions. */
function forgetExpired(issued: Map<string, StsSession>, now: number): void {
  for (const [identity, session] of issued) if (session.credentials.expiration.getTime() <= now) issued.delete(identity);
}
