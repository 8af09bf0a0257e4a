// Business dates are store-local (DESIGN §4): these turn instants into a store's date and clock time.

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

/** The calendar date `days` after `date` (negative for before). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
