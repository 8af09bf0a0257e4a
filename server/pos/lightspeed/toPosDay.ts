// Lightspeed records of one shop's business date -> PosDay v1 (DESIGN §4). Pure: the client fetches, this
// converts. Wire decisions:
// - a sale belongs to the store-local date of its completeTime; voided sales are kept, voidedAt being the
//   sale's last update (the void);
// - taxes are the tax1 / tax2 of the line's TaxCategory (the sale's when the line has none), with the ids
//   "<taxCategoryID>-tax1" / "<taxCategoryID>-tax2" and the category's tax names;
// - a negative gift-card or credit-account payment loads a card or an account: it becomes a `gift_card` or
//   `account_deposit` line (the sale line its SaleAccount names, or a line of its own) and leaves the
//   payments, so that lines + tax = payments - tip holds as the engine reads it;
// - a register session (open -> count) belongs to the store-local date it opened; its opening float is the
//   cash RegisterWithdraw made when it opened, later positive cash withdraws are paid-ins, negative ones
//   payouts.
import { type Decimal, Decimal as D, minorUnits, sum, toMoneyString, ZERO } from "../../../shared/money";
import type {
  Payment,
  PosDay,
  PurchaseOrder,
  Register,
  Sale,
  SaleLine,
} from "../../../shared/schemas/posDay";
import { localDate } from "../../../shared/time";
import { PosDataError, type PosShop, type Source } from "../port";
import { allocateRounded, quantityText } from "./amounts";
import type {
  LsCategory,
  LsDiscount,
  LsItem,
  LsOrder,
  LsPaymentType,
  LsRegister,
  LsRegisterCount,
  LsRegisterWithdraw,
  LsSale,
  LsSaleLine,
  LsTaxCategory,
} from "./resources";

export interface LightspeedDay {
  shop: PosShop;
  salesDate: string;
  sources: readonly Source[];
  /** When the day was read: a date that has not begun yet is not closed. */
  now: number;
  sales: LsSale[];
  paymentTypes: LsPaymentType[];
  items: LsItem[];
  categories: LsCategory[];
  taxCategories: LsTaxCategory[];
  discounts: LsDiscount[];
  /** The shop's registers, archived ones included. */
  registers: LsRegister[];
  registerCounts: LsRegisterCount[];
  withdraws: LsRegisterWithdraw[];
  orders: LsOrder[];
}

type PaymentKind = Payment["kind"];

/** Cash a sale put in a register's drawer, and when. */
interface DrawerCash {
  registerID: string;
  at: number;
  cash: Decimal;
}

/** The reserved payment types; "user defined", "ecom" and the others are `other`. */
export function paymentKindOf(type: string): PaymentKind {
  switch (type.trim().toLowerCase()) {
    case "cash":
      return "cash";
    case "credit card":
    case "debit card":
      return "card";
    case "gift card":
      return "gift_card";
    case "credit account":
      return "credit_account";
    default:
      return "other";
  }
}

/** A TaxCategory has up to two taxes: tax1 and tax2. */
export const TAX_SLOTS = [1, 2] as const;
export type TaxSlot = (typeof TAX_SLOTS)[number];

/** The id of a TaxCategory's first or second tax: the key of a tax in the PosDay and in a mapping. */
export function taxIdOf(taxCategoryID: string, slot: TaxSlot): string {
  return `${taxCategoryID}-tax${slot}`;
}

/** The name of a TaxCategory's first or second tax, "Tax 1" / "Tax 2" when it has none. */
export function taxNameOf(category: LsTaxCategory, slot: TaxSlot): string {
  return (slot === 1 ? category.tax1Name : category.tax2Name) || `Tax ${slot}`;
}

/** What an item is called on a sale line: its description, "Miscellaneous" when it has none. */
export function itemNameOf(item: LsItem | undefined): string {
  return item?.description || "Miscellaneous";
}

/** The opening count is made when the register opens; a withdraw within this much of it is the float. */
const FLOAT_WINDOW_MS = 60_000;

