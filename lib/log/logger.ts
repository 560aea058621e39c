import { env } from '@/lib/env';

// Plain structured logs to stdout/stderr. Callers never pass secrets; redact() is a second net
// for error messages that may echo request bodies.
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

const SECRET_PATTERNS = [/(Bearer\s+)[A-Za-z0-9._\-]+/g, /("?(?:access_?token|app_?secret|password)"?\s*[:=]\s*"?)[^"\s,}]+/gi];

export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((t, re) => t.replace(re, '$1[redacted]'), text);
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
