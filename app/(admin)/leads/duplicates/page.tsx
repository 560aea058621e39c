// /leads/duplicates - candidate duplicate pairs by confidence, side by side, with merge (admins).
import type { Metadata } from 'next';
import Link from 'next/link';
import Alert from 'react-bootstrap/Alert';
import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import CardHeader from 'react-bootstrap/CardHeader';
import { z } from 'zod';
import { DuplicateTools } from '@/components/duplicates/duplicate-tools';
import { MergePairForm, type ChoosableField, type PairLead } from '@/components/duplicates/merge-pair-form';
import { UndoMergeButton } from '@/components/duplicates/undo-merge-button';
import { PageHeader } from '@/components/ui/page-header';
import { formatDateTime, SOURCE_LABELS } from '@/components/ui/format';
import type { Lead } from '@/db/schema';
import { requirePageContext } from '@/lib/auth/session';
import { getMergeSummary } from '@/lib/duplicates/list-lead-merges';
import { listDuplicateCandidates } from '@/lib/duplicates/list-duplicate-candidates';
import { defaultSide } from '@/lib/duplicates/merge-values';
import { MERGE_FIELDS } from '@/lib/duplicates/schema';
import { scanDuplicatesIfStale } from '@/lib/duplicates/scan-duplicates';
import { lenientShape, queryParam } from '@/lib/validation/query-param';
import { idSchema } from '@/lib/validation/strict-values';

export const metadata: Metadata = { title: 'Duplicates' };

const REASON_LABELS: Record<string, string> = {
  same_email: 'Same e-mail',
  same_wa_id: 'Same WhatsApp id',
  same_line: 'Same phone line written two ways',
  name_domain_near_phone: 'Same name and e-mail domain, nearly the same phone',
};

const cursorSchema = z.string().regex(/^[0-9a-f-]{36}\.[0-9a-f-]{36}$/i).transform((v) => v.split('.')).pipe(z.tuple([idSchema, idSchema]));
const paramsSchema = z.object(
  lenientShape({
    confidence: queryParam(z.enum(['high', 'low']).optional()),
    cursor: queryParam(cursorSchema.optional()),
    merged: queryParam(idSchema.optional()),
  }),
);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function toPairLead(l: Lead, tz: string): PairLead {
  return {
    id: l.id,
    name: l.name,
    email: l.email,
    phoneE164: l.phoneE164,
    waId: l.waId,
    lifecycleStatus: l.lifecycleStatus,
    tags: l.tags,
    attributes: l.attributes,
    consent: l.consentAt ? `${formatDateTime(l.consentAt, tz)}${l.consentSource ? ` via ${l.consentSource}` : ''}` : 'none',
    optedOut: l.optedOutAt ? formatDateTime(l.optedOutAt, tz) : 'no',
    created: formatDateTime(l.createdAt, tz),
    source: SOURCE_LABELS[l.source] ?? l.source,
  };
}

export default async function DuplicatesPage({ searchParams }: Props) {
  const ctx = await requirePageContext('admin');
  const tz = ctx.workspace.timezone;
  const params = paramsSchema.parse(await searchParams);
  const confidence = params.confidence ?? 'high';
  await scanDuplicatesIfStale(ctx.workspace.id);
  const after = params.cursor ? { a: params.cursor[0], b: params.cursor[1] } : null;
  const [page, justMerged] = await Promise.all([
    listDuplicateCandidates(ctx.workspace.id, { confidence, after }),
    params.merged ? getMergeSummary(ctx.workspace.id, params.merged) : null,
  ]);

  return (
    <>
      <nav aria-label="Breadcrumb" className="small mb-2">
        <Link href="/leads">Leads</Link> / <span aria-current="page">Duplicates</span>
      </nav>
      <PageHeader title="Duplicates">
        Leads that may be one person.{' '}
        {page.scan ? `Last scanned ${formatDateTime(page.scan.finishedAt, tz)} (${page.scan.durationMs} ms).` : ''}
      </PageHeader>
      {justMerged && (
        <Alert variant="success" data-testid="merge-done">
          Merged {justMerged.merged} into <Link href={`/leads/${justMerged.survivorId}`}>{justMerged.survivor}</Link>.{' '}
          <UndoMergeButton mergeId={justMerged.id} />
        </Alert>
      )}
      <div className="mb-3">
        <DuplicateTools />
      </div>
      <ul className="nav nav-tabs mb-3">
        {(['high', 'low'] as const).map((c) => (
          <li className="nav-item" key={c}>
            <Link href={`/leads/duplicates?confidence=${c}`} className={`nav-link${c === confidence ? ' active' : ''}`} aria-current={c === confidence ? 'page' : undefined}>
              {c === 'high' ? 'High confidence' : 'Low confidence (hints)'} ({page.counts[c]})
            </Link>
          </li>
        ))}
      </ul>
      {page.pairs.length === 0 && <p className="text-muted">No candidate pairs here.</p>}
      {page.pairs.map((p, i) => {
        const defaults = Object.fromEntries(MERGE_FIELDS.map((f) => [f, defaultSide(p.a, p.b, f) === 'survivor' ? 'a' : 'b'])) as Record<ChoosableField, 'a' | 'b'>;
        return (
          <Card key={`${p.a.id}.${p.b.id}`} className="shadow-sm border-0 mb-3" data-testid="duplicate-pair">
            <CardHeader as="h2" className="h6 bg-white">
              Pair {i + 1}: {p.reasons.map((r) => REASON_LABELS[r] ?? r).join(' · ')}
            </CardHeader>
            <CardBody>
              <p className="small mb-2">
                <Link href={`/leads/${p.a.id}`}>Open lead A</Link> · <Link href={`/leads/${p.b.id}`}>Open lead B</Link>
              </p>
              <MergePairForm n={i + 1} a={toPairLead(p.a, tz)} b={toPairLead(p.b, tz)} defaults={defaults} />
            </CardBody>
          </Card>
        );
      })}
      {page.next && (
        <Link href={`/leads/duplicates?confidence=${confidence}&cursor=${page.next}`} className="btn btn-outline-secondary">
          Next pairs
        </Link>
      )}
    </>
  );
}
