// fast-check arbitraries for property tests of the posting engine: random VALID PosDay v1 days with a
// Mapping v1 that maps everything the day uses, so `generate` answers "ready" (or "empty").
//
// Every amount is built from an integer count of minor units and formatted as a decimal string; no
// float ever holds money. Each non-voided sale balances exactly: sum over lines of
// (subtotal - discounts + taxes) == sum(payments) - tip, except for a deliberate difference of a few
// minor units, which the mapping then covers with a tolerance and a rounding target. Voided sales are
// free-form: unbalanced, with categories and payment types the mapping has never heard of.
import fc from "fast-check";
import { LOCALES, type Locale } from "../../shared/i18n";
import { Decimal, fromMinorUnits } from "../../shared/money";
import type { Mapping, PostingMethod, Target } from "../../shared/schemas/mapping";
import type { Payment, PosDay, PurchaseOrder, Register, Sale, SaleLine } from "../../shared/schemas/posDay";

export const CURRENCIES = ["CAD", "EUR", "JPY"] as const;
export type Currency = (typeof CURRENCIES)[number];
export const MINOR_UNITS: Record<Currency, number> = { CAD: 2, EUR: 2, JPY: 0 };

export const POSTING_METHODS: PostingMethod[] = [
  "journal_entry",
  "summary_sales_receipt",
  "itemized_sales_receipt",
  "summary_invoice",
];

/** The fixed cash drawer accounts; no other role of a generated mapping uses them. */
export const DRAWER = {
  deposit: "1010",
  cashInDrawer: "1020",
  payouts: "6100",
  paidIns: "6110",
  overShort: "6150",
} as const;

/** quantity (thousandths) x unit price (minor units), rounded half away from zero to minor units. */
function lineSubtotal(quantityMilli: number, priceMinor: number): number {
  return new Decimal(quantityMilli)
    .times(priceMinor)
    .div(1000)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toNumber();
}

/** floor(|amount| x numerator / denominator) with the sign of amount, in integers. */
function share(amount: number, numerator: number, denominator: number): number {
  const magnitude = Math.floor((Math.abs(amount) * numerator) / denominator);
  return amount < 0 ? -magnitude : magnitude;
}

// ---------------------------------------------------------------------------------------------------
// The catalog the POS sells from. Names have variants: with `renames`, an entity renamed during the
// day shows different names on different lines (as a POS does when someone edits it mid-day).

interface Named {
  id: string;
  names: string[];
}

export const CATEGORIES: Named[] = [
  { id: "c1", names: ["Apparel", "Clothing"] },
  { id: "c2", names: ["Home", "Home & Garden"] },
  { id: "c3", names: ["Grocery", "Food"] },
  { id: "c4", names: ["Books", "Livres"] },
];

export const ITEMS: (Named & { categoryId: string })[] = [
  { id: "i1", names: ["T-shirt", "Tee"], categoryId: "c1" },
  { id: "i2", names: ["Mug", "Big mug"], categoryId: "c2" },
  { id: "i3", names: ["Sticker", "Stickers"], categoryId: "c2" },
  { id: "i4", names: ["Coffee beans", "Beans"], categoryId: "c3" },
  { id: "i5", names: ["Novel", "Paperback"], categoryId: "c4" },
  { id: "i6", names: ["Scarf", "Wool scarf"], categoryId: "c1" },
];

const GIFT_CARD = {
  itemId: "gc",
  names: ["Gift card", "Gift certificate"],
  categoryId: "gift",
  categoryName: "Gift cards",
};
const ACCOUNT_DEPOSIT = {
  itemId: "acct",
  names: ["Account deposit", "Deposit"],
  categoryId: "acct",
  categoryName: "Accounts",
};

export const TAXES: Named[] = [
  { id: "t1", names: ["GST", "GST 5%"] },
  { id: "t2", names: ["PST", "PST 7%"] },
  { id: "t3", names: ["VAT", "TVA"] },
];

