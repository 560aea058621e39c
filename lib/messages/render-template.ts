// Renders {{placeholder}} and {{placeholder|fallback}} against a lead. Pure: shared by the
// live preview in the browser, the dispatcher at send time, and tests.

export type RenderableLead = {
  name?: string | null;
  email?: string | null;
  phoneE164?: string | null;
  attributes?: Record<string, string> | null;
  /** The appointment an appointment-triggered message is about, already formatted in the workspace's zone and locale. */
  appointment?: { date: string; time: string; title: string } | null;
};

const PLACEHOLDER = /\{\{\s*([a-zA-Z_][\w.]*)\s*(?:\|([^}]*))?\}\}/g;

export const STANDARD_FIELDS = ['first_name', 'last_name', 'name', 'phone', 'email'] as const;
/** Filled only for messages of appointment campaigns; elsewhere they need a fallback. */
export const APPOINTMENT_FIELDS = ['appointment_date', 'appointment_time', 'appointment_title'] as const;

/** {{appointment_date}} and {{appointment_time}} in the workspace's zone and locale. */
export function formatAppointmentFields(a: { title: string; startsAt: Date }, timeZone: string, locale: string) {
  return {
    date: new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long' }).format(a.startsAt),
    time: new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' }).format(a.startsAt),
    title: a.title,
  };
}

/** The likely language of a country ("BR" -> "pt-BR"), for dates in messages. */
export function localeForCountry(country: string): string {
  try {
    const l = new Intl.Locale(`und-${country}`).maximize();
    return `${l.language}-${l.region}`;
  } catch {
    return 'en-US';
  }
}

export function leadFieldValue(lead: RenderableLead, field: string): string | undefined {
  const name = lead.name?.trim() ?? '';
  const parts = name.split(/\s+/).filter(Boolean);
  switch (field) {
    case 'first_name':
      return parts[0];
    case 'last_name':
      return parts.length > 1 ? parts.slice(1).join(' ') : undefined;
    case 'name':
      return name || undefined;
    case 'phone':
      return lead.phoneE164 ?? undefined;
    case 'email':
      return lead.email ?? undefined;
    case 'appointment_date':
      return lead.appointment?.date;
    case 'appointment_time':
      return lead.appointment?.time;
    case 'appointment_title':
      return lead.appointment?.title;
    default:
      if (field.startsWith('attr.')) {
        const v = lead.attributes?.[field.slice(5)];
        return v === undefined || v === null || String(v).trim() === '' ? undefined : String(v);
      }
      return undefined;
  }
}

/** Placeholders named in a body, in order of first appearance. */
export function listPlaceholders(body: string): { field: string; inlineFallback?: string }[] {
  const seen = new Map<string, string | undefined>();
  for (const m of body.matchAll(PLACEHOLDER)) {
    if (!seen.has(m[1])) seen.set(m[1], m[2]);
  }
  return [...seen].map(([field, inlineFallback]) => ({ field, inlineFallback }));
}

export function isKnownField(field: string): boolean {
  return (STANDARD_FIELDS as readonly string[]).includes(field) || (APPOINTMENT_FIELDS as readonly string[]).includes(field) || /^attr\.[\w-]+$/.test(field);
}

export type RenderResult = { text: string; missing: string[] };

/**
 * Inline fallback wins over the template's fallback map; a field with neither renders empty
 * and is reported in `missing` so callers can refuse to send half a sentence.
 */
export function renderTemplate(body: string, lead: RenderableLead, fallbacks: Record<string, string> = {}): RenderResult {
  const missing: string[] = [];
  const text = body.replace(PLACEHOLDER, (_all, field: string, inline: string | undefined) => {
    const value = leadFieldValue(lead, field);
    if (value !== undefined && value !== '') return value;
    if (inline !== undefined) return inline;
    if (fallbacks[field] !== undefined) return fallbacks[field];
    missing.push(field);
    return '';
  });
  return { text, missing };
}

// ---- Checking a body as the admin types it (validation and live preview) ----

/** Anything between double braces, well-formed or not, so typos are reported instead of sent. */
const ANY_BRACES = /\{\{([^{}]*)\}\}/g;
const WELL_FORMED = /^\s*([a-zA-Z_][\w.]*)\s*(?:\|([^}]*))?$/;

export type PlaceholderUse = {
  /** The exact text, e.g. "{{first_name|there}}". */
  raw: string;
  /** The field name, or null when the braces hold something that is not a placeholder. */
  field: string | null;
  inlineFallback?: string;
  isKnown: boolean;
};

/** Every {{...}} in a body, in order, including unknown or malformed ones. */
export function listPlaceholderUses(body: string): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  for (const m of body.matchAll(ANY_BRACES)) {
    const parsed = m[1].match(WELL_FORMED);
    const field = parsed ? parsed[1] : null;
    uses.push({ raw: m[0], field, inlineFallback: parsed?.[2], isKnown: field !== null && isKnownField(field) });
  }
  return uses;
}

/** The placeholders an admin can use, for help text and pickers. */
export function describeFields(attributeKeys: string[] = []): { field: string; label: string }[] {
  return [
    { field: 'first_name', label: 'First name' },
    { field: 'last_name', label: 'Last name' },
    { field: 'name', label: 'Full name' },
    { field: 'phone', label: 'Phone (E.164)' },
    { field: 'email', label: 'Email' },
    ...attributeKeys.map((k) => ({ field: `attr.${k}`, label: `Attribute “${k}”` })),
  ];
}
