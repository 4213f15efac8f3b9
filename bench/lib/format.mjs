// Cells of the bench table: a median with its [p25-p75] spread, and ratios. Input is summarize()'s output.
export const fmtMs = (s) => `${s.median.toFixed(1)} ms [${s.p25.toFixed(1)}-${s.p75.toFixed(1)}]`;
export const fmtMb = (s) => `${(s.median / 1024).toFixed(1)} MB [${(s.p25 / 1024).toFixed(1)}-${(s.p75 / 1024).toFixed(1)}]`;
export const fmtNs = (s) => `${s.median.toFixed(1)} ns [${s.p25.toFixed(1)}-${s.p75.toFixed(1)}]`;
export const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}x` : "-");
