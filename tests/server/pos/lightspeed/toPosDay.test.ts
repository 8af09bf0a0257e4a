// Lightspeed records -> PosDay v1: business dates in the shop's time zone, voids, refunds, gift cards,
// deposits, tips, taxes, registers and purchase orders. Records go through the resource schemas first,
// as the client reads them.
import type { z } from "zod";
import { describe, expect, it } from "vitest";
import { allocateRounded } from "../../../../server/pos/lightspeed/amounts";
import {
  LsCategory,
  LsDiscount,
  LsItem,
  lsList,
  LsOrder,
  LsPaymentType,
  LsRegister,
  LsRegisterCount,
  LsRegisterWithdraw,
  LsSale,
  LsTaxCategory,
} from "../../../../server/pos/lightspeed/resources";
import { paymentKindOf, toPosDay } from "../../../../server/pos/lightspeed/toPosDay";
import { PosDataError, type Source } from "../../../../server/pos/port";
import { Decimal, sum } from "../../../../shared/money";
import { parsePosDay, type PosDay } from "../../../../shared/schemas/posDay";
import {
  CATEGORIES,
  DISCOUNTS,
  ITEMS,
  PAYMENT_TYPES,
  register,
  registerCount,
  sale,
  saleLine,
  salePayment,
  TAX_CATEGORIES,
  type Wire,
  withdraw,
} from "./fixtures";

const read = <T extends z.ZodType>(schema: T, records: Wire[]) => lsList(schema).parse(records);

interface DayParts {
  sales?: Wire[];
  registers?: Wire[];
  counts?: Wire[];
  withdraws?: Wire[];
  orders?: Wire[];
  date?: string;
  timezone?: string;
  sources?: Source[];
  now?: number;
}

function dayOf(parts: DayParts): PosDay {
  const day = toPosDay({
    shop: { posShopId: "1", name: "Main St", timezone: parts.timezone ?? "America/Toronto", currency: "CAD" },
    salesDate: parts.date ?? "2026-03-14",
    sources: parts.sources ?? ["sales", "inventory", "purchase_orders"],
    now: parts.now ?? Date.UTC(2026, 2, 20),
    sales: read(LsSale, parts.sales ?? []),
    paymentTypes: read(LsPaymentType, PAYMENT_TYPES),
    items: read(LsItem, ITEMS),
    categories: read(LsCategory, CATEGORIES),
    taxCategories: read(LsTaxCategory, TAX_CATEGORIES),
    discounts: read(LsDiscount, DISCOUNTS),
    registers: read(LsRegister, parts.registers ?? []),
    registerCounts: read(LsRegisterCount, parts.counts ?? []),
    withdraws: read(LsRegisterWithdraw, parts.withdraws ?? []),
    orders: read(LsOrder, parts.orders ?? []),
  });
  const parsed = parsePosDay(day);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return day;
}

const simpleSale = (saleID: string, completeTime: string) =>
  sale(
    { saleID, completeTime },
    [saleLine({ saleLineID: `${saleID}1` })],
    [salePayment({ salePaymentID: `${saleID}1` })],
  );

/** Lines after discounts plus tax, against payments less tip: what the engine checks. */
function balance(day: PosDay, id: string) {
  const found = day.sales.find((s) => s.id === id)!;
  const owed = sum(
    found.lines.flatMap((line) => [
      new Decimal(line.subtotal),
      ...line.discounts.map((d) => new Decimal(d.amount).negated()),
      ...line.taxes.map((t) => new Decimal(t.amount)),
    ]),
  );
  const paid = sum(found.payments.map((p) => new Decimal(p.amount))).minus(found.tip);
  return { owed: owed.toFixed(2), paid: paid.toFixed(2) };
}

