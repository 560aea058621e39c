import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const bad = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant as an ISO 8601 string in UTC, e.g. 2026-12-03T10:15:00.000Z.',
  serialize(value) {
    const d = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(d.getTime())) throw new Error('DateTime cannot represent an invalid date');
    return d.toISOString();
  },
  parseValue(value) {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw bad('DateTime must be an ISO 8601 string');
    return new Date(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || Number.isNaN(Date.parse(ast.value))) throw bad('DateTime must be an ISO 8601 string');
    return new Date(ast.value);
  },
});

/**
 * Output: always E.164 (+5511987654321). Input: any common format ("(11) 98765-4321",
 * "+55 11 ..."); the resolver normalises it with the workspace's default country like every
 * other entry point, and answers BAD_USER_INPUT with the reason when it is not a phone.
 */
export const PhoneNumberScalar = new GraphQLScalarType<string, string>({
  name: 'PhoneNumber',
  description: 'A phone number: E.164 in answers; in arguments any format, normalised with the workspace default country.',
  serialize: (value) => String(value),
  parseValue(value) {
    if (typeof value !== 'string' || value.trim() === '' || value.length > 40) throw bad('PhoneNumber must be a string of at most 40 characters');
    return value.trim();
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || ast.value.trim() === '' || ast.value.length > 40) throw bad('PhoneNumber must be a string of at most 40 characters');
    return ast.value.trim();
  },
});

function literalToJson(ast: ValueNode, variables?: Record<string, unknown> | null): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literalToJson(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
    default:
      throw bad('Not a JSON value');
  }
}

export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => literalToJson(ast, variables),
});
