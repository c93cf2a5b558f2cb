// Platt scaling: fit p = sigmoid(a·x + b) to binary outcomes by Newton's method (with Platt's target smoothing).

export interface Platt {
  a: number;
  b: number;
}

/**
 * Fit on scores `x` (here logit of P(vulnerable)) and labels `y`. Targets are smoothed as in Platt (1999)
 * so a small, separable calibration set does not drive `a` to infinity.
 */
export function fitPlatt(x: readonly number[], y: readonly boolean[], iterations = 100): Platt {
  const pos = y.filter(Boolean).length;
  const neg = y.length - pos;
  if (!pos || !neg) return { a: 1, b: 0 };
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = y.map((v) => (v ? hi : lo));
  const loss = (a: number, b: number) => {
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const z = a * x[i] + b;
      // log(1 + e^z) - t·z, computed stably
      sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t[i] * z;
    }
    return sum;
  };
  let a = 1, b = 0;
  let current = loss(a, b);
  for (let it = 0; it < iterations; it++) {
    let gA = 0, gB = 0, hAA = 1e-9, hAB = 0, hBB = 1e-9;
    for (let i = 0; i < x.length; i++) {
      const p = 1 / (1 + Math.exp(-(a * x[i] + b)));
      const d = p - t[i];
      const w = p * (1 - p);
      gA += d * x[i];
      gB += d;
      hAA += w * x[i] * x[i];
      hAB += w * x[i];
      hBB += w;
    }
    const det = hAA * hBB - hAB * hAB;
    if (Math.abs(det) < 1e-12) break;
    const dA = (hBB * gA - hAB * gB) / det;
    const dB = (hAA * gB - hAB * gA) / det;
    // Backtracking: Newton steps can overshoot on nearly separable data.
    let step = 1;
    while (step > 1e-8 && loss(a - step * dA, b - step * dB) > current) step /= 2;
    if (step <= 1e-8) break;
    a -= step * dA;
    b -= step * dB;
    current = loss(a, b);
    if (step * (Math.abs(dA) + Math.abs(dB)) < 1e-10) break;
  }
  return { a, b };
}
