// GET/POST /api/auth/* - the better-auth endpoints the app uses (sign-in, sign-up, sign-out, session).
import type { NextRequest } from 'next/server';
import { getAuth } from '@/lib/auth/auth';

// Everything else better-auth serves (update-user, change-email, change-password, password
// reset, delete-user, session lists ...) is unused and would bypass the app's checks, so it is
// answered 404 here rather than listed one by one in better-auth's disabledPaths.
const OPEN: Record<string, readonly string[]> = {
  '/api/auth/sign-in/email': ['POST'],
  '/api/auth/sign-up/email': ['POST'],
  '/api/auth/sign-out': ['POST'],
  '/api/auth/get-session': ['GET'],
};

async function handle(req: NextRequest) {
  if (!OPEN[req.nextUrl.pathname]?.includes(req.method)) {
    return Response.json({ message: 'Not found', code: 'NOT_FOUND' }, { status: 404 });
  }
  return (await getAuth()).handler(req);
}

export const GET = handle;
export const POST = handle;
