// DELETE /api/imports/presets/:presetId - removes a saved mapping.
import { NextResponse, type NextRequest } from 'next/server';
import { requireActionContext } from '@/lib/auth/session';
import { deleteImportPreset } from '@/lib/imports/import-presets';
import { routeError } from '@/lib/http/route-error';

export const runtime = 'nodejs';

export async function DELETE(_req: NextRequest, { params }: { params: Promise<{ presetId: string }> }) {
  try {
    const ctx = await requireActionContext('admin');
    await deleteImportPreset(ctx.workspace.id, (await params).presetId);
    return NextResponse.json({ ok: true });
  } catch (err) {
    return routeError(err);
  }
}
