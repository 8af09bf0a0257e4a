// Lightspeed Retail API records as the API writes them (strings everywhere, relations wrapped, a list of
// one as an object, an empty one as ""), for the adapter's tests.
import { createBucketLimiter } from "../../../../server/pos/lightspeed/bucket";
import {
  createLightspeedClient,
  type LightspeedClientOptions,
} from "../../../../server/pos/lightspeed/client";
import type { PosCredentials } from "../../../../server/pos/port";

export type Wire = Record<string, unknown>;

export const API = "https://api.lightspeed.test/API/V3";
export const ACCOUNT = "77";
export const accountUrl = (resource: string) => `${API}/Account/${ACCOUNT}/${resource}.json`;

/** A relation list as the API writes it. */
export function wrapped(element: string, records: Wire[]): unknown {
  return records.length === 0 ? "" : { [element]: records.length === 1 ? records[0] : records };
}

/** A query's answer. */
export function page(resource: string, records: Wire[], next = ""): Wire {
  return {
    "@attributes": { next, previous: "" },
    ...(records.length > 0 && { [resource]: records.length === 1 ? records[0] : records }),
  };
}

export function saleLine(fields: Record<string, string> = {}): Wire {
  return {
    saleLineID: "1",
    createTime: "2026-03-14T15:00:00+00:00",
    timeStamp: "2026-03-14T15:00:00+00:00",
    unitQuantity: "1",
    unitPrice: "10",
    normalUnitPrice: "10",
    discountAmount: "0",
    discountPercent: "0",
    avgCost: "3.125",
    fifoCost: "3.125",
    tax: "true",
    tax1Rate: "0.13",
    tax2Rate: "0",
    isLayaway: "false",
    isWorkorder: "false",
    isSpecialOrder: "false",
    displayableSubtotal: "10",
    displayableUnitPrice: "10",
    calcLineDiscount: "0",
    calcTransactionDiscount: "0",
    calcTotal: "11.3",
    calcSubtotal: "10",
    calcTax1: "1.3",
    calcTax2: "0",
    taxClassID: "1",
    customerID: "0",
    discountID: "0",
    employeeID: "1",
    itemID: "10",
    noteID: "0",
    parentSaleLineID: "0",
    shopID: "1",
    taxCategoryID: "0",
    saleID: "1",
    ...fields,
  };
}

export function salePayment(fields: Record<string, string> = {}, saleAccounts: Wire[] = []): Wire {
  return {
    salePaymentID: "1",
    amount: "11.3",
    createTime: "2026-03-14T15:00:00+00:00",
    archived: "false",
    remoteReference: "",
    tipAmount: "0",
    paymentID: "",
    saleID: "1",
    paymentTypeID: "1",
    ccChargeID: "0",
    refPaymentID: "0",
    registerID: "1",
    employeeID: "1",
    creditAccountID: "0",
    SaleAccounts: wrapped("SaleAccount", saleAccounts),
    ...fields,
  };
}

export function sale(fields: Record<string, string>, lines: Wire[], payments: Wire[]): Wire {
  return {
    saleID: "1",
    timeStamp: "2026-03-14T15:00:00+00:00",
    completed: "true",
    archived: "false",
    voided: "false",
    createTime: "2026-03-14T14:58:00+00:00",
    updatetime: "2026-03-14T15:00:00+00:00",
    completeTime: "2026-03-14T15:00:00+00:00",
    ticketNumber: "220000000001",
    tax1Rate: "0.13",
    tax2Rate: "0",
    calcDiscount: "0",
    calcSubtotal: "10",
    calcTax1: "1.3",
    calcTax2: "0",
    calcTips: "0",
    total: "11.3",
    balance: "0",
    customerID: "0",
    discountID: "0",
    employeeID: "1",
    registerID: "1",
    shopID: "1",
    taxCategoryID: "1",
    SaleLines: wrapped("SaleLine", lines),
    SalePayments: wrapped("SalePayment", payments),
    ...fields,
  };
}

