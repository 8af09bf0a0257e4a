// The deterministic history of a sandbox merchant: one shop's full business day, generated from a PRNG
// seeded by (account, shop, date) so that a date's data never depends on when it is asked for. Amounts
// are computed with decimal.js to the cent, and every completed sale's payments equal its total (plus
// tips), so every day balances under a sensible mapping. history.ts decides which dates exist and applies
// what people did in the back office.
import { type Decimal, Decimal as D, roundMoney, sum, ZERO } from "../../../shared/money";
import { addDays } from "../../../shared/time";
import { lightspeedTime, zonedTimeToUtc } from "../../pos/lightspeed/zonedTime";
import { type Catalog, type CatalogItem, PAYMENT, type Province } from "./catalog";
import { type Random, randomFor } from "./random";
import type {
  OrderRecord,
  RegisterCountAmountRecord,
  RegisterCountRecord,
  RegisterWithdrawRecord,
  SaleAccountRecord,
  SaleLineRecord,
  SalePaymentRecord,
  SaleRecord,
  WireRecord,
} from "./records";

export interface ShopSetup {
  shopID: string;
  name: string;
  timeZone: string;
  currency: string;
  province: Province;
  registers: { registerID: string; name: string }[];
  /** A location opened in the back office has sales from this date on. */
  firstDate?: string;
}

export interface Session {
  registerID: string;
  openTime: number;
  closeTime: number;
}

export interface GeneratedDay {
  /** Every sale of the day, in the order they were completed. */
  sales: SaleRecord[];
  withdraws: RegisterWithdrawRecord[];
  /** The close of each register at the end of the day. */
  counts: RegisterCountRecord[];
  orders: OrderRecord[];
  sessions: Session[];
}

/** Store-local minutes after midnight: registers open at 06:30, sell from 07:00 to 19:00, close at 19:30. */
const OPENS = 6 * 60 + 30;
const FIRST_SALE = 7 * 60;
const LAST_SALE = 19 * 60;
const CLOSES = 19 * 60 + 30;

const wire = (value: Decimal) => value.toFixed();
const cents = (value: Decimal) => roundMoney(value, 2);
const EMPLOYEE = "1";

interface Context {
  accountID: string;
  catalog: Catalog;
  shop: ShopSetup;
  date: string;
  ymd: string;
  random: Random;
  at: (minutes: number, seconds?: number) => number;
}

export function generateDay(
  accountID: string,
  catalog: Catalog,
  shop: ShopSetup,
  date: string,
): GeneratedDay {
  const random = randomFor(`${accountID}|${shop.shopID}|${date}`);
  // The shop is open from 06:30 on, well after any DST change (02:00): its UTC offset at noon holds all day.
  const [year, month, dayOfMonth] = date.split("-").map(Number) as [number, number, number];
  const midnightWall = Date.UTC(year, month - 1, dayOfMonth);
  const offset = midnightWall + 12 * 3_600_000 - zonedTimeToUtc(date, 12 * 60, shop.timeZone);
  const ctx: Context = {
    accountID,
    catalog,
    shop,
    date,
    ymd: date.replaceAll("-", ""),
    random,
    at: (minutes, seconds = 0) => midnightWall + minutes * 60_000 + seconds * 1000 - offset,
  };
  const sessions = shop.registers.map((register) => ({
    registerID: register.registerID,
    openTime: ctx.at(OPENS + random.int(0, 10)),
    closeTime: ctx.at(CLOSES + random.int(0, 20), random.int(0, 59)),
  }));

  const times = Array.from({ length: random.int(20, 60) }, () =>
    ctx.at(random.int(FIRST_SALE, LAST_SALE - 1), random.int(0, 59)),
  );
  times.sort((a, b) => a - b);
  const sales = times.map((time, index) => generateSale(ctx, index + 1, time));

  const withdraws: RegisterWithdrawRecord[] = [];
  const counts: RegisterCountRecord[] = [];
  for (const [index, session] of sessions.entries()) {
    const own = generateWithdraws(ctx, session, index === 0 ? "200" : "150");
    withdraws.push(...own);
    counts.push(generateCount(ctx, session, own, sales));
  }
  return { sales, withdraws, counts, orders: generateOrders(ctx), sessions };
}

