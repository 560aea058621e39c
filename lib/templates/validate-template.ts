import { isKnownField, listPlaceholderUses } from '@/lib/messages/render-template';
import type { TemplateFormValues } from './schema';
import { paramKey, templateParams } from './whatsapp-template-params';

// What is wrong with a personalized message, as the admin types it and again on save. Pure:
// the caller passes how many of the workspace's leads lack each field.

export const TEXT_BODY_MAX = 4096;
export const PARAM_MAX = { header: 60, body: 1024, button: 2000 } as const;
/** A field this share of leads lacks must have a fallback (below it: a warning). */
export const MISSING_FALLBACK_ERROR_SHARE = 0.1;

export type FieldCoverage = {
  totalLeads: number;
  /** Leads lacking each field; attribute keys no lead has are absent (= all leads lack them). */
  missing: Record<string, number>;
};

export type ValidationIssue = {
  severity: 'error' | 'warning';
  /** The form field the issue belongs to, e.g. "body" or "parameterMapping.1.fallback". */
  path: string;
  message: string;
};

export type WhatsappTemplateForValidation = { name: string; language: string; status: string; components: Record<string, unknown>[] };

const BAD_PARAM_CHARS = /[\r\n\t]| {5,}/;

function missingCount(field: string, coverage: FieldCoverage): number {
  if (field === 'phone') return 0;
  return coverage.missing[field] ?? coverage.totalLeads;
}

function percent(n: number, total: number): string {
  const p = (100 * n) / total;
  return p > 0 && p < 1 ? '<1%' : `${Math.round(p)}%`;
}

/** Issue for a field used without a fallback, sized by how many leads lack it. */
function fallbackIssue(field: string, coverage: FieldCoverage, path: string, hint: string): ValidationIssue | null {
  if (coverage.totalLeads === 0) return null;
  const n = missingCount(field, coverage);
  if (n === 0) return null;
  const share = n / coverage.totalLeads;
  const who = `${percent(n, coverage.totalLeads)} of your leads (${n} of ${coverage.totalLeads})`;
  return {
    severity: share >= MISSING_FALLBACK_ERROR_SHARE ? 'error' : 'warning',
    path,
    message: `{{${field}}} is empty for ${who}: ${hint}`,
  };
}

function validateSessionText(body: string, coverage: FieldCoverage): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (body.trim() === '') issues.push({ severity: 'error', path: 'body', message: 'Write the message text' });
  if (body.length > TEXT_BODY_MAX) {
    issues.push({ severity: 'error', path: 'body', message: `The text is ${body.length.toLocaleString('en')} characters; WhatsApp allows ${TEXT_BODY_MAX.toLocaleString('en')}` });
  }
  const reported = new Set<string>();
  for (const use of listPlaceholderUses(body)) {
    if (reported.has(use.raw)) continue;
    reported.add(use.raw);
    if (!use.isKnown) {
      issues.push({
        severity: 'error',
        path: 'body',
        message: `Unknown placeholder ${use.raw}: use {{first_name}}, {{last_name}}, {{name}}, {{phone}}, {{email}} or {{attr.<key>}}`,
      });
      continue;
    }
    if (use.inlineFallback !== undefined || !use.field) continue;
    const issue = fallbackIssue(use.field, coverage, 'body', `add a fallback, e.g. {{${use.field}|there}}`);
    if (issue && !reported.has(`fallback:${use.field}`)) {
      reported.add(`fallback:${use.field}`);
      issues.push(issue);
    }
  }
  return issues;
}

function validateWhatsAppTemplate(values: TemplateFormValues, template: WhatsappTemplateForValidation | null, coverage: FieldCoverage): ValidationIssue[] {
  if (!values.whatsappTemplateId || !template) {
    return [{ severity: 'error', path: 'whatsappTemplateId', message: 'Choose an approved WhatsApp template (sync them on the Phones page)' }];
  }
  const issues: ValidationIssue[] = [];
  if (template.status !== 'APPROVED') {
    issues.push({ severity: 'error', path: 'whatsappTemplateId', message: `Only APPROVED templates can be sent; ${template.name} (${template.language}) is ${template.status}` });
  }
  const expected = templateParams(template.components);
  const expectedKeys = new Set(expected.map(paramKey));
  const given = values.parameterMapping;
  const givenKeys = new Set(given.map(paramKey));
  if (given.length !== expected.length || [...expectedKeys].some((k) => !givenKeys.has(k)) || givenKeys.size !== given.length) {
    issues.push({
      severity: 'error',
      path: 'parameterMapping',
      message: `${template.name} takes ${expected.length} parameter${expected.length === 1 ? '' : 's'} (${expected.map((p) => p.label).join(', ') || 'none'}); ${given.length} ${given.length === 1 ? 'is' : 'are'} mapped`,
    });
  }
  given.forEach((m, i) => {
    const p = expected.find((x) => paramKey(x) === paramKey(m));
    const label = p?.label ?? `${m.component} parameter ${m.index}`;
    const max = PARAM_MAX[m.component];
    if (m.source === 'fixed') {
      if (!m.value.trim()) issues.push({ severity: 'error', path: `parameterMapping.${i}.value`, message: `${label}: enter the fixed text` });
    } else if (!m.field) {
      issues.push({ severity: 'error', path: `parameterMapping.${i}.field`, message: `${label}: choose a lead field` });
    } else if (!isKnownField(m.field)) {
      issues.push({ severity: 'error', path: `parameterMapping.${i}.field`, message: `${label}: unknown field “${m.field}”` });
    } else if (!m.fallback.trim()) {
      const issue = fallbackIssue(m.field, coverage, `parameterMapping.${i}.fallback`, 'give this parameter a fallback');
      if (issue) issues.push({ ...issue, message: `${label}: ${issue.message}` });
    }
    for (const key of ['value', 'fallback'] as const) {
      const text = key === 'value' && m.source !== 'fixed' ? '' : m[key];
      if (BAD_PARAM_CHARS.test(text)) {
        issues.push({ severity: 'error', path: `parameterMapping.${i}.${key}`, message: `${label}: no new lines, tabs or more than 4 spaces in a row (WhatsApp refuses them)` });
      }
      if (text.length > max) issues.push({ severity: 'error', path: `parameterMapping.${i}.${key}`, message: `${label}: at most ${max} characters` });
    }
  });
  return issues;
}

export function validateTemplate(values: TemplateFormValues, opts: { coverage: FieldCoverage; whatsappTemplate?: WhatsappTemplateForValidation | null }): ValidationIssue[] {
  return values.kind === 'session_text'
    ? validateSessionText(values.body, opts.coverage)
    : validateWhatsAppTemplate(values, opts.whatsappTemplate ?? null, opts.coverage);
}
