import 'server-only';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { startServerAndCreateNextHandler } from '@as-integrations/next';
import { NextRequest } from 'next/server';
import { authenticateApiKey } from '@/lib/api-keys/authenticate-api-key';
import { getSessionContextFor, WORKSPACE_COOKIE } from '@/lib/auth/session';
import { AppError, isAppError } from '@/lib/errors';
import { BodyTooLargeError, readLimitedBody, refusedUploadResponse } from '@/lib/http/read-limited-body';
import { consumeRateLimit } from '@/lib/rate-limit/consume-rate-limit';
import { createContext, type Caller, type GraphQLContext } from './context';
import { formatGraphQLError, GRAPHQL_CODES } from './errors';
import { apiRateLimit, costLimitPlugin, LIMIT_RULES, MAX_BODY_BYTES, MAX_TOKENS } from './limits';
import { getSchema } from './schema';

// Everything /api/graphql does before and after Apollo: body size, who is calling, the
// per-caller rate limit and its headers. Apollo parses, validates (limits) and executes.

type Handler = (req: NextRequest) => Promise<Response>;
const callers = new WeakMap<Request, Caller>();
const state = globalThis as unknown as { __whatslabGraphql?: Handler };

function getHandler(): Handler {
  if (!state.__whatslabGraphql) {
    const server = new ApolloServer<GraphQLContext>({
      schema: getSchema(),
      formatError: formatGraphQLError,
      includeStacktraceInErrorResponses: false,
      // Every request is authenticated before it gets here, so introspection is for callers only.
      introspection: true,
      csrfPrevention: true,
      validationRules: LIMIT_RULES,
      parseOptions: { maxTokens: MAX_TOKENS },
      // No HTTP cache hints are given, and the default cache-control plugin wraps every field
      // resolver to compute them: off (one of the per-request costs bench:graphql found).
      plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), costLimitPlugin],
    });
    state.__whatslabGraphql = startServerAndCreateNextHandler<NextRequest, GraphQLContext>(server, {
      context: async (req) => {
        const caller = callers.get(req);
        if (!caller) throw new AppError('UNAUTHENTICATED', 'Not authenticated.');
        return createContext(caller);
      },
    });
  }
  return state.__whatslabGraphql;
}

function errorResponse(err: AppError, headers: Record<string, string> = {}): Response {
  const body = { errors: [{ message: err.message, extensions: { code: GRAPHQL_CODES[err.code], ...(err.fields ? { fields: err.fields } : {}) } }] };
  if (err instanceof BodyTooLargeError) return refusedUploadResponse(err, body, headers);
  return Response.json(body, { status: err.httpStatus, headers });
}

/** No Origin (same-origin GET, curl) or this host's own; "null" and other sites are not. */
function isSameOrigin(req: NextRequest): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.get('host');
  } catch {
    return false;
  }
}

async function identify(req: NextRequest): Promise<Caller> {
  const authorization = req.headers.get('authorization');
  if (authorization) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m) throw new AppError('UNAUTHENTICATED', 'Use Authorization: Bearer <API key>.');
    const { apiKey, workspace } = await authenticateApiKey(m[1]);
    return { workspace, role: apiKey.role, scopes: apiKey.scopes, apiKeyId: apiKey.id, userId: null };
  }
  // The in-app explorer: the signed-in member's session, from this origin only.
  if (req.headers.get('cookie') && isSameOrigin(req)) {
    const session = await getSessionContextFor(req.headers, req.cookies.get(WORKSPACE_COOKIE)?.value);
    if (session) {
      // Agents read; changes through the API are for owners and admins, as on most admin pages.
      const scopes: Caller['scopes'] = session.role === 'agent' ? ['read'] : ['read', 'write'];
      return { workspace: session.workspace, role: session.role, scopes, apiKeyId: null, userId: session.user.id };
    }
  }
  throw new AppError('UNAUTHENTICATED', 'Missing, invalid, revoked or expired API key.');
}

export async function handleGraphQL(incoming: NextRequest): Promise<Response> {
  let caller: Caller;
  let req = incoming;
  try {
    if (incoming.method === 'POST') {
      const body = (await readLimitedBody(incoming, MAX_BODY_BYTES)).toString('utf8');
      req = new NextRequest(incoming.url, { method: 'POST', headers: incoming.headers, body });
    }
    caller = await identify(req);
  } catch (err) {
    if (isAppError(err)) return errorResponse(err, err.code === 'UNAUTHENTICATED' ? { 'WWW-Authenticate': 'Bearer' } : {});
    throw err;
  }
  const bucket = caller.apiKeyId ? `graphql:key:${caller.apiKeyId}` : `graphql:user:${caller.userId}:${caller.workspace.id}`;
  const rule = apiRateLimit();
  const verdict = await consumeRateLimit(bucket, rule);
  const limitHeaders = { 'X-RateLimit-Limit': String(rule.max), 'X-RateLimit-Remaining': String(verdict.remaining) };
  if (!verdict.allowed) {
    const retryAfter = verdict.retryAfter ?? rule.window;
    return errorResponse(new AppError('RATE_LIMITED', `Too many requests: at most ${rule.max} per ${rule.window} s per key. Retry in ${retryAfter} s.`), {
      ...limitHeaders,
      'Retry-After': String(retryAfter),
    });
  }
  callers.set(req, caller);
  const res = await getHandler()(req);
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(limitHeaders)) headers.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
