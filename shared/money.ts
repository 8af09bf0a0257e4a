// The one place amounts are parsed, added and formatted. Amounts cross every boundary as decimal
// strings ("12.30") and are decimal.js values inside; a JS float never holds money.
import DecimalJs from "decimal.js";

export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = DecimalJs;

export const ZERO = new Decimal(0);

/** A plain decimal string: optional minus, digits, optional fraction. No exponent, no spaces. */
export const DECIMAL_PATTERN = /^-?\d{1,15}(\.\d{1,10})?$/;

const minorUnitsCache = new Map<string, number>();

/** Minor units of an ISO 4217 currency (CAD 2, JPY 0, KWD 3), from the runtime's ICU data. */
export function minorUnits(currency: string): number {
  let units = minorUnitsCache.get(currency);
  if (units === undefined) {
    units = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits as number;
    minorUnitsCache.set(currency, units);
  }
  return units;
}

export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    minorUnits(code);
    return true;
  } catch {
    return false;
  }
}

/** Number of digits after the decimal point in a decimal string. */
export function scaleOf(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

/** Rounds to the currency's minor units (half away from zero). */
export function roundMoney(value: Decimal, units: number): Decimal {
  return value.toDecimalPlaces(units, Decimal.ROUND_HALF_UP);
}

/** The canonical decimal string of an amount: exactly `units` decimals, "-0.00" never appears. */
export function toMoneyString(value: Decimal, units: number): string {
  const rounded = roundMoney(value, units);
  return (rounded.isZero() ? ZERO : rounded).toFixed(units);
}

/** An integer count of minor units as the canonical amount: (1234, 2) -> "12.34", (1234, 0) -> "1234". */
export function fromMinorUnits(minor: number | bigint, units: number): string {
  return toMoneyString(new Decimal(minor.toString()).dividedBy(Decimal.pow(10, units)), units);
}
