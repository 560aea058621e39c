// POST /api/imports/:id/revert - undoes an import: removes the leads it created, restores the fields it changed.
import { NextResponse, type NextRequest } from 'next/server';
import { requireActionContext } from '@/lib/auth/session';
import { revertImport } from '@/lib/imports/revert-import';
import { routeError } from '@/lib/http/route-error';
import { requireId } from '@/lib/validation/ids';

export const runtime = 'nodejs';

export async function POST(_req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await requireActionContext('admin');
    const id = requireId((await params).id, 'Import not found.');
    return NextResponse.json(await revertImport(ctx.workspace.id, id));
  } catch (err) {
    return routeError(err);
  }
}
