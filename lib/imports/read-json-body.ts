import { AppError } from '@/lib/errors';
import { readLimitedBody } from '@/lib/http/read-limited-body';

/** Vercel refuses request bodies over 4.5 MB; the browser sends batches well under it. */
export const MAX_IMPORT_BODY_BYTES = 4_500_000;

/** A route's JSON body, a 413 once it passes `maxBytes` (checked as it streams), or a typed 400 when it is not JSON. */
export async function readJsonBody(req: Request, maxBytes = MAX_IMPORT_BODY_BYTES): Promise<unknown> {
  // Only JSON: a cross-site <form enctype="text/plain"> can forge a JSON-looking body, not this header.
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new AppError('BAD_USER_INPUT', 'Send the request as application/json.');
  }
  const bytes = await readLimitedBody(req, maxBytes);
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new AppError('BAD_USER_INPUT', 'The request body is not valid JSON.');
  }
}