export const DISCOUNTS: Named[] = [
  { id: "d1", names: ["10% off", "Ten percent"] },
  { id: "d2", names: ["Staff", "Employee"] },
  { id: "d3", names: ["Coupon", "Voucher"] },
];

export const PAYMENT_TYPES: (Named & { kind: Payment["kind"] })[] = [
  { id: "pt-cash", kind: "cash", names: ["Cash", "Cash CAD"] },
  { id: "pt-visa", kind: "card", names: ["Visa", "VISA"] },
  { id: "pt-mc", kind: "card", names: ["Mastercard", "MC"] },
  { id: "pt-gift", kind: "gift_card", names: ["Gift card", "Gift card redeemed"] },
  { id: "pt-acct", kind: "credit_account", names: ["On account", "House account"] },
  { id: "pt-cheque", kind: "other", names: ["Cheque", "Check"] },
  { id: "pt-voucher", kind: "other", names: ["Voucher", "Bon"] },
];

const STORES = [
  { id: "store-1", name: "Downtown" },
  { id: "42", name: "Café Centre-Ville" },
  { id: "east", name: "East; Side  Mall" },
  { id: "store 4", name: "Gare\tdu Nord, quai 2" },
];
const TIMEZONES = ["America/Toronto", "Europe/Paris", "Asia/Tokyo"];
const DATES = ["2026-11-20", "2025-01-31", "2024-02-29"];
// Names hledger must be protected from: `;` starts a comment, two spaces or a tab end a name, a comma
// ends a tag value, a newline ends the line.
const REGISTER_NAMES = ["Front", "Back", "Bar; upstairs", "Till\t2"];
const VENDORS = ["Acme Supply", "Nord; Fournitures", "Smith, Jones  & Co", "Line\nBreak Ltd"];
const CLASSES = ["Downtown", "East, Main", "Région:Nord", "Tab\tClass"];

// ---------------------------------------------------------------------------------------------------
// Specs: the random choices, in integers. Building a day from them is deterministic.

const weighted = <T>(...choices: [T, number][]) =>
  fc.oneof(...choices.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));

const lineSpecArb = fc.record({
  kind: weighted<SaleLine["kind"]>(["item", 8], ["gift_card", 1], ["account_deposit", 1]),
  item: fc.nat({ max: ITEMS.length - 1 }),
  refund: weighted([false, 4], [true, 1]),
  quantityMilli: fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 5 }).map((units) => units * 1000), weight: 3 },
    { arbitrary: fc.integer({ min: 1, max: 5000 }), weight: 1 },
  ),
  priceMinor: fc.integer({ min: 1, max: 20_000 }),
  discounts: fc.uniqueArray(
    fc.record({ index: fc.nat({ max: DISCOUNTS.length - 1 }), percent: fc.integer({ min: 0, max: 50 }) }),
    { selector: (discount) => discount.index, maxLength: 2 },
  ),
  taxes: fc.uniqueArray(
    fc.record({ index: fc.nat({ max: TAXES.length - 1 }), permille: fc.integer({ min: 0, max: 200 }) }),
    { selector: (tax) => tax.index, maxLength: 2 },
  ),
  unitCost: fc.option(
    fc.record({ value: fc.integer({ min: 0, max: 500_000 }), scale: fc.integer({ min: 0, max: 4 }) }),
    {
      freq: 4,
    },
  ),
  variant: fc.nat({ max: 3 }),
});
type LineSpec = typeof lineSpecArb extends fc.Arbitrary<infer T> ? T : never;

const paymentSpecArb = fc.record({
  type: fc.nat({ max: PAYMENT_TYPES.length - 1 }),
  weight: fc.integer({ min: 0, max: 10 }),
  variant: fc.nat({ max: 3 }),
});

