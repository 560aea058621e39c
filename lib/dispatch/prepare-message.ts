import type { Lead, Message, MessageTemplate, SenderPhone } from '@/db/schema';
import { formatAppointmentFields, leadFieldValue, localeForCountry, renderTemplate, type RenderableLead } from '@/lib/messages/render-template';
import type { OutboundMessage, TemplateComponent } from '@/lib/whatsapp/types';

// Decides, from a claimed message and fresh data, whether and what to send. Pure: no clock, no
// database (the caller reads the window and pause flags with the database clock).

export type PrepareInput = {
  message: Pick<Message, 'id' | 'kind' | 'isBusinessInitiated' | 'toPhone' | 'renderedBody' | 'templateId'> & Partial<Pick<Message, 'payload'>>;
  lead: RenderableLead & Pick<Lead, 'optedOutAt'>;
  isInsideServiceWindow: boolean | null;
  sender: Pick<SenderPhone, 'provider' | 'status' | 'isActive'> | null;
  template: Pick<MessageTemplate, 'body' | 'fallbacks' | 'waTemplateName' | 'waLanguage' | 'parameterMapping'> | null;
  campaignStatus: string | null;
  /** Meta's status of the WhatsApp template as last synced; null when never synced. */
  waTemplateStatus?: string | null;
  /** The campaign's send window is open now (computed by the caller; absent = no window). */
  isInsideSendWindow?: boolean;
  msUntilWindowCheck?: number;
  /** The appointment of an appointment campaign's message, with the workspace's zone and country. */
  appointment?: { title: string | null; startsAt: Date | null; status: string | null } | null;
  hasAppointmentStarted?: boolean | null;
  timeZone?: string;
  defaultCountry?: string;
};

export type SendPlan =
  | { action: 'send'; outbound: OutboundMessage; renderedBody: string }
  | { action: 'skip'; reason: string }
  | { action: 'fail'; reason: string }
  | { action: 'hold'; reason: string; delayMs?: number };

export const TEXT_BODY_MAX = 4096;
const PARAM_MAX = { header: 60, body: 1024, button: 2000 } as const;

export const REMINDER_AFTER_START_REASON = 'the appointment has started or is no longer upcoming: a reminder is never sent late';

export function prepareMessage(raw: PrepareInput): SendPlan {
  const input = withAppointmentFields(raw);
  const { message, lead, sender } = input;
  if (lead.optedOutAt) return { action: 'skip', reason: 'lead opted out' };
  if (message.payload?.appointmentEvent === 'reminder') {
    const a = input.appointment;
    if (!a?.startsAt || input.hasAppointmentStarted !== false || (a.status !== 'scheduled' && a.status !== 'confirmed')) {
      return { action: 'skip', reason: REMINDER_AFTER_START_REASON };
    }
  }
  if (input.campaignStatus === 'stopped') return { action: 'skip', reason: 'campaign stopped' };
  if (!sender) return { action: 'fail', reason: 'no sender phone for this message' };
  if (!sender.isActive || sender.status !== 'active') {
    return { action: 'hold', reason: `sender ${sender.isActive ? sender.status : 'inactive'}: waiting for it to be active` };
  }
  if (input.campaignStatus === 'paused') return { action: 'hold', reason: 'campaign paused' };
  if (input.isInsideSendWindow === false) {
    return { action: 'hold', reason: "outside the campaign's send window", delayMs: input.msUntilWindowCheck };
  }

  // WhatsApp's 24-hour rule: outside the window a business-initiated message must be an approved
  // template, else Meta answers 131047. We check it before calling, but only for real Cloud API
  // numbers: the sandbox sender is exempt so the walking-skeleton demo (a session-text welcome to
  // a brand-new landing-page lead) works. See docs/decisions/004-dispatch-outbox.md.
  if (message.kind === 'text' && message.isBusinessInitiated && sender.provider === 'cloud_api' && !input.isInsideServiceWindow) {
    return {
      action: 'skip',
      reason: 'outside the 24-hour window: a business-initiated message needs an approved WhatsApp template',
    };
  }

  return message.kind === 'template' ? prepareTemplate(input) : prepareText(input);
}

