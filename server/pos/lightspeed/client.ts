// The PosClient port over the Lightspeed Retail (R-Series) API V3: `GET {apiUrl}/Account.json` names the
// token's account, everything else lives under `{apiUrl}/Account/{accountID}/...json`.
import { z } from "zod";
import type { CatalogEntry, CatalogKind, CatalogPage } from "../../../shared/api";
import { type PosDay, parsePosDay } from "../../../shared/schemas/posDay";
import { type Clock, systemClock } from "../../clock";
import {
  PosAuthError,
  type PosAccountInfo,
  type PosClient,
  type PosCredentials,
  PosDataError,
  type PosRegister,
  type PosShop,
  type Source,
} from "../port";
import { type BucketLimiter, createBucketLimiter } from "./bucket";
import {
  categoryEntry,
  containsPattern,
  discountEntry,
  itemEntry,
  paymentTypeEntry,
  searchedByName,
  taxEntries,
} from "./catalog";
import { createLightspeedHttp } from "./http";
import {
  LsAccount,
  LsAccountSettings,
  LsCategory,
  LsDiscount,
  LsItem,
  type LsItem as Item,
  lsList,
  LsOrder,
  LsPaymentType,
  LsRegister,
  LsRegisterCount,
  LsRegisterWithdraw,
  LsSale,
  LsShop,
  LsTaxCategory,
  LsWebhook,
  lsPage,
} from "./resources";
import { between, rangeDates, rangeSpans, splitDays } from "./splitDays";
import { toPosDay } from "./toPosDay";

export interface LightspeedClientOptions {
  /** The API base, e.g. https://api.lightspeedapp.com/API/V3 (the sandbox: {POS_API_URL}). */
  apiUrl: string;
  /** The account the connection belongs to; read from `GET /Account.json` when not given. */
  posAccountId?: string;
  credentials: PosCredentials;
  fetch?: typeof fetch;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** The account's leaky bucket, once the account is known (the one every process of the account shares:
   *  server/pos/forAccount.ts); by default, and until then, a bucket of this client's own. */
  limiterFor?: (posAccountId: string) => BucketLimiter;
  /** Per request; a request that takes longer is retried. */
  timeoutMs?: number;
  /** Attempts of one request while the API is unavailable (429, 5xx, network error, timeout). */
  maxAttempts?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The relations a day needs, loaded with the query instead of one request per record. */
const SALE_RELATIONS = ["SaleLines", "SalePayments", "SalePayments.SaleAccounts"];
/** The `IN` operator takes at most 100 values. */
const IN_LIMIT = 100;
/** Items per catalog page by default, and at most (the API's page limit). */
const ITEM_PAGE = { default: 50, max: 100 };

const AccountPage = z.object({ Account: lsList(LsAccount) }).transform((page) => page.Account);
const WebhookAnswer = z.object({ Webhook: LsWebhook });

