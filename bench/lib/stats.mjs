// Order statistics of a handful of per-process samples (tinybench computes the in-process ones).
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p) => {
    if (sorted.length === 0) return NaN;
    const i = (sorted.length - 1) * p;
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
  };
  return { n: sorted.length, median: q(0.5), p25: q(0.25), p75: q(0.75), min: sorted[0], max: sorted[sorted.length - 1] };
}
