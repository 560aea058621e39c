// POST /api/imports/:id/finish - all batches are in: the import is completed.
import { NextResponse, type NextRequest } from 'next/server';
import { requireActionContext } from '@/lib/auth/session';
import { finishImport } from '@/lib/imports/finish-import';
import { routeError } from '@/lib/http/route-error';
import { requireId } from '@/lib/validation/ids';

export const runtime = 'nodejs';

export async function POST(_req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireActionContext('admin');
    const id = requireId((await params).id, 'Import not found.');
    return NextResponse.json(await finishImport(ctx.workspace.id, id));
  } catch (err) {
    return routeError(err);
  }
}
