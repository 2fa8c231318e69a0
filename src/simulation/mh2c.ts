// M/H2/c solved exactly by the matrix-geometric method (Neuts 1981; R by Latouche &
// Ramaswami's logarithmic reduction, 1993: docs/accuracy.md), for a service with high
// variability fitted by a two-phase hyperexponential. A state is (n in system, i servers busy
// in phase 1). From level c up the chain is a homogeneous QBD, π_{c+k} = π_c R^k; the levels
// below are solved by linear level reduction. Gives P(wait) and the first two moments of the
// wait, which a few long services each holding one server (not the whole station) keep far
// below what a single fast server would suggest. Matrices are flat row-major arrays.

/** A two-phase hyperexponential: phase 1 with probability p; rates per ms. */
export interface H2 {
  p: number;
  mu1: number;
  mu2: number;
}

/** H2 of a given mean and squared cv > 1, balanced means (p/μ1 = (1 − p)/μ2; Whitt 1984, docs/accuracy.md). */
export function h2Balanced(mean: number, cs2: number): H2 {
  const p = (1 + Math.sqrt((cs2 - 1) / (cs2 + 1))) / 2;
  return { p, mu1: (2 * p) / mean, mu2: (2 * (1 - p)) / mean };
}

/**
 * H2 with the given first three raw moments (undefined where none exists: cs² ≤ 1 or
 * E[S³]E[S] ≤ 1.5E[S²]²): the two phase means are the roots of x² − s·x + t, with
 * u_k = E[S^k]/k! obeying u_{k+1} = s·u_k − t·u_{k−1}.
 */
export function h2ThreeMoments(m1: number, m2: number, m3: number): H2 | undefined {
  const u2 = m2 / 2;
  const u3 = m3 / 6;
  const s = (u3 - m1 * u2) / (u2 - m1 * m1);
  const t = s * m1 - u2;
  const d = Math.sqrt(Math.max(0, s * s - 4 * t));
  const a = (s + d) / 2;
  const b = (s - d) / 2;
  const p = (m1 - b) / (a - b);
  if (!(b > 0 && p > 0 && p < 1)) return undefined;
  return { p, mu1: 1 / a, mu2: 1 / b };
}

/** a (r × m) times b (m × k). */
function mul(a: Float64Array, b: Float64Array, r: number, m: number, k: number): Float64Array {
  const out = new Float64Array(r * k);
  for (let i = 0; i < r; i++) for (let l = 0; l < m; l++) {
    const x = a[i * m + l];
    if (x !== 0) for (let j = 0; j < k; j++) out[i * k + j] += x * b[l * k + j];
  }
  return out;
}

/** Inverse of an n × n matrix, Gauss–Jordan with partial pivoting. */
function inv(a: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]) > Math.abs(m[piv * n + col])) piv = r;
    if (piv !== col) for (let j = 0; j < n; j++) {
      [m[col * n + j], m[piv * n + j]] = [m[piv * n + j], m[col * n + j]];
      [out[col * n + j], out[piv * n + j]] = [out[piv * n + j], out[col * n + j]];
    }
    const d = m[col * n + col];
    for (let j = 0; j < n; j++) {
      m[col * n + j] /= d;
      out[col * n + j] /= d;
    }
    for (let r = 0; r < n; r++) {
      const f = m[r * n + col];
      if (r === col || f === 0) continue;
      for (let j = 0; j < n; j++) {
        m[r * n + j] -= f * m[col * n + j];
        out[r * n + j] -= f * out[col * n + j];
      }
    }
  }
  return out;
}

export interface MH2cWait {
  /** P(W > 0). */
  pw: number;
  /** E[W], E[W²]. */
  w1: number;
  w2: number;
}