const saleSpecArb = fc.record({
  lines: fc.oneof(
    { arbitrary: fc.array(lineSpecArb, { minLength: 1, maxLength: 4 }), weight: 9 },
    { arbitrary: fc.constant<LineSpec[]>([]), weight: 1 },
  ),
  payments: fc.array(paymentSpecArb, { minLength: 1, maxLength: 3 }),
  tip: weighted([0, 3], [1, 1]).chain((tipped) =>
    tipped ? fc.integer({ min: 1, max: 2_000 }) : fc.constant(0),
  ),
  difference: fc.oneof(
    { arbitrary: fc.constant(0), weight: 6 },
    { arbitrary: fc.integer({ min: -3, max: 3 }), weight: 1 },
  ),
  minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
});
type SaleSpec = typeof saleSpecArb extends fc.Arbitrary<infer T> ? T : never;

const voidedSpecArb = fc.record({
  sale: saleSpecArb,
  strayLine: fc.boolean(),
  strayPayment: fc.boolean(),
  stray: fc.integer({ min: -5_000, max: 5_000 }),
  tip: fc.integer({ min: 0, max: 1_000 }),
});
type VoidedSpec = typeof voidedSpecArb extends fc.Arbitrary<infer T> ? T : never;

const registerSpecArb = fc.record({
  float: fc.integer({ min: 0, max: 50_000 }),
  cashPayments: fc.integer({ min: 0, max: 100_000 }),
  paidIns: fc.array(fc.integer({ min: 1, max: 5_000 }), { maxLength: 2 }),
  payouts: fc.array(fc.integer({ min: 1, max: 5_000 }), { maxLength: 2 }),
  counted: fc.option(
    fc.oneof(
      { arbitrary: fc.constant(0), weight: 2 },
      { arbitrary: fc.integer({ min: -500, max: 500 }), weight: 3 },
    ),
  ),
  closed: fc.boolean(),
});
type RegisterSpec = typeof registerSpecArb extends fc.Arbitrary<infer T> ? T : never;

const purchaseOrderSpecArb = fc.record({
  vendor: fc.nat({ max: VENDORS.length - 1 }),
  lines: fc.array(
    fc.record({
      category: fc.nat({ max: CATEGORIES.length - 1 }),
      amount: fc.integer({ min: 0, max: 100_000 }),
    }),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
});

const daySpecArb = fc.record({
  currency: fc.constantFrom(...CURRENCIES),
  store: fc.nat({ max: STORES.length - 1 }),
  timezone: fc.constantFrom(...TIMEZONES),
  date: fc.constantFrom(...DATES),
  closed: fc.boolean(),
  sales: fc.array(saleSpecArb, { maxLength: 8 }),
  voided: fc.array(voidedSpecArb, { maxLength: 2 }),
  registers: fc.array(registerSpecArb, { maxLength: 3 }),
  purchaseOrders: fc.array(purchaseOrderSpecArb, { maxLength: 2 }),
});
type DaySpec = typeof daySpecArb extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------------
// Building a day.

interface DayContext {
  units: number;
  date: string;
  renames: boolean;
}

const nameOf = (ctx: DayContext, entity: { names: string[] }, variant: number): string =>
  (ctx.renames ? entity.names[variant % entity.names.length] : entity.names[0]) as string;

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length] as T;

function time(date: string, minute: number): string {
  const hh = String(Math.floor(minute / 60)).padStart(2, "0");
  const mm = String(minute % 60).padStart(2, "0");
  return `${date}T${hh}:${mm}:00-05:00`;
}

