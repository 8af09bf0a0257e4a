// How the sandbox Xero speaks: the response envelope, Microsoft JSON dates, amounts as JSON numbers,
// the ValidationException body, and the `where` filter of GET lists.
import type { Context } from "hono";
import { newId } from "../../crypto/random";
import { Decimal } from "../../../shared/money";

export const PROVIDER_NAME = "Daybook sandbox";

/** Xero's list/write answer: `{Id, Status, ProviderName, DateTimeUTC, <Collection>: [...]}`. */
export function envelope(now: number, collection: string, items: unknown[]): Record<string, unknown> {
  return {
    Id: newId(),
    Status: "OK",
    ProviderName: PROVIDER_NAME,
    DateTimeUTC: `/Date(${now})/`,
    [collection]: items,
  };
}

/** A date as Xero writes it in JSON: `/Date(1552521600000+0000)/`. */
export function msDate(date: string): string {
  return `/Date(${Date.parse(`${date}T00:00:00Z`)}+0000)/`;
}

export function msTimestamp(ms: number): string {
  return `/Date(${ms}+0000)/`;
}

/** Decimal strings become JSON numbers on the way out: 2- and 4-decimal values survive the double exactly. */
export function money(amount: string): number {
  return new Decimal(amount).toNumber();
}

/** Xero's 400 for a refused write: every element of the request, each with its messages. */
export function validationBody(elements: { element: unknown; errors: string[] }[]) {
  return {
    ErrorNumber: 10,
    Type: "ValidationException",
    Message: "A validation exception occurred",
    Elements: elements.map(({ element, errors }) => ({
      ...(typeof element === "object" && element !== null ? element : {}),
      ValidationErrors: errors.map((message) => ({ Message: message })),
    })),
  };
}

export function notFound(c: Context): Response {
  return c.text("The resource you're looking for cannot be found", 404);
}

export function badRequest(c: Context, message: string): Response {
  return c.json({ ErrorNumber: 14, Type: "PostDataInvalidException", Message: message }, 400);
}

/** An amount or quantity read from a request: a JSON number or a numeric string, at most `places` decimals. */
export function decimalOf(value: unknown, places: number): Decimal | undefined {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== "string" || !/^-?\d{1,15}(\.\d+)?$/.test(text)) return undefined;
  const decimal = new Decimal(text);
  return decimal.decimalPlaces() <= places ? decimal : undefined;
}

/** A request date: `YYYY-MM-DD`, optionally followed by a time (ignored, as Xero does for dates). */
export function dateOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const date = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+)?$/.exec(value)?.[1];
  return date && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? date : undefined;
}

export function todayOf(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

type Term = (record: Record<string, unknown>) => boolean;

/** Xero's `where` filter, the part of it the sandbox needs: `Field=="text"`, `Field==true`, `Field!=…`,
 *  `Field.Contains("…")` / `.StartsWith("…")`, joined by AND / &&; dotted paths reach nested objects. */
export function whereFilter(where: string | undefined): Term | { error: string } {
  if (where === undefined || where.trim() === "") return () => true;
  const terms: Term[] = [];
  for (const text of where.split(/\s+(?:AND|&&)\s+/i)) {
    const comparison = /^\s*([\w.]+)\s*(==|!=)\s*(?:"([^"]*)"|(true|false)|(-?\d+(?:\.\d+)?))\s*$/.exec(text);
    const call = /^\s*([\w.]+)\.(Contains|StartsWith|EndsWith)\("([^"]*)"\)\s*$/.exec(text);
    if (comparison) {
      const [, path = "", operator, quoted, flag, number] = comparison;
      const expected = quoted ?? (flag !== undefined ? flag === "true" : Number(number));
      terms.push((record) => {
        const actual = valueAt(record, path);
        const equal =
          typeof expected === "string" && typeof actual === "string"
            ? actual.toLowerCase() === expected.toLowerCase()
            : actual === expected;
        return operator === "==" ? equal : !equal;
      });
    } else if (call) {
      const [, path = "", method, argument = ""] = call;
      terms.push((record) => {
        const actual = valueAt(record, path);
        if (typeof actual !== "string") return false;
        const [a, b] = [actual.toLowerCase(), argument.toLowerCase()];
        return method === "Contains"
          ? a.includes(b)
          : method === "StartsWith"
            ? a.startsWith(b)
            : a.endsWith(b);
      });
    } else return { error: `The where clause could not be parsed near '${text.trim()}'` };
  }
  return (record) => terms.every((term) => term(record));
}

function valueAt(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
