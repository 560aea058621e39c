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
