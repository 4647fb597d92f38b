/**
 * Reproducible randomness for simulations and synthetic data; Math.random cannot be seeded.
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state generator that passes gjrand's tests
 * for the volumes a simulation here needs, and is tiny.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws a Poisson variate by inversion (sequential search from 0; Devroye 1986, §X.3). Means above
 * 500 are split into a sum of Poissons so that e^−mean does not underflow. Cost O(mean).
 */
export function poissonSample(random: () => number, mean: number): number {
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`mean must be finite and non-negative, got ${mean}`);
  let total = 0;
  let left = mean;
  while (left > 500) {
    total += poissonSample(random, 500);
    left -= 500;
  }
  let k = 0;
  let p = Math.exp(-left);
  let cdf = p;
  const u = random();
  while (u > cdf && p > 0) {
    k++;
    p *= left / k;
    cdf += p;
  }
  return total + k;
}
