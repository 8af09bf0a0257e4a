// A deterministic synthetic store-day for the engine benchmark: every amount is computed in integer
// cents and written as a decimal string, so each sale balances exactly and generate() is "ready".
import { fromMinorUnits } from "../shared/money";
import type { Mapping } from "../shared/schemas/mapping";
import type { Payment, PosDay, Register, Sale, SaleLine } from "../shared/schemas/posDay";
import { seededRandom } from "../server/sandbox/pos/random";

export interface SyntheticDayOptions {
  sales: number;
  linesPerSale: number;
  paymentTypes: number;
  registers: number;
  seed: number;
}

const STORE_ID = "store-1";
const DATE = "2026-11-20";
const CATEGORIES = 20;
const ITEMS_PER_CATEGORY = 10;

const TAXES = [
  { taxId: "t-gst", name: "GST", percent: 5, account: "2310", vendor: "Canada Revenue Agency" },
  { taxId: "t-pst", name: "PST", percent: 7, account: "2320", vendor: "Ministry of Finance" },
];

/** Percentage discounts (`percent`) or fixed amounts off (`cents`). */
const DISCOUNTS = [
  { discountId: "d-10", name: "10% off", percent: 10, cents: 0, account: "4910" },
  { discountId: "d-staff", name: "Staff 20%", percent: 20, cents: 0, account: "4920" },
  { discountId: "d-2off", name: "$2 off", percent: 0, cents: 200, account: "4930" },
];

interface PaymentType {
  id: string;
  name: string;
  kind: Payment["kind"];
  /** Share of sales, out of 100. */
  weight: number;
  account: string;
}

const PAYMENT_TYPES: PaymentType[] = [
  { id: "pt-cash", name: "Cash", kind: "cash", weight: 30, account: "1010" },
  { id: "pt-visa", name: "Visa", kind: "card", weight: 25, account: "1061" },
  { id: "pt-mc", name: "Mastercard", kind: "card", weight: 20, account: "1062" },
  { id: "pt-amex", name: "American Express", kind: "card", weight: 10, account: "1063" },
  { id: "pt-gift", name: "Gift card", kind: "gift_card", weight: 8, account: "2400" },
  { id: "pt-other", name: "Cheque", kind: "other", weight: 7, account: "1070" },
];