export function toPosDay(day: LightspeedDay): PosDay {
  const units = minorUnits(day.shop.currency);
  const money = (value: Decimal) => toMoneyString(value, units);
  const onDate = (iso: string) => localDate(Date.parse(iso), day.shop.timezone) === day.salesDate;
  const lookup = indexes(day);
  const withSales = day.sources.includes("sales") || day.sources.includes("inventory");

  const sales: Sale[] = [];
  // Where each sale's cash went, for the registers' expected cash.
  const drawer: DrawerCash[] = [];
  if (withSales)
    for (const sale of day.sales) {
      const { completeTime } = sale;
      if (!sale.completed || completeTime === undefined || !onDate(completeTime)) continue;
      const converted = convertSale(sale, completeTime, day, lookup, money, units);
      sales.push(converted.sale);
      if (!sale.voided) drawer.push(...converted.cash);
    }

  return {
    version: 1,
    store: {
      id: day.shop.posShopId,
      name: day.shop.name,
      timezone: day.shop.timezone,
      currency: day.shop.currency,
    },
    salesDate: day.salesDate,
    closed: isClosed(day),
    sales,
    registers: day.sources.includes("sales") ? registersOf(day, lookup, drawer, money, onDate) : [],
    purchaseOrders: day.sources.includes("purchase_orders")
      ? purchaseOrdersOf(day, lookup, money, onDate)
      : [],
  };
}

interface Lookup {
  paymentType(id: string, where: string): LsPaymentType;
  item(id: string, where: string): LsItem;
  category(id: string, where: string): LsCategory;
  taxCategory(id: string, where: string): LsTaxCategory;
  discount(id: string, where: string): LsDiscount;
}

function indexes(day: LightspeedDay): Lookup {
  const finder = <T>(records: T[], key: (record: T) => string, resource: string) => {
    const byId = new Map(records.map((record) => [key(record), record]));
    return (id: string, where: string): T => {
      const found = byId.get(id);
      if (!found) throw new PosDataError(`${where} names ${resource} ${id}, which the API did not return`);
      return found;
    };
  };
  return {
    paymentType: finder(day.paymentTypes, (type) => type.paymentTypeID, "PaymentType"),
    item: finder(day.items, (item) => item.itemID, "Item"),
    category: finder(day.categories, (category) => category.categoryID, "Category"),
    taxCategory: finder(day.taxCategories, (tax) => tax.taxCategoryID, "TaxCategory"),
    discount: finder(day.discounts, (discount) => discount.discountID, "Discount"),
  };
}

interface Deposit {
  kind: "gift_card" | "account_deposit";
  amount: Decimal;
}

const DEPOSIT_NAMES: Record<Deposit["kind"], string> = {
  gift_card: "Gift card",
  account_deposit: "Credit account deposit",
};

function convertSale(
  sale: LsSale,
  completedAt: string,
  day: LightspeedDay,
  lookup: Lookup,
  money: (value: Decimal) => string,
  units: number,
): { sale: Sale; cash: DrawerCash[] } {
  const where = `Sale ${sale.saleID}`;
  const payments: Payment[] = [];
  const cash: DrawerCash[] = [];
  // Deposits by the sale line they load (or by payment when no line is linked).
  const deposits = new Map<string, Deposit>();
  let tip = ZERO;
  for (const payment of sale.SalePayments) {
    if (payment.archived) continue;
    const type = lookup.paymentType(payment.paymentTypeID, `${where} payment ${payment.salePaymentID}`);
    const kind = paymentKindOf(type.type);
    const amount = new D(payment.amount);
    if (amount.isNegative() && (kind === "gift_card" || kind === "credit_account")) {
      const linked = payment.SaleAccounts.find((account) => account.saleLineID !== "0")?.saleLineID;
      deposits.set(linked ?? `payment-${payment.salePaymentID}`, {
        kind: kind === "gift_card" ? "gift_card" : "account_deposit",
        amount: amount.negated(),
      });
      continue;
    }
    tip = tip.plus(payment.tipAmount);
    payments.push({ paymentTypeId: payment.paymentTypeID, name: type.name, kind, amount: money(amount) });
    if (kind === "cash")
      cash.push({
        registerID: payment.registerID !== "0" ? payment.registerID : sale.registerID,
        at: Date.parse(completedAt),
        cash: amount,
      });
  }

  const itemLines = sale.SaleLines.filter((line) => !deposits.has(line.saleLineID));
  const lines: SaleLine[] = [
    ...itemLines.map((line) => itemLine(sale, line, day, lookup, money)),
    ...[...deposits].map(([id, deposit]) => depositLine(id, deposit, money)),
  ];
  reconcileRounding(sale, itemLines, lines, units, money);

  const deposited = sum([...deposits.values()].map((deposit) => deposit.amount));
  return {
    sale: {
      id: sale.saleID,
      number: sale.ticketNumber || sale.saleID,
      completedAt,
      voided: sale.voided,
      ...(sale.voided && sale.updatetime !== undefined && { voidedAt: sale.updatetime }),
      lines,
      payments,
      tip: money(tip),
      total: money(new D(sale.total).plus(deposited)),
    },
    cash,
  };
}

