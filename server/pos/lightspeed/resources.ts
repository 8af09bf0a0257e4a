// The Lightspeed Retail (R-Series) API V3 resources the adapter reads, as zod schemas that absorb the
// API's quirks: every scalar arrives as a string ("12.3", "true"), a collection of one arrives as an
// object instead of an array and an empty one as "" or not at all, relations are wrapped in their
// element name ({ SaleLines: { SaleLine: [...] } }), and unset values are "". Field names follow
// https://developers.lightspeedhq.com/retail/endpoints/ (Sale, SaleLine, SalePayment, Register...).
import { z } from "zod";
import { Decimal } from "../../../shared/money";

/** The API writes an unset value as "" (or null); a missing field is still an error. */
const unset = (value: unknown) => value === null || value === "";
/** An empty collection arrives as "" or is left out. */
const absent = (value: unknown) => value === undefined || unset(value);

/** A numeric id; "" and "0" both mean "none" and come out as "0". */
export const LsId = z.preprocess(
  (value) => (unset(value) ? "0" : typeof value === "number" ? String(value) : value),
  z.string().regex(/^\d+$/, "expected a numeric id"),
);

export const LsText = z.preprocess(
  (value) => (value === null ? "" : typeof value === "number" ? String(value) : value),
  z.string({ error: "expected a text" }),
);

export const LsBool = z.preprocess(
  (value) => {
    if (value === true || value === "true" || value === "1") return true;
    if (value === false || value === "false" || value === "0" || unset(value)) return false;
    return value;
  },
  z.boolean({ error: 'expected "true" or "false"' }),
);

/** A decimal as a plain string ("12.3", "-0.5"); "" counts as zero, exponents are expanded. */
export const LsDecimal = z.preprocess(
  (value) => {
    if (unset(value)) return "0";
    if (typeof value !== "string" && typeof value !== "number") return value;
    try {
      const decimal = new Decimal(value);
      return decimal.isFinite() ? decimal.toFixed() : value;
    } catch {
      return value;
    }
  },
  z.string().regex(/^-?\d+(\.\d+)?$/, "expected a decimal number"),
);

/** A date-time with an offset, normalized to ISO 8601 UTC ("...Z"). */
export const LsTime = z.preprocess(
  (value) => {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return value;
    const instant = Date.parse(value);
    return Number.isNaN(instant) ? value : new Date(instant).toISOString();
  },
  z.iso.datetime({ error: "expected an ISO 8601 date-time" }),
);

/** A date-time that may be unset (""). */
export const LsOptionalTime = z.preprocess((value) => (absent(value) ? undefined : value), LsTime.optional());

/** A collection: an array, one element as an object, none as "" or missing. */
export function lsList<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (absent(value) ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  );
}

/** A loaded relation, wrapped in its element's name: `{ SaleLine: [...] }`, `{ SaleLine: {...} }` or "". */
export function lsRelation<T extends z.ZodType>(element: string, item: T) {
  return z
    .preprocess((value) => (absent(value) ? {} : value), z.object({ [element]: lsList(item) }))
    .transform((wrapper) => wrapper[element] ?? []);
}

const Attributes = z.object({
  count: LsText.optional(),
  next: LsText.optional(),
  previous: LsText.optional(),
});

/** One page of a query: the `@attributes` envelope (`next` is the full URL of the next page, "" on the
 *  last) and the records under the resource's name. */
export function lsPage<T extends z.ZodType>(resource: string, item: T) {
  const envelope = z.object({ "@attributes": Attributes.optional() });
  const records = z.object({ [resource]: lsList(item) });
  return z.intersection(envelope, records).transform((page) => ({
    next: page["@attributes"]?.next ?? "",
    // A computed key types as an index signature: this is the resource's list.
    records: page[resource] as z.output<T>[],
  }));
}

export const LsAccount = z.object({ accountID: LsId, name: LsText });
export type LsAccount = z.output<typeof LsAccount>;

