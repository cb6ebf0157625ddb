// The `sort` parameter every table of the console sends: 'name' ascending, '-name' descending,
// one of the keys a list route whitelists (each repository maps a key to its column).
import { z } from 'zod';

/** `sort`: one of the keys, '-' in front for descending; anything else is a 400. */
export function sortParam<K extends string>(keys: readonly K[]) {
  const values = keys.flatMap((k) => [k, `-${k}`]) as [string, ...string[]];
  return z.enum(values).optional() as z.ZodOptional<z.ZodType<K | `-${K}`>>;
}

/** A sort parameter as column key and direction; the default when absent. */
export function sortOf<K extends string>(sort: K | `-${K}` | undefined, fallback: K, desc = false): { key: K; desc: boolean } {
  if (!sort) return { key: fallback, desc };
  return sort.startsWith('-') ? { key: sort.slice(1) as K, desc: true } : { key: sort as K, desc: false };
}