/** The lead as rendered, with {{appointment_*}} values when the message is about an appointment. */
function withAppointmentFields(input: PrepareInput): PrepareInput {
  const a = input.appointment;
  if (!a?.startsAt || a.title === null) return input;
  const fields = formatAppointmentFields({ title: a.title, startsAt: a.startsAt }, input.timeZone ?? 'UTC', localeForCountry(input.defaultCountry ?? 'US'));
  return { ...input, lead: { ...input.lead, appointment: fields } };
}

function prepareText({ message, lead, template }: PrepareInput): SendPlan {
  let body: string;
  if (template) {
    // Rendered now, with the lead's current data, not when the message was queued.
    const rendered = renderTemplate(template.body, lead, template.fallbacks ?? {});
    if (rendered.missing.length > 0) {
      return { action: 'fail', reason: `no value or fallback for ${rendered.missing.map((f) => `{{${f}}}`).join(', ')}` };
    }
    body = rendered.text;
  } else if (message.renderedBody !== null && !message.templateId) {
    body = message.renderedBody;
  } else {
    return { action: 'fail', reason: 'nothing to send: no template and no body' };
  }
  if (body.trim() === '') return { action: 'fail', reason: 'empty message body' };
  if (body.length > TEXT_BODY_MAX) return { action: 'fail', reason: `body longer than ${TEXT_BODY_MAX} characters` };
  return {
    action: 'send',
    renderedBody: body,
    outbound: { type: 'text', to: message.toPhone, body, bizOpaqueCallbackData: message.id },
  };
}

/** Meta refuses newlines, tabs and more than 4 consecutive spaces inside a parameter. */
export function sanitizeParameter(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').replace(/ {5,}/g, '    ').trim();
}

function prepareTemplate({ message, lead, template, waTemplateStatus }: PrepareInput): SendPlan {
  if (!template?.waTemplateName || !template.waLanguage) {
    return { action: 'fail', reason: 'template message without an approved WhatsApp template' };
  }
  // Only APPROVED templates may be sent; calling anyway would only earn a 132001/132015.
  if (waTemplateStatus && waTemplateStatus.toUpperCase() !== 'APPROVED') {
    return {
      action: 'fail',
      reason: `WhatsApp template ${template.waTemplateName} (${template.waLanguage}) is ${waTemplateStatus.toUpperCase()}, not approved`,
    };
  }
  const byComponent = new Map<string, { index: number; name?: string; text: string }[]>();
  for (const m of [...(template.parameterMapping ?? [])].sort((a, b) => a.index - b.index)) {
    const raw = m.source === 'fixed' ? m.value : m.field ? (leadFieldValue(lead, m.field) ?? m.fallback) : m.fallback;
    const text = sanitizeParameter(raw ?? '');
    const label = `${m.component} parameter ${m.name ?? m.index}`;
    if (!text) return { action: 'fail', reason: `no value or fallback for ${label}` };
    if (text.length > PARAM_MAX[m.component]) return { action: 'fail', reason: `${label} longer than ${PARAM_MAX[m.component]}` };
    const key = m.component === 'button' ? `button:${m.index}` : m.component;
    byComponent.set(key, [...(byComponent.get(key) ?? []), { index: m.index, name: m.name, text }]);
  }
  const named = (p: { name?: string; text: string }) =>
    p.name && !/^\d+$/.test(p.name) ? { type: 'text' as const, text: p.text, parameter_name: p.name } : { type: 'text' as const, text: p.text };
  const components: TemplateComponent[] = [];
  // Meta's order: header, body, then buttons by index.
  const order = (key: string) => (key === 'header' ? -2 : key === 'body' ? -1 : Number(key.slice(7)));
  for (const [key, params] of [...byComponent].sort(([a], [b]) => order(a) - order(b))) {
    if (key === 'header' || key === 'body') components.push({ type: key, parameters: params.map(named) });
    // Dynamic URL buttons are the only buttons that take a text parameter (uncertain for others).
    else components.push({ type: 'button', sub_type: 'url', index: key.slice(7), parameters: params.map(named) });
  }
  const bodyParams = byComponent.get('body') ?? [];
  const preview = template.body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (all, key: string) => {
    const hit = bodyParams.find((p, i) => p.name === key || String(i + 1) === key);
    return hit ? hit.text : all;
  });
  return {
    action: 'send',
    renderedBody: preview,
    outbound: {
      type: 'template',
      to: message.toPhone,
      name: template.waTemplateName,
      language: template.waLanguage,
      components,
      bizOpaqueCallbackData: message.id,
    },
  };
}