/** A line and what it adds to what the customer owes (minor units). */
function buildLine(ctx: DayContext, spec: LineSpec, id: string): { line: SaleLine; owed: number } {
  const sign = spec.refund ? -1 : 1;
  const quantityMilli = sign * spec.quantityMilli;
  const subtotal = lineSubtotal(quantityMilli, spec.priceMinor);
  let owed = subtotal;
  const discounts = spec.discounts.map((discount) => {
    const amount = share(subtotal, discount.percent, 100);
    owed -= amount;
    const entity = pick(DISCOUNTS, discount.index);
    return {
      discountId: entity.id,
      name: nameOf(ctx, entity, spec.variant),
      amount: fromMinorUnits(amount, ctx.units),
    };
  });
  const taxes = spec.taxes.map((tax) => {
    const amount = share(subtotal, tax.permille, 1000);
    owed += amount;
    const entity = pick(TAXES, tax.index);
    return {
      taxId: entity.id,
      name: nameOf(ctx, entity, spec.variant),
      amount: fromMinorUnits(amount, ctx.units),
    };
  });
  const item = pick(ITEMS, spec.item);
  const category = CATEGORIES.find((candidate) => candidate.id === item.categoryId) as Named;
  const product =
    spec.kind === "gift_card"
      ? {
          itemId: GIFT_CARD.itemId,
          itemName: nameOf(ctx, GIFT_CARD, spec.variant),
          categoryId: GIFT_CARD.categoryId,
          categoryName: GIFT_CARD.categoryName,
        }
      : spec.kind === "account_deposit"
        ? {
            itemId: ACCOUNT_DEPOSIT.itemId,
            itemName: nameOf(ctx, ACCOUNT_DEPOSIT, spec.variant),
            categoryId: ACCOUNT_DEPOSIT.categoryId,
            categoryName: ACCOUNT_DEPOSIT.categoryName,
          }
        : {
            itemId: item.id,
            itemName: nameOf(ctx, item, spec.variant),
            categoryId: category.id,
            categoryName: nameOf(ctx, category, spec.variant),
          };
  const line: SaleLine = {
    id,
    kind: spec.kind,
    ...product,
    quantity: fromMinorUnits(quantityMilli, 3).replace(/\.?0+$/, ""),
    unitPrice: fromMinorUnits(spec.priceMinor, ctx.units),
    subtotal: fromMinorUnits(subtotal, ctx.units),
    discounts,
    taxes,
  };
  if (spec.unitCost) line.unitCost = fromMinorUnits(spec.unitCost.value, spec.unitCost.scale);
  return { line, owed };
}

/** Splits `total` minor units over the payments by weight; the last payment takes the remainder. */
function buildPayments(ctx: DayContext, specs: SaleSpec["payments"], total: number): Payment[] {
  const weights = specs.reduce((sum, spec) => sum + spec.weight, 0);
  let left = total;
  return specs.map((spec, index) => {
    const amount = index === specs.length - 1 ? left : weights === 0 ? 0 : share(total, spec.weight, weights);
    left -= amount;
    const type = pick(PAYMENT_TYPES, spec.type);
    return {
      paymentTypeId: type.id,
      name: nameOf(ctx, type, spec.variant),
      kind: type.kind,
      amount: fromMinorUnits(amount, ctx.units),
    };
  });
}

function buildSale(ctx: DayContext, spec: SaleSpec, index: number, id: string): Sale {
  let owed = 0;
  const lines = spec.lines.map((lineSpec, l) => {
    const built = buildLine(ctx, lineSpec, `${id}-l${l + 1}`);
    owed += built.owed;
    return built.line;
  });
  const paid = owed + spec.tip + spec.difference;
  return {
    id,
    number: String(1001 + index),
    completedAt: time(ctx.date, spec.minute),
    voided: false,
    lines,
    payments: buildPayments(ctx, spec.payments, paid),
    tip: fromMinorUnits(spec.tip, ctx.units),
    total: fromMinorUnits(owed, ctx.units),
  };
}

