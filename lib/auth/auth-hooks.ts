import 'server-only';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { z } from 'zod';
import { env } from '@/lib/env';
import { fieldErrors } from '@/lib/errors';
import { addressBucket, clientIp } from '@/lib/rate-limit/client-ip';
import { consumeRateLimit } from '@/lib/rate-limit/consume-rate-limit';
import { signInSchema, signUpSchema } from './schema';
import {
  accountTag,
  forgiveSignInAttempt,
  KNOWN_DEVICE_COOKIE,
  knownDeviceTags,
  reserveSignInAttempt,
  withKnownAccount,
} from './sign-in-limits';

// better-auth runs these around every sign-in and sign-up, whether the request came to
// /api/auth/* or through auth.api from our server actions, so every way in has the same
// validation and limits (issue 14, findings 2 and 3).

export const SIGN_UP_PER_ADDRESS = { window: 3600, max: 20 };

// The raw auth API has no workspace name (the first workspace is then named after the user,
// lib/auth/session.ts); fields better-auth would otherwise accept (image, extra columns) are refused.
const apiSignUpSchema = signUpSchema
  .extend({
    workspaceName: signUpSchema.shape.workspaceName.optional(),
    callbackURL: z.string().max(2000).optional(),
    rememberMe: z.boolean().optional(),
  })
  .strict();

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const fields = fieldErrors(result.error);
    throw new APIError('BAD_REQUEST', { message: Object.values(fields)[0] ?? 'Invalid input', code: 'BAD_USER_INPUT', fields });
  }
  return result.data;
}

function tooMany(message: string, retryAfter: number): APIError {
  return new APIError('TOO_MANY_REQUESTS', { message, code: 'RATE_LIMITED', retryAfter }, { 'Retry-After': String(retryAfter) });
}

async function signInParty(ctx: HookContext) {
  const { email } = parseBody(signInSchema, ctx.body);
  const tags = knownDeviceTags(await ctx.getSignedCookie(KNOWN_DEVICE_COOKIE, env().authSecret));
  return { address: addressBucket(clientIp(ctx.headers ?? new Headers())), email, tags, isKnownDevice: tags.includes(accountTag(email)) };
}

export const beforeAuth = createAuthMiddleware(async (ctx) => {
  if (ctx.path === '/sign-in/email') {
    const party = await signInParty(ctx);
    const verdict = await reserveSignInAttempt(party);
    if (!verdict.allowed) {
      throw tooMany(`Too many sign-in attempts. Try again in ${verdict.retryAfter} seconds.`, verdict.retryAfter);
    }
    return { context: { body: { ...ctx.body, email: party.email } } };
  }
  if (ctx.path === '/sign-up/email') {
    const input = parseBody(apiSignUpSchema, ctx.body);
    const limit = await consumeRateLimit(`sign-up:ip:${addressBucket(clientIp(ctx.headers ?? new Headers()))}`, SIGN_UP_PER_ADDRESS);
    if (!limit.allowed) {
      const wait = limit.retryAfter ?? 60;
      throw tooMany(`Too many sign-ups from here. Try again in ${wait} seconds.`, wait);
    }
    return { context: { body: { ...ctx.body, name: input.name, email: input.email } } };
  }
});

export const afterAuth = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== '/sign-in/email') return;
  const returned = ctx.context.returned;
  if (returned === undefined || isAPIError(returned) || returned instanceof Error) return;
  const party = await signInParty(ctx);
  await forgiveSignInAttempt(party);
  await ctx.setSignedCookie(KNOWN_DEVICE_COOKIE, withKnownAccount(party.tags, party.email), env().authSecret, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 365 * 24 * 60 * 60,
    secure: env().appUrl.startsWith('https://') && env().NODE_ENV === 'production',
  });
});