function generateSale(ctx: Context, seq: number, time: number): SaleRecord {
  const { random } = ctx;
  const saleID = `${ctx.shop.shopID}${ctx.ymd}${String(seq).padStart(3, "0")}`;
  const registerID = random.weighted(
    ctx.shop.registers.map((r, i) => [r.registerID, i === 0 ? 3 : 1] as const),
  );
  const base = { ctx, saleID, registerID, time };
  const roll = random.next();
  if (roll < 0.03) return accountDepositSale(base);
  if (roll < 0.08) return refundSale(base);
  return regularSale(base);
}

interface SaleBase {
  ctx: Context;
  saleID: string;
  registerID: string;
  time: number;
}

interface Line {
  record: SaleLineRecord;
  subtotal: Decimal;
  discount: Decimal;
  tax1: Decimal;
  tax2: Decimal;
  cost: Decimal;
  drink: boolean;
}

function itemLine(
  base: SaleBase,
  lineNo: number,
  item: CatalogItem,
  quantity: number,
  discountId?: string,
): Line {
  const { ctx, saleID } = base;
  const { province } = ctx.shop;
  const price = new D(item.price);
  const subtotal = price.times(quantity);
  const discountEntry = ctx.catalog.discounts.find((discount) => discount.discountID === discountId);
  const discount = !discountEntry
    ? ZERO
    : discountEntry.percent
      ? cents(subtotal.times(discountEntry.percent))
      : D.min(new D(discountEntry.amount ?? "0"), subtotal);
  const taxable = subtotal.minus(discount);
  const rate1 = item.taxClass === "zero_rated" ? ZERO : new D(province.tax1Rate);
  const rate2 =
    item.taxClass === "general" || (item.taxClass === "prepared" && province.tax2OnPrepared)
      ? new D(province.tax2Rate)
      : ZERO;
  const tax1 = cents(taxable.times(rate1));
  const tax2 = cents(taxable.times(rate2));
  const time = lightspeedTime(base.time);
  const record: SaleLineRecord = {
    saleLineID: `${saleID}${String(lineNo).padStart(2, "0")}`,
    createTime: time,
    timeStamp: time,
    unitQuantity: String(quantity),
    unitPrice: wire(price),
    normalUnitPrice: wire(price),
    discountAmount: discountEntry?.amount ?? "0",
    discountPercent: discountEntry?.percent ?? "0",
    avgCost: item.avgCost,
    fifoCost: item.avgCost,
    tax: item.taxClass === "zero_rated" ? "false" : "true",
    tax1Rate: wire(rate1),
    tax2Rate: wire(rate2),
    isLayaway: "false",
    isWorkorder: "false",
    isSpecialOrder: "false",
    displayableSubtotal: wire(taxable),
    displayableUnitPrice: wire(price),
    calcLineDiscount: wire(discount),
    calcTransactionDiscount: "0",
    calcTotal: wire(taxable.plus(tax1).plus(tax2)),
    calcSubtotal: wire(subtotal),
    calcTax1: wire(tax1),
    calcTax2: wire(tax2),
    taxClassID: { prepared: "2", zero_rated: "3", general: "1" }[item.taxClass],
    customerID: "0",
    discountID: discountEntry?.discountID ?? "0",
    employeeID: EMPLOYEE,
    itemID: item.itemID,
    noteID: "0",
    parentSaleLineID: "0",
    shopID: ctx.shop.shopID,
    // "0": the line is taxed by its sale's TaxCategory.
    taxCategoryID: "0",
    saleID,
  };
  return {
    record,
    subtotal,
    discount,
    tax1,
    tax2,
    cost: new D(item.avgCost).times(quantity),
    drink: item.categoryID === "1" || item.categoryID === "2",
  };
}

