// The week view's days: Monday to Sunday around a day, as "YYYY-MM-DD" (calendar arithmetic in UTC
// on wall dates, so the workspace's zone only decides which day "today" is).

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function weekDays(anyDay: string): string[] {
  const dow = (new Date(`${anyDay}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const monday = addDays(anyDay, -dow);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export { addDays };
