/** mulberry32: a small seeded generator, so that a fuzzing failure reproduces from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One of `items`, picked by `random`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/**
 * How many cases a fuzzing suite runs: `fallback` in `npm test`, the variable `variable` for a long run (`npm run fuzz`
 * sets `SENTINEL_FUZZ_CASES` and, for the slower config suite, `SENTINEL_CONFIG_FUZZ_CASES`).
 */
export function fuzzCases(fallback: number, variable = 'SENTINEL_FUZZ_CASES'): number {
  const given = Number(process.env[variable]);
  return Number.isInteger(given) && given > 0 ? given : fallback;
}
