// DELETE /api/imports/presets/:presetId - removes a saved mapping.
import { NextResponse, type NextRequest } from 'next/server';
import { requireActionContext } from '@/lib/auth/session';
import { deleteImportPreset } from '@/lib/imports/import-presets';
import { routeError } from '@/lib/http/route-error';
import { requireId } from '@/lib/validation/ids';

export const runtime = 'nodejs';

export async function DELETE(_req: NextRequest, { params }: { params: Promise<{ presetId: string }> }) {
  try {
    const ctx = await requireActionContext('admin');
    await deleteImportPreset(ctx.workspace.id, requireId((await params).presetId, 'Preset not found.'));
    return NextResponse.json({ ok: true });
  } catch (err) {
    return routeError(err);
  }
}
