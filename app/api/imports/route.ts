// POST /api/imports - starts a CSV import (file name, columns, mapping, options); batches follow.
import { NextResponse, type NextRequest } from 'next/server';
import { requireActionContext } from '@/lib/auth/session';
import { createImport } from '@/lib/imports/create-import';
import { readJsonBody } from '@/lib/imports/read-json-body';
import { routeError } from '@/lib/http/route-error';

export const runtime = 'nodejs';

export async function POST(req: NextRequest) {
  try {
    const ctx = await requireActionContext('admin');
    const row = await createImport(ctx.workspace.id, (await readJsonBody(req)) as never, { userId: ctx.user.id });
    return NextResponse.json({ id: row.id }, { status: 201 });
  } catch (err) {
    return routeError(err);
  }
}
