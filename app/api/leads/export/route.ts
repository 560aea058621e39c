// GET /api/leads/export - the leads matching the page's filter (or ?ids=...) as a CSV download.
import type { NextRequest } from 'next/server';
import { requireActionContext } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { exportLeadsCsv } from '@/lib/leads/export-leads';
import { exportSelectionFromParams } from '@/lib/leads/export-selection';
import { describeError, log } from '@/lib/log/logger';

export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest): Promise<Response> {
  const encoder = new TextEncoder();
  let chunks: AsyncGenerator<string>;
  let first: IteratorResult<string>;
  try {
    const ctx = await requireActionContext();
    chunks = exportLeadsCsv(ctx.workspace.id, exportSelectionFromParams(req.nextUrl.searchParams));
    // The header row comes first: bad input or a dead database answer with a status, not a
    // broken download.
    first = await chunks.next();
  } catch (err) {
    if (isAppError(err)) return Response.json({ error: err.message, fields: err.fields }, { status: err.httpStatus });
    log.error('lead export failed', describeError(err));
    return Response.json({ error: 'Something went wrong while exporting.' }, { status: 500 });
  }

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        // Headers are sent: end the download broken rather than silently short.
        log.error('lead export failed mid-stream', describeError(err));
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="leads-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
