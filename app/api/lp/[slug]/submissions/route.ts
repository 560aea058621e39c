// POST /api/lp/<slug>/submissions - JSON submissions from a team's own form on another site
import { NextResponse, after, type NextRequest } from 'next/server';
import { kickDispatcher } from '@/lib/dispatch/kick-dispatcher';
import { readJsonBody } from '@/lib/imports/read-json-body';
import { routeError } from '@/lib/http/route-error';
import { submissionCorsHeaders, toFormValues } from '@/lib/leadgen/submission-cors';
import { submitLandingPage } from '@/lib/leadgen/submit-landing-page';
import { clientIp } from '@/lib/rate-limit/client-ip';

type Ctx = { params: Promise<{ slug: string }> };
const MAX_BODY_BYTES = 16_384;

export async function OPTIONS(req: NextRequest, { params }: Ctx) {
  const cors = await submissionCorsHeaders((await params).slug, req.headers.get('origin'));
  return new NextResponse(null, { status: 204, headers: cors });
}

export async function POST(req: NextRequest, { params }: Ctx) {
  const { slug } = await params;
  const cors = await submissionCorsHeaders(slug, req.headers.get('origin'));
  try {
    const raw = toFormValues(await readJsonBody(req, MAX_BODY_BYTES));
    const h = req.headers;
    const r = await submitLandingPage(slug, raw, { ip: clientIp(h), userAgent: h.get('user-agent'), referrer: h.get('referer'), landingUrl: h.get('origin') }, { channel: 'json' });
    if (r.status === 'success') {
      if (r.queued > 0) after(kickDispatcher);
      return NextResponse.json({ ok: true, message: r.message, whatsappUrl: r.whatsappUrl }, { status: 201, headers: cors });
    }
    if (r.code === 'not_found') return NextResponse.json({ error: { code: 'NOT_FOUND', message: r.message } }, { status: 404, headers: cors });
    if (r.code === 'rate_limited') {
      return NextResponse.json({ error: { code: 'RATE_LIMITED', message: r.message } }, { status: 429, headers: { ...cors, 'Retry-After': String(r.retryAfter ?? 60) } });
    }
    return NextResponse.json({ error: { code: 'BAD_USER_INPUT', message: r.message, fields: r.fields } }, { status: 422, headers: cors });
  } catch (err) {
    const res = routeError(err);
    for (const [k, v] of Object.entries(cors)) res.headers.set(k, v);
    return res;
  }
}