describe("business dates", () => {
  const sales = [
    simpleSale("1", "2026-03-14T03:59:59+00:00"),
    simpleSale("2", "2026-03-14T04:00:00+00:00"),
    simpleSale("3", "2026-03-15T03:59:59+00:00"),
    simpleSale("4", "2026-03-15T04:00:00+00:00"),
    simpleSale("5", "2026-03-15T06:59:59+00:00"),
    simpleSale("6", "2026-03-15T07:00:00+00:00"),
  ];

  it("cut a Toronto day at local midnight (UTC-4 in daylight time)", () => {
    expect(dayOf({ sales }).sales.map((s) => s.id)).toEqual(["2", "3"]);
  });

  it("cut a Vancouver day at its own midnight (UTC-7)", () => {
    expect(dayOf({ sales, timezone: "America/Vancouver" }).sales.map((s) => s.id)).toEqual(["3", "4", "5"]);
  });

  it("keep only completed sales", () => {
    const open = sale({ saleID: "9", completed: "false", completeTime: "" }, [saleLine()], []);
    expect(
      dayOf({ sales: [open, simpleSale("2", "2026-03-14T15:00:00+00:00")] }).sales.map((s) => s.id),
    ).toEqual(["2"]);
  });
});

describe("sales", () => {
  it("keeps a voided sale, voided, with the time of the void", () => {
    const voided = sale(
      { voided: "true", updatetime: "2026-03-14T15:20:00+00:00" },
      [saleLine()],
      [salePayment()],
    );
    const [converted] = dayOf({ sales: [voided] }).sales;
    expect(converted).toMatchObject({ voided: true, voidedAt: "2026-03-14T15:20:00.000Z" });
  });

  it("writes a refund as a negative quantity with negative taxes and payment", () => {
    const refund = sale(
      { calcSubtotal: "-10", calcTax1: "-1.3", total: "-11.3" },
      [saleLine({ unitQuantity: "-1", calcSubtotal: "-10", calcTax1: "-1.3" })],
      [salePayment({ amount: "-11.3" })],
    );
    const [converted] = dayOf({ sales: [refund] }).sales;
    expect(converted?.lines[0]).toMatchObject({
      quantity: "-1",
      unitPrice: "10",
      subtotal: "-10.00",
      taxes: [{ taxId: "1-tax1", name: "HST", amount: "-1.30" }],
    });
    expect(converted?.payments).toEqual([
      { paymentTypeId: "1", name: "Cash", kind: "cash", amount: "-11.30" },
    ]);
    expect(converted?.total).toBe("-11.30");
  });

  it("turns a gift card sold into a gift_card line and keeps a gift card redeemed as a payment", () => {
    const sold = sale(
      { saleID: "1" },
      [
        saleLine(),
        saleLine({
          saleLineID: "2",
          itemID: "0",
          unitPrice: "25",
          calcSubtotal: "25",
          tax: "false",
          calcTax1: "0",
        }),
      ],
      [
        salePayment({ salePaymentID: "1", paymentTypeID: "2", amount: "36.3" }),
        salePayment({ salePaymentID: "2", paymentTypeID: "3", amount: "-25", creditAccountID: "900" }, [
          { saleAccountID: "1", creditAccountID: "900", salePaymentID: "2", saleLineID: "2" },
        ]),
      ],
    );
    const redeemed = sale(
      { saleID: "2" },
      [saleLine({ saleLineID: "21" })],
      [
        salePayment({ salePaymentID: "21", paymentTypeID: "3", amount: "10", creditAccountID: "900" }),
        salePayment({ salePaymentID: "22", paymentTypeID: "2", amount: "1.3" }),
      ],
    );
    const day = dayOf({ sales: [sold, redeemed] });
    const [first, second] = day.sales;
    expect(first?.lines.map((line) => [line.id, line.kind, line.subtotal])).toEqual([
      ["1", "item", "10.00"],
      ["2", "gift_card", "25.00"],
    ]);
    expect(first?.payments.map((p) => [p.name, p.amount])).toEqual([["Visa", "36.30"]]);
    expect(first?.total).toBe("36.30");
    expect(balance(day, "1")).toEqual({ owed: "36.30", paid: "36.30" });
    expect(second?.payments.map((p) => [p.kind, p.amount])).toEqual([
      ["gift_card", "10.00"],
      ["card", "1.30"],
    ]);
  });

  it("turns a credit-account deposit (no line, two payments) into an account_deposit line", () => {
    const deposit = sale(
      { calcSubtotal: "0", calcTax1: "0", total: "0" },
      [],
      [
        salePayment({ salePaymentID: "1", amount: "50" }),
        salePayment({ salePaymentID: "2", paymentTypeID: "4", amount: "-50", creditAccountID: "12" }),
      ],
    );
    const charge = sale(
      { saleID: "2" },
      [saleLine({ saleLineID: "21" })],
      [salePayment({ salePaymentID: "21", paymentTypeID: "4", creditAccountID: "12" })],
    );
    const day = dayOf({ sales: [deposit, charge] });
    expect(day.sales[0]?.lines).toEqual([
      expect.objectContaining({ id: "payment-2", kind: "account_deposit", subtotal: "50.00", taxes: [] }),
    ]);
    expect(day.sales[0]?.payments.map((p) => [p.kind, p.amount])).toEqual([["cash", "50.00"]]);
    expect(balance(day, "1")).toEqual({ owed: "50.00", paid: "50.00" });
    expect(day.sales[1]?.payments.map((p) => p.kind)).toEqual(["credit_account"]);
  });

  it("keeps tips apart from what the customer owed", () => {
    const tipped = sale(
      {},
      [saleLine()],
      [salePayment({ paymentTypeID: "2", amount: "13.3", tipAmount: "2" })],
    );
    const day = dayOf({ sales: [tipped] });
    expect(day.sales[0]).toMatchObject({ tip: "2.00", total: "11.30" });
    expect(balance(day, "1")).toEqual({ owed: "11.30", paid: "11.30" });
  });

  it("ignores archived payments", () => {
    const day = dayOf({
      sales: [sale({}, [saleLine()], [salePayment(), salePayment({ salePaymentID: "2", archived: "true" })])],
    });
    expect(day.sales[0]?.payments).toHaveLength(1);
  });

  it("names discounts and taxes, the line's tax category first, the sale's otherwise", () => {
    const quebec = sale(
      { calcDiscount: "7", calcTax1: "0.65", calcTax2: "1.3", total: "15.0" },
      [
        saleLine({ discountID: "7", calcLineDiscount: "5", calcTax1: "0.65", calcTax2: "0" }),
        saleLine({
          saleLineID: "2",
          itemID: "11",
          taxCategoryID: "2",
          calcLineDiscount: "2",
          calcTax1: "0",
          calcTax2: "1.3",
        }),
      ],
      [salePayment({ amount: "15" })],
    );
    const [converted] = dayOf({ sales: [quebec] }).sales;
    expect(
      converted?.lines.map((line) => [line.itemName, line.categoryName, line.discounts, line.taxes]),
    ).toEqual([
      [
        "Latte",
        "Espresso drinks",
        [{ discountId: "7", name: "Staff", amount: "5.00" }],
        [{ taxId: "1-tax1", name: "HST", amount: "0.65" }],
      ],
      [
        "Croissant",
        "Pastries",
        [{ discountId: "manual", name: "Manual discount", amount: "2.00" }],
        [{ taxId: "2-tax2", name: "QST", amount: "1.30" }],
      ],
    ]);
  });

  it("rounds unrounded line taxes so that they add up to the sale's tax", () => {
    // 3 x 4.45 at 9.975% QST: 0.4438875 each, 1.3316625 in all -> 0.44 + 0.44 + 0.45 = 1.33.
    const line = (id: string) =>
      saleLine({
        saleLineID: id,
        unitPrice: "4.45",
        calcSubtotal: "4.45",
        taxCategoryID: "2",
        calcTax1: "0.2225",
        calcTax2: "0.4438875",
      });
    const quebec = sale(
      { calcSubtotal: "13.35", calcTax1: "0.6675", calcTax2: "1.3316625", total: "15.35" },
      [line("1"), line("2"), line("3")],
      [salePayment({ amount: "15.35" })],
    );
    const day = dayOf({ sales: [quebec] });
    const taxes = day.sales[0]!.lines.flatMap((l) => l.taxes);
    expect(taxes.filter((t) => t.taxId === "2-tax2").map((t) => t.amount)).toEqual(["0.45", "0.44", "0.44"]);
    expect(taxes.filter((t) => t.taxId === "2-tax1").map((t) => t.amount)).toEqual(["0.23", "0.22", "0.22"]);
    expect(balance(day, "1")).toEqual({ owed: "15.35", paid: "15.35" });
  });

  it("gives the average unit cost only when inventory is asked for", () => {
    const sales = [simpleSale("1", "2026-03-14T15:00:00+00:00")];
    expect(dayOf({ sales }).sales[0]?.lines[0]?.unitCost).toBe("3.125");
    expect(dayOf({ sales, sources: ["sales"] }).sales[0]?.lines[0]?.unitCost).toBeUndefined();
  });

  it("names the record it cannot resolve", () => {
    const unknownItem = sale({}, [saleLine({ itemID: "99" })], [salePayment()]);
    expect(() => dayOf({ sales: [unknownItem] })).toThrow(PosDataError);
    expect(() => dayOf({ sales: [unknownItem] })).toThrow(/Sale 1 line 1 names Item 99/);
  });
});

