// Property tests of the posting engine over random valid days and mappings (tests/support/arbitraries.ts):
// documents balance, every amount of the day lands exactly once where the mapping says, generation is
// deterministic and blind to input order, voided sales change nothing, hledger accepts the journals, and
// fingerprints follow the content.
import { spawnSync } from "node:child_process";
import { seededRandom } from "../../../server/sandbox/pos/random";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fingerprintOf } from "../../../shared/engine/fingerprint";
import { generate } from "../../../shared/engine/generate";
import { summarize } from "../../../shared/engine/totals";
import {
  type AccountingDocument,
  type DocumentKind,
  type GenerateResult,
  isReceipt,
  type Section,
} from "../../../shared/engine/types";
import { toHledger } from "../../../shared/hledger";
import { Decimal, fromMinorUnits, minorUnits } from "../../../shared/money";
import { type Mapping, parseMapping, type Target } from "../../../shared/schemas/mapping";
import { type PosDay, parsePosDay, type Sale } from "../../../shared/schemas/posDay";
import { DRAWER, type Scenario, scenarioArb, seedArb, voidedSalesArb } from "../../support/arbitraries";

const RUNS = { numRuns: 200 };
const ZERO = new Decimal(0);
const dec = (value: string | Decimal) => new Decimal(value);
const sumOf = (values: Iterable<string | Decimal>) => {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
};

const run = ({ day, mapping, locale }: Scenario): GenerateResult => generate(day, mapping, { locale });

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the generated mapping does not map ${what}`);
  return value;
}

const targetKey = (target: Target) =>
  target.account !== undefined ? `account:${target.account}` : `item:${target.item}`;

/** Adds to a map of decimals. */
function addTo(map: Map<string, Decimal>, key: string, amount: string | Decimal): void {
  map.set(key, (map.get(key) ?? ZERO).plus(amount));
}

/** A map of decimals as a plain record of its non-zero entries, in key order (readable in a diff). */
function nonZero(map: Map<string, Decimal>): Record<string, string> {
  return Object.fromEntries(
    [...map.entries()]
      .filter(([, value]) => !value.isZero())
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => [key, value.toFixed()]),
  );
}

// ---------------------------------------------------------------------------------------------------
// Deterministic shuffles and re-spellings of a day.

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** The same day with sales, lines, discounts, taxes, payments, registers and purchase orders reordered. */
function shuffleDay(day: PosDay, seed: number): PosDay {
  const random = seededRandom(seed);
  return {
    ...day,
    sales: shuffled(
      day.sales.map((sale) => ({
        ...sale,
        lines: shuffled(
          sale.lines.map((line) => ({
            ...line,
            discounts: shuffled(line.discounts, random),
            taxes: shuffled(line.taxes, random),
          })),
          random,
        ),
        payments: shuffled(sale.payments, random),
      })),
      random,
    ),
    registers: shuffled(
      day.registers.map((register) => ({
        ...register,
        paidIns: shuffled(register.paidIns, random),
        payouts: shuffled(register.payouts, random),
      })),
      random,
    ),
    purchaseOrders: shuffled(
      day.purchaseOrders.map((order) => ({ ...order, lines: shuffled(order.lines, random) })),
      random,
    ),
  };
}

/** Every object's keys in reverse order, recursively. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, inner]) => [key, reverseKeys(inner)]),
    );
  return value;
}

/** "12.30" -> "12.3", "5.00" -> "5": the same amount, spelled shorter. */
const trimZeros = (amount: string) => (amount.includes(".") ? amount.replace(/\.?0+$/, "") : amount);
/** "2" -> "2.0", "2.5" -> "2.50": the same quantity, spelled longer. */
const padZeros = (quantity: string) => (quantity.includes(".") ? `${quantity}0` : `${quantity}.0`);

/** The same day with every amount spelled differently (trailing zeros dropped or added). */
function respellDay(day: PosDay): PosDay {
  return {
    ...day,
    sales: day.sales.map((sale) => ({
      ...sale,
      tip: trimZeros(sale.tip),
      total: trimZeros(sale.total),
      lines: sale.lines.map((line) => ({
        ...line,
        quantity: padZeros(line.quantity),
        unitPrice: padZeros(line.unitPrice),
        subtotal: trimZeros(line.subtotal),
        discounts: line.discounts.map((discount) => ({ ...discount, amount: trimZeros(discount.amount) })),
        taxes: line.taxes.map((tax) => ({ ...tax, amount: trimZeros(tax.amount) })),
        ...(line.unitCost !== undefined && { unitCost: padZeros(line.unitCost) }),
      })),
      payments: sale.payments.map((payment) => ({ ...payment, amount: trimZeros(payment.amount) })),
    })),
    registers: day.registers.map((register) => ({
      ...register,
      openingFloat: trimZeros(register.openingFloat),
      cashPayments: trimZeros(register.cashPayments),
      paidIns: register.paidIns.map(trimZeros),
      payouts: register.payouts.map((payout) => ({ ...payout, amount: trimZeros(payout.amount) })),
      ...(register.counted !== undefined && { counted: trimZeros(register.counted) }),
    })),
    purchaseOrders: day.purchaseOrders.map((order) => ({
      ...order,
      lines: order.lines.map((line) => ({ ...line, amount: trimZeros(line.amount) })),
    })),
  };
}

function parsedDay(input: unknown): PosDay {
  const parsed = parsePosDay(input);
  if (!parsed.ok) throw new Error(`invalid day: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

