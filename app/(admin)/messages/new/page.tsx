import type { Metadata } from 'next';
import { TemplateEditor } from '@/components/templates/template-editor';
import { requirePageContext } from '@/lib/auth/session';
import { getEditorData } from '@/lib/templates/get-editor-data';
import { saveTemplateAction, searchPreviewLeadsAction, sendTestMessageAction } from '../actions';

export const metadata: Metadata = { title: 'New message' };

const ACTIONS = { save: saveTemplateAction, searchLeads: searchPreviewLeadsAction, sendTest: sendTestMessageAction };

export default async function NewMessagePage() {
  const ctx = await requirePageContext('admin');
  const data = await getEditorData(ctx.workspace.id);
  return (
    <>
      <h2 className="h5 mb-3">New personalized message</h2>
      <TemplateEditor {...data} actions={ACTIONS} initial={{ name: '', kind: 'session_text', body: 'Hi {{first_name|there}}! ', whatsappTemplateId: '', parameterMapping: [] }} />
    </>
  );
}
