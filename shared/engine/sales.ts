// The sales side of a day: every non-voided sale's lines, discounts, taxes, tip and payments, booked
// to the mapped targets. Cash payments are only totalled here: cash reaches the books through the
// cash drawer's deposit.
import { type Decimal, toMoneyString, ZERO } from "../money";
import type { Target } from "../schemas/mapping";
import type { Payment, Sale, SaleLine } from "../schemas/posDay";
import type { EngineContext } from "./context";
import { PostingBook } from "./postings";

export interface TrackedTax {
  taxId: string;
  name: string;
  taxCode: string;
  amount: Decimal;
}

export interface SalesBooking {
  book: PostingBook;
  /** Taxes carried as ledger tax codes (receipt methods with sales tax tracked in the ledger). */
  trackedTaxes: Map<string, TrackedTax>;
  cashPayments: Decimal;
}

interface Resolved {
  source: string;
  description: string;
  target: Target;
}

/** Resolves each distinct category, item, discount, tax and payment type once per day, names included
 *  (a day has thousands of lines but a few dozen of each). */
function memo<A extends unknown[], R>(
  key: (...args: A) => string,
  resolve: (...args: A) => R,
): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args) => {
    const k = key(...args);
    if (cache.has(k)) return cache.get(k) as R;
    const value = resolve(...args);
    cache.set(k, value);
    return value;
  };
}

interface Resolvers {
  sale(line: SaleLine): Resolved | undefined;
  discount(discountId: string, name: string): Resolved | undefined;
  tax(taxId: string, name: string): Resolved | undefined;
  payment(payment: Payment): Resolved | undefined;
}

export function bookSales(ctx: EngineContext): SalesBooking {
  const booking: SalesBooking = { book: new PostingBook(), trackedTaxes: new Map(), cashPayments: ZERO };
  const resolvers: Resolvers = {
    sale: memo(
      (line) => `${line.itemId}\u0000${line.categoryId}\u0000${line.itemName}\u0000${line.categoryName}`,
      (line) => resolveSale(ctx, line),
    ),
    discount: memo(
      (id, name) => `${id}\u0000${name}`,
      (id, name) => resolveDiscount(ctx, id, name),
    ),
    tax: memo(
      (id, name) => `${id}\u0000${name}`,
      (id, name) => resolveTax(ctx, id, name),
    ),
    payment: memo(
      (payment) => `${payment.paymentTypeId}\u0000${payment.name}\u0000${payment.kind}`,
      (payment) => resolvePayment(ctx, payment),
    ),
  };
  for (const sale of ctx.day.sales) if (!sale.voided) bookSale(ctx, resolvers, sale, booking);
  return booking;
}

function bookSale(ctx: EngineContext, resolvers: Resolvers, sale: Sale, booking: SalesBooking): void {
  const { book } = booking;
  let owed = ZERO;
  for (const line of sale.lines) {
    const subtotal = ctx.amount(line.subtotal);
    owed = owed.plus(subtotal);
    bookLine(ctx, resolvers, line, subtotal, book);
    for (const discount of line.discounts) {
      const amount = ctx.amount(discount.amount);
      owed = owed.minus(amount);
      const target = resolvers.discount(discount.discountId, discount.name);
      if (target) book.add("discounts", target.source, target.description, target.target, amount);
    }
    for (const tax of line.taxes) {
      const amount = ctx.amount(tax.amount);
      owed = owed.plus(amount);
      if (ctx.taxCodes) trackTax(ctx, tax.taxId, tax.name, amount, booking);
      else {
        const target = resolvers.tax(tax.taxId, tax.name);
        if (target)
          book.add(
            "taxes",
            target.source,
            target.description,
            target.target,
            amount.negated(),
            vendorOf(target.target),
          );
      }
    }
  }

  const tip = ctx.amount(sale.tip);
  if (!tip.isZero()) {
    const target = ctx.mapping.otherCharges.tips;
    if (target) book.add("other_charges", "tips", ctx.t("line.tips"), target, tip.negated());
    else ctx.problems.add({ code: "unmapped_tips", severity: "hold", section: "other_charges" });
  }

  let paid = ZERO;
  for (const payment of sale.payments) {
    const amount = ctx.amount(payment.amount);
    paid = paid.plus(amount);
    if (payment.kind === "cash") {
      booking.cashPayments = booking.cashPayments.plus(amount);
      continue;
    }
    const target = resolvers.payment(payment);
    if (target)
      book.add("payments", target.source, target.description, target.target, amount, vendorOf(target.target));
  }

  // Lines after discounts plus tax must equal what was paid less the tip.
  const difference = paid.minus(tip).minus(owed);
  if (difference.isZero()) return;
  if (difference.abs().greaterThan(ctx.tolerance)) {
    const money = (value: Decimal) => toMoneyString(value, ctx.units);
    ctx.problems.add({
      code: "out_of_balance",
      severity: "out_of_balance",
      section: "sales",
      subject: { id: sale.id, name: sale.number },
      details: {
        owed: money(owed),
        paid: money(paid.minus(tip)),
        difference: money(difference),
        tolerance: money(ctx.tolerance),
        total: sale.total,
      },
    });
    return;
  }
  const rounding = ctx.mapping.rounding;
  if (rounding) book.add("rounding", "rounding", ctx.t("line.rounding"), rounding, difference.negated());
  else ctx.problems.add({ code: "unmapped_rounding", severity: "hold", section: "rounding" });
}

