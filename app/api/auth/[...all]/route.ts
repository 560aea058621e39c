// GET/POST /api/auth/* - better-auth's own endpoints (sign-in, sign-up, sign-out, session).
import type { NextRequest } from 'next/server';
import { getAuth } from '@/lib/auth/auth';

export async function GET(req: NextRequest) {
  return (await getAuth()).handler(req);
}

export async function POST(req: NextRequest) {
  return (await getAuth()).handler(req);
}
