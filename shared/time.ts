// Business dates are store-local (DESIGN §4): these turn instants into a store's date, clock time and
// UTC offset, and store-local wall times back into instants.

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(timezone: string, instant: number): Record<string, string> {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timezone, formatter);
  }
  return Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
}

/** The store-local calendar date of an instant, "YYYY-MM-DD". */
export function localDate(instant: number, timezone: string): string {
  const parts = partsIn(timezone, instant);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The store-local wall-clock time of an instant, "HH:MM". */
export function localTime(instant: number, timezone: string): string {
  const parts = partsIn(timezone, instant);
  return `${parts.hour}:${parts.minute}`;
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
export function zoneOffset(instant: number, timezone: string): number {
  const parts = partsIn(timezone, instant);
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** An instant as the store's wall-clock time with its UTC offset: "2026-11-20T09:12:00-05:00". */
export function localDateTime(instant: number, timezone: string): string {
  const parts = partsIn(timezone, instant);
  const offset = zoneOffset(instant, timezone) / 60_000;
  const sign = offset < 0 ? "-" : "+";
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
  const minutes = String(Math.abs(offset) % 60).padStart(2, "0");
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${sign}${hours}:${minutes}`;
}

/** The calendar date `days` after `date` (negative for before). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