describe("registers", () => {
  const counted = (actual: string, calculated = actual) => [
    { registerCountAmountID: "1", calculated, actual, paymentTypeID: "1" },
    { registerCountAmountID: "2", calculated: "40", actual: "40", paymentTypeID: "2" },
  ];

  it("reads the float, paid-ins, payouts, cash payments and the count of each session", () => {
    const day = dayOf({
      sales: [
        simpleSale("1", "2026-03-14T15:00:00+00:00"),
        sale(
          { saleID: "2", voided: "true" },
          [saleLine({ saleLineID: "21" })],
          [salePayment({ salePaymentID: "21" })],
        ),
      ],
      registers: [register()],
      counts: [registerCount({}, counted("200.5", "201.3"))],
      withdraws: [
        withdraw({ registerWithdrawID: "1", amount: "200" }),
        withdraw({
          registerWithdrawID: "2",
          amount: "20",
          createTime: "2026-03-14T16:00:00+00:00",
          notes: "Change",
        }),
        withdraw({
          registerWithdrawID: "3",
          amount: "-30",
          createTime: "2026-03-14T17:00:00+00:00",
          notes: "Milk run",
        }),
        withdraw({ registerWithdrawID: "4", amount: "-5", createTime: "2026-03-14T18:00:00+00:00" }),
        withdraw({
          registerWithdrawID: "5",
          amount: "-50",
          createTime: "2026-03-14T19:00:00+00:00",
          paymentTypeID: "2",
        }),
      ],
    });
    expect(day.registers).toEqual([
      {
        id: "1",
        name: "Front",
        closedAt: "2026-03-14T23:30:00.000Z",
        openingFloat: "200.00",
        cashPayments: "11.30",
        paidIns: ["20.00"],
        payouts: [
          { amount: "30.00", reason: "Milk run" },
          { amount: "5.00", reason: "Payout" },
        ],
        counted: "200.50",
      },
    ]);
    expect(day.closed).toBe(true);
  });

  it("gives each of several sessions of a register its own entry", () => {
    const day = dayOf({
      registers: [register()],
      counts: [
        registerCount({ registerCountID: "50", createTime: "2026-03-14T16:00:00+00:00" }, counted("200")),
        registerCount(
          {
            registerCountID: "51",
            openTime: "2026-03-14T17:00:00+00:00",
            createTime: "2026-03-14T23:00:00+00:00",
          },
          counted("150"),
        ),
      ],
      withdraws: [
        withdraw({}),
        withdraw({ registerWithdrawID: "2", amount: "150", createTime: "2026-03-14T17:00:00+00:00" }),
      ],
    });
    expect(day.registers.map((r) => [r.id, r.openingFloat, r.counted])).toEqual([
      ["1-50", "200.00", "200.00"],
      ["1-51", "150.00", "150.00"],
    ]);
  });

  it("is not closed while a register opened that day (or before) is still open", () => {
    const openSince = (time: string) => register({ open: "true", openTime: time });
    const counts = [registerCount({}, counted("200"))];
    expect(dayOf({ registers: [register(), openSince("2026-03-14T12:00:00+00:00")], counts }).closed).toBe(
      false,
    );
    expect(dayOf({ registers: [openSince("2026-03-12T12:00:00+00:00")] }).closed).toBe(false);
    expect(dayOf({ registers: [openSince("2026-03-15T12:00:00+00:00")], counts }).closed).toBe(true);
  });

  it("lists a register still open without closedAt or count", () => {
    const day = dayOf({
      registers: [register({ open: "true" })],
      withdraws: [withdraw({})],
      now: Date.UTC(2026, 2, 14, 20),
    });
    expect(day.closed).toBe(false);
    expect(day.registers).toEqual([
      { id: "1", name: "Front", openingFloat: "200.00", cashPayments: "0.00", paidIns: [], payouts: [] },
    ]);
  });

  it("is not closed before the date has begun", () => {
    expect(dayOf({ registers: [register()], now: Date.UTC(2026, 2, 13, 12) }).closed).toBe(false);
  });

  it("leaves registers out when sales are not asked for", () => {
    expect(
      dayOf({ registers: [register()], withdraws: [withdraw({})], sources: ["purchase_orders"] }).registers,
    ).toEqual([]);
  });
});

