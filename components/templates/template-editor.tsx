'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { useForm, useWatch, type DeepPartial, type Resolver } from 'react-hook-form';
import type { ActionResult } from '@/lib/http/action-result';
import { describeFields } from '@/lib/messages/render-template';
import { templateFormSchema, type TemplateFormInput, type TemplateFormValues } from '@/lib/templates/schema';
import type { PreviewLead } from '@/lib/templates/search-preview-leads';
import type { SendTestResult } from '@/lib/templates/send-template-draft-now';
import { TEXT_BODY_MAX, validateTemplate, type FieldCoverage } from '@/lib/templates/validate-template';
import { templateParams } from '@/lib/templates/whatsapp-template-params';
import { ParameterMappingFields } from './parameter-mapping-fields';
import { PreviewPanel, type SenderOption } from './preview-panel';

export type WaTemplateOption = { id: string; name: string; language: string; category: string | null; status: string; components: Record<string, unknown>[] };

type Props = {
  initial: TemplateFormInput;
  waTemplates: WaTemplateOption[];
  coverage: FieldCoverage;
  attributeKeys: string[];
  initialLeads: PreviewLead[];
  senders: SenderOption[];
  actions: {
    save: (input: unknown) => Promise<ActionResult<{ id: string }>>;
    searchLeads: (input: unknown) => Promise<ActionResult<PreviewLead[]>>;
    sendTest: (input: unknown) => Promise<ActionResult<SendTestResult>>;
  };
};

/** Form values as typed so far, in the validated shape (missing strings become ''). */
function normalize(v: DeepPartial<TemplateFormInput>): TemplateFormValues {
  return {
    id: v.id,
    name: v.name ?? '',
    kind: v.kind ?? 'session_text',
    body: v.body ?? '',
    whatsappTemplateId: v.whatsappTemplateId ?? '',
    parameterMapping: (v.parameterMapping ?? []).map((m) => ({
      component: m?.component ?? 'body',
      index: Number(m?.index ?? 0),
      name: m?.name,
      source: m?.source ?? 'field',
      field: m?.field ?? '',
      value: m?.value ?? '',
      fallback: m?.fallback ?? '',
    })),
  };
}