/** `percent`% of integer cents, rounded half away from zero, in integer arithmetic. */
function percentOf(cents: number, percent: number): number {
  const rounded = Math.floor((Math.abs(cents) * percent + 50) / 100);
  return cents < 0 ? -rounded : rounded;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

export function syntheticDay(options: SyntheticDayOptions): { day: PosDay; mapping: Mapping } {
  const random = seededRandom(options.seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const chance = (p: number) => random() < p;

  const types = PAYMENT_TYPES.slice(0, Math.max(1, Math.min(options.paymentTypes, PAYMENT_TYPES.length)));
  const totalWeight = types.reduce((total, type) => total + type.weight, 0);
  const pickType = () => {
    let r = random() * totalWeight;
    for (const type of types) {
      r -= type.weight;
      if (r < 0) return type;
    }
    return types[0] as PaymentType;
  };

  const categories = Array.from({ length: CATEGORIES }, (_, c) => ({
    id: `c${pad2(c + 1)}`,
    name: `Category ${c + 1}`,
    pstExempt: c % 5 === 0,
  }));
  const items = categories.flatMap((category) =>
    Array.from({ length: ITEMS_PER_CATEGORY }, (_, i) => {
      const price = int(199, 9999);
      return {
        id: `${category.id}-i${pad2(i + 1)}`,
        name: `${category.name} item ${i + 1}`,
        category,
        price,
        cost: Math.floor((price * int(35, 65)) / 100),
      };
    }),
  );

  const registers = Array.from({ length: Math.max(1, options.registers) }, (_, r) => ({
    id: `r${r + 1}`,
    name: `Register ${r + 1}`,
    cashCents: 0,
  }));

  const sales: Sale[] = [];
  const openSeconds = 9 * 3600;
  const daySeconds = 12 * 3600;
  for (let s = 0; s < options.sales; s++) {
    const lines: SaleLine[] = [];
    let owed = 0;
    for (let l = 0; l < options.linesPerSale; l++) {
      const item = items[int(0, items.length - 1)] as (typeof items)[number];
      const refund = chance(0.02);
      const quantity = refund ? -1 : chance(0.8) ? 1 : int(2, 4);
      const subtotal = quantity * item.price;
      const discounts: SaleLine["discounts"] = [];
      let discounted = 0;
      if (chance(0.1)) {
        const discount = DISCOUNTS[int(0, DISCOUNTS.length - 1)] as (typeof DISCOUNTS)[number];
        const amount = discount.percent
          ? percentOf(subtotal, discount.percent)
          : Math.sign(subtotal) * Math.min(discount.cents, Math.abs(subtotal));
        discounted = amount;
        discounts.push({
          discountId: discount.discountId,
          name: discount.name,
          amount: fromMinorUnits(amount, 2),
        });
      }
      const net = subtotal - discounted;
      const taxes: SaleLine["taxes"] = [];
      let taxed = 0;
      for (const tax of TAXES) {
        if (tax.taxId === "t-pst" && item.category.pstExempt) continue;
        const amount = percentOf(net, tax.percent);
        taxed += amount;
        taxes.push({ taxId: tax.taxId, name: tax.name, amount: fromMinorUnits(amount, 2) });
      }
      owed += net + taxed;
      lines.push({
        id: `s${s + 1}-l${l + 1}`,
        kind: "item",
        itemId: item.id,
        itemName: item.name,
        categoryId: item.category.id,
        categoryName: item.category.name,
        quantity: String(quantity),
        unitPrice: fromMinorUnits(item.price, 2),
        subtotal: fromMinorUnits(subtotal, 2),
        discounts,
        taxes,
        unitCost: fromMinorUnits(item.cost, 2),
      });
    }

    const first = pickType();
    const tip = owed > 0 && first.kind === "card" && chance(0.15) ? percentOf(owed, int(10, 20)) : 0;
    const due = owed + tip;
    const payments: Payment[] = [];
    let cash = 0;
    const pay = (type: PaymentType, cents: number) => {
      if (type.kind === "cash") cash += cents;
      payments.push({
        paymentTypeId: type.id,
        name: type.name,
        kind: type.kind,
        amount: fromMinorUnits(cents, 2),
      });
    };
    if (due > 1000 && types.length > 1 && chance(0.08)) {
      // A split payment: part on a second type, the rest on the first.
      const part = Math.floor(due / int(2, 4));
      pay(pickType(), part);
      pay(first, due - part);
    } else {
      pay(first, due);
    }

    const register = registers[s % registers.length] as (typeof registers)[number];
    const voided = chance(0.01);
    const seconds = openSeconds + Math.floor((s * daySeconds) / Math.max(1, options.sales));
    const completedAt = `${DATE}T${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}-05:00`;
    if (!voided) register.cashCents += cash;
    sales.push({
      id: `s${s + 1}`,
      number: String(100001 + s),
      completedAt,
      voided,
      ...(voided && { voidedAt: completedAt }),
      lines,
      payments,
      tip: fromMinorUnits(tip, 2),
      total: fromMinorUnits(owed, 2),
    });
  }

  const dayRegisters: Register[] = registers.map((register, r) => {
    const float = 20000;
    const paidIns = chance(0.5) ? [int(500, 5000)] : [];
    const payouts = Array.from({ length: int(1, 2) }, () => int(500, 4000));
    const overShort = r === 0 ? 0 : int(-150, 100);
    const expected =
      float + register.cashCents + paidIns.reduce((a, b) => a + b, 0) - payouts.reduce((a, b) => a + b, 0);
    return {
      id: register.id,
      name: register.name,
      closedAt: `${DATE}T21:${pad2(5 + r)}:00-05:00`,
      openingFloat: fromMinorUnits(float, 2),
      cashPayments: fromMinorUnits(register.cashCents, 2),
      paidIns: paidIns.map((cents) => fromMinorUnits(cents, 2)),
      payouts: payouts.map((amount, i) => ({ amount: fromMinorUnits(amount, 2), reason: `Payout ${i + 1}` })),
      counted: fromMinorUnits(expected + overShort, 2),
    };
  });

  const day: PosDay = {
    version: 1,
    store: { id: STORE_ID, name: "Downtown", timezone: "America/Toronto", currency: "CAD" },
    salesDate: DATE,
    closed: true,
    sales,
    registers: dayRegisters,
    purchaseOrders: [],
  };

  const account = (id: string) => ({ account: id });
  const mapping: Mapping = {
    version: 1,
    postingMethod: "journal_entry",
    settings: {
      trackSalesTaxInLedger: false,
      bookInventoryCogs: true,
      combineCreditCards: false,
      tolerance: "0.01",
    },
    sales: {
      all: account("4090"),
      byCategory: Object.fromEntries(categories.map((c, i) => [c.id, account(String(4100 + i))])),
      byItem: {},
    },
    discounts: {
      all: account("4900"),
      byDiscount: Object.fromEntries(DISCOUNTS.map((d) => [d.discountId, account(d.account)])),
      returns: account("4950"),
    },
    otherCharges: {
      byTax: Object.fromEntries(TAXES.map((t) => [t.taxId, { account: t.account, vendor: t.vendor }])),
      giftCards: account("2400"),
      tips: account("2450"),
      creditAccount: account("1250"),
    },
    taxes: { byTax: {} },
    payments: {
      allCreditCards: account("1060"),
      byType: Object.fromEntries(PAYMENT_TYPES.map((t) => [t.id, account(t.account)])),
    },
    cashDrawer: {
      deposit: account("1010"),
      cashInDrawer: account("1020"),
      payouts: account("6100"),
      paidIns: account("6110"),
      overShort: account("6150"),
    },
    inventory: {
      all: { inventory: account("1300"), cogs: account("5000") },
      byCategory: Object.fromEntries(
        categories.map((c, i) => [
          c.id,
          { inventory: account(String(1310 + i)), cogs: account(String(5010 + i)) },
        ]),
      ),
    },
    purchaseOrders: { inventory: account("1300"), offset: account("2000") },
    rounding: account("4980"),
    classes: { [STORE_ID]: "Downtown" },
  };

  return { day, mapping };
}
