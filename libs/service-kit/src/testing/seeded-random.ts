// A small, fast, well-mixed PRNG (mulberry32) for seeded workloads: the benchmark's and the
// hostile-input suite's. A 32-bit seed gives one fixed stream, so a run can be replayed.

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