/** A gift card sold: a line without tax whose amount the sale's total leaves out (Lightspeed counts it in
 *  displayableTotal); a negative Gift Card payment loads the card. */
function giftCardLine(base: SaleBase, lineNo: number, amount: Decimal): SaleLineRecord {
  const time = lightspeedTime(base.time);
  return {
    saleLineID: `${base.saleID}${String(lineNo).padStart(2, "0")}`,
    createTime: time,
    timeStamp: time,
    unitQuantity: "1",
    unitPrice: wire(amount),
    normalUnitPrice: wire(amount),
    discountAmount: "0",
    discountPercent: "0",
    avgCost: "0",
    fifoCost: "0",
    tax: "false",
    tax1Rate: "0",
    tax2Rate: "0",
    isLayaway: "false",
    isWorkorder: "false",
    isSpecialOrder: "false",
    displayableSubtotal: wire(amount),
    displayableUnitPrice: wire(amount),
    calcLineDiscount: "0",
    calcTransactionDiscount: "0",
    calcTotal: wire(amount),
    calcSubtotal: wire(amount),
    calcTax1: "0",
    calcTax2: "0",
    taxClassID: "0",
    customerID: "0",
    discountID: "0",
    employeeID: EMPLOYEE,
    itemID: "0",
    noteID: "0",
    parentSaleLineID: "0",
    shopID: base.ctx.shop.shopID,
    taxCategoryID: "0",
    saleID: base.saleID,
  };
}

function payment(
  base: SaleBase,
  paymentNo: number,
  paymentTypeID: string,
  amount: Decimal,
  fields: { tip?: Decimal; creditAccountID?: string; saleAccount?: SaleAccountRecord } = {},
): SalePaymentRecord {
  const salePaymentID = `${base.saleID}${String(paymentNo).padStart(2, "0")}`;
  return {
    salePaymentID,
    amount: wire(amount),
    createTime: lightspeedTime(base.time),
    archived: "false",
    remoteReference: "",
    tipAmount: wire(fields.tip ?? ZERO),
    paymentID: "",
    saleID: base.saleID,
    paymentTypeID,
    ccChargeID: "0",
    refPaymentID: "0",
    registerID: base.registerID,
    employeeID: EMPLOYEE,
    creditAccountID: fields.creditAccountID ?? "0",
    SaleAccounts: fields.saleAccount ? [{ ...fields.saleAccount, salePaymentID }] : [],
  };
}

function saleRecord(
  base: SaleBase,
  lines: Line[],
  extraLines: SaleLineRecord[],
  payments: SalePaymentRecord[],
  fields: { gift?: Decimal; voided?: boolean } = {},
): SaleRecord {
  const { ctx, saleID, registerID } = base;
  const subtotal = sum(lines.map((line) => line.subtotal));
  const discount = sum(lines.map((line) => line.discount));
  const tax1 = sum(lines.map((line) => line.tax1));
  const tax2 = sum(lines.map((line) => line.tax2));
  const total = subtotal.minus(discount).plus(tax1).plus(tax2);
  const taxable = sum(lines.filter((line) => line.record.tax === "true").map((line) => line.subtotal));
  const tips = sum(payments.map((p) => new D(p.tipAmount)));
  const completed = lightspeedTime(base.time);
  const updated = fields.voided ? lightspeedTime(base.time + ctx.random.int(2, 20) * 60_000) : completed;
  return {
    saleID,
    timeStamp: updated,
    discountPercent: "0",
    completed: "true",
    archived: "false",
    voided: fields.voided ? "true" : "false",
    enablePromotions: "true",
    isTaxInclusive: "false",
    createTime: lightspeedTime(base.time - 90_000),
    updatetime: updated,
    completeTime: completed,
    referenceNumber: "",
    referenceNumberSource: "",
    tax1Rate: ctx.shop.province.tax1Rate,
    tax2Rate: ctx.shop.province.tax2Rate,
    change: "0",
    tipEnabled: "true",
    receiptPreference: "printed",
    displayableSubtotal: wire(subtotal.minus(discount)),
    ticketNumber: saleID,
    calcDiscount: wire(discount),
    calcTotal: wire(total),
    calcSubtotal: wire(subtotal),
    calcTaxable: wire(taxable),
    calcNonTaxable: wire(subtotal.minus(taxable)),
    calcAvgCost: wire(sum(lines.map((line) => line.cost))),
    calcFIFOCost: wire(sum(lines.map((line) => line.cost))),
    calcTax1: wire(tax1),
    calcTax2: wire(tax2),
    calcPayments: wire(sum(payments.map((p) => new D(p.amount)))),
    calcTips: wire(tips),
    total: wire(total),
    totalDue: wire(total),
    displayableTotal: wire(total.plus(fields.gift ?? ZERO)),
    balance: "0",
    customerID: "0",
    discountID: "0",
    employeeID: EMPLOYEE,
    tipEmployeeID: EMPLOYEE,
    quoteID: "0",
    registerID,
    shipToID: "0",
    shopID: ctx.shop.shopID,
    taxCategoryID: ctx.shop.province.taxCategoryID,
    taxTotal: wire(tax1.plus(tax2)),
    SaleLines: [...lines.map((line) => line.record), ...extraLines],
    SalePayments: payments,
  };
}

