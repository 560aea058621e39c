import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, type ErrorCode } from '@/lib/errors';
import { formatGraphQLError, GRAPHQL_CODES } from './errors';

const asResolverError = (err: Error) => new GraphQLError(err.message, { originalError: err, path: ['lead'] });

describe('formatGraphQLError', () => {
  it('maps every AppError code through the one table, keeping field paths', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const err = new AppError(code, 'msg', { fields: { 'tags.1': 'bad' } });
      const out = formatGraphQLError({ message: 'msg', path: ['lead'] }, asResolverError(err));
      expect(out.extensions).toEqual({ code: GRAPHQL_CODES[code], fields: { 'tags.1': 'bad' } });
      expect(out.message).toBe('msg');
    }
  });

  it('answers unexpected errors with an id only: no message, stack or SQL', () => {
    const err = new Error('relation "leads" does not exist: select * from leads where password = 1');
    const out = formatGraphQLError({ message: err.message, path: ['lead'], extensions: { stacktrace: ['at x'] } }, asResolverError(err));
    expect(out.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(out.extensions?.errorId).toMatch(/^[0-9a-f]{12}$/);
    expect(out.message).toContain(String(out.extensions?.errorId));
    expect(JSON.stringify(out)).not.toMatch(/relation|select|password|stacktrace/);
  });
});
