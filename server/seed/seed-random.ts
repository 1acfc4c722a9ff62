import { createHash } from 'node:crypto';
import type { SeedRandom } from '../../generators/model/seed-recipe.ts';

/**
 * A deterministic generator (sfc32, seeded with the SHA-256 of a name): the same name gives the same
 * sequence on every machine and Node version, which Math.random cannot promise.
 */
export function createSeedRandom(seed: string): SeedRandom {
  const digest = createHash('sha256').update(seed).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first draws of sfc32 are weakly mixed: discard a few, as its authors advise.
  for (let i = 0; i < 12; i++) next();
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
    chance: (p) => next() < p,
    decimal(min, max, scale) {
      const factor = 10 ** scale;
      const units = int(Math.round(min * factor), Math.round(max * factor));
      const negative = units < 0;
      const digits = String(Math.abs(units)).padStart(scale + 1, '0');
      const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
      return negative ? `-${text}` : text;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy;
    },
    fork: (name) => createSeedRandom(`${seed}/${name}`),
  };
}