// ---------------------------------------------------------------------------------------------------
// What the day says, computed from the day alone (independently of the engine).

interface DayFigures {
  /** Item lines booked to Sales (credit positive), and to Returns when returns are mapped. */
  sales: Decimal;
  returns: Decimal;
  discounts: Decimal;
  giftCards: Decimal;
  deposits: Decimal;
  tips: Decimal;
  taxes: Decimal;
  /** sum over sales of payments - tip - (lines after discounts + taxes). */
  rounding: Decimal;
  cash: Decimal;
  nonCash: Decimal;
  payouts: Decimal;
  paidIns: Decimal;
  overShort: Decimal;
  /** cash - payouts + paid-ins + over/short. */
  deposit: Decimal;
  /** Per category, quantity x unit cost rounded to minor units (only when COGS are booked). */
  cogs: Decimal;
  purchaseOrders: Decimal;
  /** Item ids that have no unit cost (COGS booked, category not ignored). */
  missingUnitCost: string[];
}

const isRefund = (line: Sale["lines"][number], mapping: Mapping) =>
  line.kind === "item" && dec(line.quantity).isNegative() && mapping.discounts.returns !== undefined;

function dayFigures(day: PosDay, mapping: Mapping): DayFigures {
  const units = minorUnits(day.store.currency);
  const f = {
    sales: ZERO,
    returns: ZERO,
    discounts: ZERO,
    giftCards: ZERO,
    deposits: ZERO,
    tips: ZERO,
    taxes: ZERO,
    rounding: ZERO,
    cash: ZERO,
    nonCash: ZERO,
    payouts: ZERO,
    paidIns: ZERO,
    overShort: ZERO,
    deposit: ZERO,
    cogs: ZERO,
    purchaseOrders: ZERO,
    missingUnitCost: [] as string[],
  };
  const costs = new Map<string, Decimal>();
  const missing = new Set<string>();
  for (const sale of day.sales) {
    if (sale.voided) continue;
    let owed = ZERO;
    for (const line of sale.lines) {
      const subtotal = dec(line.subtotal);
      if (line.kind === "gift_card") f.giftCards = f.giftCards.plus(subtotal);
      else if (line.kind === "account_deposit") f.deposits = f.deposits.plus(subtotal);
      else if (isRefund(line, mapping)) f.returns = f.returns.plus(subtotal);
      else f.sales = f.sales.plus(subtotal);
      const discounts = sumOf(line.discounts.map((discount) => discount.amount));
      const taxes = sumOf(line.taxes.map((tax) => tax.amount));
      f.discounts = f.discounts.plus(discounts);
      f.taxes = f.taxes.plus(taxes);
      owed = owed.plus(subtotal).minus(discounts).plus(taxes);
      if (
        line.kind === "item" &&
        mapping.settings.bookInventoryCogs &&
        !mapping.inventory.byCategory[line.categoryId]?.ignore
      ) {
        if (line.unitCost === undefined) missing.add(line.itemId);
        else addTo(costs, line.categoryId, dec(line.quantity).times(line.unitCost));
      }
    }
    f.tips = f.tips.plus(sale.tip);
    let paid = ZERO;
    for (const payment of sale.payments) {
      paid = paid.plus(payment.amount);
      if (payment.kind === "cash") f.cash = f.cash.plus(payment.amount);
      else f.nonCash = f.nonCash.plus(payment.amount);
    }
    f.rounding = f.rounding.plus(paid.minus(sale.tip).minus(owed));
  }
  for (const register of day.registers) {
    const payouts = sumOf(register.payouts.map((payout) => payout.amount));
    const paidIns = sumOf(register.paidIns);
    f.payouts = f.payouts.plus(payouts);
    f.paidIns = f.paidIns.plus(paidIns);
    if (register.counted !== undefined) {
      const expected = dec(register.openingFloat).plus(register.cashPayments).plus(paidIns).minus(payouts);
      f.overShort = f.overShort.plus(dec(register.counted).minus(expected));
    }
  }
  f.deposit = f.cash.minus(f.payouts).plus(f.paidIns).plus(f.overShort);
  f.cogs = sumOf([...costs.values()].map((cost) => cost.toDecimalPlaces(units, Decimal.ROUND_HALF_UP)));
  f.purchaseOrders = sumOf(day.purchaseOrders.flatMap((order) => order.lines.map((line) => line.amount)));
  f.missingUnitCost = [...missing].sort();
  return f;
}

