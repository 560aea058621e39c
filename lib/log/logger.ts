import { env } from '@/lib/env';

// Plain structured logs to stdout/stderr. Callers never pass secrets; redact() is a second net
// for error messages that may echo request bodies.
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

const SECRET_PATTERNS = [/(Bearer\s+)[A-Za-z0-9._\-]+/g, /("?(?:access_?token|app_?secret|password)"?\s*[:=]\s*"?)[^"\s,}]+/gi];

export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((t, re) => t.replace(re, '$1[redacted]'), text);
}

const STACK_FRAMES = 6;

/**
 * An unexpected error as log fields: its message, its PostgreSQL code and where it was thrown,
 * never the text of a failed query with its parameters (Drizzle puts both in its message, and
 * the parameters are user data: a search, a phone, a forged URL value). Quoted values in
 * PostgreSQL's own message ("invalid input syntax for type uuid: ...") are elided too.
 */
export function describeError(err: unknown): { message: string; code?: string; at?: string } {
  if (!(err instanceof Error)) return { message: typeof err === 'string' ? err.slice(0, 200) : 'non-error thrown' };
  const isFailedQuery = err.message.startsWith('Failed query:');
  const source = isFailedQuery && err.cause instanceof Error ? err.cause : err;
  const code = (source as { code?: unknown }).code;
  let message = isFailedQuery && source === err ? 'Failed query' : source.message;
  if (isFailedQuery) message = `Failed query: ${message.replace(/"[^"]*"/g, '"…"').replace(/\([^)]*\)=\([^)]*\)/g, '(…)=(…)')}`;
  const at = err.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, STACK_FRAMES)
    .map((line) => line.trim())
    .join(' | ');
  return { message: message.slice(0, 500), ...(typeof code === 'string' ? { code } : {}), ...(at ? { at } : {}) };
}

function write(level: Level, msg: string, data?: Record<string, unknown>) {
  if (ORDER[level] < ORDER[env().LOG_LEVEL]) return;
  const line = redact(JSON.stringify({ t: new Date().toISOString(), level, msg, ...data }));
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

export const log = {
  debug: (msg: string, data?: Record<string, unknown>) => write('debug', msg, data),
  info: (msg: string, data?: Record<string, unknown>) => write('info', msg, data),
  warn: (msg: string, data?: Record<string, unknown>) => write('warn', msg, data),
  error: (msg: string, data?: Record<string, unknown>) => write('error', msg, data),
};
