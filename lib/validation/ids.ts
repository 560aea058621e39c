import { notFound } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { isId } from './strict-values';

// Ids from a URL path ([id] segments) go through one check at every door: a malformed id is
// "not found" like an id of another workspace, and never reaches PostgreSQL.

/** For route handlers and use cases: the id, or NOT_FOUND (404) with the message given. */
export function requireId(value: unknown, notFoundMessage = 'Not found.'): string {
  if (!isId(value)) throw new AppError('NOT_FOUND', notFoundMessage);
  return value;
}

/** For pages: the id, or Next's not-found page. */
export function pageId(value: unknown): string {
  if (!isId(value)) notFound();
  return value;
}