const CARDS = [
  [PAYMENT.visa, 40],
  [PAYMENT.mastercard, 25],
  [PAYMENT.amex, 10],
  [PAYMENT.debit, 25],
] as const;

function pickItem(random: Random, catalog: Catalog): CatalogItem {
  return random.weighted(catalog.items.map((item) => [item, item.weight] as const));
}

function regularSale(base: SaleBase): SaleRecord {
  const { ctx } = base;
  const { random, catalog } = ctx;
  const lines = Array.from(
    {
      length: random.weighted([
        [1, 5],
        [2, 4],
        [3, 2],
        [4, 1],
      ] as const),
    },
    (_, index) => {
      const item = pickItem(random, catalog);
      const quantity = item.taxClass === "prepared" && random.chance(0.15) ? 2 : 1;
      const discountId = random.chance(0.12) ? random.pick(catalog.discounts).discountID : undefined;
      return itemLine(base, index + 1, item, quantity, discountId);
    },
  );
  const gift = random.chance(0.04) ? new D(random.pick(["25", "50", "100"])) : undefined;
  const extraLines = gift ? [giftCardLine(base, lines.length + 1, gift)] : [];
  const total = sum(lines.map((line) => line.subtotal.minus(line.discount).plus(line.tax1).plus(line.tax2)));
  const due = total.plus(gift ?? ZERO);

  const payments: SalePaymentRecord[] = [];
  const how = random.next();
  if (how < 0.05 && !gift) {
    // A gift card redeemed, the rest on a card.
    const redeemed = D.min(due, new D(random.pick(["10", "15", "20", "25"])));
    payments.push(payment(base, 1, PAYMENT.giftCard, redeemed, { creditAccountID: `9${base.saleID}` }));
    if (due.greaterThan(redeemed))
      payments.push(payment(base, 2, random.weighted(CARDS), due.minus(redeemed)));
  } else if (how < 0.08 && !gift) {
    payments.push(payment(base, 1, PAYMENT.account, due, { creditAccountID: String(random.int(1, 30)) }));
  } else if (how < 0.4) {
    payments.push(payment(base, 1, PAYMENT.cash, due));
  } else {
    const tip =
      lines.some((line) => line.drink) && random.chance(0.45)
        ? cents(total.times(random.pick(["0.10", "0.15", "0.18", "0.20"])))
        : ZERO;
    payments.push(payment(base, 1, random.weighted(CARDS), due.plus(tip), { tip }));
  }
  if (gift) {
    const line = extraLines[0]!;
    const creditAccountID = `8${base.saleID}`;
    payments.push(
      payment(base, payments.length + 1, PAYMENT.giftCard, gift.negated(), {
        creditAccountID,
        saleAccount: { saleAccountID: line.saleLineID, creditAccountID, saleLineID: line.saleLineID },
      }),
    );
  }
  return saleRecord(base, lines, extraLines, payments, { gift, voided: random.chance(0.03) });
}

