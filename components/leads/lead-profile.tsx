import type { ReactNode } from 'react';
import Badge from 'react-bootstrap/Badge';
import type { Lead } from '@/db/schema';
import { formatDateTime, SOURCE_LABELS } from '@/components/ui/format';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="col-5 text-muted fw-normal small">{label}</dt>
      <dd className="col-7 mb-2 text-break">{children}</dd>
    </>
  );
}

export function LeadProfile({ lead, timeZone }: { lead: Lead; timeZone: string }) {
  const attributes = Object.entries(lead.attributes ?? {});
  return (
    <>
      <dl className="row mb-0">
        <Field label="Phone">{lead.phoneE164}</Field>
        {lead.waId && lead.waId !== lead.phoneE164.replace('+', '') && <Field label="WhatsApp ID">{lead.waId}</Field>}
        <Field label="E-mail">{lead.email || <span className="text-muted">—</span>}</Field>
        <Field label="Source">{SOURCE_LABELS[lead.source] ?? lead.source}</Field>
        <Field label="Status"><span className="text-capitalize">{lead.lifecycleStatus}</span></Field>
        <Field label="Created">{formatDateTime(lead.createdAt, timeZone)}</Field>
        <Field label="Updated">{formatDateTime(lead.updatedAt, timeZone)}</Field>
        <Field label="Last reply">{formatDateTime(lead.lastInboundAt, timeZone)}</Field>
        <Field label="Tags">
          {lead.tags.length === 0 ? (
            <span className="text-muted">None</span>
          ) : (
            lead.tags.map((t) => <Badge key={t} bg="light" text="dark" className="border me-1">{t}</Badge>)
          )}
        </Field>
      </dl>

      <h3 className="h6 mt-3">Consent</h3>
      {lead.consentAt ? (
        <p className="small mb-2">
          Given {formatDateTime(lead.consentAt, timeZone)}
          {lead.consentSource && <> via {lead.consentSource}</>}
          {lead.consentText && <span className="d-block text-muted fst-italic mt-1">“{lead.consentText}”</span>}
        </p>
      ) : (
        <p className="small text-muted mb-2">No consent recorded.</p>
      )}
      {lead.optedOutAt && (
        <p className="small mb-2">
          <Badge bg="danger" className="me-1">Opted out</Badge>
          {formatDateTime(lead.optedOutAt, timeZone)}: no more messages are sent to this lead.
        </p>
      )}

      <h3 className="h6 mt-3">Custom attributes</h3>
      {attributes.length === 0 ? (
        <p className="small text-muted mb-0">None.</p>
      ) : (
        <dl className="row mb-0 small">
          {attributes.map(([key, value]) => (
            <Field key={key} label={key}>{String(value)}</Field>
          ))}
        </dl>
      )}
    </>
  );
}
