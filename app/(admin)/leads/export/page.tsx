import type { Metadata } from 'next';
import Link from 'next/link';
import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import { IgnoredParams } from '@/components/ui/ignored-params';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { countLeads } from '@/lib/leads/count-leads';
import { DATASET_COLUMNS } from '@/lib/leads/dataset-columns';
import { filterToParams, isFiltered, leadFilterSchema, leadFilterShape } from '@/lib/leads/lead-filters';
import { listAttributeKeys } from '@/lib/leads/list-attribute-keys';
import { queryErrors } from '@/lib/validation/query-param';

export const metadata: Metadata = { title: 'Export the lead dataset' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Leads -> Export: the unified dataset of the leads list's current filter, as a plain GET form
// to /api/leads/dataset (the browser downloads the streamed file itself).
export default async function LeadDatasetExportPage({ searchParams }: Props) {
  const ctx = await requirePageContext('admin');
  const raw = await searchParams;
  const filter = leadFilterSchema.parse(raw);
  const ignored = queryErrors(leadFilterShape, raw);
  const [keys, total] = await Promise.all([listAttributeKeys(ctx.workspace.id, filter), countLeads(ctx.workspace.id, { kind: 'filter', filter })]);
  const params = filterToParams(filter);
  return (
    <>
      <PageHeader title="Export the lead dataset">
        One row per lead: identity, first and last touch, consent, messages by status, replies, appointments and stage.
      </PageHeader>
      <IgnoredParams errors={ignored} labels={{}} />
      <Card className="shadow-sm border-0" style={{ maxWidth: 720 }}>
        <CardBody>
          <p data-testid="dataset-scope">
            {isFiltered(filter) ? 'The leads matching the list’s filters' : 'All leads'}: {total.toLocaleString('en-GB')}.{' '}
            <Link href={`/leads?${params.toString()}`}>Back to the list</Link>
          </p>
          <form method="get" action="/api/leads/dataset">
            {[...params].map(([k, v]) => <input type="hidden" name={k} value={v} key={k} />)}
            <input type="hidden" name="pick" value="1" />
            <fieldset className="mb-3">
              <legend className="h6">File format</legend>
              <div className="form-check">
                <input className="form-check-input" type="radio" name="format" id="format-csv" value="csv" defaultChecked />
                <label className="form-check-label" htmlFor="format-csv">CSV (opens in a spreadsheet; formulas defused)</label>
              </div>
              <div className="form-check">
                <input className="form-check-input" type="radio" name="format" id="format-jsonl" value="jsonl" />
                <label className="form-check-label" htmlFor="format-jsonl">JSON Lines (one JSON object per lead)</label>
              </div>
            </fieldset>
            <fieldset className="mb-3">
              <legend className="h6">Attribute columns</legend>
              {keys.length === 0 && <p className="text-muted small mb-0">These leads have no custom attributes.</p>}
              {keys.map((k, i) => (
                <div className="form-check form-check-inline" key={k}>
                  <input className="form-check-input" type="checkbox" name="attribute" id={`attr-${i}`} value={k} defaultChecked />
                  <label className="form-check-label" htmlFor={`attr-${i}`}>{k}</label>
                </div>
              ))}
            </fieldset>
            <button type="submit" className="btn btn-success">Download</button>
          </form>
          <details className="mt-3 small">
            <summary>Columns</summary>
            <p className="mb-0 text-break">{DATASET_COLUMNS.join(', ')}, then the chosen attributes.</p>
          </details>
        </CardBody>
      </Card>
    </>
  );
}
