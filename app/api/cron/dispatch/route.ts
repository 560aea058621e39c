// GET|POST /api/cron/dispatch - runs the dispatcher for one time budget (Vercel Cron or any scheduler)
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { drainDueMessages } from '@/lib/dispatch/run-dispatcher';
import { isCronAuthorized } from '@/lib/dispatch/verify-cron-secret';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';
export const maxDuration = 60;

const MAX_BUDGET_MS = 55_000;
const query = z.object({ budgetMs: z.coerce.number().int().min(100).max(MAX_BUDGET_MS).optional() });

async function handle(req: NextRequest) {
  // Verify first: nothing touches the database for an unauthenticated caller.
  if (!isCronAuthorized(req.headers.get('authorization'))) {
    return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  }
  const parsed = query.safeParse({ budgetMs: req.nextUrl.searchParams.get('budgetMs') ?? undefined });
  if (!parsed.success) return NextResponse.json({ error: 'budgetMs must be 100..55000' }, { status: 400 });

  const budgetMs = parsed.data.budgetMs ?? Math.min(env().DISPATCH_CRON_BUDGET_MS, MAX_BUDGET_MS);
  // Its own id per call: two overlapping calls on one host must neither share claims (lease owner)
  // nor count as one dispatcher (a lone one paces late calls by itself, dispatch-engine.ts).
  const workerId = `cron:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const counts = await drainDueMessages({ workerId, kind: 'cron', budgetMs });
  return NextResponse.json({ ok: true, budgetMs, ...counts });
}

export async function GET(req: NextRequest) {
  return handle(req);
}

export async function POST(req: NextRequest) {
  return handle(req);
}
