// The sandbox POS's API in the Lightspeed Retail API V3 shapes, mounted at /sandbox/pos/API/V3:
// GET /Account.json, GET /Account/{id}.json, GET /Account/{id}/{Resource}.json with the API's query
// language and cursor pagination, POST/GET /Account/{id}/Webhook.json (the platform's extension). It
// speaks like the real API, quirks included: strings everywhere, a collection of one as an object,
// relations only when loaded, the leaky bucket's headers and its 429s, Lightspeed's error bodies.
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import type { Clock } from "../../clock";
import type { Db } from "../../db/client";
import { lightspeedTime } from "../../pos/lightspeed/zonedTime";
import { addDays, localDate } from "../../../shared/time";
import { createSandboxFaults, faultMiddleware, type FaultAnswer, type SandboxFaults } from "../faults";
import { PAYMENT_TYPES, PROVINCES } from "./catalog";
import { createMerchantHistory, type DayView, type MerchantHistory } from "./history";
import type { ShopSetup } from "./merchant";
import {
  type Filter,
  matches,
  type PageRequest,
  pageRequest,
  paginate,
  parseFilters,
  QueryError,
  relationsRequested,
  timeRange,
} from "./query";
import type { WireRecord } from "./records";
import { createSandboxBuckets, type SandboxBuckets } from "./rateLimit";
import { merchantById, type SandboxMerchant } from "./roster";
import { type PosSandboxState, readPosState, subscribeWebhook, webhookSubscriptions } from "./store";
import { listBody, singleBody, toWire } from "./wire";

const WEBHOOK_TOPICS = ["sale.voided", "register.closed", "store.created", "app.uninstalled"] as const;

export interface SandboxPosApiOptions {
  db: Db;
  clock: Clock;
  /** The POS account id the bearer token belongs to, or null. */
  authenticate: (accessToken: string) => Promise<string | null>;
  /** A fixed drip rate for every bucket (drips per second); Lightspeed's per-register rate otherwise. */
  dripRate?: number;
  buckets?: SandboxBuckets;
  faults?: SandboxFaults;
  history?: MerchantHistory;
  /** Waits for a "slow" fault order. */
  faultSleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

type Env = { Variables: { merchant: SandboxMerchant; state: PosSandboxState } };

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/** Lightspeed's error body. */
function lightspeedError(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json(
    {
      httpCode: String(status),
      httpMessage: STATUS_TEXT[status] ?? "Error",
      message,
      errorClass: "SandboxError",
    },
    status,
  );
}

const faultAnswer: FaultAnswer = (c, fault, retryAfterSeconds) => {
  if (fault === "429") {
    c.header("Retry-After", String(retryAfterSeconds));
    c.header("X-LS-API-RateLimit-Type", "api-leaky-bucket");
  }
  return lightspeedError(c, Number(fault) as ContentfulStatusCode, `Sandbox fault order: ${fault}`);
};

/** When records were last modified, for the catalog's timestamps. */
const CATALOG_TIME = "2024-01-15T14:00:00+00:00";

export function createSandboxPosApi(options: SandboxPosApiOptions): Hono<Env> {
  const { db, clock } = options;
  const history = options.history ?? createMerchantHistory();
  const buckets = options.buckets ?? createSandboxBuckets({ clock, dripRate: options.dripRate });
  const faults = options.faults ?? createSandboxFaults();
  const app = new Hono<Env>();

  app.use(faultMiddleware(faults, "pos", { answer: faultAnswer, sleep: options.faultSleep }));

  app.use(async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
    const accountID = token ? await options.authenticate(token) : null;
    const merchant = accountID ? merchantById(accountID) : undefined;
    if (!merchant) return lightspeedError(c, 401, "Access token could not be verified.");
    const state = await readPosState(db, merchant.accountID);
    c.set("merchant", merchant);
    c.set("state", state);

    const registers = history
      .shops(merchant, state)
      .reduce((count, shop) => count + shop.registers.length, 0);
    const cost = requestCost(c);
    const answer = buckets.take(merchant.accountID, cost, registers);
    c.header("X-LS-Acct-Id", merchant.accountID);
    c.header("X-LS-Api-Bucket-Level", `${Math.round(answer.level * 100) / 100}/${answer.size}`);
    c.header("X-LS-Api-Drip-Rate", String(answer.dripRate));
    c.header("X-LS-Api-Request-Cost", String(cost));
    if (!answer.allowed) {
      c.header("X-LS-API-RateLimit-Type", "api-leaky-bucket");
      c.header("Retry-After", String(answer.retryAfter));
      return lightspeedError(c, 429, "Rate limit exceeded. Please try again later.");
    }
    await next();
  });

