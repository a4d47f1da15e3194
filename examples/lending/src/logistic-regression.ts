/** A fitted logistic regression on standardised inputs. */
export interface LogisticModel {
  features: readonly string[];
  means: number[];
  scales: number[];
  intercept: number;
  coefficients: number[];
}

function solve(a: number[][], b: number[]): number[] {
  // Gaussian elimination with partial pivoting; the system is small (features + 1).
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Newton–Raphson (IRLS) on the L2-penalised log-likelihood; the small ridge keeps the solve stable for rare
 * binary inputs. Deterministic: no random initialisation.
 */
export function fitLogistic(
  features: readonly string[],
  x: number[][],
  y: number[],
  ridge = 1e-3,
  iterations = 30
): LogisticModel {
  const d = features.length;
  const means = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / x.length);
  const scales = Array.from(
    { length: d },
    (_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j]! - means[j]!) ** 2, 0) / x.length) || 1
  );
  const z = x.map((r) => [1, ...r.map((v, j) => (v - means[j]!) / scales[j]!)]);
  let w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    z.forEach((row, i) => {
      const p = sigmoid(row.reduce((s, v, k) => s + v * w[k]!, 0));
      const r = y[i]! - p;
      const weight = p * (1 - p);
      for (let a = 0; a <= d; a++) {
        grad[a]! += r * row[a]!;
        for (let b = 0; b <= d; b++) hess[a]![b]! += weight * row[a]! * row[b]!;
      }
    });
    for (let a = 1; a <= d; a++) {
      grad[a]! -= ridge * w[a]!;
      hess[a]![a]! += ridge;
    }
    const step = solve(hess, grad);
    w = w.map((v, k) => v + step[k]!);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  return { features, means, scales, intercept: w[0]!, coefficients: w.slice(1) };
}

/** The model's probability of the positive class (denial) for one encoded application. */
export function predictProbability(model: LogisticModel, x: readonly number[]): number {
  let s = model.intercept;
  for (let j = 0; j < model.coefficients.length; j++)
    s += (model.coefficients[j]! * (x[j]! - model.means[j]!)) / model.scales[j]!;
  return sigmoid(s);
}
