/**
 * mulberry32: a tiny, fast 32-bit PRNG. Good enough for simulated durations and outcomes, and the same seed always
 * gives the same sequence. See https://gist.github.com/tommyettinger/46a874533244883189143505d203312c
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a hash of a label, used to derive independent streams (jobs, ids, faults) from one seed. */
export function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < label.length; index += 1) {
    hash ^= label.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A seeded source of random values. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** True with probability `probability`. */
  chance(probability: number): boolean;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A standard normal value (Box-Muller). */
  normal(): number;
  /** A log-normal value whose median is `median`; `sigma` 0 gives exactly the median. */
  logNormal(median: number, sigma: number): number;
  /** `length` lowercase hex digits. */
  hex(length: number): string;
  /** A version 4 UUID. */
  uuid(): string;
}

const HEX_DIGITS = '0123456789abcdef';

/** A `Random` seeded by `seed` and `label`: the same pair always gives the same sequence. */
export function createRandom(seed: number, label = ''): Random {
  const next = mulberry32((seed ^ hashLabel(label)) >>> 0);
  const hex = (length: number): string => {
    let text = '';
    for (let index = 0; index < length; index += 1) text += HEX_DIGITS[Math.floor(next() * 16)];
    return text;
  };
  const normal = (): number => {
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    return radius * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    chance: (probability) => next() < probability,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    normal,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    hex,
    uuid: () => {
      const digits = hex(32).split('');
      digits[12] = '4';
      digits[16] = HEX_DIGITS[8 + Math.floor(next() * 4)] as string;
      const text = digits.join('');
      return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
    },
  };
}