  app.get("/Account.json", (c) => {
    const merchant = c.get("merchant");
    return c.json(
      singleBody("Account", {
        accountID: merchant.accountID,
        name: merchant.name,
        link: { "@attributes": { href: `/API/V3/Account/${merchant.accountID}` } },
      }),
    );
  });

  app.get("/Account/:file", (c) => {
    const merchant = c.get("merchant");
    const accountID = /^(\d+)\.json$/.exec(c.req.param("file"))?.[1];
    if (!accountID) return lightspeedError(c, 404, "Not found.");
    if (accountID !== merchant.accountID) return forbidden(c, accountID);
    // The account's settings come without an envelope (Account endpoint, "GET Retrieve an Account").
    return c.json({
      "@attributes": { systemCustomerID: merchant.accountID },
      status: "customer",
      name: merchant.name,
      employeeCount: String(merchant.employees.length),
      employeeLimit: "30",
      uniqueSubscriptionIdentifier: `SBX${merchant.accountID}`,
      defaultCurrency: { code: merchant.shops[0]?.currency ?? "CAD", symbol: "$" },
    });
  });

  app.post("/Account/:accountID/Webhook.json", async (c) => {
    const merchant = c.get("merchant");
    if (c.req.param("accountID") !== merchant.accountID) return forbidden(c, c.req.param("accountID"));
    const parsed = WebhookInput.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return lightspeedError(c, 400, `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
    }
    const { subscription } = await subscribeWebhook(
      db,
      merchant.accountID,
      parsed.data.topic,
      parsed.data.url,
      lightspeedTime(clock()),
    );
    return c.json(singleBody("Webhook", { ...subscription }));
  });

  app.get("/Account/:accountID/:resource", async (c) => {
    const merchant = c.get("merchant");
    if (c.req.param("accountID") !== merchant.accountID) return forbidden(c, c.req.param("accountID"));
    const name = /^([A-Za-z]+)\.json$/.exec(c.req.param("resource"))?.[1] ?? "";
    const resource = RESOURCES[name];
    if (!resource) return lightspeedError(c, 404, `Unknown resource ${c.req.param("resource")}.`);

    const url = new URL(c.req.url);
    const params = url.searchParams;
    let filters: Filter[];
    let request: PageRequest;
    let relations: Set<string> | "all";
    try {
      filters = parseFilters(params);
      request = pageRequest(params, resource.key);
      relations = relationsRequested(params);
    } catch (error) {
      if (error instanceof QueryError) return lightspeedError(c, 400, error.message);
      throw error;
    }
    const query: QueryContext = {
      merchant,
      state: c.get("state"),
      now: clock(),
      filters,
      history,
      db,
    };
    const archived = params.get("archived") ?? "false";
    const records = (await resource.records(query)).filter(
      (record) =>
        (archived === "true" || (record.archived === "true") === (archived === "only")) &&
        filters.every((filter) => matches(record, filter)),
    );
    if (params.get("count") === "1") return c.json({ "@attributes": { count: String(records.length) } });

    const { page, cursor } = paginate(records, request, resource.key);
    let next = "";
    if (cursor) {
      url.searchParams.set("after", cursor);
      url.searchParams.set("limit", String(request.limit));
      next = url.toString();
    }
    return c.json(
      listBody(
        name,
        page.map((record) => toWire(record, relations)),
        next,
      ),
    );
  });

  return app;
}

const WebhookInput = z.object({
  topic: z.enum(WEBHOOK_TOPICS),
  url: z.url({ protocol: /^https?$/ }),
});

function forbidden(c: Context, accountID: string): Response {
  return lightspeedError(c, 403, `The access token does not give access to account ${accountID}.`);
}

/** Drips a request costs: 1 to read (10 to count), 2 to write, +0.4 per relation loaded with a query. */
function requestCost(c: Context): number {
  if (c.req.method !== "GET") return 2;
  if (c.req.query("count") === "1") return 10;
  try {
    const relations = relationsRequested(new URL(c.req.url).searchParams);
    return relations === "all" ? 5 : 1 + 0.4 * relations.size;
  } catch {
    return 1;
  }
}

interface QueryContext {
  merchant: SandboxMerchant;
  state: PosSandboxState;
  now: number;
  filters: Filter[];
  history: MerchantHistory;
  db: Db;
}

interface Resource {
  key: string;
  records(query: QueryContext): WireRecord[] | Promise<WireRecord[]>;
}

/** The shops a query can concern: those its shopID or registerID filter names, or all. */
function shopsOf(query: QueryContext): ShopSetup[] {
  const shops = query.history.shops(query.merchant, query.state);
  const byShop = query.filters.filter(
    (f) => f.field === "shopID" && (f.operator === "=" || f.operator === "IN"),
  );
  const byRegister = query.filters.filter(
    (f) => f.field === "registerID" && (f.operator === "=" || f.operator === "IN"),
  );
  return shops.filter(
    (shop) =>
      byShop.every((f) => f.values.includes(shop.shopID)) &&
      byRegister.every((f) => shop.registers.some((r) => f.values.includes(r.registerID))),
  );
}

/** The days a query on `fields` (time fields) can match, within each shop's history. */
function daysOf(query: QueryContext, fields: string[]): DayView[] {
  const views: DayView[] = [];
  for (const shop of shopsOf(query)) {
    const range = fields.map((field) => timeRange(query.filters, field)).find((found) => found !== undefined);
    let date = query.history.firstDate(shop, query.now);
    let last = query.history.today(shop, query.now);
    if (range?.from !== undefined) {
      const from = localDate(range.from, shop.timeZone);
      if (from > date) date = from;
    }
    if (range?.to !== undefined) {
      const to = localDate(range.to, shop.timeZone);
      if (to < last) last = to;
    }
    for (; date <= last; date = addDays(date, 1)) {
      const view = query.history.day(query.merchant, shop, date, query.state, query.now);
      if (view) views.push(view);
    }
  }
  return views;
}

const RESOURCES: Record<string, Resource> = {
  Shop: {
    key: "shopID",
    records: (query) =>
      query.history.shops(query.merchant, query.state).map((shop) => ({
        shopID: shop.shopID,
        name: shop.name,
        serviceRate: "0",
        timeZone: shop.timeZone,
        taxLabor: "false",
        labelTitle: "Shop Name",
        labelMsrp: "false",
        archived: "false",
        timeStamp: CATALOG_TIME,
        companyRegistrationNumber: "",
        vatNumber: "",
        zebraBrowserPrint: "false",
        contactID: shop.shopID,
        taxCategoryID: shop.province.taxCategoryID,
        receiptSetupID: "1",
        ccGatewayID: "0",
        gatewayConfigID: "",
        priceLevelID: "1",
        Registers: query.history.registers(query.merchant, shop, query.state, query.now),
      })),
  },
  Register: {
    key: "registerID",
    records: (query) =>
      shopsOf(query).flatMap((shop) => query.history.registers(query.merchant, shop, query.state, query.now)),
  },
  Sale: { key: "saleID", records: (query) => daysOf(query, ["completeTime"]).flatMap((day) => day.sales) },
  RegisterCount: {
    key: "registerCountID",
    records: (query) => daysOf(query, ["openTime", "createTime"]).flatMap((day) => day.counts),
  },
  RegisterWithdraw: {
    key: "registerWithdrawID",
    records: (query) => daysOf(query, ["createTime"]).flatMap((day) => day.withdraws),
  },
  Order: { key: "orderID", records: (query) => daysOf(query, ["receivedDate"]).flatMap((day) => day.orders) },
  PaymentType: {
    key: "paymentTypeID",
    records: () =>
      PAYMENT_TYPES.map((type) => ({
        paymentTypeID: type.paymentTypeID,
        name: type.name,
        requireCustomer: type.type === "credit account" ? "true" : "false",
        archived: "false",
        internalReserved: "true",
        type: type.type,
        refundAsPaymentTypeID: "0",
      })),
  },
  TaxCategory: {
    key: "taxCategoryID",
    records: () =>
      PROVINCES.map((province) => ({
        taxCategoryID: province.taxCategoryID,
        isTaxInclusive: "false",
        tax1Name: province.tax1Name,
        tax2Name: province.tax2Name,
        tax1Rate: province.tax1Rate,
        tax2Rate: province.tax2Rate,
        timeStamp: CATALOG_TIME,
      })),
  },
  Category: {
    key: "categoryID",
    records: (query) =>
      query.history.catalog(query.merchant).categories.map((category, index) => ({
        categoryID: category.categoryID,
        name: category.name,
        nodeDepth: "0",
        fullPathName: category.name,
        leftNode: String(index * 2 + 1),
        rightNode: String(index * 2 + 2),
        parentID: "0",
        createTime: CATALOG_TIME,
        timeStamp: CATALOG_TIME,
      })),
  },
  Item: {
    key: "itemID",
    records: (query) =>
      query.history.catalog(query.merchant).items.map((item) => ({
        itemID: item.itemID,
        systemSku: `21000000${item.itemID.padStart(4, "0")}`,
        defaultCost: item.avgCost,
        avgCost: item.avgCost,
        discountable: "true",
        tax: item.taxClass === "zero_rated" ? "false" : "true",
        archived: "false",
        itemType: "default",
        serialized: "false",
        description: item.description,
        modelYear: "0",
        upc: "",
        ean: "",
        customSku: "",
        manufacturerSku: "",
        createTime: CATALOG_TIME,
        timeStamp: CATALOG_TIME,
        publishToEcom: "false",
        categoryID: item.categoryID,
        taxClassID: { prepared: "2", zero_rated: "3", general: "1" }[item.taxClass],
        departmentID: "0",
        itemMatrixID: "0",
        manufacturerID: "0",
        seasonID: "0",
        defaultVendorID: item.vendorID ?? "0",
        Prices: [{ amount: item.price, useTypeID: "1", useType: "Default" }],
      })),
  },
  Discount: {
    key: "discountID",
    records: (query) =>
      query.history.catalog(query.merchant).discounts.map((discount) => ({
        discountID: discount.discountID,
        name: discount.name,
        discountAmount: discount.amount ?? "0",
        discountPercent: discount.percent ?? "0",
        requireCustomer: "false",
        archived: "false",
        sourceID: "0",
        createTime: CATALOG_TIME,
        timeStamp: CATALOG_TIME,
      })),
  },
  Vendor: {
    key: "vendorID",
    records: (query) =>
      query.history.catalog(query.merchant).vendors.map((vendor) => ({
        vendorID: vendor.vendorID,
        name: vendor.name,
        archived: "false",
        accountNumber: "",
        priceLevel: "",
        updatePrice: "false",
        updateCost: "false",
        updateDescription: "false",
        shareSellThrough: "false",
        timeStamp: CATALOG_TIME,
      })),
  },
  Webhook: {
    key: "webhookID",
    records: async (query) =>
      (await webhookSubscriptions(query.db, query.merchant.accountID)).map((subscription) => ({
        ...subscription,
      })),
  },
};
