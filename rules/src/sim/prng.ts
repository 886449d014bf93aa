/**
 * Seeded pseudo-random numbers (mulberry32): the only randomness the simulation uses, so a seed
 * reproduces a run bit for bit. `derive` gives each aircraft its own stream, so adding one aircraft
 * does not change what the others draw.
 */
export interface Prng {
  /** uniform in [0, 1) */
  next(): number;
  /** approximately normal (mean 0, sd 1), from the sum of uniforms */
  gauss(): number;
}

export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    gauss() {
      // Irwin–Hall with 4 uniforms, rescaled to unit variance: cheap, bounded, deterministic.
      return (next() + next() + next() + next() - 2) * Math.sqrt(3);
    },
  };
}

/** A seed for a sub-stream, mixed from a parent seed and a string key (FNV-1a). */
export function deriveSeed(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
