import 'server-only';
import { randomBytes } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { isAppError, type ErrorCode } from '@/lib/errors';
import { log } from '@/lib/log/logger';

// The one table from AppError codes to GraphQL extensions.code (HTTP status: lib/errors.ts).
export const GRAPHQL_CODES: Record<ErrorCode, string> = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

// Codes graphql-js and Apollo give to errors about the request itself: safe to show as they are.
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'QUERY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
]);

/**
 * Apollo's formatError: expected errors keep their message (and field paths), anything else is
 * logged with an id and answered with that id only: never a stack, SQL or a driver message.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isAppError(original)) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: GRAPHQL_CODES[original.code],
        ...(original.fields ? { fields: original.fields } : {}),
        ...(original.retryAfterSeconds ? { retryAfter: original.retryAfterSeconds } : {}),
      },
    };
  }
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError && typeof code === 'string' && REQUEST_CODES.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  // graphql-js input coercion errors ("Expected value of type ...") come without an original error.
  if (original instanceof GraphQLError && !original.originalError && typeof code !== 'string') {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  const errorId = randomBytes(6).toString('hex');
  log.error('unexpected GraphQL error', {
    errorId,
    path: formatted.path?.join('.'),
    error: original instanceof Error ? original.stack : String(original),
  });
  return {
    message: `Unexpected error (id ${errorId}). It has been logged.`,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
  };
}
