// Fallback peak-RSS report (used only when GNU time is absent): the child's own OS accounting at exit.
process.on("exit", () => process.stderr.write(`\nMAXRSS_KB=${process.resourceUsage().maxRSS}\n`));
