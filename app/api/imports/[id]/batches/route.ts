// POST /api/imports/:id/batches - one batch of rows; a retried batch (same batchNo) is applied once.
import { NextResponse, type NextRequest } from 'next/server';
import { requireActionContext } from '@/lib/auth/session';
import { ingestImportBatch } from '@/lib/imports/ingest-import-batch';
import { readJsonBody } from '@/lib/imports/read-json-body';
import { routeError } from '@/lib/http/route-error';

export const runtime = 'nodejs';
export const maxDuration = 60;

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireActionContext('admin');
    const { id } = await params;
    return NextResponse.json(await ingestImportBatch(ctx.workspace.id, id, (await readJsonBody(req)) as never));
  } catch (err) {
    return routeError(err);
  }
}