function itemLine(
  sale: LsSale,
  line: LsSaleLine,
  day: LightspeedDay,
  lookup: Lookup,
  money: (value: Decimal) => string,
): SaleLine {
  const where = `Sale ${sale.saleID} line ${line.saleLineID}`;
  const item = line.itemID === "0" ? undefined : lookup.item(line.itemID, where);
  const categoryId = item?.categoryID ?? "0";
  const category = categoryId === "0" ? undefined : lookup.category(categoryId, where);
  return {
    id: line.saleLineID,
    kind: "item",
    itemId: line.itemID,
    itemName: itemNameOf(item),
    categoryId,
    categoryName: category?.name || "No category",
    quantity: quantityText(line.unitQuantity),
    unitPrice: quantityText(line.unitPrice),
    subtotal: money(new D(line.calcSubtotal)),
    // Amounts are placeholders until reconcileRounding sets them to the sale's rounded figures.
    discounts: lineDiscounts(sale, line, lookup, where),
    taxes: lineTaxes(sale, line, lookup, where),
    ...(day.sources.includes("inventory") && { unitCost: quantityText(line.avgCost) }),
  };
}

function lineDiscounts(sale: LsSale, line: LsSaleLine, lookup: Lookup, where: string): SaleLine["discounts"] {
  const discounts: SaleLine["discounts"] = [];
  const named = (id: string, manual: string) =>
    id === "0"
      ? { discountId: "manual", name: manual }
      : { discountId: id, name: lookup.discount(id, where).name };
  if (!new D(line.calcLineDiscount).isZero())
    discounts.push({ ...named(line.discountID, "Manual discount"), amount: line.calcLineDiscount });
  if (!new D(line.calcTransactionDiscount).isZero())
    discounts.push({ ...named(sale.discountID, "Sale discount"), amount: line.calcTransactionDiscount });
  return discounts;
}

function lineTaxes(sale: LsSale, line: LsSaleLine, lookup: Lookup, where: string): SaleLine["taxes"] {
  const charged = TAX_SLOTS.map((slot) => ({
    slot,
    amount: slot === 1 ? line.calcTax1 : line.calcTax2,
  })).filter((tax) => !new D(tax.amount).isZero());
  if (charged.length === 0) return [];
  const categoryId = line.taxCategoryID !== "0" ? line.taxCategoryID : sale.taxCategoryID;
  const category = lookup.taxCategory(categoryId, where);
  return charged.map(({ slot, amount }) => ({
    taxId: taxIdOf(categoryId, slot),
    name: taxNameOf(category, slot),
    amount,
  }));
}

function depositLine(id: string, deposit: Deposit, money: (value: Decimal) => string): SaleLine {
  const amount = money(deposit.amount);
  return {
    id,
    kind: deposit.kind,
    itemId: deposit.kind,
    itemName: DEPOSIT_NAMES[deposit.kind],
    categoryId: deposit.kind,
    categoryName: DEPOSIT_NAMES[deposit.kind],
    quantity: "1",
    unitPrice: amount,
    subtotal: amount,
    discounts: [],
    taxes: [],
  };
}

/** Rounds the lines' discounts and taxes so that they add up to the sale's calcDiscount, calcTax1 and
 *  calcTax2 (the first lines of `lines` are those of `itemLines`, in order). */
function reconcileRounding(
  sale: LsSale,
  itemLines: LsSaleLine[],
  lines: SaleLine[],
  units: number,
  money: (value: Decimal) => string,
): void {
  const reconcile = <T extends { amount: string }>(entries: T[], total: string) => {
    const amounts = allocateRounded(
      entries.map((entry) => new D(entry.amount)),
      new D(total),
      units,
    );
    entries.forEach((entry, index) => {
      entry.amount = money(amounts[index]!);
    });
  };
  const converted = lines.slice(0, itemLines.length);
  reconcile(
    converted.flatMap((line) => line.discounts),
    sale.calcDiscount,
  );
  for (const slot of ["tax1", "tax2"] as const)
    reconcile(
      converted.flatMap((line) => line.taxes.filter((tax) => tax.taxId.endsWith(`-${slot}`))),
      slot === "tax1" ? sale.calcTax1 : sale.calcTax2,
    );
}

