// Small hand-made days for worked examples: a store, and sales built from a few fields.
import type { Mapping } from "../../shared/schemas/mapping";
import type { Payment, PosDay, Register, Sale, SaleLine } from "../../shared/schemas/posDay";
import { exampleMapping } from "./examples";

let next = 0;
const id = (prefix: string) => `${prefix}${++next}`;

export function item(subtotal: string, fields: Partial<SaleLine> = {}): SaleLine {
  return {
    id: id("line-"),
    kind: "item",
    itemId: "i1",
    itemName: "T-shirt",
    categoryId: "c1",
    categoryName: "Apparel",
    quantity: subtotal.startsWith("-") ? "-1" : "1",
    unitPrice: subtotal.replace("-", ""),
    subtotal,
    discounts: [],
    taxes: [],
    unitCost: "4.00",
    ...fields,
  };
}

export const cash = (amount: string): Payment => ({
  paymentTypeId: "pt-cash",
  name: "Cash",
  kind: "cash",
  amount,
});
export const visa = (amount: string): Payment => ({
  paymentTypeId: "pt-visa",
  name: "Visa",
  kind: "card",
  amount,
});

export function sale(lines: SaleLine[], payments: Payment[], fields: Partial<Sale> = {}): Sale {
  return {
    id: id("sale-"),
    number: String(2000 + next),
    completedAt: "2026-11-20T12:00:00-05:00",
    voided: false,
    lines,
    payments,
    tip: "0.00",
    total: "0.00",
    ...fields,
  };
}

export function register(fields: Partial<Register> = {}): Register {
  return {
    id: "r1",
    name: "Front",
    openingFloat: "100.00",
    cashPayments: "0.00",
    paidIns: [],
    payouts: [],
    ...fields,
  };
}

export function day(sales: Sale[], fields: Partial<PosDay> = {}): PosDay {
  return {
    version: 1,
    store: { id: "store-1", name: "Downtown", timezone: "America/Toronto", currency: "CAD" },
    salesDate: "2026-11-20",
    closed: true,
    sales,
    registers: [],
    purchaseOrders: [],
    ...fields,
  };
}

/** The example mapping with a change applied to a copy. */
export function mappingWith(change: (mapping: Mapping) => void): Mapping {
  const mapping = exampleMapping();
  change(mapping);
  return mapping;
}
