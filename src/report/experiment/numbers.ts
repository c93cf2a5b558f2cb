// Number formatting shared by the experiment report writers.

export const fmt = (x: number | null | undefined, digits = 3): string =>
  x === null || x === undefined || Number.isNaN(x) ? "–" : x.toFixed(digits);

export const fmtCi = (ci: [number, number] | undefined, digits = 3): string =>
  !ci || Number.isNaN(ci[0]) ? "–" : `[${ci[0].toFixed(digits)}, ${ci[1].toFixed(digits)}]`;

export const fmtMs = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? "–" : x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(3);

export const fmtP = (p: number): string => (p < 0.001 ? "<0.001" : p.toFixed(3));