export function createLightspeedClient(options: LightspeedClientOptions): PosClient {
  const apiUrl = options.apiUrl.replace(/\/+$/, "");
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  let accountId = options.posAccountId;
  const own = createBucketLimiter({ clock, sleep });
  let accountLimiter: { accountId: string; limiter: BucketLimiter } | undefined;
  const limiter = () => {
    if (!accountId || !options.limiterFor) return own;
    if (accountLimiter?.accountId !== accountId)
      accountLimiter = { accountId, limiter: options.limiterFor(accountId) };
    return accountLimiter.limiter;
  };

  const http = createLightspeedHttp({
    credentials: options.credentials,
    fetch: options.fetch ?? fetch,
    clock,
    sleep,
    limiter,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxAttempts: options.maxAttempts ?? 5,
  });

  async function account(): Promise<PosAccountInfo> {
    const accounts = await http.get(`${apiUrl}/Account.json`, AccountPage);
    const found = accountId ? accounts.find((a) => a.accountID === accountId) : accounts[0];
    if (!found)
      throw accountId
        ? new PosAuthError(`the access token does not belong to Lightspeed account ${accountId}`)
        : new PosDataError("GET /Account.json named no account");
    accountId = found.accountID;
    return { posAccountId: found.accountID, name: found.name };
  }

  async function accountUrl(resource: string): Promise<string> {
    if (!accountId) await account();
    return `${apiUrl}/Account/${accountId}/${resource}.json`;
  }

  /** Every record of a query, 100 per page (the API's maximum). */
  const list = async <T extends z.ZodType>(resource: string, item: T, query: Record<string, string> = {}) =>
    http.getAll(
      `${await accountUrl(resource)}?${new URLSearchParams({ ...query, limit: "100" })}`,
      resource,
      item,
    );

  /** Every record whose `field` is one of `ids`, 100 ids per query. */
  async function byIds<T extends z.ZodType>(
    resource: string,
    item: T,
    field: string,
    ids: readonly string[],
    query: Record<string, string> = {},
  ): Promise<z.output<T>[]> {
    const unique = [...new Set(ids)].filter((id) => id !== "0");
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += IN_LIMIT) chunks.push(unique.slice(i, i + IN_LIMIT));
    const pages = await Promise.all(
      chunks.map((chunk) => list(resource, item, { ...query, [field]: `IN,[${chunk.join(",")}]` })),
    );
    return pages.flat();
  }

  // Lists that change rarely are read once per client (a client serves one job or one request).
  const once = <T>(load: () => Promise<T>) => {
    let promise: Promise<T> | undefined;
    return () => {
      promise ??= load().catch((error: unknown) => {
        promise = undefined;
        throw error;
      });
      return promise;
    };
  };
  const currency = once(async () => {
    if (!accountId) await account();
    const settings = await http.get(`${apiUrl}/Account/${accountId}.json`, LsAccountSettings);
    return settings.defaultCurrency.code;
  });
  const paymentTypes = once(() => list("PaymentType", LsPaymentType, { archived: "true" }));
  const taxCategories = once(() => list("TaxCategory", LsTaxCategory));
  const discounts = once(() => list("Discount", LsDiscount, { archived: "true" }));
  const categories = once(() => list("Category", LsCategory));
  const itemCache = new Map<string, Item>();
  async function items(ids: readonly string[]): Promise<Item[]> {
    const missing = ids.filter((id) => !itemCache.has(id));
    for (const item of await byIds("Item", LsItem, "itemID", missing, { archived: "true" }))
      itemCache.set(item.itemID, item);
    return [...itemCache.values()];
  }

  /** The catalog's small lists, whole; archived records are not asked for, and left out if sent. */
  async function catalogList(kind: Exclude<CatalogKind, "items">): Promise<CatalogEntry[]> {
    const current = <T extends { archived: boolean }>(records: T[]) => records.filter((r) => !r.archived);
    switch (kind) {
      case "categories":
        return (await list("Category", LsCategory)).map(categoryEntry);
      case "discounts":
        return current(await list("Discount", LsDiscount)).map(discountEntry);
      case "taxes":
        return (await list("TaxCategory", LsTaxCategory)).flatMap(taxEntries);
      case "payment_types":
        return current(await list("PaymentType", LsPaymentType)).map(paymentTypeEntry);
    }
  }

  /** One page of items by description, those whose description contains `search` when given. */
  async function itemPage(options: {
    search?: string;
    after?: string;
    limit?: number;
  }): Promise<CatalogPage> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? ITEM_PAGE.default), 1), ITEM_PAGE.max);
    const query = new URLSearchParams({ sort: "description", limit: String(limit) });
    const search = options.search?.trim();
    if (search) query.set("description", containsPattern(search));
    if (options.after) query.set("after", options.after);
    const url = `${await accountUrl("Item")}?${query}`;
    const page = await http.get(url, lsPage("Item", LsItem));
    const entries = page.records.filter((item) => !item.archived).map(itemEntry);
    if (!page.next) return { entries };
    // The next page is the same query resumed at the API's cursor: the cursor is all the caller keeps.
    const next = URL.canParse(page.next) ? new URL(page.next).searchParams.get("after") : null;
    if (!next) throw new PosDataError(`GET Item.json gave a next page without an after cursor: ${page.next}`);
    return { entries, next };
  }

  async function shops(): Promise<PosShop[]> {
    const [records, code] = await Promise.all([list("Shop", LsShop), currency()]);
    return records.map((shop) => ({
      posShopId: shop.shopID,
      name: shop.name,
      timezone: shop.timeZone,
      currency: code,
    }));
  }

  /** Each date's records are those its own queries would select (splitDays.ts): one query per resource
   *  over the range, then one PosDay per date. */
  async function days(
    shop: PosShop,
    from: string,
    to: string,
    sources: readonly Source[],
  ): Promise<PosDay[]> {
    const dates = rangeDates(from, to);
    const range = rangeSpans(from, to, shop.timezone);
    const withSales = sources.includes("sales") || sources.includes("inventory");

    const [sales, registers, orders] = await Promise.all([
      withSales
        ? list("Sale", LsSale, {
            shopID: shop.posShopId,
            completed: "true",
            completeTime: between(range.day),
            load_relations: JSON.stringify(SALE_RELATIONS),
          })
        : [],
      list("Register", LsRegister, { shopID: shop.posShopId, archived: "true" }),
      sources.includes("purchase_orders")
        ? list("Order", LsOrder, {
            shopID: shop.posShopId,
            receivedDate: between(range.day),
            load_relations: JSON.stringify(["OrderLines", "Vendor"]),
          })
        : [],
    ]);
    const registerIds = registers.map((register) => register.registerID);
    const withRegisters = sources.includes("sales") && registerIds.length > 0;
    const [registerCounts, withdraws, ...catalog] = await Promise.all([
      withRegisters
        ? byIds("RegisterCount", LsRegisterCount, "registerID", registerIds, {
            openTime: between(range.day),
            load_relations: JSON.stringify(["RegisterCountAmounts"]),
          })
        : [],
      withRegisters
        ? byIds("RegisterWithdraw", LsRegisterWithdraw, "registerID", registerIds, {
            createTime: between(range.withdraws),
          })
        : [],
      paymentTypes(),
      taxCategories(),
      discounts(),
      categories(),
      items([
        ...sales.flatMap((sale) => sale.SaleLines.map((line) => line.itemID)),
        ...orders.flatMap((order) => order.OrderLines.map((line) => line.itemID)),
      ]),
    ] as const);
    const [types, taxes, discountList, categoryList, itemList] = catalog;

    const now = clock();
    return splitDays(dates, shop.timezone, { sales, registerCounts, withdraws, orders }).map((dated) => {
      const checked = parsePosDay(
        toPosDay({
          ...dated,
          shop,
          sources,
          now,
          paymentTypes: types,
          items: itemList,
          categories: categoryList,
          taxCategories: taxes,
          discounts: discountList,
          registers,
        }),
      );
      if (!checked.ok) {
        const [first] = checked.errors;
        throw new PosDataError(
          `the day ${dated.salesDate} read from Lightspeed is not a valid PosDay: ${first?.path}: ${first?.message}`,
        );
      }
      return checked.value;
    });
  }

  return {
    account,
    shops,

    async shop(posShopId) {
      const [records, code] = await Promise.all([list("Shop", LsShop, { shopID: posShopId }), currency()]);
      const shop = records.find((record) => record.shopID === posShopId);
      return shop && { posShopId: shop.shopID, name: shop.name, timezone: shop.timeZone, currency: code };
    },

    async registers(posShopId): Promise<PosRegister[]> {
      const records = await list("Register", LsRegister, { shopID: posShopId });
      return records.map((register) => ({
        posRegisterId: register.registerID,
        name: register.name,
        open: register.open,
      }));
    },

    days,

    async day(shop, salesDate, sources) {
      return (await days(shop, salesDate, salesDate, sources))[0]!;
    },

    async catalog(kind, options = {}) {
      if (kind === "items") return itemPage(options);
      return { entries: searchedByName(await catalogList(kind), options.search) };
    },

    async subscribeWebhook(topic, url) {
      await http.post(await accountUrl("Webhook"), { topic, url }, WebhookAnswer);
    },
  };
}
