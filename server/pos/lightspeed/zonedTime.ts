// Store-local wall-clock times as UTC instants, and the API's time format. Lightspeed stores every time in
// UTC; a business date is cut in the shop's time zone (DESIGN §4).
import { addDays, zoneOffset } from "../../../shared/time";

/** The UTC instant of a store-local wall-clock time: `minutes` after midnight of `date` in `timeZone`.
 *  A wall time skipped by a DST change resolves to the instant just after the gap. */
export function zonedTimeToUtc(date: string, minutes: number, timeZone: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const first = wall - zoneOffset(wall, timeZone);
  const second = wall - zoneOffset(first, timeZone);
  return second === first ? first : Math.max(first, second);
}

/** The UTC instants a store-local business date spans: [start, end). */
export function dayRangeUtc(date: string, timeZone: string): { start: number; end: number } {
  return { start: zonedTimeToUtc(date, 0, timeZone), end: zonedTimeToUtc(addDays(date, 1), 0, timeZone) };
}

/** An instant as the API writes times: "2026-03-14T15:19:18+00:00" (whole seconds, UTC). */
export function lightspeedTime(instant: number): string {
  return new Date(Math.floor(instant / 1000) * 1000).toISOString().replace(".000Z", "+00:00");
}
