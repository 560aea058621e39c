import type { SendWindow } from '@/db/schema';

// A campaign's send window: days (0 = Sunday) and local hours [startHour, endHour) in the
// workspace's time zone. endHour <= startHour means a window across midnight (22 -> 6). An
// empty day list means every day. Hour granularity, so the process clock is good enough here.

function localDayAndHour(at: Date, timeZone: string): { day: number; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const weekday = parts.find((p) => p.type === 'weekday')?.value ?? 'Sun';
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  return { day: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(weekday), hour: hour % 24 };
}

export function isInsideSendWindow(window: SendWindow | null, timeZone: string, at: Date = new Date()): boolean {
  if (!window) return true;
  let local: { day: number; hour: number };
  try {
    local = localDayAndHour(at, timeZone);
  } catch {
    local = localDayAndHour(at, 'UTC'); // an unknown zone name must not stop sending forever
  }
  const { startHour: start, endHour: end } = window;
  const isInHours = start === end ? true : start < end ? local.hour >= start && local.hour < end : local.hour >= start || local.hour < end;
  const isOnDay = window.days.length === 0 || window.days.includes(local.day);
  return isInHours && isOnDay;
}

/** Outside the window we look again at the top of the next hour (plus a little jitter). */
export function msUntilNextHour(at: Date = new Date()): number {
  const next = new Date(at);
  next.setUTCMinutes(60, 0, 0);
  return next.getTime() - at.getTime() + Math.floor(Math.random() * 30_000);
}
