// Wall-clock times in a workspace's time zone <-> instants, without a date library:
// <input type="datetime-local"> holds "YYYY-MM-DDTHH:mm" with no zone, and the admin means
// the workspace's zone, not the browser's.

function offsetMs(at: number, timeZone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(new Date(at)).map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** "2026-12-10T14:30" read in `timeZone` -> the instant; null when not a wall time. */
export function fromLocalInput(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  if (Number.isNaN(wall)) return null;
  // Two passes settle the offset across a DST change.
  let at = wall - offsetMs(wall, timeZone);
  at = wall - offsetMs(at, timeZone);
  return new Date(at);
}

/** "YYYY-MM-DD" of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The next full hour from now: the new-appointment form's default start. */
export function nextFullHour(now: Date = new Date()): Date {
  return new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
}