/** A customer returns one item: a negative quantity, refunded the way a customer usually paid. */
function refundSale(base: SaleBase): SaleRecord {
  const { random, catalog } = base.ctx;
  const line = itemLine(base, 1, pickItem(random, catalog), -1);
  const refund = line.subtotal.plus(line.tax1).plus(line.tax2);
  const type = random.chance(0.4) ? PAYMENT.cash : random.weighted(CARDS);
  return saleRecord(base, [line], [], [payment(base, 1, type, refund)]);
}

/** Money put on a customer's store account: no line, a payment and a negative Store Account payment of
 *  the same amount (how the API represents a credit-account deposit). */
function accountDepositSale(base: SaleBase): SaleRecord {
  const { random } = base.ctx;
  const amount = new D(random.pick(["20", "25", "50", "100"]));
  const creditAccountID = String(random.int(1, 30));
  return saleRecord(
    base,
    [],
    [],
    [
      payment(base, 1, random.chance(0.5) ? PAYMENT.cash : PAYMENT.visa, amount),
      payment(base, 2, PAYMENT.account, amount.negated(), { creditAccountID }),
    ],
  );
}

const PAYOUT_REASONS = ["Milk run", "Window cleaning", "Postage", "Bag of ice", "Paper towels"];

function withdraw(ctx: Context, registerID: string, n: number, time: number, amount: Decimal, notes: string) {
  return {
    registerWithdrawID: `${registerID}${ctx.ymd}${String(n).padStart(2, "0")}`,
    amount: wire(amount),
    createTime: lightspeedTime(time),
    notes,
    employeeID: EMPLOYEE,
    paymentTypeID: PAYMENT.cash,
    registerID,
  };
}

/** The opening float when the register opens, then maybe a payout and a paid-in during the day. */
function generateWithdraws(ctx: Context, session: Session, float: string): RegisterWithdrawRecord[] {
  const { random } = ctx;
  const during = () => ctx.at(random.int(FIRST_SALE + 30, LAST_SALE - 30), random.int(0, 59));
  const withdraws = [withdraw(ctx, session.registerID, 1, session.openTime, new D(float), "Opening count")];
  if (random.chance(0.35))
    withdraws.push(
      withdraw(
        ctx,
        session.registerID,
        2,
        during(),
        cents(new D(random.int(500, 4500)).dividedBy(100)).negated(),
        random.pick(PAYOUT_REASONS),
      ),
    );
  if (random.chance(0.15))
    withdraws.push(
      withdraw(ctx, session.registerID, 3, during(), new D(random.pick(["20", "50"])), "Change from bank"),
    );
  return withdraws;
}

/** Cash of the register's completed, non-voided sales during its session. */
function cashOfSession(sales: SaleRecord[], session: Session): Decimal {
  return sum(
    sales
      .filter((sale) => sale.voided !== "true" && within(sale.completeTime, session))
      .flatMap((sale) => sale.SalePayments)
      .filter((p) => p.registerID === session.registerID && p.paymentTypeID === PAYMENT.cash)
      .map((p) => new D(p.amount)),
  );
}

const within = (time: string, session: Session) => {
  const at = Date.parse(time);
  return at >= session.openTime && at <= session.closeTime;
};

/** The count when the register closes: what the system expected per payment type, and the cash
 *  counted, now and then a little over or short. */
