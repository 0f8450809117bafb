// Descriptive statistics and ordinary least squares, small enough to read in one sitting.

export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

export const std = (xs) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

export function pearson(xs, ys) {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Solves A x = b by Gauss-Jordan elimination with partial pivoting. */
export function solve(A, b) {
  const n = b.length;
  const m = A.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-12) throw new Error('singular system: a feature is constant or a combination of others');
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= factor * m[col][c];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/** Least squares y ~ intercept + X w, through the normal equations (X'X) w = X'y. */
export function fitLinear(X, y) {
  const rows = X.map((x) => [1, ...x]);
  const k = rows[0].length;
  const XtX = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => rows.reduce((s, r) => s + r[i] * r[j], 0)));
  const Xty = Array.from({ length: k }, (_, i) => rows.reduce((s, r, n) => s + r[i] * y[n], 0));
  const [intercept, ...coefficients] = solve(XtX, Xty);
  return { intercept, coefficients };
}

export const predict = (fit, x) => fit.intercept + fit.coefficients.reduce((s, c, i) => s + c * x[i], 0);

/** Coefficient of determination: 1 is a perfect fit, 0 is no better than predicting the mean. */
export function r2(actual, predicted) {
  const m = mean(actual);
  const residual = actual.reduce((s, a, i) => s + (a - predicted[i]) ** 2, 0);
  const total = actual.reduce((s, a) => s + (a - m) ** 2, 0);
  return total === 0 ? 0 : 1 - residual / total;
}

export const mae = (actual, predicted) => mean(actual.map((a, i) => Math.abs(a - predicted[i])));
