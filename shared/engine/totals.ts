// The POS figures of a day, mapping-independent: what the Accounting tab shows beside the documents
// so a mismatch is visible.
import { Decimal as D, type Decimal, minorUnits, toMoneyString, ZERO } from "../money";
import type { PosDay } from "../schemas/posDay";
import { registerFigures } from "./cashDrawer";
import type { DayTotals } from "./types";

export function summarize(day: PosDay): DayTotals {
  const units = minorUnits(day.store.currency);
  const money = (value: Decimal) => toMoneyString(value, units);
  let sales = 0;
  let voided = 0;
  let gross = ZERO;
  let returns = ZERO;
  let discounts = ZERO;
  let tax = ZERO;
  let tips = ZERO;
  let giftCards = ZERO;
  let deposits = ZERO;
  let cogs = ZERO;
  const byType = new Map<string, { paymentTypeId: string; name: string; kind: string; amount: Decimal }>();

  for (const sale of day.sales) {
    if (sale.voided) {
      voided++;
      continue;
    }
    sales++;
    tips = tips.plus(sale.tip);
    for (const line of sale.lines) {
      const subtotal = new D(line.subtotal);
      if (line.kind === "gift_card") giftCards = giftCards.plus(subtotal);
      else if (line.kind === "account_deposit") deposits = deposits.plus(subtotal);
      else if (subtotal.isNegative()) returns = returns.minus(subtotal);
      else gross = gross.plus(subtotal);
      if (line.kind === "item" && line.unitCost !== undefined)
        cogs = cogs.plus(new D(line.quantity).times(line.unitCost));
      for (const discount of line.discounts) discounts = discounts.plus(discount.amount);
      for (const lineTax of line.taxes) tax = tax.plus(lineTax.amount);
    }
    for (const payment of sale.payments) {
      const entry = byType.get(payment.paymentTypeId);
      if (entry) entry.amount = entry.amount.plus(payment.amount);
      else byType.set(payment.paymentTypeId, { ...payment, amount: new D(payment.amount) });
    }
  }

  let payouts = ZERO;
  let paidIns = ZERO;
  let overShort = ZERO;
  for (const register of day.registers) {
    const figures = registerFigures(register);
    payouts = payouts.plus(figures.payouts);
    paidIns = paidIns.plus(figures.paidIns);
    overShort = overShort.plus(figures.overShort);
  }

  const types = [...byType.values()].sort((a, b) => a.paymentTypeId.localeCompare(b.paymentTypeId));
  let payments = ZERO;
  let cash = ZERO;
  for (const type of types) {
    payments = payments.plus(type.amount);
    if (type.kind === "cash") cash = cash.plus(type.amount);
  }
  let purchaseOrders = ZERO;
  for (const order of day.purchaseOrders)
    for (const line of order.lines) purchaseOrders = purchaseOrders.plus(line.amount);

  return {
    currency: day.store.currency,
    sales,
    voided,
    grossSales: money(gross),
    discounts: money(discounts),
    returns: money(returns),
    netSales: money(gross.minus(returns).minus(discounts)),
    tax: money(tax),
    tips: money(tips),
    giftCardsSold: money(giftCards),
    accountDeposits: money(deposits),
    payments: money(payments),
    paymentsByType: types.map((type) => ({
      paymentTypeId: type.paymentTypeId,
      name: type.name,
      kind: type.kind,
      amount: money(type.amount),
    })),
    cashPayments: money(cash),
    payouts: money(payouts),
    paidIns: money(paidIns),
    overShort: money(overShort),
    cogs: money(cogs),
    purchaseOrders: money(purchaseOrders),
  };
}
