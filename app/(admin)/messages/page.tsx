import { faFileLines, faPlus } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { TemplatesTable } from '@/components/messages/templates-table';
import { EmptyState } from '@/components/ui/empty-state';
import { requirePageContext } from '@/lib/auth/session';
import { listTemplates } from '@/lib/templates/list-templates';
import { archiveTemplateAction } from './actions';

export const metadata: Metadata = { title: 'Messages' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MessagesPage({ searchParams }: Props) {
  const ctx = await requirePageContext();
  // Old links (e.g. the dashboard's status counts) filtered the log here: it now lives at /messages/log.
  const { status } = await searchParams;
  if (typeof status === 'string' && /^[a-z_]{1,20}$/.test(status)) redirect(`/messages/log?status=${status}`);
  const templates = await listTemplates(ctx.workspace.id);
  const canEdit = ctx.role !== 'agent';

  return (
    <>
      <div className="d-flex flex-wrap align-items-center gap-2 mb-3">
        <h2 className="h5 mb-0 me-auto">Personalized messages</h2>
        {canEdit && (
          <Link href="/messages/new" className="btn btn-success">
            <FontAwesomeIcon icon={faPlus} className="me-1" />
            New message
          </Link>
        )}
      </div>
      {templates.length === 0 ? (
        <EmptyState icon={faFileLines} title="No personalized messages yet" headingLevel={3}>
          <p className="mb-0">
            A message is session text with placeholders such as {'{{first_name|there}}'}, or an approved WhatsApp template whose
            parameters come from each lead.
          </p>
        </EmptyState>
      ) : (
        <TemplatesTable templates={templates} archiveAction={canEdit ? archiveTemplateAction : undefined} />
      )}
    </>
  );
}
