// POST /api/imports/:id/batches - one batch of rows; a retried batch (same batchNo) is applied once.
import { NextResponse, type NextRequest } from 'next/server';
import { requireActionContext } from '@/lib/auth/session';
import { ingestImportBatch } from '@/lib/imports/ingest-import-batch';
import { readJsonBody } from '@/lib/imports/read-json-body';
import { routeError } from '@/lib/http/route-error';
import { requireId } from '@/lib/validation/ids';

export const runtime = 'nodejs';
export const maxDuration = 60;

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireActionContext('admin');
    const id = requireId((await params).id, 'Import not found.');
    return NextResponse.json(await ingestImportBatch(ctx.workspace.id, id, (await readJsonBody(req)) as never));
  } catch (err) {
    return routeError(err);
  }
}
