import type { Locale, MessageKey } from "../i18n";
import { translate } from "../i18n";
import { Decimal as D, type Decimal, minorUnits } from "../money";
import type { Mapping } from "../schemas/mapping";
import type { PosDay } from "../schemas/posDay";
import { ProblemLog } from "./problems";

/** What every part of the engine reads while it books one day. */
export interface EngineContext {
  day: PosDay;
  mapping: Mapping;
  /** Minor units of the store currency. */
  units: number;
  tolerance: Decimal;
  className?: string;
  problems: ProblemLog;
  /** Sales receipts and invoices list lines; the journal entry method books accounts. */
  receiptMethod: boolean;
  /** Tracked sales tax is carried as tax codes on receipts and invoices. */
  taxCodes: boolean;
  t(key: MessageKey, params?: Record<string, string>): string;
  /** A day's amount strings as decimals, each distinct string parsed once (prices and taxes repeat). */
  amount(text: string): Decimal;
}

export function createContext(day: PosDay, mapping: Mapping, locale: Locale): EngineContext {
  const receiptMethod = mapping.postingMethod !== "journal_entry";
  const className = mapping.classes[day.store.id];
  const parsed = new Map<string, Decimal>();
  return {
    day,
    mapping,
    units: minorUnits(day.store.currency),
    tolerance: new D(mapping.settings.tolerance),
    ...(className !== undefined && { className }),
    problems: new ProblemLog(),
    receiptMethod,
    taxCodes: receiptMethod && mapping.settings.trackSalesTaxInLedger,
    t: (key, params) => translate(locale, key, params),
    amount(text) {
      let value = parsed.get(text);
      if (value === undefined) {
        value = new D(text);
        parsed.set(text, value);
      }
      return value;
    },
  };
}