function bookLine(
  ctx: EngineContext,
  resolvers: Resolvers,
  line: SaleLine,
  subtotal: Decimal,
  book: PostingBook,
): void {
  const { otherCharges, discounts } = ctx.mapping;
  if (line.kind === "gift_card") {
    // A gift card sold is money owed to the holder: a liability, never revenue.
    if (otherCharges.giftCards)
      book.add(
        "other_charges",
        "gift_cards",
        ctx.t("line.gift_cards_sold"),
        otherCharges.giftCards,
        subtotal.negated(),
      );
    else ctx.problems.add({ code: "unmapped_gift_cards", severity: "hold", section: "other_charges" });
    return;
  }
  if (line.kind === "account_deposit") {
    if (otherCharges.creditAccount)
      book.add(
        "other_charges",
        "credit_account",
        ctx.t("line.credit_account_deposits"),
        otherCharges.creditAccount,
        subtotal.negated(),
      );
    else ctx.problems.add({ code: "unmapped_credit_account", severity: "hold", section: "other_charges" });
    return;
  }
  const quantity = ctx.amount(line.quantity);
  if (quantity.isNegative() && discounts.returns) {
    const source =
      ctx.mapping.postingMethod === "itemized_sales_receipt" ? `returns:${line.itemId}` : "returns";
    const description =
      source === "returns" ? ctx.t("line.returns") : ctx.t("line.returns_of", { name: line.itemName });
    book.add(
      "returns",
      source,
      description,
      discounts.returns,
      subtotal.negated(),
      quantityOf(ctx, quantity),
    );
    return;
  }
  const target = resolvers.sale(line);
  if (target)
    book.add(
      "sales",
      target.source,
      target.description,
      target.target,
      subtotal.negated(),
      quantityOf(ctx, quantity),
    );
}

/** Quantities mean something on a line per POS item only. */
function quantityOf(ctx: EngineContext, quantity: Decimal): { quantity?: Decimal } {
  return ctx.mapping.postingMethod === "itemized_sales_receipt" ? { quantity } : {};
}

/** Item mapping, then category mapping, then All Sales. The itemized receipt keeps a line per POS item. */
function resolveSale(ctx: EngineContext, line: SaleLine): Resolved | undefined {
  const { sales, postingMethod } = ctx.mapping;
  const itemized = postingMethod === "itemized_sales_receipt";
  const byItem = sales.byItem[line.itemId];
  const byCategory = sales.byCategory[line.categoryId];
  const target = byItem ?? byCategory ?? sales.all;
  if (!target) {
    ctx.problems.add(
      itemized
        ? {
            code: "unmapped_item",
            severity: "hold",
            section: "sales",
            subject: { id: line.itemId, name: line.itemName },
          }
        : {
            code: "unmapped_category",
            severity: "hold",
            section: "sales",
            subject: { id: line.categoryId, name: line.categoryName },
          },
    );
    return undefined;
  }
  if (itemized || byItem)
    return {
      source: `item:${line.itemId}`,
      description: ctx.t("line.sales", { name: line.itemName }),
      target,
    };
  if (byCategory)
    return {
      source: `category:${line.categoryId}`,
      description: ctx.t("line.sales", { name: line.categoryName }),
      target,
    };
  return { source: "all_sales", description: ctx.t("line.all_sales"), target };
}

