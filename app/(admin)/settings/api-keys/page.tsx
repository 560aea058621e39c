import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiKeysManager } from '@/components/settings/api-keys-manager';
import { PageHeader } from '@/components/ui/page-header';
import { listApiKeys } from '@/lib/api-keys/list-api-keys';
import { requirePageContext } from '@/lib/auth/session';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const ctx = await requirePageContext('admin');
  const keys = await listApiKeys(ctx.workspace.id);
  return (
    <>
      <PageHeader title="API keys">
        Keys let your own systems use the <Link href="/settings/api">GraphQL API</Link> as this workspace. Send one as{' '}
        <code>Authorization: Bearer wl_live_…</code>.
      </PageHeader>
      <ApiKeysManager
        keys={keys.map((k) => ({
          ...k,
          createdAt: k.createdAt.toISOString(),
          lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
          expiresAt: k.expiresAt?.toISOString() ?? null,
          revokedAt: k.revokedAt?.toISOString() ?? null,
        }))}
        actions={{ create: createApiKeyAction, revoke: revokeApiKeyAction }}
      />
    </>
  );
}
