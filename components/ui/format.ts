// Dates shown in the admin are in the workspace's time zone, not the server's.

export function formatDateTime(value: Date | null | undefined, timeZone: string): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(value);
}

/** As formatDateTime, with seconds: for a message's status history, where steps are seconds apart. */
export function formatDateTimeSeconds(value: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(value);
}

export function formatTime(value: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(value);
}

/** A YYYY-MM-DD calendar day (already local) as "Mon 24 Nov". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat('en-GB').format(n);
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export const SOURCE_LABELS: Record<string, string> = {
  landing_page: 'Landing page',
  import: 'Import',
  api: 'API',
  whatsapp: 'WhatsApp',
  manual: 'Manual',
};