/** The wait in M/H2/c with arrival rate λ (per ms); requires λ < c·E[S]⁻¹. Cost grows as c⁴. */
export function mh2cWait(c: number, lambda: number, h: H2): MH2cWait {
  const { p, mu1, mu2 } = h;
  const q = 1 - p;
  const k = c + 1;
  // Homogeneous part: A0 = λI up, A1 local, A2 down (a completion, and the next in line starts).
  const A1 = new Float64Array(k * k);
  const A2 = new Float64Array(k * k);
  for (let i = 0; i <= c; i++) {
    A1[i * k + i] = -(lambda + i * mu1 + (c - i) * mu2);
    if (i > 0) {
      A2[i * k + i] += i * mu1 * p;
      A2[i * k + i - 1] += i * mu1 * q;
    }
    if (i < c) {
      A2[i * k + i + 1] += (c - i) * mu2 * p;
      A2[i * k + i] += (c - i) * mu2 * q;
    }
  }
  const R = rMatrix(lambda, A1, A2, k);
  // Levels 0…c: π_n = π_{n−1}·R_n with R_n = U_{n−1}(−(L_n + R_{n+1}D_{n+1}))⁻¹, where level n has
  // n + 1 phases, U goes up (the arrival starts in phase 1 or 2), D down (a completion), and
  // level c's local part takes back π_{c+1}A2 = π_c·R·A2.
  const Rn: Float64Array[] = new Array(c + 1);
  let below: Float64Array | undefined; // R_{n+1}·D_{n+1}, (n+1) × (n+1)
  for (let n = c; n >= 1; n--) {
    const size = n + 1;
    const M = n === c ? mul(R, A2, k, k, k) : below!;
    for (let i = 0; i <= n; i++) M[i * size + i] -= lambda + i * mu1 + (n - i) * mu2;
    for (let x = 0; x < M.length; x++) M[x] = -M[x];
    const Mi = inv(M, size);
    const U = new Float64Array(n * size); // level n − 1 → n
    for (let i = 0; i < n; i++) {
      U[i * size + i + 1] += lambda * p;
      U[i * size + i] += lambda * q;
    }
    Rn[n] = mul(U, Mi, n, size, size);
    const D = new Float64Array(size * n); // level n → n − 1
    for (let i = 0; i <= n; i++) {
      if (i > 0) D[i * n + i - 1] += i * mu1;
      if (n - i > 0) D[i * n + i] += (n - i) * mu2;
    }
    below = mul(Rn[n], D, n, size, n);
  }
  // π_0 = 1 up to the normalisation Σ_{n<c} π_n·1 + π_c(I − R)⁻¹·1 = 1.
  let pi: Float64Array = Float64Array.of(1);
  let total = c > 0 ? 1 : 0;
  for (let n = 1; n <= c; n++) {
    pi = mul(pi, Rn[n], 1, n, n + 1);
    if (n < c) for (const x of pi) total += x;
  }
  const IR = new Float64Array(k * k);
  for (let x = 0; x < k * k; x++) IR[x] = (x % (k + 1) === 0 ? 1 : 0) - R[x];
  const IRi = inv(IR, k);
  const ones = new Float64Array(k).fill(1);
  const tail = mul(IRi, ones, k, k, 1); // (I − R)⁻¹·1
  let atC = 0;
  for (let i = 0; i < k; i++) atC += pi[i] * tail[i];
  total += atC;
  // In FIFO with Poisson arrivals the queue a request leaves behind as it enters service is
  // what arrived during its wait and has the time-average law: E[Lq] = λE[W] and
  // E[Lq(Lq − 1)] = λ²E[W²], with E[Lq] = π_c R(I − R)⁻²·1, E[Lq(Lq − 1)] = 2π_c R²(I − R)⁻³·1.
  const v1 = mul(R, mul(IRi, tail, k, k, 1), k, k, 1);
  const v2 = mul(R, mul(R, mul(IRi, mul(IRi, tail, k, k, 1), k, k, 1), k, k, 1), k, k, 1);
  let lq = 0;
  let lq2 = 0;
  for (let i = 0; i < k; i++) {
    lq += pi[i] * v1[i];
    lq2 += 2 * pi[i] * v2[i];
  }
  return { pw: atC / total, w1: lq / total / lambda, w2: lq2 / total / (lambda * lambda) };
}

/** R = A0(−A1 − A0·G)⁻¹ with G by logarithmic reduction (quadratic convergence). */
function rMatrix(lambda: number, A1: Float64Array, A2: Float64Array, k: number): Float64Array {
  const negA1 = A1.map((x) => -x);
  const negA1i = inv(negA1, k);
  let H: Float64Array = negA1i.map((x) => x * lambda); // (−A1)⁻¹A0
  let L: Float64Array = mul(negA1i, A2, k, k, k); // (−A1)⁻¹A2
  const G = Float64Array.from(L);
  let T: Float64Array = Float64Array.from(H);
  for (let it = 0; it < 60; it++) {
    const U = mul(H, L, k, k, k);
    const LH = mul(L, H, k, k, k);
    for (let x = 0; x < k * k; x++) U[x] = (x % (k + 1) === 0 ? 1 : 0) - U[x] - LH[x];
    const Ui = inv(U, k);
    H = mul(Ui, mul(H, H, k, k, k), k, k, k);
    L = mul(Ui, mul(L, L, k, k, k), k, k, k);
    const TL = mul(T, L, k, k, k);
    let gap = 0;
    let step = 0;
    for (let i = 0; i < k; i++) {
      let row = 0;
      for (let j = 0; j < k; j++) {
        row += G[i * k + j] += TL[i * k + j];
        step = Math.max(step, TL[i * k + j]);
      }
      gap = Math.max(gap, Math.abs(1 - row));
    }
    // Stochastic to rounding, or no longer moving (the last terms below rounding).
    if (gap < 1e-12 || step < 1e-16) break;
    T = mul(T, H, k, k, k);
  }
  const X = new Float64Array(k * k);
  for (let x = 0; x < k * k; x++) X[x] = -A1[x] - lambda * G[x];
  return inv(X, k).map((x) => x * lambda);
}
