/** Deterministic pseudo-random numbers for benchmarks (mulberry32), so every run sees the same data. */
export interface Rng {
  next(): number;
  uniform(low: number, high: number): number;
  normal(mean?: number, sd?: number): number;
  int(low: number, highInclusive: number): number;
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  const normal = (mean = 0, sd = 1) => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return mean + sd * s;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    normal,
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    chance: (p) => next() < p,
  };
}