/** The ledger's view of every document: per target, debit positive. Receipt lines and taxes are credits
 *  (taxes to `taxcode:<code>`), receipt payments debits, as hledger books them. */
function ledgerEffect(documents: AccountingDocument[]): Map<string, Decimal> {
  const effect = new Map<string, Decimal>();
  for (const document of documents) {
    if (isReceipt(document)) {
      for (const line of document.lines) addTo(effect, targetKey(line.target), dec(line.amount).negated());
      for (const tax of document.taxes) addTo(effect, `taxcode:${tax.taxCode}`, dec(tax.amount).negated());
      for (const payment of document.payments) addTo(effect, targetKey(payment.target), payment.amount);
    } else {
      for (const line of document.lines)
        addTo(
          effect,
          targetKey(line.target),
          line.side === "debit" ? dec(line.amount) : dec(line.amount).negated(),
        );
    }
  }
  return effect;
}

/** The ledger effect the mapping prescribes, computed from the day and the resolution rules of the
 *  seeds: item over category over All Sales, specific discount over All Discounts, returns, combined
 *  cards, gift card and credit account fallbacks, tax codes, the drawer, COGS per category, POs. */
function modelEffect(day: PosDay, mapping: Mapping): Map<string, Decimal> {
  const units = minorUnits(day.store.currency);
  const effect = new Map<string, Decimal>();
  const add = (target: Target | undefined, what: string, amount: Decimal) =>
    addTo(effect, targetKey(must(target, what)), amount);
  const { sales, discounts, otherCharges, payments, cashDrawer, inventory, settings } = mapping;
  const taxCodes = mapping.postingMethod !== "journal_entry" && settings.trackSalesTaxInLedger;
  const costs = new Map<string, Decimal>();
  for (const sale of day.sales) {
    if (sale.voided) continue;
    for (const line of sale.lines) {
      const subtotal = dec(line.subtotal);
      if (line.kind === "gift_card") add(otherCharges.giftCards, "gift cards", subtotal.negated());
      else if (line.kind === "account_deposit")
        add(otherCharges.creditAccount, "credit account", subtotal.negated());
      else if (isRefund(line, mapping)) add(discounts.returns, "returns", subtotal.negated());
      else
        add(
          sales.byItem[line.itemId] ?? sales.byCategory[line.categoryId] ?? sales.all,
          line.itemId,
          subtotal.negated(),
        );
      for (const discount of line.discounts)
        add(
          discounts.byDiscount[discount.discountId] ?? discounts.all,
          discount.discountId,
          dec(discount.amount),
        );
      for (const tax of line.taxes) {
        if (taxCodes)
          addTo(
            effect,
            `taxcode:${must(mapping.taxes.byTax[tax.taxId], tax.taxId).taxCode}`,
            dec(tax.amount).negated(),
          );
        else add(otherCharges.byTax[tax.taxId], tax.taxId, dec(tax.amount).negated());
      }
      if (
        line.kind === "item" &&
        settings.bookInventoryCogs &&
        !inventory.byCategory[line.categoryId]?.ignore &&
        line.unitCost
      )
        addTo(costs, line.categoryId, dec(line.quantity).times(line.unitCost));
    }
    if (!dec(sale.tip).isZero()) add(otherCharges.tips, "tips", dec(sale.tip).negated());
    for (const payment of sale.payments) {
      if (payment.kind === "cash") continue;
      const target =
        payment.kind === "card" && settings.combineCreditCards
          ? payments.allCreditCards
          : (payments.byType[payment.paymentTypeId] ??
            (payment.kind === "gift_card"
              ? otherCharges.giftCards
              : payment.kind === "credit_account"
                ? otherCharges.creditAccount
                : undefined));
      add(target, payment.paymentTypeId, dec(payment.amount));
    }
    const difference = sumOf(sale.payments.map((payment) => payment.amount))
      .minus(sale.tip)
      .minus(sumOf(sale.lines.map((line) => line.subtotal)))
      .plus(sumOf(sale.lines.flatMap((line) => line.discounts.map((discount) => discount.amount))))
      .minus(sumOf(sale.lines.flatMap((line) => line.taxes.map((tax) => tax.amount))));
    if (!difference.isZero()) add(mapping.rounding, "rounding", difference.negated());
  }
  const f = dayFigures(day, mapping);
  add(cashDrawer.payouts, "payouts", f.payouts);
  if (!f.paidIns.isZero()) add(cashDrawer.paidIns, "paid-ins", f.paidIns.negated());
  add(cashDrawer.overShort, "over/short", f.overShort.negated());
  add(cashDrawer.deposit, "deposit", Decimal.max(f.deposit, ZERO));
  add(cashDrawer.cashInDrawer, "cash in drawer", Decimal.min(f.deposit, ZERO));
  for (const [categoryId, cost] of costs) {
    const amount = cost.toDecimalPlaces(units, Decimal.ROUND_HALF_UP);
    const own = inventory.byCategory[categoryId];
    add(own?.cogs ?? inventory.all?.cogs, `cogs of ${categoryId}`, amount);
    add(own?.inventory ?? inventory.all?.inventory, `inventory of ${categoryId}`, amount.negated());
  }
  if (day.purchaseOrders.length > 0) {
    const purchaseOrders = must(mapping.purchaseOrders, "purchase orders");
    add(purchaseOrders.inventory, "PO inventory", f.purchaseOrders);
    add(purchaseOrders.offset, "PO offset", f.purchaseOrders.negated());
  }
  return effect;
}

