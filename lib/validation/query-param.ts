import { z } from 'zod';

/**
 * A URL search parameter: Next gives string | string[] | undefined, forms send the empty
 * string for an untouched field. Takes the first value and treats '' as absent.
 */
export function queryParam<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => {
    const first = Array.isArray(v) ? v[0] : v;
    return first === '' ? undefined : first;
  }, schema);
}

type Shape = Record<string, z.ZodType>;

/**
 * The lenient twin of a strict query shape, for pages: a field that does not parse is dropped
 * (the page shows more and says why, see queryErrors) instead of becoming an error page.
 */
export function lenientShape<S extends Shape>(shape: S): { [K in keyof S]: z.ZodCatch<S[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s.catch(undefined as never)])) as never;
}

/** The fields of raw URL params that a strict shape refuses, with the value and why. */
export function queryErrors(shape: Shape, raw: Record<string, unknown>): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const [field, schema] of Object.entries(shape)) {
    const result = schema.safeParse(raw[field]);
    if (!result.success) out.push({ field, message: result.error.issues[0]?.message ?? 'Not a valid value' });
  }
  return out;
}
