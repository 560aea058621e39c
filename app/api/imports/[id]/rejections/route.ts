// GET /api/imports/:id/rejections - the rows an import did not apply, as a formula-safe CSV.
import { type NextRequest } from 'next/server';
import { requireActionContext } from '@/lib/auth/session';
import { importRejectionsCsv } from '@/lib/imports/list-import-rejections';
import { routeError } from '@/lib/http/route-error';

export const runtime = 'nodejs';

export async function GET(_req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireActionContext();
    const { id } = await params;
    const csv = await importRejectionsCsv(ctx.workspace.id, id);
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="rejected-rows-${id.slice(0, 8)}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (err) {
    return routeError(err);
  }
}