/** Credit minus debit per section over the sales side of every method: journal lines by their section;
 *  receipt lines and tracked taxes as credits of their section; a receipt's cash payment (into the
 *  deposit account) as a cash drawer debit and its other payments as payments debits. */
function sectionCredits(documents: AccountingDocument[]): Map<Section, Decimal> {
  const credits = new Map<Section, Decimal>();
  const add = (section: Section, amount: string | Decimal) =>
    credits.set(section, (credits.get(section) ?? ZERO).plus(amount));
  for (const document of documents) {
    if (isReceipt(document)) {
      for (const line of document.lines) add(line.section, line.amount);
      for (const tax of document.taxes) add("taxes", tax.amount);
      for (const payment of document.payments)
        add(
          payment.target.account === DRAWER.deposit ? "cash_drawer" : "payments",
          dec(payment.amount).negated(),
        );
    } else if (document.kind === "journal_entry" || document.kind === "cash_drawer") {
      for (const line of document.lines)
        add(line.section, line.side === "credit" ? line.amount : dec(line.amount).negated());
    }
  }
  return credits;
}

/** Debit minus credit per target account within the documents of some kinds. */
function debitsOn(documents: AccountingDocument[], kinds: DocumentKind[], accounts: string[]): Decimal {
  let total = ZERO;
  for (const document of documents) {
    if (!kinds.includes(document.kind)) continue;
    if (isReceipt(document)) {
      for (const payment of document.payments)
        if (payment.target.account !== undefined && accounts.includes(payment.target.account))
          total = total.plus(payment.amount);
    } else {
      for (const line of document.lines)
        if (line.target.account !== undefined && accounts.includes(line.target.account))
          total = line.side === "debit" ? total.plus(line.amount) : total.minus(line.amount);
    }
  }
  return total;
}

const withoutFingerprint = ({ fingerprint: _fingerprint, ...content }: AccountingDocument) => content;

// ---------------------------------------------------------------------------------------------------

describe("the arbitraries", () => {
  it("make valid days and mappings, mapped completely: ready (or empty), at most unit-cost warnings", () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const { day, mapping } = scenario;
        expect(parsePosDay(day)).toEqual({ ok: true, value: day });
        expect(parseMapping(mapping)).toEqual({ ok: true, value: mapping });
        // Each sale balances to the tolerance, which the rounding target covers.
        const tolerance = dec(mapping.settings.tolerance);
        for (const sale of day.sales) {
          if (sale.voided) continue;
          const difference = sumOf(sale.payments.map((payment) => payment.amount))
            .minus(sale.tip)
            .minus(sumOf(sale.lines.map((line) => line.subtotal)))
            .plus(sumOf(sale.lines.flatMap((line) => line.discounts.map((discount) => discount.amount))))
            .minus(sumOf(sale.lines.flatMap((line) => line.taxes.map((tax) => tax.amount))));
          expect(difference.abs().lessThanOrEqualTo(tolerance)).toBe(true);
          if (!difference.isZero()) expect(mapping.rounding).toBeDefined();
        }

        const result = run(scenario);
        const f = dayFigures(day, mapping);
        expect(result.problems).toEqual(
          f.missingUnitCost.map((itemId) =>
            expect.objectContaining({
              code: "missing_unit_cost",
              severity: "warning",
              subject: expect.objectContaining({ id: itemId }),
            }),
          ),
        );
        expect(result.status).toBe(result.documents.length > 0 ? "ready" : "empty");
        expect(result.method).toBe(mapping.postingMethod);
      }),
      RUNS,
    );
  });
});

