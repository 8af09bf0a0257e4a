// Lightspeed computes line taxes and discounts unrounded ("4.48875"); a sale's own totals are what the
// customer paid. Rounding each line on its own can miss the sale's total by a cent, so the lines are
// rounded to the currency's minor units and the last cents are handed to the lines that lost the most
// in rounding, until they add up to the sale's figure (largest remainder method).
import { type Decimal, Decimal as D, roundMoney, sum } from "../../../shared/money";

/** `values` rounded to `units` decimals, adding up to `total` rounded when rounding alone misses it by no
 *  more than a minor unit per non-zero value; otherwise simply rounded (the sale is then out of balance in
 *  the engine, which names it). */
export function allocateRounded(values: readonly Decimal[], total: Decimal, units: number): Decimal[] {
  const rounded = values.map((value) => roundMoney(value, units));
  const step = new D(1).dividedBy(D.pow(10, units));
  const missing = roundMoney(total, units).minus(sum(rounded)).dividedBy(step);
  const candidates = values.map((_, index) => index).filter((index) => !values[index]!.isZero());
  if (missing.isZero() || missing.abs().greaterThan(candidates.length)) return rounded;

  const direction = missing.isPositive() ? 1 : -1;
  // Up: the lines rounded down the most first; down: the lines rounded up the most first.
  const order = [...candidates].sort((a, b) => {
    const lostA = values[a]!.minus(rounded[a]!).times(direction);
    const lostB = values[b]!.minus(rounded[b]!).times(direction);
    return lostB.comparedTo(lostA) || a - b;
  });
  for (const index of order.slice(0, missing.abs().toNumber()))
    rounded[index] = rounded[index]!.plus(step.times(direction));
  return rounded;
}

/** A quantity, price or unit cost as PosDay writes it: a plain decimal with at most 10 decimals. */
export function quantityText(value: string): string {
  return new D(value).toDecimalPlaces(10, D.ROUND_HALF_UP).toFixed();
}
