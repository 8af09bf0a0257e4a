// The checks a sandbox QuickBooks write goes through, collecting every refusal in QuickBooks' words
// before answering (QuickBooks lists several errors in one Fault). Money is read from the JSON numbers as
// decimals and never added as floats.
import { Decimal } from "../../../shared/money";
import type { QboObject, SandboxCompany } from "./companies";
import { QBO_ERRORS, type QboError, QboFaultError } from "./fault";

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** An amount as QuickBooks' JSON writes it: a number, exact for amounts of two decimals. */
export function wire(value: Decimal): number {
  return Number(value.toFixed(2));
}

export function decimalOf(value: unknown): Decimal | null {
  if (typeof value !== "number" && typeof value !== "string") return null;
  try {
    const decimal = new Decimal(String(value));
    return decimal.isFinite() ? decimal : null;
  } catch {
    return null;
  }
}

export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

export function createChecks(company: SandboxCompany) {
  const errors: QboError[] = [];
  const fail = (error: QboError): undefined => {
    errors.push(error);
    return undefined;
  };

  return {
    company,
    fail,
    failed: () => errors.length > 0,
    /** The refusals gathered so far, as QuickBooks answers them. */
    fault: () => new QboFaultError(400, "ValidationFault", errors),

    /** A `{value}` reference to an active entry of `list`, with its name filled in. */
    reference(value: unknown, list: QboObject[], element: string, required = false) {
      if (value === undefined)
        return required ? fail(QBO_ERRORS.requiredMissing(element, element)) : undefined;
      const id = isObject(value) ? value.value : undefined;
      if (typeof id !== "string" && typeof id !== "number")
        return fail(QBO_ERRORS.unsupportedProperty(`${element} must be an object with a value`, element));
      const entry = list.find((candidate) => candidate.Id === String(id));
      if (!entry || entry.Active !== true) return fail(QBO_ERRORS.invalidReference(element));
      return { entry, ref: { value: entry.Id, name: String(entry.Name ?? entry.DisplayName) } };
    },

    /** An amount of at most two decimals. */
    amount(value: unknown, element: string): Decimal | undefined {
      if (value === undefined) return fail(QBO_ERRORS.requiredMissing(element, element));
      const decimal = decimalOf(value);
      if (!decimal || decimal.decimalPlaces() > 2)
        return fail(
          QBO_ERRORS.unsupportedProperty(`${element}: ${JSON.stringify(value)} is not an amount`, element),
        );
      return decimal;
    },

    text(value: unknown, element: string, max: number): string | undefined {
      if (value === undefined) return undefined;
      if (typeof value !== "string")
        return fail(QBO_ERRORS.unsupportedProperty(`${element} must be text`, element));
      if (value.length > max) return fail(QBO_ERRORS.lengthExceeded(element, max));
      return value;
    },
  };
}

export type Checks = ReturnType<typeof createChecks>;
