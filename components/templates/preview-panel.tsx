'use client';

import { faPaperPlane } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import { useEffect, useMemo, useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import type { ParameterMapping } from '@/db/schema/templates';
import type { ActionResult } from '@/lib/http/action-result';
import { renderTemplate } from '@/lib/messages/render-template';
import { renderWhatsAppTemplate } from '@/lib/messages/render-template-whatsapp';
import { SAMPLE_LEAD_ID, SAMPLE_LEAD_WITH_MISSING_FIELDS } from '@/lib/templates/sample-lead';
import type { TemplateFormValues } from '@/lib/templates/schema';
import type { PreviewLead } from '@/lib/templates/search-preview-leads';
import type { SendTestResult } from '@/lib/templates/send-template-draft-now';
import { WhatsAppBubble } from './whatsapp-bubble';

export type SenderOption = { id: string; label: string; detail: string };

type Props = {
  draft: TemplateFormValues;
  waComponents: Record<string, unknown>[] | null;
  initialLeads: PreviewLead[];
  senders: SenderOption[];
  searchLeads: (input: unknown) => Promise<ActionResult<PreviewLead[]>>;
  sendTest: (input: unknown) => Promise<ActionResult<SendTestResult>>;
};

const leadLabel = (l: PreviewLead) => `${l.name?.trim() || 'No name'} · ${l.phoneE164}${l.email ? '' : ' · no email'}`;

export function PreviewPanel({ draft, waComponents, initialLeads, senders, searchLeads, sendTest }: Props) {
  const [query, setQuery] = useState('');
  const [leads, setLeads] = useState(initialLeads);
  const [leadId, setLeadId] = useState<string>(initialLeads[0]?.id ?? SAMPLE_LEAD_ID);
  const [known, setKnown] = useState(() => new Map(initialLeads.map((l) => [l.id, l])));
  const [senderId, setSenderId] = useState(senders[0]?.id ?? '');
  const [to, setTo] = useState('');
  const [sending, setSending] = useState(false);
  const [answer, setAnswer] = useState<{ variant: 'success' | 'danger'; lines: string[] } | null>(null);

  useEffect(() => {
    const q = query.trim();
    const timer = setTimeout(async () => {
      const r = await searchLeads({ q });
      if (!r.ok) return;
      setLeads(r.data);
      setKnown((prev) => new Map([...prev, ...r.data.map((l) => [l.id, l] as const)]));
    }, 250);
    return () => clearTimeout(timer);
  }, [query, searchLeads]);

  const lead = leadId === SAMPLE_LEAD_ID ? SAMPLE_LEAD_WITH_MISSING_FIELDS : (known.get(leadId) ?? SAMPLE_LEAD_WITH_MISSING_FIELDS);
  const rendered = useMemo(() => {
    if (draft.kind === 'session_text') {
      const r = renderTemplate(draft.body, lead);
      return { body: r.text, buttons: [], missing: r.missing.map((f) => `{{${f}}}`) } as ReturnType<typeof renderWhatsAppTemplate>;
    }
    if (!waComponents) return { body: '', buttons: [], missing: [] };
    return renderWhatsAppTemplate(waComponents, draft.parameterMapping as ParameterMapping[], lead);
  }, [draft, waComponents, lead]);

  async function onSend() {
    setSending(true);
    setAnswer(null);
    try {
      const r = await sendTest({ senderPhoneId: senderId, to, leadId, draft });
      if (!r.ok) setAnswer({ variant: 'danger', lines: [r.message, ...Object.values(r.fields ?? {}).filter((m) => m !== r.message)] });
      else if (r.data.ok) setAnswer({ variant: 'success', lines: [`Accepted by WhatsApp. Message id: ${r.data.providerMessageId}`, ...(r.data.waId ? [`WhatsApp id of the recipient: ${r.data.waId}`] : [])] });
      else {
        const f = r.data.failure;
        setAnswer({ variant: 'danger', lines: [`${f.code === null ? 'Not sent' : `Error ${f.code}`}${f.decision ? ` (${f.decision.replace(/_/g, ' ')})` : ''}: ${f.explanation}`, `Details: ${f.detail}`] });
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="bg-white rounded shadow-sm p-3">
      <h2 className="h6">Preview</h2>
      <Form.Group className="mb-2" controlId="preview-search">
        <Form.Label className="small mb-1">Find a lead</Form.Label>
        <Form.Control size="sm" type="search" placeholder="Name, email or phone" value={query} onChange={(e) => setQuery(e.target.value)} />
      </Form.Group>
      <Form.Group className="mb-3" controlId="preview-lead">
        <Form.Label className="small mb-1">Preview as</Form.Label>
        <Form.Select size="sm" value={leadId} onChange={(e) => setLeadId(e.target.value)}>
          <option value={SAMPLE_LEAD_ID}>Sample lead with missing fields (no name, email or attributes)</option>
          {leadId !== SAMPLE_LEAD_ID && !leads.some((l) => l.id === leadId) && known.get(leadId) && (
            <option value={leadId}>{leadLabel(known.get(leadId)!)}</option>
          )}
          {leads.map((l) => (
            <option key={l.id} value={l.id}>{leadLabel(l)}</option>
          ))}
        </Form.Select>
      </Form.Group>
      <WhatsAppBubble header={rendered.header} body={rendered.body} footer={rendered.footer} buttons={rendered.buttons} />
      {rendered.missing.length > 0 && (
        <p className="small text-danger mt-2 mb-0" data-testid="preview-missing">
          No value and no fallback for {rendered.missing.join(', ')}: this lead would not get the message.
        </p>
      )}
      <hr />
      <h2 className="h6">Send a test</h2>
      {senders.length === 0 ? (
        <p className="small text-muted mb-0">Add a phone on the Phones page to send tests.</p>
      ) : (
        <>
          <Form.Group className="mb-2" controlId="test-sender">
            <Form.Label className="small mb-1">From</Form.Label>
            <Form.Select size="sm" value={senderId} onChange={(e) => setSenderId(e.target.value)}>
              {senders.map((s) => (
                <option key={s.id} value={s.id}>{s.label} ({s.detail})</option>
              ))}
            </Form.Select>
          </Form.Group>
          <Form.Group className="mb-2" controlId="test-to">
            <Form.Label className="small mb-1">To (any WhatsApp number)</Form.Label>
            <Form.Control size="sm" type="tel" placeholder="+55 11 98765-4321" value={to} onChange={(e) => setTo(e.target.value)} />
          </Form.Group>
          <Button size="sm" variant="success" disabled={sending || !to.trim()} onClick={onSend}>
            <FontAwesomeIcon icon={faPaperPlane} className="me-1" />
            {sending ? 'Sending…' : 'Send test'}
          </Button>
          {answer && (
            <Alert variant={answer.variant} className="small mt-2 mb-0 text-break" role="status" data-testid="send-test-result">
              {answer.lines.map((l) => (
                <div key={l}>{l}</div>
              ))}
            </Alert>
          )}
        </>
      )}
    </div>
  );
}
