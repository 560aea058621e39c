import { AppError } from '@/lib/errors';

/** Vercel refuses request bodies over 4.5 MB; the browser sends batches well under it. */
export const MAX_IMPORT_BODY_BYTES = 4_500_000;

/** A route's JSON body, or a typed 400 (not a 500) when it is too big or not JSON. */
export async function readJsonBody(req: Request, maxBytes = MAX_IMPORT_BODY_BYTES): Promise<unknown> {
  // Only JSON: a cross-site <form enctype="text/plain"> can forge a JSON-looking body, not this header.
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new AppError('BAD_USER_INPUT', 'Send the request as application/json.');
  }
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new AppError('BAD_USER_INPUT', `Request too large (${declared} bytes; at most ${maxBytes}).`);
  const text = await req.text();
  if (text.length > maxBytes) throw new AppError('BAD_USER_INPUT', `Request too large (at most ${maxBytes} bytes).`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('BAD_USER_INPUT', 'The request body is not valid JSON.');
  }
}