function buildVoidedSale(ctx: DayContext, spec: VoidedSpec, index: number): Sale {
  const sale = buildSale(ctx, spec.sale, 900 + index, `void-${index + 1}`);
  if (spec.strayLine)
    sale.lines.push({
      id: `void-${index + 1}-stray`,
      kind: "item",
      itemId: "i-void",
      itemName: "Never mapped",
      categoryId: "c-void",
      categoryName: "Never mapped",
      quantity: "1",
      unitPrice: fromMinorUnits(Math.abs(spec.stray), ctx.units),
      subtotal: fromMinorUnits(spec.stray, ctx.units),
      discounts: [{ discountId: "d-void", name: "Never mapped", amount: fromMinorUnits(1, ctx.units) }],
      taxes: [{ taxId: "t-void", name: "Never mapped", amount: fromMinorUnits(2, ctx.units) }],
    });
  if (spec.strayPayment)
    sale.payments.push({
      paymentTypeId: "pt-void",
      name: "Never mapped",
      kind: "other",
      amount: fromMinorUnits(spec.stray * 3, ctx.units),
    });
  sale.tip = fromMinorUnits(spec.tip, ctx.units);
  sale.voided = true;
  sale.voidedAt = time(ctx.date, 24 * 60 - 1);
  return sale;
}

function buildRegister(ctx: DayContext, spec: RegisterSpec, index: number): Register {
  const paidIns = spec.paidIns.reduce((sum, amount) => sum + amount, 0);
  const payouts = spec.payouts.reduce((sum, amount) => sum + amount, 0);
  const expected = spec.float + spec.cashPayments + paidIns - payouts;
  const register: Register = {
    id: `r${index + 1}`,
    name: pick(REGISTER_NAMES, index),
    openingFloat: fromMinorUnits(spec.float, ctx.units),
    cashPayments: fromMinorUnits(spec.cashPayments, ctx.units),
    paidIns: spec.paidIns.map((amount) => fromMinorUnits(amount, ctx.units)),
    payouts: spec.payouts.map((amount, p) => ({
      amount: fromMinorUnits(amount, ctx.units),
      reason: `Payout ${p + 1}`,
    })),
  };
  if (spec.closed) register.closedAt = time(ctx.date, 23 * 60);
  if (spec.counted !== null) register.counted = fromMinorUnits(expected + spec.counted, ctx.units);
  return register;
}

function buildDay(spec: DaySpec, options: ScenarioOptions): PosDay {
  const units = MINOR_UNITS[spec.currency];
  const ctx: DayContext = { units, date: spec.date, renames: options.renames ?? false };
  const store = pick(STORES, spec.store);
  const sales = spec.sales.map((saleSpec, index) => buildSale(ctx, saleSpec, index, `s${index + 1}`));
  // Voided sales sit among the others, not only at the end.
  spec.voided.forEach((voidedSpec, index) => {
    sales.splice((index * 3) % (sales.length + 1), 0, buildVoidedSale(ctx, voidedSpec, index));
  });
  const purchaseOrders: PurchaseOrder[] = spec.purchaseOrders.map((order, index) => ({
    id: `PO-${index + 1}`,
    vendorName: pick(VENDORS, order.vendor),
    receivedAt: time(spec.date, 600 + index),
    lines: order.lines.map((line) => ({
      categoryId: pick(CATEGORIES, line.category).id,
      amount: fromMinorUnits(line.amount, units),
    })),
  }));
  return {
    version: 1,
    store: { id: store.id, name: store.name, timezone: spec.timezone, currency: spec.currency },
    salesDate: spec.date,
    closed: spec.closed,
    sales,
    registers: spec.registers.map((register, index) => buildRegister(ctx, register, index)),
    purchaseOrders,
  };
}

// ---------------------------------------------------------------------------------------------------
// Mapping choices, then a mapping built from them that covers everything the day uses.

const inventoryModeArb = weighted<"none" | "both" | "cogs" | "inventory" | "ignore">(
  ["none", 2],
  ["both", 2],
  ["cogs", 1],
  ["inventory", 1],
  ["ignore", 1],
);