export const PAYMENT_TYPES: Wire[] = [
  ["1", "Cash", "cash"],
  ["2", "Visa", "credit card"],
  ["3", "Gift Card", "gift card"],
  ["4", "House Account", "credit account"],
  ["5", "Cheque", "user defined"],
].map(([paymentTypeID, name, type]) => ({
  paymentTypeID,
  name,
  requireCustomer: "false",
  archived: "false",
  internalReserved: "true",
  type,
  refundAsPaymentTypeID: "0",
}));

export const TAX_CATEGORIES: Wire[] = [
  {
    taxCategoryID: "1",
    isTaxInclusive: "false",
    tax1Name: "HST",
    tax2Name: "",
    tax1Rate: "0.13",
    tax2Rate: "0",
  },
  {
    taxCategoryID: "2",
    isTaxInclusive: "false",
    tax1Name: "GST",
    tax2Name: "QST",
    tax1Rate: "0.05",
    tax2Rate: "0.09975",
  },
];

export const CATEGORIES: Wire[] = [
  { categoryID: "3", name: "Espresso drinks", fullPathName: "Espresso drinks" },
  { categoryID: "4", name: "Pastries", fullPathName: "Pastries" },
];

export const ITEMS: Wire[] = [
  ["10", "Latte", "3"],
  ["11", "Croissant", "4"],
].map(([itemID, description, categoryID]) => ({
  itemID,
  description,
  categoryID,
  avgCost: "1",
  tax: "true",
  archived: "false",
  Prices: { ItemPrice: { amount: "10", useTypeID: "1", useType: "Default" } },
}));

export const DISCOUNTS: Wire[] = [
  { discountID: "7", name: "Staff", discountAmount: "0", discountPercent: "0.5", archived: "false" },
];

export function register(fields: Record<string, string> = {}): Wire {
  return {
    registerID: "1",
    name: "Front",
    open: "false",
    openTime: "2026-03-14T11:00:00+00:00",
    archived: "false",
    tipEnabled: "true",
    openEmployeeID: "1",
    shopID: "1",
    ...fields,
  };
}

export function registerCount(fields: Record<string, string>, amounts: Wire[]): Wire {
  return {
    registerCountID: "50",
    createTime: "2026-03-14T23:30:00+00:00",
    openTime: "2026-03-14T11:00:00+00:00",
    notes: "",
    registerID: "1",
    openEmployeeID: "1",
    closeEmployeeID: "1",
    RegisterCountAmounts: wrapped("RegisterCountAmount", amounts),
    ...fields,
  };
}

export function withdraw(fields: Record<string, string>): Wire {
  return {
    registerWithdrawID: "1",
    amount: "200",
    createTime: "2026-03-14T11:00:00+00:00",
    notes: "",
    employeeID: "1",
    paymentTypeID: "1",
    registerID: "1",
    ...fields,
  };
}

export interface FakeCredentials extends PosCredentials {
  refreshed: number;
  revoked: string[];
}

/** Hands out `tokens[0]`, then the next one at each refresh. */
export function fakeCredentials(tokens: string[] = ["token-1", "token-2"]): FakeCredentials {
  let index = 0;
  const credentials: FakeCredentials = {
    refreshed: 0,
    revoked: [],
    accessToken: async () => tokens[index] ?? "token",
    async refresh() {
      credentials.refreshed++;
      index = Math.min(index + 1, tokens.length - 1);
      return tokens[index] ?? "token";
    },
    async revoke(reason) {
      credentials.revoked.push(reason);
    },
  };
  return credentials;
}

/** A clock that only moves when the code under test sleeps. */
export function fakeTime(start = Date.UTC(2026, 2, 16, 12)) {
  let now = start;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** The adapter on the fake API, with fake time (sleeping moves it) and a bucket of its own. */
export function fixtureClient(options: Partial<LightspeedClientOptions> & { start?: number } = {}) {
  const { start, ...overrides } = options;
  const time = fakeTime(start);
  const credentials = fakeCredentials();
  const limiter = createBucketLimiter({ clock: time.clock, sleep: time.sleep });
  const client = createLightspeedClient({
    apiUrl: API,
    posAccountId: ACCOUNT,
    credentials,
    clock: time.clock,
    sleep: time.sleep,
    limiterFor: () => limiter,
    ...overrides,
  });
  return { client, time, credentials };
}
