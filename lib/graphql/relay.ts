import {
  GraphQLBoolean,
  GraphQLID,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLOutputType,
} from 'graphql';
import { z } from 'zod';
import { AppError } from '@/lib/errors';

// Relay conventions: opaque global ids ("Lead:<uuid>" in base64url), connections with edges,
// pageInfo and totalCount, and `first` capped at MAX_PAGE_SIZE.

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export type NodeTypeName =
  | 'Lead'
  | 'Message'
  | 'InboundMessage'
  | 'Campaign'
  | 'MessageTemplate'
  | 'SenderPhone'
  | 'LandingPage'
  | 'Import'
  | 'Appointment'
  | 'Touchpoint'
  | 'Workspace';

export function toGlobalId(type: NodeTypeName, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

export function decodeGlobalId(globalId: string): { type: string; id: string } | null {
  if (typeof globalId !== 'string' || globalId.length > 200) return null;
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const sep = text.indexOf(':');
  if (sep < 1) return null;
  const id = text.slice(sep + 1);
  if (!z.uuid().safeParse(id).success) return null;
  return { type: text.slice(0, sep), id };
}

/** The row id behind a global id of the expected type, or NOT_FOUND (a malformed id tells nothing). */
export function fromGlobalId(globalId: string, type: NodeTypeName, what: string = type): string {
  const decoded = decodeGlobalId(globalId);
  if (!decoded || decoded.type !== type) throw new AppError('NOT_FOUND', `No ${what} with this id.`);
  return decoded.id;
}

export const NodeInterface = new GraphQLInterfaceType({
  name: 'Node',
  description: 'An object with a global id, fetchable with node(id).',
  fields: { id: { type: new GraphQLNonNull(GraphQLID) } },
});

export const PageInfoType = new GraphQLObjectType({
  name: 'PageInfo',
  fields: {
    hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) },
    hasPreviousPage: { type: new GraphQLNonNull(GraphQLBoolean) },
    startCursor: { type: GraphQLString },
    endCursor: { type: GraphQLString },
  },
});

export type PageInfo = { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
export type Connection<T> = {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** Counted only when asked for. */
  totalCount: () => Promise<number> | number;
};

export function connectionType(name: string, nodeType: GraphQLOutputType): GraphQLObjectType {
  const edge = new GraphQLObjectType({
    name: `${name}Edge`,
    fields: { cursor: { type: new GraphQLNonNull(GraphQLString) }, node: { type: new GraphQLNonNull(nodeType) } },
  });
  return new GraphQLObjectType({
    name: `${name}Connection`,
    fields: {
      edges: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(edge))) },
      pageInfo: { type: new GraphQLNonNull(PageInfoType) },
      totalCount: {
        type: new GraphQLNonNull(GraphQLInt),
        resolve: (c: Connection<unknown>) => c.totalCount(),
      },
    },
  });
}

export const pageArgs = {
  first: { type: GraphQLInt, description: `At most ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` },
  after: { type: GraphQLString },
};

/** `first` checked like any other input: 1..200, or BAD_USER_INPUT naming the argument. */
export function pageSize(first: unknown): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new AppError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE_SIZE}.`, {
      fields: { first: `Between 1 and ${MAX_PAGE_SIZE}` },
    });
  }
  return first;
}

const offsetCursor = (i: number) => Buffer.from(`offset:${i}`).toString('base64url');
function decodeOffset(after: unknown): number {
  if (after === undefined || after === null) return -1;
  const m = /^offset:(\d{1,7})$/.exec(Buffer.from(String(after), 'base64url').toString('utf8'));
  if (!m) throw new AppError('BAD_USER_INPUT', 'This cursor is not valid here.', { fields: { after: 'Invalid cursor' } });
  return Number(m[1]);
}

/**
 * The one connection builder: `rows` may hold one row more than `first`, which only says that
 * a next page exists (unless the source knows it otherwise, as the leads page's cursors do).
 */
export function toConnection<T>(
  rows: T[],
  first: number,
  p: { cursorOf: (node: T, index: number) => string; hasPreviousPage: boolean; totalCount: () => Promise<number> | number; hasNextPage?: boolean },
): Connection<T> {
  const edges = rows.slice(0, first).map((node, i) => ({ cursor: p.cursorOf(node, i), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: p.hasNextPage ?? rows.length > first,
      hasPreviousPage: p.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: p.totalCount,
  };
}

/** A connection over a list the use case already bounds (templates, phones, campaigns ...). */
export function connectionFromArray<T>(all: T[], args: { first?: unknown; after?: unknown }): Connection<T> {
  const size = pageSize(args.first);
  const start = decodeOffset(args.after) + 1;
  return toConnection(all.slice(start, start + size + 1), size, {
    cursorOf: (_node, i) => offsetCursor(start + i),
    hasPreviousPage: start > 0,
    totalCount: () => all.length,
  });
}