const mappingSpecArb = fc.record({
  method: fc.constantFrom(...POSTING_METHODS),
  trackSalesTaxInLedger: fc.boolean(),
  bookInventoryCogs: fc.boolean(),
  combineCreditCards: fc.boolean(),
  extraTolerance: fc.integer({ min: 0, max: 5 }),
  roundingAnyway: fc.boolean(),
  itemTargets: fc.boolean(),
  salesAll: fc.boolean(),
  byCategory: fc.array(fc.option(fc.nat({ max: 3 })), {
    minLength: CATEGORIES.length,
    maxLength: CATEGORIES.length,
  }),
  byItem: fc.array(fc.option(fc.nat({ max: 3 }), { freq: 2 }), {
    minLength: ITEMS.length,
    maxLength: ITEMS.length,
  }),
  discountsAll: fc.boolean(),
  byDiscount: fc.array(fc.option(fc.nat({ max: 1 })), {
    minLength: DISCOUNTS.length,
    maxLength: DISCOUNTS.length,
  }),
  returns: fc.boolean(),
  taxTargets: fc.array(fc.record({ target: fc.nat({ max: 1 }), vendor: fc.boolean() }), {
    minLength: TAXES.length,
    maxLength: TAXES.length,
  }),
  giftCards: fc.boolean(),
  tips: fc.boolean(),
  creditAccount: fc.boolean(),
  allCreditCards: fc.boolean(),
  byType: fc.array(fc.option(fc.record({ target: fc.nat({ max: 2 }), vendor: fc.boolean() })), {
    minLength: PAYMENT_TYPES.length,
    maxLength: PAYMENT_TYPES.length,
  }),
  paidIns: fc.boolean(),
  inventoryAll: fc.boolean(),
  inventory: fc.array(inventoryModeArb, { minLength: CATEGORIES.length, maxLength: CATEGORIES.length }),
  purchaseOrders: fc.boolean(),
  storeClass: fc.option(fc.nat({ max: CLASSES.length - 1 }), { freq: 5 }),
});
type MappingSpec = typeof mappingSpecArb extends fc.Arbitrary<infer T> ? T : never;

const SALES_ACCOUNTS = ["4000", "4010", "4020", "Sales:Retail"];
const DISCOUNT_ACCOUNTS = ["4900", "4910"];
const TAX_ACCOUNTS = ["2310", "2320"];
const PAYMENT_ACCOUNTS = ["1061", "1062", "1070 Undeposited"];
const INVENTORY_ACCOUNTS = ["1300", "1310"];
const COGS_ACCOUNTS = ["5000", "5010"];
const TAX_CODES = ["GST", "PST", "HST ON"];

/** What the non-voided sales of a day use, which the mapping must cover. */
function usage(day: PosDay) {
  const live = day.sales.filter((sale) => !sale.voided);
  const lines = live.flatMap((sale) => sale.lines);
  const payments = live.flatMap((sale) => sale.payments);
  return {
    items: lines.filter((line) => line.kind === "item"),
    discountIds: new Set(lines.flatMap((line) => line.discounts.map((discount) => discount.discountId))),
    giftCardLines: lines.some((line) => line.kind === "gift_card"),
    depositLines: lines.some((line) => line.kind === "account_deposit"),
    tips: live.some((sale) => !new Decimal(sale.tip).isZero()),
    payments,
    roundingNeeded: live.reduce((max, sale) => Decimal.max(max, saleDifference(sale).abs()), new Decimal(0)),
    paidIns: day.registers.some((register) => register.paidIns.length > 0),
  };
}

/** payments - tip - (lines after discounts, plus taxes) of one sale. */
export function saleDifference(sale: Sale): Decimal {
  let owed = new Decimal(0);
  for (const line of sale.lines) {
    owed = owed.plus(line.subtotal);
    for (const discount of line.discounts) owed = owed.minus(discount.amount);
    for (const tax of line.taxes) owed = owed.plus(tax.amount);
  }
  const paid = sale.payments.reduce((sum, payment) => sum.plus(payment.amount), new Decimal(0));
  return paid.minus(sale.tip).minus(owed);
}

