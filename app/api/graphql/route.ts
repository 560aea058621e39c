// GET, POST /api/graphql - the GraphQL API for integrators (API keys) and the in-app explorer (session)
import type { NextRequest } from 'next/server';
import { routeError } from '@/lib/http/route-error';
import { handleGraphQL } from '@/lib/graphql/server';

export const dynamic = 'force-dynamic';

async function handle(req: NextRequest): Promise<Response> {
  try {
    return await handleGraphQL(req);
  } catch (err) {
    return routeError(err);
  }
}

export async function GET(req: NextRequest): Promise<Response> {
  return handle(req);
}

export async function POST(req: NextRequest): Promise<Response> {
  return handle(req);
}
