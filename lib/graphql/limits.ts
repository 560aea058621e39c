import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { env } from '@/lib/env';
import { DEFAULT_PAGE_SIZE } from './relay';

// Query limits as plain graphql-js validation rules (graphql-armor 3.2 declares Node >= 22.15
// through a dependency; these few rules do the same job on Node 20, see the decision record).

export const MAX_DEPTH = 12;
export const MAX_ALIASES = 30;
/** Estimated objects a query may touch: `first` multiplies what is below it. */
export const MAX_COST = 50_000;
/** Parser tokens per document (graphql-js stops parsing there: no work for a huge query). */
export const MAX_TOKENS = 5_000;
/** Request body size; a larger body is refused before it is parsed. */
export const MAX_BODY_BYTES = 1_000_000;
/** Per key (or member session) per minute; API_RATE_LIMIT_PER_MINUTE, 600 unless configured. */
export function apiRateLimit(): { window: number; max: number } {
  return { window: 60, max: env().API_RATE_LIMIT_PER_MINUTE };
}

const limitError = (message: string) => new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } });

/**
 * A rough cost: each field costs 1, and a list's page size multiplies what is inside it: the
 * `first` argument (a literal, or the request's variable), else the default page for a
 * connection (a field with `edges`). Fragments count where they are spread.
 */
export function estimateCost(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): number {
  const fragments = new Map<string, FragmentDefinitionNode>(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const pageOf = (sel: FieldNode): number => {
    const arg = sel.arguments?.find((a) => a.name.value === 'first')?.value;
    if (arg?.kind === Kind.INT) return Number(arg.value);
    if (arg?.kind === Kind.VARIABLE && typeof variables[arg.name.value] === 'number') return variables[arg.name.value] as number;
    const isConnection = sel.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'edges');
    return isConnection ? DEFAULT_PAGE_SIZE : 1;
  };
  const walk = (set: SelectionSetNode, seen: Set<string>): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        // Introspection is bounded by the schema itself.
        if (sel.name.value.startsWith('__')) continue;
        total += 1 + pageOf(sel) * (sel.selectionSet ? walk(sel.selectionSet, seen) : 0);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        total += walk(sel.selectionSet, seen);
      } else {
        const frag = fragments.get(sel.name.value);
        // A fragment spread inside itself is reported by graphql-js's own rule; stop here.
        if (frag && !seen.has(frag.name.value)) total += walk(frag.selectionSet, new Set([...seen, frag.name.value]));
      }
    }
    return total;
  };
  return walk(operation.selectionSet, new Set());
}

const costMessage = (cost: number) => `The query would cost about ${cost}; at most ${MAX_COST} is allowed. Ask for fewer rows or fields.`;

/** Nesting deeper than MAX_DEPTH levels is refused. */
export function depthLimitRule(ctx: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      // Siblings take the max, not the sum.
      const deepest = (set: SelectionSetNode, seen: Set<string>): number => {
        let max = 0;
        for (const sel of set.selections) {
          // Introspection (__schema, __type) nests ofType deeply by design; its own shape bounds it.
          if (sel.kind === Kind.FIELD) max = sel.name.value.startsWith('__') ? max : Math.max(max, 1 + (sel.selectionSet ? deepest(sel.selectionSet, seen) : 0));
          else if (sel.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, deepest(sel.selectionSet, seen));
          else {
            const frag = ctx.getFragment(sel.name.value);
            if (frag && !seen.has(frag.name.value)) max = Math.max(max, deepest(frag.selectionSet, new Set([...seen, frag.name.value])));
          }
        }
        return max;
      };
      const d = deepest(node.selectionSet, new Set());
      if (d > MAX_DEPTH) ctx.reportError(limitError(`The query is ${d} levels deep; at most ${MAX_DEPTH} are allowed.`));
    },
  };
}

/** More than MAX_ALIASES aliases in one document is refused (alias batching). */
export function aliasLimitRule(ctx: ValidationContext): ASTVisitor {
  let aliases = 0;
  let reported = false;
  return {
    Field(node) {
      if (node.alias) aliases += 1;
      if (aliases > MAX_ALIASES && !reported) {
        reported = true;
        ctx.reportError(limitError(`The query uses more than ${MAX_ALIASES} aliases.`));
      }
    },
  };
}

/** The cost with what validation knows (variables count as the default page; see costLimitPlugin). */
export function costLimitRule(ctx: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      const cost = estimateCost(ctx.getDocument(), node);
      if (cost > MAX_COST) ctx.reportError(limitError(costMessage(cost)));
    },
  };
}

/** The same estimate once the request's variables are known (`first: $n` counts as $n). */
export const costLimitPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, operation, request }) {
        if (!operation) return;
        const cost = estimateCost(document, operation, request.variables ?? {});
        if (cost > MAX_COST) throw new GraphQLError(costMessage(cost), { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
      },
    };
  },
};

export const LIMIT_RULES = [depthLimitRule, aliasLimitRule, costLimitRule];
