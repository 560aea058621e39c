// GET /api/leads/dataset - the unified lead dataset (CSV or JSON Lines) of the leads list's filter.
import type { NextRequest } from 'next/server';
import { WORKSPACE_COOKIE } from '@/lib/auth/session';
import { routeError } from '@/lib/http/route-error';
import { textStream } from '@/lib/http/text-stream';
import { datasetCaller } from '@/lib/leads/dataset-caller';
import { datasetRequestFromParams } from '@/lib/leads/dataset-request';
import { exportLeadDataset } from '@/lib/leads/export-lead-dataset';

export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest): Promise<Response> {
  let chunks: AsyncGenerator<string>;
  let first: IteratorResult<string>;
  let format: 'csv' | 'jsonl';
  try {
    const { workspaceId } = await datasetCaller(req.headers, req.cookies.get(WORKSPACE_COOKIE)?.value);
    const request = datasetRequestFromParams(req.nextUrl.searchParams);
    format = request.format === 'jsonl' ? 'jsonl' : 'csv';
    chunks = exportLeadDataset(workspaceId, request);
    // The first chunk before the headers: bad input answers with a status, not a broken file.
    first = await chunks.next();
  } catch (err) {
    return routeError(err);
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(textStream(chunks, first, 'lead dataset export'), {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="lead-dataset-${day}.${format}"`,
      'Cache-Control': 'no-store',
    },
  });
}