function buildMapping(day: PosDay, spec: MappingSpec): Mapping {
  const units = MINOR_UNITS[day.store.currency as Currency];
  const used = usage(day);
  const receipt = spec.method !== "journal_entry";
  // Receipt methods may book sales, discounts and other charges to ledger items.
  const asItem = receipt && spec.itemTargets;
  const target = (account: string, item: string): Target => (asItem ? { item } : { account });

  const sales: Mapping["sales"] = { byCategory: {}, byItem: {} };
  if (spec.salesAll) sales.all = target("4090", "ALL-SALES");
  CATEGORIES.forEach((category, index) => {
    const choice = spec.byCategory[index];
    if (choice !== null && choice !== undefined)
      sales.byCategory[category.id] = target(pick(SALES_ACCOUNTS, choice), `CAT-${category.id}`);
  });
  ITEMS.forEach((item, index) => {
    const choice = spec.byItem[index];
    if (choice !== null && choice !== undefined)
      sales.byItem[item.id] = target(pick(SALES_ACCOUNTS, choice), `ITEM-${item.id}`);
  });
  for (const line of used.items)
    if (!sales.all && !sales.byItem[line.itemId] && !sales.byCategory[line.categoryId])
      sales.byCategory[line.categoryId] = target("4030", `CAT-${line.categoryId}`);

  const discounts: Mapping["discounts"] = { byDiscount: {} };
  if (spec.discountsAll) discounts.all = target("4990", "ALL-DISCOUNTS");
  DISCOUNTS.forEach((discount, index) => {
    const choice = spec.byDiscount[index];
    if (choice !== null && choice !== undefined)
      discounts.byDiscount[discount.id] = target(pick(DISCOUNT_ACCOUNTS, choice), `DISC-${discount.id}`);
  });
  for (const discountId of used.discountIds)
    if (!discounts.all && !discounts.byDiscount[discountId])
      discounts.byDiscount[discountId] = target("4920", `DISC-${discountId}`);
  if (spec.returns) discounts.returns = target("4950", "RETURNS");

  const payments: Mapping["payments"] = { byType: {} };
  if (spec.allCreditCards) payments.allCreditCards = { account: "1060" };
  PAYMENT_TYPES.forEach((type, index) => {
    const choice = spec.byType[index];
    if (choice !== null && choice !== undefined && type.kind !== "cash")
      payments.byType[type.id] = {
        account: pick(PAYMENT_ACCOUNTS, choice.target),
        ...(choice.vendor && { vendor: `${type.names[0]} processor` }),
      };
  });
  // Card and other payment types need a mapping of their own (or All Credit Cards); gift card and credit
  // account payments may fall back to their Other Charges liability, unless those are ledger items.
  const needsType = (kind: Payment["kind"]) =>
    kind === "card" || kind === "other" || (asItem && kind !== "cash");
  for (const payment of used.payments) {
    if (payment.kind === "card" && spec.combineCreditCards) payments.allCreditCards ??= { account: "1060" };
    else if (needsType(payment.kind) && !payments.byType[payment.paymentTypeId])
      payments.byType[payment.paymentTypeId] = { account: "1069" };
  }

  const otherCharges: Mapping["otherCharges"] = { byTax: {} };
  TAXES.forEach((tax, index) => {
    const choice = spec.taxTargets[index] as MappingSpec["taxTargets"][number];
    otherCharges.byTax[tax.id] = {
      ...target(pick(TAX_ACCOUNTS, choice.target), `TAX-${tax.id}`),
      ...(choice.vendor && { vendor: `${tax.names[0]} authority` }),
    };
  });
  const redeemed = (kind: Payment["kind"]) =>
    used.payments.some((payment) => payment.kind === kind && !payments.byType[payment.paymentTypeId]);
  if (spec.giftCards || used.giftCardLines || redeemed("gift_card"))
    otherCharges.giftCards = target("2400", "GIFT-CARDS");
  if (spec.tips || used.tips) otherCharges.tips = target("2450", "TIPS");
  if (spec.creditAccount || used.depositLines || redeemed("credit_account"))
    otherCharges.creditAccount = target("1250", "CREDIT-ACCOUNT");

  const inventory: Mapping["inventory"] = { byCategory: {} };
  if (spec.inventoryAll) inventory.all = { inventory: { account: "1300" }, cogs: { account: "5000" } };
  CATEGORIES.forEach((category, index) => {
    let mode = spec.inventory[index] ?? "none";
    // Without ALL, a category is either fully mapped or ignored.
    if (!inventory.all && mode !== "ignore") mode = "both";
    const entry: Mapping["inventory"]["byCategory"][string] = {};
    if (mode === "both" || mode === "inventory")
      entry.inventory = { account: pick(INVENTORY_ACCOUNTS, index + 1) };
    if (mode === "both" || mode === "cogs") entry.cogs = { account: pick(COGS_ACCOUNTS, index + 1) };
    if (mode === "ignore") entry.ignore = true;
    if (mode !== "none") inventory.byCategory[category.id] = entry;
  });

  const mapping: Mapping = {
    version: 1,
    postingMethod: spec.method,
    settings: {
      trackSalesTaxInLedger: spec.trackSalesTaxInLedger,
      bookInventoryCogs: spec.bookInventoryCogs,
      combineCreditCards: spec.combineCreditCards,
      tolerance: fromMinorUnits(
        used.roundingNeeded.times(10 ** units).toNumber() + spec.extraTolerance,
        units,
      ),
    },
    sales,
    discounts,
    otherCharges,
    taxes: {
      byTax: Object.fromEntries(TAXES.map((tax, index) => [tax.id, { taxCode: pick(TAX_CODES, index) }])),
    },
    payments,
    cashDrawer: {
      deposit: { account: DRAWER.deposit },
      cashInDrawer: { account: DRAWER.cashInDrawer },
      payouts: { account: DRAWER.payouts },
      overShort: { account: DRAWER.overShort },
    },
    inventory,
    classes: { "other-store": "Elsewhere" },
  };
  if (spec.paidIns || used.paidIns) mapping.cashDrawer.paidIns = { account: DRAWER.paidIns };
  if (spec.purchaseOrders || day.purchaseOrders.length > 0)
    mapping.purchaseOrders = { inventory: { account: "1300" }, offset: { account: "2000" } };
  if (spec.roundingAnyway || !used.roundingNeeded.isZero()) mapping.rounding = target("4980", "ROUNDING");
  if (spec.storeClass !== null) mapping.classes[day.store.id] = pick(CLASSES, spec.storeClass);
  return mapping;
}

