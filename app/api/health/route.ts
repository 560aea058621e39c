// GET /api/health - liveness for load balancers and uptime checks: database, migrations, dispatcher
import { NextResponse } from 'next/server';
import { getHealth } from '@/lib/health/get-health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const { httpStatus, body } = await getHealth();
  return NextResponse.json(body, { status: httpStatus, headers: { 'cache-control': 'no-store' } });
}
