import { randomBytes } from 'node:crypto';
import { NextResponse } from 'next/server';
import { isAppError } from '@/lib/errors';
import { describeError, log } from '@/lib/log/logger';
import { BodyTooLargeError, refusedUploadResponse } from './read-limited-body';

/** Maps errors thrown in route handlers to JSON answers: 4xx for expected ones, never a stack. */
export function routeError(err: unknown): Response {
  if (err instanceof BodyTooLargeError) return refusedUploadResponse(err, { error: { code: err.code, message: err.message } });
  if (isAppError(err)) {
    const headers = err.retryAfterSeconds ? { 'Retry-After': String(err.retryAfterSeconds) } : undefined;
    return NextResponse.json({ error: { code: err.code, message: err.message, fields: err.fields } }, { status: err.httpStatus, headers });
  }
  const id = randomBytes(4).toString('hex');
  log.error('unexpected error in route', { errorId: id, ...describeError(err) });
  return NextResponse.json({ error: { code: 'INTERNAL', message: `Unexpected error ${id}` } }, { status: 500 });
}
