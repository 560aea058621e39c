// GET /api/imports/:id/rejections - the rows an import did not apply, as a formula-safe CSV (streamed).
import { type NextRequest } from 'next/server';
import { requireActionContext } from '@/lib/auth/session';
import { importRejectionsCsvChunks } from '@/lib/imports/list-import-rejections';
import { getImport } from '@/lib/imports/get-import';
import { routeError } from '@/lib/http/route-error';
import { requireId } from '@/lib/validation/ids';

export const runtime = 'nodejs';

export async function GET(_req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireActionContext();
    const id = requireId((await params).id, 'Import not found.');
    await getImport(ctx.workspace.id, id); // a 404 before the stream starts
    const chunks = importRejectionsCsvChunks(ctx.workspace.id, id);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(body, {
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