export function countRecord(
  session: Session,
  date: string,
  sales: SaleRecord[],
  withdraws: RegisterWithdrawRecord[],
  countedCash: (expected: Decimal) => Decimal,
): RegisterCountRecord {
  const registerCountID = `${session.registerID}${date.replaceAll("-", "")}`;
  const cashMoves = sum(
    withdraws
      .filter((w) => w.registerID === session.registerID && within(w.createTime, session))
      .map((w) => new D(w.amount)),
  );
  const expected = cashMoves.plus(cashOfSession(sales, session));
  const byType = new Map<string, Decimal>([[PAYMENT.cash, expected]]);
  for (const sale of sales)
    if (sale.voided !== "true" && within(sale.completeTime, session))
      for (const p of sale.SalePayments)
        if (p.registerID === session.registerID && p.paymentTypeID !== PAYMENT.cash)
          byType.set(p.paymentTypeID, (byType.get(p.paymentTypeID) ?? ZERO).plus(p.amount));
  const amounts: RegisterCountAmountRecord[] = [...byType].map(([paymentTypeID, calculated]) => ({
    registerCountAmountID: `${registerCountID}${paymentTypeID}`,
    calculated: wire(calculated),
    actual: wire(paymentTypeID === PAYMENT.cash ? countedCash(expected) : calculated),
    registerCountID,
    paymentTypeID,
  }));
  return {
    registerCountID,
    createTime: lightspeedTime(session.closeTime),
    openTime: lightspeedTime(session.openTime),
    notes: "",
    registerID: session.registerID,
    openEmployeeID: EMPLOYEE,
    closeEmployeeID: EMPLOYEE,
    RegisterCountAmounts: amounts,
  };
}

function generateCount(
  ctx: Context,
  session: Session,
  withdraws: RegisterWithdrawRecord[],
  sales: SaleRecord[],
): RegisterCountRecord {
  const { random } = ctx;
  const overShort = random.chance(0.3)
    ? new D(random.pick(["-5", "-2.5", "-1", "-0.25", "0.1", "0.5", "1", "2"]))
    : ZERO;
  return countRecord(session, ctx.date, sales, withdraws, (expected) => expected.plus(overShort));
}

/** Now and then a purchase order from one vendor is received in the morning. */
function generateOrders(ctx: Context): OrderRecord[] {
  const { random, catalog, shop } = ctx;
  if (!random.chance(0.25)) return [];
  const suppliers = catalog.vendors.filter((vendor) =>
    catalog.items.some((item) => item.vendorID === vendor.vendorID),
  );
  const vendor = random.pick(suppliers);
  const offered = catalog.items.filter((item) => item.vendorID === vendor.vendorID);
  const chosen = offered.filter(() => random.chance(0.7));
  const items = chosen.length > 0 ? chosen : offered.slice(0, 1);
  const orderID = `${shop.shopID}${ctx.ymd}`;
  const received = ctx.at(10 * 60 + random.int(0, 60));
  const time = lightspeedTime(received);
  const lines: WireRecord[] = items.map((item, index) => {
    const quantity = random.pick(["6", "12", "24"]);
    return {
      orderLineID: `${orderID}${String(index + 1).padStart(2, "0")}`,
      quantity,
      price: item.avgCost,
      originalPrice: item.avgCost,
      checkedIn: quantity,
      numReceived: "0",
      timeStamp: time,
      total: wire(new D(item.avgCost).times(quantity)),
      createTime: time,
      orderID,
      itemID: item.itemID,
    };
  });
  return [
    {
      orderID,
      orderedDate: lightspeedTime(zonedTimeToUtc(addDays(ctx.date, -3), 9 * 60, shop.timeZone)),
      receivedDate: time,
      arrivalDate: time,
      refNum: `PO-${orderID}`,
      shipInstructions: "",
      stockInstructions: "",
      shipCost: "0",
      otherCost: "0",
      complete: "true",
      archived: "false",
      discount: "0",
      totalDiscount: "0",
      totalQuantity: String(sum(lines.map((line) => new D(line.quantity as string)))),
      timeStamp: time,
      createTime: time,
      vendorID: vendor.vendorID,
      noteID: "0",
      shopID: shop.shopID,
      createdByEmployeeID: EMPLOYEE,
      Vendor: { vendorID: vendor.vendorID, name: vendor.name, archived: "false", timeStamp: time },
      OrderLines: lines,
    },
  ];
}