/** `GET /Account/{accountID}.json` answers the account's settings without an envelope. */
export const LsAccountSettings = z.object({
  defaultCurrency: z.object({ code: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 code") }),
});

export const LsShop = z.object({
  shopID: LsId,
  name: LsText,
  timeZone: z.string().min(1, "expected an IANA time zone"),
  archived: LsBool.default(false),
});
export type LsShop = z.output<typeof LsShop>;

export const LsRegister = z.object({
  registerID: LsId,
  name: LsText,
  open: LsBool,
  openTime: LsOptionalTime,
  shopID: LsId,
  archived: LsBool.default(false),
});
export type LsRegister = z.output<typeof LsRegister>;

/** The expected (`calculated`) and counted (`actual`) amount of one payment type at a register close. */
export const LsRegisterCountAmount = z.object({
  calculated: LsDecimal,
  actual: LsDecimal,
  paymentTypeID: LsId,
});

/** A register close: `openTime` began the session, `createTime` is when the count was submitted. */
export const LsRegisterCount = z.object({
  registerCountID: LsId,
  registerID: LsId,
  openTime: LsTime,
  createTime: LsTime,
  RegisterCountAmounts: lsRelation("RegisterCountAmount", LsRegisterCountAmount),
});
export type LsRegisterCount = z.output<typeof LsRegisterCount>;

/** Cash added to (positive: the opening float, paid-ins) or taken from (negative: payouts) a register. */
export const LsRegisterWithdraw = z.object({
  registerWithdrawID: LsId,
  registerID: LsId,
  amount: LsDecimal,
  createTime: LsTime,
  notes: LsText,
  paymentTypeID: LsId,
});
export type LsRegisterWithdraw = z.output<typeof LsRegisterWithdraw>;

/** `type` is one of the reserved types (cash, credit card, gift card, credit account, ecom, adjustment)
 *  or "user defined". */
export const LsPaymentType = z.object({
  paymentTypeID: LsId,
  name: LsText,
  type: LsText,
  archived: LsBool.default(false),
});
export type LsPaymentType = z.output<typeof LsPaymentType>;

export const LsCategory = z.object({ categoryID: LsId, name: LsText });
export type LsCategory = z.output<typeof LsCategory>;

/** A sales tax with up to two rates; each line's calcTax1 / calcTax2 is the amount of tax 1 / tax 2. */
export const LsTaxCategory = z.object({
  taxCategoryID: LsId,
  tax1Name: LsText,
  tax2Name: LsText,
  tax1Rate: LsDecimal,
  tax2Rate: LsDecimal,
});
export type LsTaxCategory = z.output<typeof LsTaxCategory>;

export const LsItem = z.object({
  itemID: LsId,
  description: LsText,
  categoryID: LsId,
  archived: LsBool.default(false),
});
export type LsItem = z.output<typeof LsItem>;

export const LsDiscount = z.object({ discountID: LsId, name: LsText, archived: LsBool.default(false) });
export type LsDiscount = z.output<typeof LsDiscount>;

export const LsVendor = z.object({ vendorID: LsId, name: LsText });
export type LsVendor = z.output<typeof LsVendor>;

/** Links a payment that loads a gift card or a credit account (a negative payment) to its sale line. */
export const LsSaleAccount = z.object({ creditAccountID: LsId, saleLineID: LsId });

/** `amount` includes `tipAmount`; archived payments are void. */
export const LsSalePayment = z.object({
  salePaymentID: LsId,
  amount: LsDecimal,
  tipAmount: LsDecimal,
  archived: LsBool,
  paymentTypeID: LsId,
  registerID: LsId,
  creditAccountID: LsId,
  SaleAccounts: lsRelation("SaleAccount", LsSaleAccount),
});
export type LsSalePayment = z.output<typeof LsSalePayment>;

/** A refund line has a negative unitQuantity; amounts (calcTax1, calcLineDiscount...) may carry more
 *  decimals than the currency has. */
export const LsSaleLine = z.object({
  saleLineID: LsId,
  unitQuantity: LsDecimal,
  unitPrice: LsDecimal,
  calcSubtotal: LsDecimal,
  calcLineDiscount: LsDecimal,
  calcTransactionDiscount: LsDecimal,
  calcTax1: LsDecimal,
  calcTax2: LsDecimal,
  avgCost: LsDecimal,
  tax: LsBool,
  discountID: LsId,
  itemID: LsId,
  taxCategoryID: LsId,
});
export type LsSaleLine = z.output<typeof LsSaleLine>;

export const LsSale = z.object({
  saleID: LsId,
  ticketNumber: LsText.optional(),
  completed: LsBool,
  voided: LsBool,
  completeTime: LsOptionalTime,
  updatetime: LsOptionalTime,
  calcDiscount: LsDecimal,
  calcTax1: LsDecimal,
  calcTax2: LsDecimal,
  total: LsDecimal,
  shopID: LsId,
  registerID: LsId,
  taxCategoryID: LsId,
  discountID: LsId,
  SaleLines: lsRelation("SaleLine", LsSaleLine),
  SalePayments: lsRelation("SalePayment", LsSalePayment),
});
export type LsSale = z.output<typeof LsSale>;

/** `checkedIn` units of the line entered inventory at `price` (the unit cost, discount adjusted). */
export const LsOrderLine = z.object({
  orderLineID: LsId,
  itemID: LsId,
  quantity: LsDecimal,
  price: LsDecimal,
  checkedIn: LsDecimal,
});

/** A purchase order; received when `receivedDate` is set. */
export const LsOrder = z.object({
  orderID: LsId,
  vendorID: LsId,
  shopID: LsId,
  receivedDate: LsOptionalTime,
  complete: LsBool,
  Vendor: LsVendor.optional(),
  OrderLines: lsRelation("OrderLine", LsOrderLine),
});
export type LsOrder = z.output<typeof LsOrder>;

/** A webhook subscription. Lightspeed R-Series has no webhooks: this resource is the Daybook POS
 *  platform's extension of the API (`POST /Account/{accountID}/Webhook.json` with `{ topic, url }`,
 *  idempotent on the pair), answered in the API's own shapes. */
export const LsWebhook = z.object({ webhookID: LsId, topic: LsText, url: LsText });
export type LsWebhook = z.output<typeof LsWebhook>;
