import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
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
export const API_RATE_LIMIT = { window: 60, max: 600 };

const limitError = (message: string) => new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } });

type Walker = (set: SelectionSetNode, seen: Set<string>) => number;

function walker(ctx: ValidationContext, onField: (childCost: number, first: number) => number): Walker {
  const fragments = new Map<string, FragmentDefinitionNode>(
    ctx.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const walk: Walker = (set, seen) => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        const firstArg = sel.arguments?.find((a) => a.name.value === 'first');
        // A connection (it has edges) costs its page size: the literal `first`, else the default
        // page (a variable is not known while validating; the server caps it at 200 anyway).
        const isConnection = sel.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'edges');
        const first = firstArg?.value.kind === Kind.INT ? Number(firstArg.value.value) : isConnection ? DEFAULT_PAGE_SIZE : 1;
        total += onField(sel.selectionSet ? walk(sel.selectionSet, seen) : 0, first);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        total = Math.max(total, walk(sel.selectionSet, seen));
      } else {
        const name = sel.name.value;
        const frag = fragments.get(name);
        // A fragment spread inside itself is reported by graphql-js's own rule; stop here.
        if (frag && !seen.has(name)) total = Math.max(total, walk(frag.selectionSet, new Set([...seen, name])));
      }
    }
    return total;
  };
  return walk;
}

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

/** A rough cost: each field costs 1, and a list's `first` (default 50) multiplies its children. */
export function costLimitRule(ctx: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      const cost = walker(ctx, (child, first) => 1 + first * child)(node.selectionSet, new Set());
      if (cost > MAX_COST) ctx.reportError(limitError(`The query would cost about ${cost}; at most ${MAX_COST} is allowed. Ask for fewer rows or fields.`));
    },
  };
}

export const LIMIT_RULES = [depthLimitRule, aliasLimitRule, costLimitRule];
