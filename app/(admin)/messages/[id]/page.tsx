import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TemplateEditor } from '@/components/templates/template-editor';
import { requirePageContext } from '@/lib/auth/session';
import { pageId } from '@/lib/validation/ids';
import { isAppError } from '@/lib/errors';
import { getEditorData } from '@/lib/templates/get-editor-data';
import { getTemplate } from '@/lib/templates/get-template';
import { saveTemplateAction, searchPreviewLeadsAction, sendTestMessageAction } from '../actions';

export const metadata: Metadata = { title: 'Edit message' };

const ACTIONS = { save: saveTemplateAction, searchLeads: searchPreviewLeadsAction, sendTest: sendTestMessageAction };

type Props = { params: Promise<{ id: string }> };

export default async function EditMessagePage({ params }: Props) {
  const ctx = await requirePageContext('admin');
  const id = pageId((await params).id);
  const [template, data] = await Promise.all([
    getTemplate(ctx.workspace.id, id).catch((err) => {
      if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
      throw err;
    }),
    getEditorData(ctx.workspace.id),
  ]);
  return (
    <>
      <h2 className="h5 mb-3">Edit {template.name}</h2>
      <TemplateEditor {...data} actions={ACTIONS} initial={template} />
    </>
  );
}
