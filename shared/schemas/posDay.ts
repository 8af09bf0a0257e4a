// PosDay v1: the normalized snapshot of one store's business day (DESIGN.md §4).
import { z } from "zod";
import { isCurrencyCode, minorUnits, scaleOf } from "../money";
import {
  type FieldError,
  formatPath,
  Id,
  IsoDate,
  IsoDateTime,
  Money,
  type Parsed,
  Quantity,
  toFieldErrors,
} from "./common";

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const Store = z.object({
  id: Id,
  name: z.string().min(1),
  timezone: z.string().refine(isTimeZone, "expected an IANA time zone, like America/Toronto"),
  currency: z.string().refine(isCurrencyCode, "expected an ISO 4217 currency code, like CAD"),
});

const LineDiscount = z.object({ discountId: Id, name: z.string(), amount: Money });
const LineTax = z.object({ taxId: Id, name: z.string(), amount: Money });

const SaleLine = z.object({
  id: Id,
  kind: z.enum(["item", "gift_card", "account_deposit"]),
  itemId: Id,
  itemName: z.string(),
  categoryId: Id,
  categoryName: z.string(),
  quantity: Quantity,
  unitPrice: Quantity,
  subtotal: Money,
  discounts: z.array(LineDiscount),
  taxes: z.array(LineTax),
  unitCost: Quantity.optional(),
});

const Payment = z.object({
  paymentTypeId: Id,
  name: z.string(),
  kind: z.enum(["cash", "card", "gift_card", "credit_account", "other"]),
  amount: Money,
});

const Sale = z.object({
  id: Id,
  number: z.union([z.string().min(1), z.number().int()]).transform(String),
  completedAt: IsoDateTime,
  voided: z.boolean(),
  voidedAt: IsoDateTime.optional(),
  lines: z.array(SaleLine),
  payments: z.array(Payment),
  tip: Money,
  total: Money,
});

const Register = z.object({
  id: Id,
  name: z.string(),
  closedAt: IsoDateTime.optional(),
  openingFloat: Money,
  cashPayments: Money,
  paidIns: z.array(Money),
  payouts: z.array(z.object({ amount: Money, reason: z.string() })),
  counted: Money.optional(),
});

const PurchaseOrder = z.object({
  id: Id,
  vendorName: z.string().min(1),
  receivedAt: IsoDateTime,
  lines: z.array(z.object({ categoryId: Id, amount: Money })),
});

export const PosDaySchema = z.object({
  version: z.literal(1),
  store: Store,
  salesDate: IsoDate,
  closed: z.boolean(),
  sales: z.array(Sale),
  registers: z.array(Register),
  purchaseOrders: z.array(PurchaseOrder),
});

export type PosDay = z.infer<typeof PosDaySchema>;
export type Sale = PosDay["sales"][number];
export type SaleLine = Sale["lines"][number];
export type Payment = Sale["payments"][number];
export type Register = PosDay["registers"][number];
export type PurchaseOrder = PosDay["purchaseOrders"][number];

/** Every money field of a day with its path, to check amounts against the currency's minor units. */
function* moneyFields(day: PosDay): Generator<[PropertyKey[], string]> {
  for (const [s, sale] of day.sales.entries()) {
    yield [["sales", s, "tip"], sale.tip];
    yield [["sales", s, "total"], sale.total];
    for (const [l, line] of sale.lines.entries()) {
      yield [["sales", s, "lines", l, "subtotal"], line.subtotal];
      for (const [d, discount] of line.discounts.entries())
        yield [["sales", s, "lines", l, "discounts", d, "amount"], discount.amount];
      for (const [t, tax] of line.taxes.entries())
        yield [["sales", s, "lines", l, "taxes", t, "amount"], tax.amount];
    }
    for (const [p, payment] of sale.payments.entries())
      yield [["sales", s, "payments", p, "amount"], payment.amount];
  }
  for (const [r, register] of day.registers.entries()) {
    yield [["registers", r, "openingFloat"], register.openingFloat];
    yield [["registers", r, "cashPayments"], register.cashPayments];
    if (register.counted !== undefined) yield [["registers", r, "counted"], register.counted];
    for (const [i, paidIn] of register.paidIns.entries()) yield [["registers", r, "paidIns", i], paidIn];
    for (const [i, payout] of register.payouts.entries())
      yield [["registers", r, "payouts", i, "amount"], payout.amount];
  }
  for (const [o, order] of day.purchaseOrders.entries())
    for (const [l, line] of order.lines.entries())
      yield [["purchaseOrders", o, "lines", l, "amount"], line.amount];
}

export function parsePosDay(input: unknown): Parsed<PosDay> {
  const result = PosDaySchema.safeParse(input);
  if (!result.success) return { ok: false, errors: toFieldErrors(result.error) };
  const day = result.data;
  const units = minorUnits(day.store.currency);
  const errors: FieldError[] = [];
  for (const [path, amount] of moneyFields(day)) {
    if (scaleOf(amount) > units)
      errors.push({
        path: formatPath(path),
        message: `has more than ${units} decimal place(s), the minor units of ${day.store.currency}`,
      });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: day };
}
