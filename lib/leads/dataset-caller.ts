import 'server-only';
import { authenticateApiKey } from '@/lib/api-keys/authenticate-api-key';
import { getSessionContextFor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';

/**
 * Who may download the lead dataset: an API key with the read scope (Authorization: Bearer), or
 * a signed-in owner or admin. Returns the workspace to export.
 */
export async function datasetCaller(headers: Headers, workspaceCookie: string | undefined): Promise<{ workspaceId: string }> {
  const authorization = headers.get('authorization');
  if (authorization) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m) throw new AppError('UNAUTHENTICATED', 'Use Authorization: Bearer <API key>.');
    const { apiKey, workspace } = await authenticateApiKey(m[1]);
    if (!apiKey.scopes.includes('read')) throw new AppError('FORBIDDEN', 'This API key has no read scope.');
    return { workspaceId: workspace.id };
  }
  const session = await getSessionContextFor(headers, workspaceCookie);
  if (!session) throw new AppError('UNAUTHENTICATED', 'Please sign in again.');
  if (session.role === 'agent') throw new AppError('FORBIDDEN', 'This needs the admin role.');
  return { workspaceId: session.workspace.id };
}