describe("posting engine properties", () => {
  it("1. every journal balances to its total; every receipt's lines and taxes equal its total and its payments", () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const { day, mapping } = scenario;
        const units = minorUnits(day.store.currency);
        const storeClass = mapping.classes[day.store.id];
        const itemized = mapping.postingMethod === "itemized_sales_receipt";
        const canonical = units === 0 ? /^-?[1-9]\d*$/ : new RegExp(`^-?(0|[1-9]\\d*)\\.\\d{${units}}$`);
        const amount = (text: string) => {
          expect(text).toMatch(canonical);
          expect(dec(text).isZero()).toBe(false);
          return dec(text);
        };
        for (const document of run(scenario).documents) {
          expect(document.key).toBe(`${day.store.id}/${day.salesDate}/${document.kind}`);
          expect(document.currency).toBe(day.store.currency);
          expect(document.date).toBe(day.salesDate);
          // The store's class on every line (and on the receipt); quantities only on itemized sales lines.
          for (const line of document.lines) {
            expect(line.class).toBe(storeClass);
            if ("quantity" in line)
              expect(itemized && (line.section === "sales" || line.section === "returns")).toBe(true);
            else if (itemized) expect(["sales", "returns"]).not.toContain(line.section);
          }
          if (isReceipt(document)) expect(document.class).toBe(storeClass);
          if (isReceipt(document)) {
            const charged = sumOf(document.lines.map((line) => amount(line.amount))).plus(
              sumOf(document.taxes.map((tax) => amount(tax.amount))),
            );
            const paid = sumOf(document.payments.map((payment) => amount(payment.amount)));
            expect(charged.toFixed(units)).toBe(amount(document.total).toFixed(units));
            expect(paid.toFixed(units)).toBe(document.total);
          } else {
            expect(document.lines.length).toBeGreaterThanOrEqual(2);
            for (const line of document.lines) expect(amount(line.amount).isPositive()).toBe(true);
            const debits = sumOf(
              document.lines.filter((line) => line.side === "debit").map((line) => line.amount),
            );
            const credits = sumOf(
              document.lines.filter((line) => line.side === "credit").map((line) => line.amount),
            );
            expect(debits.toFixed(units)).toBe(amount(document.total).toFixed(units));
            expect(credits.toFixed(units)).toBe(document.total);
          }
        }
      }),
      RUNS,
    );
  });

  it("2. conservation: what was sold equals what was paid plus the liabilities, section by section, in every method", () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const { day, mapping } = scenario;
        const result = run(scenario);
        const { documents } = result;
        const f = dayFigures(day, mapping);
        const credits = sectionCredits(documents);
        const credit = (section: Section) => (credits.get(section) ?? ZERO).toFixed();

        // The sales side, each section exactly once.
        expect({
          sales: credit("sales"),
          returns: credit("returns"),
          discounts: credit("discounts"),
          other_charges: credit("other_charges"),
          taxes: credit("taxes"),
          rounding: credit("rounding"),
          payments: credit("payments"),
          cash_drawer: credit("cash_drawer"),
        }).toEqual({
          sales: f.sales.toFixed(),
          returns: f.returns.toFixed(),
          discounts: f.discounts.negated().toFixed(),
          other_charges: f.giftCards.plus(f.deposits).plus(f.tips).toFixed(),
          taxes: f.taxes.toFixed(),
          rounding: f.rounding.toFixed(),
          payments: f.nonCash.negated().toFixed(),
          cash_drawer: f.cash.negated().toFixed(),
        });
        // Sold + liabilities = paid: net sales + tax + gift cards sold + deposits + tips + rounding.
        const sold = (
          ["sales", "returns", "discounts", "other_charges", "taxes", "rounding"] as const
        ).reduce((total, section) => total.plus(credits.get(section) ?? ZERO), ZERO);
        expect(sold.toFixed()).toBe(f.cash.plus(f.nonCash).toFixed());
        expect(sold.toFixed()).toBe(dec(summarize(day).payments).toFixed());

        // Tracked sales tax travels as tax codes on receipts, never as tax lines.
        const receipt = documents.find(isReceipt);
        const taxCodes = mapping.postingMethod !== "journal_entry" && mapping.settings.trackSalesTaxInLedger;
        const trackedTax = sumOf((receipt?.taxes ?? []).map((tax) => tax.amount));
        expect(trackedTax.toFixed()).toBe(taxCodes ? f.taxes.toFixed() : "0");

        // The cash drawer: cash = deposit + cash in drawer + payouts - paid-ins - over/short.
        const drawerKinds: DocumentKind[] = ["journal_entry", "cash_drawer", "sales_receipt", "invoice"];
        const on = (account: string) => debitsOn(documents, drawerKinds, [account]).toFixed();
        expect({
          deposit: on(DRAWER.deposit),
          cashInDrawer: on(DRAWER.cashInDrawer),
          payouts: on(DRAWER.payouts),
          paidIns: on(DRAWER.paidIns),
          overShort: on(DRAWER.overShort),
        }).toEqual({
          deposit: Decimal.max(f.deposit, ZERO).toFixed(),
          cashInDrawer: Decimal.min(f.deposit, ZERO).toFixed(),
          payouts: f.payouts.toFixed(),
          paidIns: f.paidIns.negated().toFixed(),
          overShort: f.overShort.negated().toFixed(),
        });

        // COGS: per category, rounded; purchase orders: their lines.
        if (!mapping.settings.bookInventoryCogs)
          expect(documents.some((document) => document.kind === "cogs")).toBe(false);
        expect(debitsOn(documents, ["cogs"], ["5000", "5010"]).toFixed()).toBe(f.cogs.toFixed());
        expect(debitsOn(documents, ["cogs"], ["1300", "1310"]).toFixed()).toBe(f.cogs.negated().toFixed());
        expect(debitsOn(documents, ["purchase_orders"], ["1300"]).toFixed()).toBe(f.purchaseOrders.toFixed());
        expect(debitsOn(documents, ["purchase_orders"], ["2000"]).toFixed()).toBe(
          f.purchaseOrders.negated().toFixed(),
        );

        // The POS figures beside the documents.
        const money = (value: Decimal) =>
          fromMinorUnits(
            value.times(10 ** minorUnits(day.store.currency)).toNumber(),
            minorUnits(day.store.currency),
          );
        expect(summarize(day)).toMatchObject({
          currency: day.store.currency,
          sales: day.sales.filter((sale) => !sale.voided).length,
          voided: day.sales.filter((sale) => sale.voided).length,
          tax: money(f.taxes),
          tips: money(f.tips),
          giftCardsSold: money(f.giftCards),
          accountDeposits: money(f.deposits),
          discounts: money(f.discounts),
          payments: money(f.cash.plus(f.nonCash)),
          cashPayments: money(f.cash),
          payouts: money(f.payouts),
          paidIns: money(f.paidIns),
          overShort: money(f.overShort),
          purchaseOrders: money(f.purchaseOrders),
        });
      }),
      RUNS,
    );
  });

  it("2b. every amount lands on the target the mapping resolves for it, once", () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        expect(nonZero(ledgerEffect(run(scenario).documents))).toEqual(
          nonZero(modelEffect(scenario.day, scenario.mapping)),
        );
      }),
      RUNS,
    );
  });

  it("3. is deterministic and blind to the order of sales, lines and payments, key order and amount spelling", () => {
    fc.assert(
      fc.property(scenarioArb(), seedArb, (scenario, seed) => {
        const { day, mapping } = scenario;
        const first = run(scenario);
        expect(run(scenario)).toEqual(first);

        const shuffledDay = shuffleDay(day, seed);
        const shuffledResult = run({ ...scenario, day: shuffledDay });
        expect(shuffledResult.documents).toEqual(first.documents);
        expect(shuffledResult.problems).toEqual(first.problems);

        const roundTripped = parsedDay(JSON.parse(JSON.stringify(reverseKeys(day))));
        const roundTripMapping = parseMapping(JSON.parse(JSON.stringify(reverseKeys(mapping))));
        if (!roundTripMapping.ok) throw new Error(JSON.stringify(roundTripMapping.errors));
        const fromJson = run({ ...scenario, day: roundTripped, mapping: roundTripMapping.value });
        expect(fromJson.documents.map((document) => document.fingerprint)).toEqual(
          first.documents.map((document) => document.fingerprint),
        );
        expect(fromJson.documents).toEqual(first.documents);

        const respelled = run({ ...scenario, day: parsedDay(respellDay(day)) });
        expect(respelled.documents).toEqual(first.documents);
      }),
      RUNS,
    );
  });

  it("3b. stays blind to the order of sales when an item, category, tax or payment type is renamed during the day", () => {
    fc.assert(
      fc.property(scenarioArb({ renames: true }), seedArb, (scenario, seed) => {
        const first = run(scenario);
        const shuffledResult = run({ ...scenario, day: shuffleDay(scenario.day, seed) });
        expect(shuffledResult.documents).toEqual(first.documents);
        expect(shuffledResult.problems).toEqual(first.problems);
      }),
      RUNS,
    );
  });

  it("4. voided sales contribute nothing, however unbalanced or unmapped", () => {
    const arbitrary = scenarioArb().chain((scenario) =>
      fc.tuple(
        fc.constant(scenario),
        voidedSalesArb(scenario.day.store.currency, scenario.day.salesDate),
        seedArb,
      ),
    );
    fc.assert(
      fc.property(arbitrary, ([scenario, voided, seed]) => {
        const { day } = scenario;
        const random = seededRandom(seed);
        const sales = [...day.sales];
        for (const sale of voided) sales.splice(Math.floor(random() * (sales.length + 1)), 0, sale);
        const withVoided = parsedDay({ ...day, sales });
        const before = run(scenario);
        const after = run({ ...scenario, day: withVoided });
        expect(after.status).toBe(before.status);
        expect(after.documents).toEqual(before.documents);
        expect(after.problems).toEqual(before.problems);
        expect(summarize(withVoided)).toEqual({
          ...summarize(day),
          voided: summarize(day).voided + voided.length,
        });
      }),
      RUNS,
    );
  });

  const hledger = spawnSync("hledger", ["--version"], { encoding: "utf8" });
  const hasHledger = hledger.status === 0;
  const hledgerCheck = (journal: string) =>
    spawnSync("hledger", ["-f", "-", "check"], { input: journal, encoding: "utf8" });

  it.skipIf(!hasHledger)(
    `5. hledger check accepts the journals, 50 days at a time${hasHledger ? "" : " (skipped: hledger is not on PATH)"}`,
    () => {
      // fc.check, not fc.assert: the report names the one failing day, not the whole batch of 50.
      const details = fc.check(
        fc.property(fc.array(scenarioArb(), { minLength: 50, maxLength: 50 }), (scenarios) => {
          const journals = scenarios.map((scenario) => toHledger(run(scenario).documents));
          const batch = hledgerCheck(journals.join("\n"));
          if (batch.status === 0) return;
          // Name the first day hledger refuses on its own.
          const index = journals.findIndex((journal) => hledgerCheck(journal).status !== 0);
          const journal = journals[index] ?? journals.join("\n");
          throw new Error(
            `hledger check failed (${index < 0 ? "only for the batch" : `day ${index} of the batch`}):\n` +
              `${hledgerCheck(journal).stderr || batch.stderr}\n${journal}\n` +
              `${index < 0 ? "" : JSON.stringify(scenarios[index])}`,
          );
        }),
        { numRuns: 6, endOnFailure: true },
      );
      if (details.failed) {
        const cause =
          details.errorInstance instanceof Error
            ? details.errorInstance.message
            : String(details.errorInstance);
        throw new Error(`seed ${details.seed}: ${cause}`);
      }
    },
  );

  it("6. a fingerprint is the hash of its document, stable on regeneration, and moves with any amount", () => {
    fc.assert(
      fc.property(scenarioArb(), seedArb, fc.constantFrom("cash", "card"), (scenario, seed, kind) => {
        const { day } = scenario;
        const units = minorUnits(day.store.currency);
        const minor = fromMinorUnits(1, units);
        const mapping: Mapping = structuredClone(scenario.mapping);
        mapping.sales.byItem.penny = { account: "4001" };
        mapping.payments.byType["pt-penny"] = { account: "1068" };
        const gen = (changed: PosDay) => run({ ...scenario, day: changed, mapping });
        const before = gen(day);
        for (const document of before.documents)
          expect(document.fingerprint).toBe(fingerprintOf(withoutFingerprint(document)));
        expect(gen(day).documents.map((document) => document.fingerprint)).toEqual(
          before.documents.map((document) => document.fingerprint),
        );

        /** Documents of the same kind have equal fingerprints exactly when their content is equal. */
        const compare = (after: GenerateResult) => {
          for (const document of after.documents) {
            const earlier = before.documents.find((candidate) => candidate.kind === document.kind);
            if (!earlier) continue;
            const same =
              JSON.stringify(withoutFingerprint(earlier)) === JSON.stringify(withoutFingerprint(document));
            expect(document.fingerprint === earlier.fingerprint).toBe(same);
          }
        };
        const fingerprint = (result: GenerateResult, kinds: DocumentKind[]) =>
          result.documents.find((document) => kinds.includes(document.kind))?.fingerprint;
        const salesKinds: DocumentKind[] = ["journal_entry", "sales_receipt", "invoice"];
        const drawerKinds: DocumentKind[] =
          mapping.postingMethod === "journal_entry" ? ["journal_entry"] : ["cash_drawer"];

        // A sale of one minor unit.
        const penny: Sale = {
          id: "penny",
          number: "9999",
          completedAt: `${day.salesDate}T12:00:00-05:00`,
          voided: false,
          lines: [
            {
              id: "penny-1",
              kind: "item",
              itemId: "penny",
              itemName: "Penny candy",
              categoryId: "c-penny",
              categoryName: "Candy",
              quantity: "1",
              unitPrice: minor,
              subtotal: minor,
              discounts: [],
              taxes: [],
              unitCost: "0",
            },
          ],
          payments: [
            kind === "cash"
              ? { paymentTypeId: "pt-cash", name: "Cash", kind: "cash", amount: minor }
              : { paymentTypeId: "pt-penny", name: "Penny card", kind: "other", amount: minor },
          ],
          tip: fromMinorUnits(0, units),
          total: minor,
        };
        const withPenny = gen(parsedDay({ ...day, sales: [...day.sales, penny] }));
        expect(fingerprint(withPenny, salesKinds)).not.toBe(fingerprint(before, salesKinds));
        expect(fingerprint(withPenny, ["cogs"])).toBe(fingerprint(before, ["cogs"]));
        expect(fingerprint(withPenny, ["purchase_orders"])).toBe(fingerprint(before, ["purchase_orders"]));
        compare(withPenny);

        const random = seededRandom(seed);
        const choose = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];

        // One more minor unit on a line of an existing sale, and on one of its payments.
        const live = day.sales.filter(
          (sale) => !sale.voided && sale.lines.length > 0 && sale.payments.length > 0,
        );
        const sale = choose(live);
        if (sale) {
          const line = choose(sale.lines) as Sale["lines"][number];
          const payment = choose(sale.payments) as Sale["payments"][number];
          const bump = (amount: string) =>
            fromMinorUnits(
              dec(amount)
                .times(10 ** units)
                .toNumber() + 1,
              units,
            );
          const changed: Sale = {
            ...sale,
            lines: sale.lines.map((candidate) =>
              candidate === line ? { ...line, subtotal: bump(line.subtotal) } : candidate,
            ),
            payments: sale.payments.map((candidate) =>
              candidate === payment ? { ...payment, amount: bump(payment.amount) } : candidate,
            ),
          };
          const after = gen(
            parsedDay({
              ...day,
              sales: day.sales.map((candidate) => (candidate === sale ? changed : candidate)),
            }),
          );
          expect(after.status).toBe(before.status);
          expect(fingerprint(after, salesKinds)).not.toBe(fingerprint(before, salesKinds));
          compare(after);
        }

        // One more minor unit counted in a register: the drawer's document moves.
        const register = choose(day.registers);
        if (register) {
          const paidIns = sumOf(register.paidIns);
          const payouts = sumOf(register.payouts.map((payout) => payout.amount));
          const expected = dec(register.openingFloat)
            .plus(register.cashPayments)
            .plus(paidIns)
            .minus(payouts);
          const counted =
            dec(register.counted ?? expected)
              .times(10 ** units)
              .toNumber() + 1;
          const registers = day.registers.map((candidate) =>
            candidate === register ? { ...register, counted: fromMinorUnits(counted, units) } : candidate,
          );
          const after = gen(parsedDay({ ...day, registers }));
          expect(fingerprint(after, drawerKinds)).not.toBe(fingerprint(before, drawerKinds));
          compare(after);
        }

        // One more minor unit on a purchase order line: only the purchase orders document moves.
        const order = choose(day.purchaseOrders);
        if (order) {
          const lineIndex = Math.floor(random() * order.lines.length);
          const purchaseOrders = day.purchaseOrders.map((candidate) =>
            candidate === order
              ? {
                  ...order,
                  lines: order.lines.map((line, index) =>
                    index === lineIndex
                      ? {
                          ...line,
                          amount: fromMinorUnits(
                            dec(line.amount)
                              .times(10 ** units)
                              .toNumber() + 1,
                            units,
                          ),
                        }
                      : line,
                  ),
                }
              : candidate,
          );
          const after = gen(parsedDay({ ...day, purchaseOrders }));
          expect(fingerprint(after, ["purchase_orders"])).not.toBe(fingerprint(before, ["purchase_orders"]));
          expect(fingerprint(after, salesKinds)).toBe(fingerprint(before, salesKinds));
          compare(after);
        }
      }),
      RUNS,
    );
  });
});