/** Every register of the shop has closed its sessions of that date (and the date has begun). */
function isClosed(day: LightspeedDay): boolean {
  if (day.salesDate > localDate(day.now, day.shop.timezone)) return false;
  return day.registers.every(
    (register) =>
      !register.open ||
      register.openTime === undefined ||
      localDate(Date.parse(register.openTime), day.shop.timezone) > day.salesDate,
  );
}

interface Session {
  register: LsRegister;
  openTime: string;
  count?: LsRegisterCount;
}

function registersOf(
  day: LightspeedDay,
  lookup: Lookup,
  drawer: DrawerCash[],
  money: (value: Decimal) => string,
  onDate: (iso: string) => boolean,
): Register[] {
  const isCash = (paymentTypeID: string, where: string) =>
    paymentKindOf(lookup.paymentType(paymentTypeID, where).type) === "cash";
  const registers: Register[] = [];
  for (const register of day.registers) {
    const sessions: Session[] = day.registerCounts
      .filter((count) => count.registerID === register.registerID && onDate(count.openTime))
      .map((count) => ({ register, openTime: count.openTime, count }));
    const { openTime } = register;
    if (
      register.open &&
      openTime !== undefined &&
      onDate(openTime) &&
      !sessions.some((s) => s.openTime === openTime)
    )
      sessions.push({ register, openTime });
    sessions.sort((a, b) => Date.parse(a.openTime) - Date.parse(b.openTime));

    for (const session of sessions) {
      const opened = Date.parse(session.openTime);
      const closed = session.count ? Date.parse(session.count.createTime) : Number.POSITIVE_INFINITY;
      const within = (at: number) => at >= opened && at <= closed;
      const withdraws = day.withdraws
        .filter(
          (withdraw) =>
            withdraw.registerID === register.registerID &&
            within(Date.parse(withdraw.createTime)) &&
            isCash(withdraw.paymentTypeID, `RegisterWithdraw ${withdraw.registerWithdrawID}`),
        )
        .sort((a, b) => Date.parse(a.createTime) - Date.parse(b.createTime));
      const float = withdraws.find(
        (withdraw) =>
          new D(withdraw.amount).isPositive() && Date.parse(withdraw.createTime) - opened <= FLOAT_WINDOW_MS,
      );
      const movements = withdraws.filter((withdraw) => withdraw !== float);
      const counted = session.count?.RegisterCountAmounts.filter((amount) =>
        isCash(amount.paymentTypeID, `RegisterCount ${session.count?.registerCountID}`),
      );
      registers.push({
        id:
          sessions.length === 1
            ? register.registerID
            : `${register.registerID}-${session.count?.registerCountID ?? "open"}`,
        name: register.name,
        ...(session.count && { closedAt: session.count.createTime }),
        openingFloat: money(float ? new D(float.amount) : ZERO),
        cashPayments: money(
          sum(
            drawer
              .filter((entry) => entry.registerID === register.registerID && within(entry.at))
              .map((entry) => entry.cash),
          ),
        ),
        paidIns: movements.filter((w) => new D(w.amount).isPositive()).map((w) => money(new D(w.amount))),
        payouts: movements
          .filter((w) => new D(w.amount).isNegative())
          .map((w) => ({ amount: money(new D(w.amount).negated()), reason: w.notes || "Payout" })),
        ...(counted !== undefined &&
          counted.length > 0 && { counted: money(sum(counted.map((amount) => new D(amount.actual)))) }),
      });
    }
  }
  return registers;
}

function purchaseOrdersOf(
  day: LightspeedDay,
  lookup: Lookup,
  money: (value: Decimal) => string,
  onDate: (iso: string) => boolean,
): PurchaseOrder[] {
  const orders: PurchaseOrder[] = [];
  for (const order of day.orders) {
    if (order.receivedDate === undefined || !onDate(order.receivedDate)) continue;
    const lines = order.OrderLines.filter((line) => !new D(line.checkedIn).isZero()).map((line) => ({
      categoryId: lookup.item(line.itemID, `Order ${order.orderID} line ${line.orderLineID}`).categoryID,
      amount: money(new D(line.checkedIn).times(line.price)),
    }));
    if (lines.length === 0) continue;
    orders.push({
      id: order.orderID,
      vendorName: order.Vendor?.name || (order.vendorID === "0" ? "No vendor" : `Vendor ${order.vendorID}`),
      receivedAt: order.receivedDate,
      lines,
    });
  }
  return orders;
}
