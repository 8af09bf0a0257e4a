// A range of business dates read with one query per resource, then cut back into the records each date's
// own queries would have selected. Pure: the client fetches, this splits. A date selects its sales, register
// counts and orders by its store-local span; its withdraws up to the end of the next date (a session opened
// that day may close after midnight), so a withdraw may belong to two dates. `><` includes both ends and
// compares whole seconds: a span is [its start, one second before its end].
import { addDays, datesBetween, daysBetween } from "../../../shared/time";
import { PosDataError } from "../port";
import type { LsOrder, LsRegisterCount, LsRegisterWithdraw, LsSale } from "./resources";
import { dayRangeUtc, lightspeedTime } from "./zonedTime";

/** The most business dates one range reads. */
export const MAX_RANGE_DAYS = 62;

/** The instants a `><` filter selects, both ends included. */
export interface Span {
  first: number;
  last: number;
}

/** The `><` filter of a span, in the API's time format. */
export const between = (span: Span) => `><,${lightspeedTime(span.first)},${lightspeedTime(span.last)}`;

const wholeSecond = (instant: number) => Math.floor(instant / 1000) * 1000;

/** What the queries of `date` select: the date itself (sales, counts, orders) and its withdraws. */
export function dateSpans(date: string, timeZone: string): { day: Span; withdraws: Span } {
  const { start, end } = dayRangeUtc(date, timeZone);
  const first = wholeSecond(start);
  return {
    day: { first, last: wholeSecond(end - 1000) },
    withdraws: { first, last: wholeSecond(dayRangeUtc(addDays(date, 1), timeZone).end - 1000) },
  };
}

/** What the queries of `from`..`to` select: the union of the dates' spans. */
export function rangeSpans(from: string, to: string, timeZone: string): { day: Span; withdraws: Span } {
  const first = dateSpans(from, timeZone);
  const last = dateSpans(to, timeZone);
  return {
    day: { first: first.day.first, last: last.day.last },
    withdraws: { first: first.withdraws.first, last: last.withdraws.last },
  };
}

const isDate = (date: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  try {
    return addDays(date, 0) === date;
  } catch {
    return false;
  }
};

/** Every date from `from` to `to`; refuses a range that is not one, or longer than MAX_RANGE_DAYS. */
export function rangeDates(from: string, to: string): string[] {
  for (const date of [from, to])
    if (!isDate(date)) throw new PosDataError(`${JSON.stringify(date)} is not a date (YYYY-MM-DD)`);
  if (from > to) throw new PosDataError(`the range ${from}..${to} ends before it begins`);
  const count = daysBetween(from, to) + 1;
  if (count > MAX_RANGE_DAYS)
    throw new PosDataError(
      `the range ${from}..${to} has ${count} days; at most ${MAX_RANGE_DAYS} are read at once`,
    );
  return datesBetween(from, to);
}

/** The records of a range whose selection depends on the date. */
export interface DatedRecords {
  sales: LsSale[];
  registerCounts: LsRegisterCount[];
  withdraws: LsRegisterWithdraw[];
  orders: LsOrder[];
}

/** Each date's records, in the order the range's queries returned them (the order of its own queries). */
export function splitDays(
  dates: readonly string[],
  timeZone: string,
  records: DatedRecords,
): (DatedRecords & { salesDate: string })[] {
  const timed = <T>(list: T[], time: (record: T) => string | undefined) =>
    list.map((record) => ({ record, at: Date.parse(time(record) ?? "") }));
  const sales = timed(records.sales, (sale) => sale.completeTime);
  const counts = timed(records.registerCounts, (count) => count.openTime);
  const withdraws = timed(records.withdraws, (withdraw) => withdraw.createTime);
  const orders = timed(records.orders, (order) => order.receivedDate);
  // NaN (no time) is in no span.
  const within = <T>(list: { record: T; at: number }[], span: Span) =>
    list.filter(({ at }) => at >= span.first && at <= span.last).map(({ record }) => record);
  return dates.map((salesDate) => {
    const spans = dateSpans(salesDate, timeZone);
    return {
      salesDate,
      sales: within(sales, spans.day),
      registerCounts: within(counts, spans.day),
      withdraws: within(withdraws, spans.withdraws),
      orders: within(orders, spans.day),
    };
  });
}
