// GET/POST /api/sandbox/graph/* - the built-in fake WhatsApp Cloud API (only when the sandbox is enabled)
import type { NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { replyToResponse } from '@/lib/whatsapp/fake/fake-reply';
import { getSandbox } from '@/lib/whatsapp/fake/sandbox';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function serve(req: NextRequest): Promise<Response> {
  if (!env().isSandboxEnabled) return new Response('Not found', { status: 404 });
  return replyToResponse(await getSandbox().handle(req));
}

export async function GET(req: NextRequest) {
  return serve(req);
}

export async function POST(req: NextRequest) {
  return serve(req);
}
