import { z } from "zod";
import { DECIMAL_PATTERN } from "../money";

/** Ids arrive as strings; numeric ids (as some POS APIs send them) are accepted and kept as text. */
export const Id = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);

/** An amount: a decimal string, never a JS number. Its scale is checked against the currency later. */
export const Money = z
  .string({ error: 'expected an amount as a decimal string, like "12.30"' })
  .regex(DECIMAL_PATTERN, 'expected an amount as a decimal string, like "12.30"');

export const Quantity = z
  .string({ error: 'expected a decimal string, like "1" or "-2.5"' })
  .regex(DECIMAL_PATTERN, 'expected a decimal string, like "1" or "-2.5"');

export const IsoDate = z.iso.date({ error: "expected a date as YYYY-MM-DD" });
export const IsoDateTime = z.iso.datetime({ offset: true, error: "expected an ISO 8601 date-time" });

/** Formats an issue path the way people read it: `sales[3].lines[0].quantity`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}

export interface FieldError {
  path: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function toFieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: formatPath(prefix ? [prefix, ...issue.path] : issue.path),
    message: issue.message,
  }));
}