export function TemplateEditor({ initial, waTemplates, coverage, attributeKeys, initialLeads, senders, actions }: Props) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const { register, handleSubmit, control, setValue, formState } = useForm<TemplateFormInput>({
    resolver: zodResolver(templateFormSchema) as unknown as Resolver<TemplateFormInput>,
    defaultValues: initial,
  });
  const watched = useWatch({ control });
  const draft = useMemo(() => normalize(watched), [watched]);
  const wa = waTemplates.find((t) => t.id === draft.whatsappTemplateId) ?? null;
  const params = useMemo(() => (wa ? templateParams(wa.components) : []), [wa]);
  const issues = useMemo(() => validateTemplate(draft, { coverage, whatsappTemplate: wa }), [draft, coverage, wa]);
  const fields = useMemo(() => describeFields(attributeKeys), [attributeKeys]);

  const errorFor = (path: string) =>
    issues.find((i) => i.path === path && i.severity === 'error')?.message ?? serverErrors[path] ?? (formState.errors as Record<string, { message?: string }>)[path]?.message;

  function chooseTemplate(id: string) {
    setValue('whatsappTemplateId', id);
    const t = waTemplates.find((x) => x.id === id);
    // A new template means new parameters: one mapping row each, a lead field by default.
    setValue(
      'parameterMapping',
      (t ? templateParams(t.components) : []).map((p) => ({ component: p.component, index: p.index, name: p.name, source: 'field' as const, field: '', value: '', fallback: '' })),
    );
  }

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setServerErrors({});
    const result = await actions.save(values);
    if (result.ok) {
      router.push('/messages');
      router.refresh();
      return;
    }
    setServerErrors(result.fields ?? {});
    setFormError(result.message);
  });

  const blocking = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const { ref: bodyRef, ...bodyField } = register('body');
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  // Inserts at the cursor (or replaces the selection), then puts the cursor after the placeholder.
  const insert = (field: string, fallback: string) => {
    const token = `{{${field}${fallback ? `|${fallback}` : ''}}}`;
    const el = textarea.current;
    const start = el?.selectionStart ?? draft.body.length;
    const end = el?.selectionEnd ?? start;
    setValue('body', draft.body.slice(0, start) + token + draft.body.slice(end), { shouldDirty: true });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <Row className="g-4">
      <Col lg={7}>
        <Form noValidate onSubmit={onSubmit} className="bg-white rounded shadow-sm p-3 p-md-4">
          {formError && <Alert variant="danger">{formError}</Alert>}
          <Form.Group className="mb-3" controlId="template-name">
            <Form.Label>Name</Form.Label>
            <Form.Control isInvalid={!!formState.errors.name} {...register('name')} />
            <Form.Control.Feedback type="invalid">{formState.errors.name?.message}</Form.Control.Feedback>
          </Form.Group>
          <fieldset className="mb-3">
            <legend className="form-label fs-6">Kind</legend>
            <Form.Check inline type="radio" id="kind-session" value="session_text" label="Session text (inside the 24-hour window)" {...register('kind')} />
            <Form.Check inline type="radio" id="kind-template" value="whatsapp_template" label="Approved WhatsApp template" {...register('kind')} />
          </fieldset>

          {draft.kind === 'session_text' ? (
            <Form.Group className="mb-3" controlId="template-body">
              <Form.Label>Message</Form.Label>
              <Form.Control
                as="textarea"
                rows={7}
                isInvalid={!!errorFor('body')}
                {...bodyField}
                ref={(el: HTMLTextAreaElement | null) => {
                  bodyRef(el);
                  textarea.current = el;
                }}
              />
              <Form.Control.Feedback type="invalid">{errorFor('body')}</Form.Control.Feedback>
              <div className="d-flex flex-wrap gap-1 mt-2 align-items-center">
                <span className="small text-muted me-1">Insert:</span>
                {fields.map((f) => (
                  <Button key={f.field} size="sm" variant="outline-secondary" className="py-0" onClick={() => insert(f.field, f.field === 'first_name' ? 'there' : '')}>
                    {`{{${f.field}}}`}
                  </Button>
                ))}
              </div>
              <Form.Text>
                {draft.body.length.toLocaleString('en')} / {TEXT_BODY_MAX.toLocaleString('en')} characters. Add a fallback after a bar: {'{{first_name|there}}'}. Format with *bold*, _italic_, ~strike~ and ```monospace```.
              </Form.Text>
            </Form.Group>
          ) : (
            <>
              <Form.Group className="mb-3" controlId="template-wa">
                <Form.Label>WhatsApp template</Form.Label>
                <Form.Select isInvalid={!!errorFor('whatsappTemplateId')} value={draft.whatsappTemplateId} onChange={(e) => chooseTemplate(e.target.value)}>
                  <option value="">{waTemplates.length === 0 ? 'No templates synced yet (Phones → Sync templates)' : 'Choose…'}</option>
                  {waTemplates.map((t) => (
                    <option key={t.id} value={t.id} disabled={t.status !== 'APPROVED' && t.id !== draft.whatsappTemplateId}>
                      {t.name} ({t.language}) · {t.category ?? 'no category'} · {t.status}
                    </option>
                  ))}
                </Form.Select>
                <Form.Control.Feedback type="invalid">{errorFor('whatsappTemplateId')}</Form.Control.Feedback>
              </Form.Group>
              {wa && <ParameterMappingFields params={params} mapping={draft.parameterMapping} register={register} fields={fields} errorFor={errorFor} />}
              {errorFor('parameterMapping') && <p className="small text-danger">{errorFor('parameterMapping')}</p>}
            </>
          )}

          {(blocking.length > 0 || warnings.length > 0) && (
            <ul className="small list-unstyled mb-3" data-testid="template-issues">
              {[...blocking, ...warnings].map((i) => (
                <li key={`${i.path}:${i.message}`} className={i.severity === 'error' ? 'text-danger' : 'text-warning-emphasis'}>
                  {i.severity === 'error' ? 'Error: ' : 'Warning: '}
                  {i.message}
                </li>
              ))}
            </ul>
          )}
          <div className="d-flex gap-2">
            <Button type="submit" variant="success" disabled={formState.isSubmitting || blocking.length > 0}>
              {formState.isSubmitting ? 'Saving…' : 'Save message'}
            </Button>
            <Button variant="outline-secondary" onClick={() => router.push('/messages')}>Cancel</Button>
          </div>
        </Form>
      </Col>
      <Col lg={5}>
        <PreviewPanel draft={draft} waComponents={wa?.components ?? null} initialLeads={initialLeads} senders={senders} searchLeads={actions.searchLeads} sendTest={actions.sendTest} />
      </Col>
    </Row>
  );
}
