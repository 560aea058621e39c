// POST /api/imports/presets - saves the current column mapping (and options) under a name.
import { NextResponse, type NextRequest } from 'next/server';
import { requireActionContext } from '@/lib/auth/session';
import { saveImportPreset } from '@/lib/imports/import-presets';
import { readJsonBody } from '@/lib/imports/read-json-body';
import { routeError } from '@/lib/http/route-error';

export const runtime = 'nodejs';

export async function POST(req: NextRequest) {
  try {
    const ctx = await requireActionContext('admin');
    return NextResponse.json(await saveImportPreset(ctx.workspace.id, (await readJsonBody(req, 200_000)) as never));
  } catch (err) {
    return routeError(err);
  }
}