// ---------------------------------------------------------------------------------------------------

export interface Scenario {
  day: PosDay;
  mapping: Mapping;
  /** Language of memos and descriptions. */
  locale: Locale;
}

export interface ScenarioOptions {
  /** Entities renamed during the day: the same id shows different names on different lines. */
  renames?: boolean;
}

/** A valid day and a mapping that maps everything it uses. */
export function scenarioArb(options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  return fc
    .tuple(daySpecArb, mappingSpecArb, fc.constantFrom(...LOCALES))
    .map(([daySpec, mappingSpec, locale]) => {
      const day = buildDay(daySpec, options);
      return { day, mapping: buildMapping(day, mappingSpec), locale };
    });
}

/** Voided sales for a day in `currency`: unbalanced, with tips, and stray lines and payment types that no
 *  mapping maps. They must contribute nothing. */
export function voidedSalesArb(currency: string, date: string): fc.Arbitrary<Sale[]> {
  const ctx: DayContext = { units: MINOR_UNITS[currency as Currency], date, renames: true };
  return fc
    .array(voidedSpecArb, { minLength: 1, maxLength: 4 })
    .map((specs) => specs.map((spec, index) => buildVoidedSale(ctx, spec, 50 + index)));
}

/** A seed for the deterministic shuffles of the tests. */
export const seedArb = fc.noBias(fc.integer({ min: 0, max: 0x7fffffff }));