describe("purchase orders", () => {
  const order = (fields: Record<string, unknown>) => ({
    orderID: "5",
    vendorID: "3",
    shopID: "1",
    receivedDate: "2026-03-14T14:00:00+00:00",
    complete: "true",
    archived: "false",
    Vendor: { vendorID: "3", name: "Pilot Coffee Roasters" },
    OrderLines: {
      OrderLine: [
        { orderLineID: "1", itemID: "10", quantity: "12", price: "7.425", checkedIn: "12" },
        { orderLineID: "2", itemID: "11", quantity: "6", price: "1.1", checkedIn: "0" },
      ],
    },
    ...fields,
  });

  it("lists the orders received that day, each checked-in line at its cost, by the item's category", () => {
    const day = dayOf({
      orders: [
        order({}),
        order({ orderID: "6", receivedDate: "2026-03-15T14:00:00+00:00" }),
        order({ orderID: "7", receivedDate: "" }),
      ],
    });
    expect(day.purchaseOrders).toEqual([
      {
        id: "5",
        vendorName: "Pilot Coffee Roasters",
        receivedAt: "2026-03-14T14:00:00.000Z",
        lines: [{ categoryId: "3", amount: "89.10" }],
      },
    ]);
  });

  it("names the vendor by id when its record was not loaded", () => {
    const day = dayOf({ orders: [order({ Vendor: undefined })] });
    expect(day.purchaseOrders[0]?.vendorName).toBe("Vendor 3");
  });
});

describe("helpers", () => {
  it("maps the API's payment types to PosDay kinds", () => {
    expect(
      ["cash", "credit card", "Gift Card", "credit account", "user defined", "ecom"].map(paymentKindOf),
    ).toEqual(["cash", "card", "gift_card", "credit_account", "other", "other"]);
  });

  it("allocates rounding to the lines that lost the most, and gives up on real disagreements", () => {
    const values = ["0.333", "0.333", "0.334"].map((v) => new Decimal(v));
    expect(allocateRounded(values, new Decimal("1"), 2).map(String)).toEqual(["0.33", "0.33", "0.34"]);
    expect(allocateRounded(values, new Decimal("1.01"), 2).map(String)).toEqual(["0.34", "0.33", "0.34"]);
    expect(allocateRounded(values, new Decimal("5"), 2).map(String)).toEqual(["0.33", "0.33", "0.33"]);
  });
});
