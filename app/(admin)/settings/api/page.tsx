import type { Metadata } from 'next';
import Link from 'next/link';
import { GraphqlExplorer } from '@/components/api/graphql-explorer';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'API' };

export default async function ApiPage() {
  await requirePageContext('admin');
  return (
    <>
      <PageHeader title="GraphQL API">
        Explore the API as yourself. Your systems use an <Link href="/settings/api-keys">API key</Link> at{' '}
        <code>POST /api/graphql</code>; the schema is at <a href="/api/graphql/schema.graphql">/api/graphql/schema.graphql</a>.
      </PageHeader>
      <GraphqlExplorer />
    </>
  );
}
