import type { Metadata } from 'next';
import Link from 'next/link';
import { Fragment, type ReactNode } from 'react';
import Badge from 'react-bootstrap/Badge';
import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import CardHeader from 'react-bootstrap/CardHeader';
import { PageHeader } from '@/components/ui/page-header';
import { formatNumber } from '@/components/ui/format';
import { requirePageContext } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Settings' };

function Keywords({ words }: { words: string[] }) {
  if (words.length === 0) return <span className="text-muted">None</span>;
  return (
    <>
      {words.map((w) => (
        <Badge key={w} bg="light" text="dark" className="border me-1">{w}</Badge>
      ))}
    </>
  );
}

export default async function SettingsPage() {
  const ctx = await requirePageContext();
  const ws = ctx.workspace;
  const rows: [string, ReactNode][] = [
    ['Name', ws.name],
    ['Slug', <code key="slug">{ws.slug}</code>],
    ['Workspace ID', <code key="id" data-testid="workspace-id">{ws.id}</code>],
    ['Default country', ws.defaultCountry],
    ['Time zone', ws.timezone],
    [
      'Daily recipient cap',
      ws.dailyRecipientCap === null ? 'Unlimited' : `${formatNumber(ws.dailyRecipientCap)} unique recipients per 24 hours`,
    ],
    ['Opt-out keywords', <Keywords key="out" words={ws.optOutKeywords} />],
    ['Opt-in keywords', <Keywords key="in" words={ws.optInKeywords} />],
    ['Your role', <span key="role" className="text-capitalize">{ctx.role}</span>],
  ];

  return (
    <>
      <PageHeader title="Settings">This workspace&apos;s configuration.</PageHeader>
      <Card className="shadow-sm border-0" style={{ maxWidth: 720 }}>
        <CardHeader as="h2" className="h6 bg-white">Workspace</CardHeader>
        <CardBody>
          <dl className="row mb-0">
            {rows.map(([label, value]) => (
              <Fragment key={label}>
                <dt className="col-sm-4 fw-normal text-muted">{label}</dt>
                <dd className="col-sm-8">{value}</dd>
              </Fragment>
            ))}
          </dl>
          <p className="small text-muted mt-3 mb-0">
            A lead who sends one of the opt-out keywords stops receiving messages; an opt-in keyword resumes them. The
            daily cap follows Meta&apos;s messaging tier for business-initiated conversations.
          </p>
        </CardBody>
      </Card>
      {(ctx.role === 'owner' || ctx.role === 'admin') && (
        <Card className="shadow-sm border-0 mt-4" style={{ maxWidth: 720 }}>
          <CardHeader as="h2" className="h6 bg-white">Integrations</CardHeader>
          <CardBody>
            <ul className="mb-0">
              <li><Link href="/settings/api-keys">API keys</Link>: let your own systems read and change this workspace.</li>
              <li><Link href="/settings/api">GraphQL API</Link>: the in-app explorer and the schema.</li>
              <li><Link href="/settings/webhooks">Webhooks</Link>: send signed events to your systems when leads and messages change.</li>
            </ul>
          </CardBody>
        </Card>
      )}
    </>
  );
}