function resolveDiscount(ctx: EngineContext, discountId: string, name: string): Resolved | undefined {
  const { byDiscount, all } = ctx.mapping.discounts;
  const specific = byDiscount[discountId];
  if (specific)
    return {
      source: `discount:${discountId}`,
      description: ctx.t("line.discount", { name }),
      target: specific,
    };
  if (all) return { source: "all_discounts", description: ctx.t("line.all_discounts"), target: all };
  ctx.problems.add({
    code: "unmapped_discount",
    severity: "hold",
    section: "discounts",
    subject: { id: discountId, name },
  });
  return undefined;
}

/** Tracked sales tax is carried as the ledger's tax codes on receipts and invoices. */
function trackTax(
  ctx: EngineContext,
  taxId: string,
  name: string,
  amount: Decimal,
  booking: SalesBooking,
): void {
  const code = ctx.mapping.taxes.byTax[taxId];
  if (!code) {
    ctx.problems.add({
      code: "unmapped_tax_code",
      severity: "hold",
      section: "taxes",
      subject: { id: taxId, name },
    });
    return;
  }
  const tracked = booking.trackedTaxes.get(taxId);
  if (!tracked) booking.trackedTaxes.set(taxId, { taxId, name, taxCode: code.taxCode, amount });
  else {
    tracked.amount = tracked.amount.plus(amount);
    if (name < tracked.name) tracked.name = name; // a tax renamed mid-day: the same name whatever the order
  }
}

/** Otherwise taxes are Other Charges, booked to their liability account with the agency as vendor. */
function resolveTax(ctx: EngineContext, taxId: string, name: string): Resolved | undefined {
  const target = ctx.mapping.otherCharges.byTax[taxId];
  if (target) return { source: `tax:${taxId}`, description: ctx.t("line.tax", { name }), target };
  ctx.problems.add({
    code: "unmapped_tax",
    severity: "hold",
    section: "other_charges",
    subject: { id: taxId, name },
  });
  return undefined;
}

/** Cards may be combined into All Credit Cards; gift cards redeemed and credit-account charges fall back to
 *  their Other Charges liability when the payment type itself is not mapped. */
function resolvePayment(ctx: EngineContext, payment: Payment): Resolved | undefined {
  const { payments, otherCharges, settings } = ctx.mapping;
  const subject = { id: payment.paymentTypeId, name: payment.name };
  if (payment.kind === "card" && settings.combineCreditCards) {
    if (payments.allCreditCards)
      return {
        source: "all_credit_cards",
        description: ctx.t("line.all_credit_cards"),
        target: payments.allCreditCards,
      };
    ctx.problems.add({ code: "unmapped_all_credit_cards", severity: "hold", section: "payments" });
    return undefined;
  }
  const description = ctx.t("line.payment", { name: payment.name });
  const source = `payment:${payment.paymentTypeId}`;
  const byType = payments.byType[payment.paymentTypeId];
  if (byType) return { source, description, target: byType };
  if (payment.kind === "gift_card") {
    if (otherCharges.giftCards) return { source, description, target: otherCharges.giftCards };
    ctx.problems.add({ code: "unmapped_gift_cards", severity: "hold", section: "other_charges" });
    return undefined;
  }
  if (payment.kind === "credit_account" && otherCharges.creditAccount)
    return { source, description, target: otherCharges.creditAccount };
  ctx.problems.add({ code: "unmapped_payment_type", severity: "hold", section: "payments", subject });
  return undefined;
}

function vendorOf(target: Target & { vendor?: string }): { vendor?: string } {
  return target.vendor !== undefined ? { vendor: target.vendor } : {};
}
