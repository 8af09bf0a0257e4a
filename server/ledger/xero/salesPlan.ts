// What a receipt document (the summary invoice, or a sales receipt: Xero has no sales receipt, so both
// become the same shape) is in Xero: an ACCREC invoice settled by payments, or, for a day whose total is
// negative (more refunded than sold), an ACCRECCREDIT credit note settled by refunds, every amount
// turned around.
//
// Payments: each positive payment line is a Payment into its account. A payment line that went the
// other way (say cash refunded beyond the day's cash sales) cannot be a negative Payment; it becomes a
// line of the document on that account instead, which moves the account the same way (an invoice line
// credits its account, as money paid out does), and the positive payments still settle the total.
//
// Tracked taxes: Xero computes tax per line from a TaxType, while the engine gives the day's tax per tax
// code, not per line. With one tax code, the sales, returns and discount lines carry it, each with its
// share of the engine's amount (proportional to the line, the rounding cent on the largest line) as an
// explicit TaxAmount, so Xero's TotalTax is the POS's to the cent; other lines (gift cards, tips…) get
// NONE. A day with several tax codes is refused: the merchant maps the store's taxes to one combined
// Xero rate (GST + QST, GST + PST), as Xero allows one rate per line.
import type { ReceiptDocument, Section } from "../../../shared/engine/types";
import { Decimal, minorUnits, roundMoney, sum, ZERO } from "../../../shared/money";
import type { Target } from "../../../shared/schemas/mapping";
import { LedgerValidationError } from "../port";
import { lineAccount, trackingOf } from "./references";
import { wireAmount } from "./wire";

export type SalesKind = "invoice" | "creditNote";

const TAXED_SECTIONS: readonly Section[] = ["sales", "returns", "discounts"];
const NO_TAX = "NONE";

export interface PlannedPayment {
  account: string;
  amount: Decimal;
  reference: string;
}

export interface SalesPlan {
  kind: SalesKind;
  lineAmountTypes: "Exclusive" | "NoTax";
  lineItems: Record<string, unknown>[];
  payments: PlannedPayment[];
}

interface DraftLine {
  description: string;
  target: Target;
  amount: Decimal;
  quantity?: Decimal;
  className?: string;
  taxed: boolean;
}

export function salesPlan(document: ReceiptDocument): SalesPlan {
  const units = minorUnits(document.currency);
  const sign = new Decimal(document.total).isNegative() ? -1 : 1;
  const lines: DraftLine[] = document.lines.map((line) => ({
    description: line.description,
    target: line.target,
    amount: new Decimal(line.amount).times(sign),
    ...(line.quantity !== undefined && { quantity: new Decimal(line.quantity).times(sign) }),
    className: line.class ?? document.class,
    taxed: TAXED_SECTIONS.includes(line.section),
  }));

  const payments: PlannedPayment[] = [];
  for (const payment of document.payments) {
    const amount = new Decimal(payment.amount).times(sign);
    if (amount.isZero()) continue;
    const account = payment.target.account;
    if (account === undefined)
      throw new LedgerValidationError(
        `Xero takes payments into accounts, and "${payment.description}" is mapped to the item ${payment.target.item}: map it to a bank or clearing account`,
        { item: payment.target.item },
      );
    if (amount.isPositive()) payments.push({ account, amount, reference: payment.description });
    else
      lines.push({
        description: payment.description,
        target: { account },
        amount: amount.negated(),
        className: document.class,
        taxed: false,
      });
  }

  const tax = trackedTax(document, sign);
  const shares = tax ? taxShares(tax.amount, lines, units) : [];
  const charged = sum(lines.map((line) => line.amount)).plus(tax?.amount ?? ZERO);
  const paid = sum(payments.map((payment) => payment.amount));
  if (!charged.equals(paid))
    throw new Error(`the ${document.kind} lines (${charged}) do not equal its payments (${paid})`);

  return {
    kind: sign < 0 ? "creditNote" : "invoice",
    lineAmountTypes: tax ? "Exclusive" : "NoTax",
    lineItems: lines.map((line, index) => {
      const share = shares[index];
      const tracking = trackingOf(line.className);
      return {
        Description: line.description,
        ...quantityAndUnit(line.amount, line.quantity),
        ...(line.target.account !== undefined
          ? lineAccount(line.target.account)
          : { ItemCode: line.target.item as string }),
        ...(tax && (share ? { TaxType: tax.code, TaxAmount: wireAmount(share) } : { TaxType: NO_TAX })),
        ...(tracking && { Tracking: tracking }),
      };
    }),
    payments,
  };
}

/** The day's tracked tax as one Xero tax code and amount, or none. */
function trackedTax(document: ReceiptDocument, sign: number): { code: string; amount: Decimal } | undefined {
  const byCode = new Map<string, Decimal>();
  for (const tax of document.taxes)
    byCode.set(tax.taxCode, (byCode.get(tax.taxCode) ?? ZERO).plus(new Decimal(tax.amount).times(sign)));
  const codes = [...byCode].filter(([, amount]) => !amount.isZero());
  if (codes.length > 1)
    throw new LedgerValidationError(
      `Xero puts one tax rate on an invoice line, and this day's taxes are mapped to ${codes.length} Xero tax rates (${codes.map(([code]) => code).join(", ")}): map the store's taxes to one combined Xero tax rate`,
    );
  const [entry] = codes;
  return entry && { code: entry[0], amount: entry[1] };
}

/** Each taxed line's share of `total`, proportional to its amount; undefined for untaxed lines. */
function taxShares(total: Decimal, lines: DraftLine[], units: number): (Decimal | undefined)[] {
  const base = sum(lines.filter((line) => line.taxed).map((line) => line.amount));
  if (base.isZero())
    throw new LedgerValidationError(
      `the day has ${total.abs().toFixed(units)} of tracked tax but no sales lines to carry it in Xero`,
    );
  const shares = lines.map((line) =>
    line.taxed ? roundMoney(total.times(line.amount).dividedBy(base), units) : undefined,
  );
  let largest = -1;
  lines.forEach((line, index) => {
    const best = lines[largest];
    if (line.taxed && (!best || line.amount.abs().greaterThan(best.amount.abs()))) largest = index;
  });
  const rounding = total.minus(sum(shares.filter((share): share is Decimal => share !== undefined)));
  shares[largest] = (shares[largest] as Decimal).plus(rounding);
  return shares;
}

/** Quantity × unit amount when the quantity divides the amount exactly (4 decimals at most, `unitdp=4`),
 *  else one unit of the whole amount: Xero's line amount is then the document's to the cent. */
function quantityAndUnit(amount: Decimal, quantity: Decimal | undefined) {
  if (quantity && !quantity.isZero() && quantity.decimalPlaces() <= 4) {
    const unit = amount.dividedBy(quantity);
    if (unit.decimalPlaces() <= 4 && unit.times(quantity).equals(amount))
      return { Quantity: wireAmount(quantity), UnitAmount: wireAmount(unit) };
  }
  return { Quantity: 1, UnitAmount: wireAmount(amount) };
}
