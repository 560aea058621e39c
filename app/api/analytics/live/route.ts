// GET /api/analytics/live - the workspace's activity stamp, polled by the open Analytics page.
import { getLiveStamp } from '@/lib/analytics/get-live-stamp';
import { requireActionContext } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const ctx = await requireActionContext();
    return Response.json({ stamp: await getLiveStamp(ctx.workspace.id) }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    if (isAppError(err)) return Response.json({ error: err.message }, { status: err.httpStatus });
    throw err;
  }
}
