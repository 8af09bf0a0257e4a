// A range of business dates in one query per resource: every date exactly as `day()` reads it, on the
// sandbox POS (two registers, Toronto and Vancouver, a DST change) and on a fake API that filters like the
// real one (a register session that closes after midnight, second-exact boundaries, a 25-hour day), with
// the requests counted through the fetch the client is given.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBucketLimiter } from "../../../../server/pos/lightspeed/bucket";
import { createLightspeedClient } from "../../../../server/pos/lightspeed/client";
import { dateSpans } from "../../../../server/pos/lightspeed/splitDays";
import { zonedTimeToUtc } from "../../../../server/pos/lightspeed/zonedTime";
import { type PosClient, PosDataError, type PosShop, type Source } from "../../../../server/pos/port";
import { paginate, pageRequest, parseFilters, matches } from "../../../../server/sandbox/pos/query";
import type { WireRecord } from "../../../../server/sandbox/pos/records";
import { addDays, datesBetween } from "../../../../shared/time";
import { API_URL, type Sandbox, startSandbox } from "../../sandbox/pos/setup";
import {
  ACCOUNT,
  API,
  CATEGORIES,
  DISCOUNTS,
  fakeCredentials,
  fixtureClient,
  ITEMS,
  PAYMENT_TYPES,
  register,
  registerCount,
  sale,
  saleLine,
  salePayment,
  TAX_CATEGORIES,
  withdraw,
  type Wire,
} from "./fixtures";

/** One request the client made: its resource, whether it resumed a query (`after`), and its answer. */
interface Sent {
  resource: string;
  resumed: boolean;
  records: number;
  next: boolean;
  status: number;
}

/** How many requests a range costs when each resource is one query: the pages of each query. */
function pagesOf(requests: Sent[]): Map<string, { queries: number; pages: number; records: number }> {
  const byResource = new Map<string, { queries: number; pages: number; records: number }>();
  for (const request of requests) {
    const entry = byResource.get(request.resource) ?? { queries: 0, pages: 0, records: 0 };
    entry.pages++;
    if (!request.resumed) entry.queries++;
    entry.records += request.records;
    byResource.set(request.resource, entry);
  }
  return byResource;
}

/** Wraps a fetch so that every request and the size of its answer are counted. */
function counted(fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
  const requests: Sent[] = [];
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const resource = /\/([A-Za-z]+)\.json$/.exec(url.pathname)?.[1] ?? url.pathname;
    const body = (await response.clone().json()) as Record<string, unknown>;
    const found = body[resource];
    requests.push({
      resource,
      resumed: url.searchParams.has("after"),
      records: found === undefined || found === "" ? 0 : Array.isArray(found) ? found.length : 1,
      next: Boolean((body["@attributes"] as { next?: string } | undefined)?.next),
      status: response.status,
    });
    return response;
  };
  return { fetch: wrapped, requests };
}

describe("days() on the sandbox POS", () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await startSandbox();
  });
  afterAll(() => box.close());

  const sleep = async (ms: number) => box.advance(ms);
  // Every client of the account shares its bucket, as in production: no request runs into a 429.
  let limiter: ReturnType<typeof createBucketLimiter>;
  beforeAll(() => {
    limiter = createBucketLimiter({ clock: box.clock, sleep });
  });

  /** A client on the sandbox's clock (time passes only while it waits for its bucket), counting requests. */
  function client() {
    const { fetch, requests } = counted(box.fetch);
    const pos = createLightspeedClient({
      apiUrl: API_URL,
      posAccountId: "1001",
      credentials: fakeCredentials(["token-1001"]),
      fetch,
      clock: box.clock,
      sleep,
      limiterFor: () => limiter,
    });
    return { pos, requests };
  }

  async function shopNamed(name: string): Promise<PosShop> {
    const shop = (await client().pos.shops()).find((candidate) => candidate.name === name);
    if (!shop) throw new Error(`no sandbox shop ${name}`);
    return shop;
  }

  /** `days()` against one `day()` per date, each from a fresh client. */
  async function compare(shop: PosShop, from: string, to: string, sources: readonly Source[]) {
    const range = client();
    const days = await range.pos.days(shop, from, to, sources);
    const single = client();
    const each: Awaited<ReturnType<PosClient["day"]>>[] = [];
    for (const date of datesBetween(from, to)) each.push(await single.pos.day(shop, date, sources));
    return { days, each, rangeRequests: range.requests, dayRequests: single.requests };
  }

  // Toronto changes to daylight time on 2026-03-08: the range holds a 23-hour day.
  const FROM = "2026-02-20";
  const TO = "2026-03-31";

  for (const [name, registers] of [
    ["Demo Coffee Queen St", 2],
    ["Demo Coffee Gastown", 1],
  ] as const)
    for (const sources of [["sales"], ["sales", "inventory", "purchase_orders"]] as const)
      it(`reads ${name} (${registers} register(s)) over 40 days as 40 day() calls do, for ${sources.join(", ")}`, async () => {
        const shop = await shopNamed(name);
        const { days, each, rangeRequests } = await compare(shop, FROM, TO, sources);
        expect(days).toHaveLength(40);
        expect(days.map((day) => day.salesDate)).toEqual(datesBetween(FROM, TO));
        expect(days).toEqual(each);
        // What is compared is a real history: every date has sales and a closed session per register.
        for (const day of days) {
          expect(day.closed).toBe(true);
          expect(day.sales.length).toBeGreaterThanOrEqual(20);
          expect(day.registers).toHaveLength(registers);
          expect(day.registers.every((r) => r.closedAt !== undefined && r.counted !== undefined)).toBe(true);
        }
        if (sources.length === 3) expect(days.some((day) => day.purchaseOrders.length > 0)).toBe(true);
        expect(rangeRequests.filter((request) => request.status !== 200)).toEqual([]);
      });

  it("cuts Vancouver's dates in Vancouver time: a sale after 17:00 local is on the next UTC date", async () => {
    const shop = await shopNamed("Demo Coffee Gastown");
    const [day] = await client().pos.days(shop, "2026-03-20", "2026-03-20", ["sales"]);
    const evening = day!.sales.filter((sale) => sale.completedAt >= "2026-03-21T00:00:00");
    expect(evening.length).toBeGreaterThan(0);
    expect(day!.sales.every((sale) => sale.completedAt >= "2026-03-20T07:00:00.000Z")).toBe(true);
    expect(day!.sales.every((sale) => sale.completedAt < "2026-03-21T07:00:00.000Z")).toBe(true);
  });

  it("makes one query per resource: 31 days in a few pages instead of a handful of requests per date", async () => {
    const shop = await shopNamed("Demo Coffee Queen St");
    const from = "2026-04-01";
    const to = "2026-05-01";
    const { days, each, rangeRequests, dayRequests } = await compare(shop, from, to, ["sales"]);
    expect(days).toEqual(each);

    const pages = pagesOf(rangeRequests);
    const sales = days.reduce((total, day) => total + day.sales.length, 0);
    // Each resource is one query (the items: one per 100 ids), read in pages of 100.
    expect([...pages.keys()].sort()).toEqual([
      "Category",
      "Discount",
      "Item",
      "PaymentType",
      "Register",
      "RegisterCount",
      "RegisterWithdraw",
      "Sale",
      "TaxCategory",
    ]);
    for (const [resource, entry] of pages) {
      expect({ resource, queries: entry.queries }).toEqual({ resource, queries: 1 });
      expect({ resource, pages: entry.pages }).toEqual({
        resource,
        pages: Math.max(1, Math.ceil(entry.records / 100)),
      });
    }
    expect(pages.get("Sale")?.records).toBe(sales);
    expect(pages.get("Sale")?.pages).toBe(Math.ceil(sales / 100));
    const expected = [...pages.values()].reduce((total, entry) => total + entry.pages, 0);
    expect(rangeRequests).toHaveLength(expected);
    expect(rangeRequests.length).toBeLessThanOrEqual(25);

    // One day() per date: a Sale, a Register, a RegisterCount and a RegisterWithdraw query each.
    const perDay = pagesOf(dayRequests);
    for (const resource of ["Sale", "Register", "RegisterCount", "RegisterWithdraw"])
      expect({ resource, queries: perDay.get(resource)?.queries }).toEqual({ resource, queries: 31 });
    expect(dayRequests.length).toBeGreaterThanOrEqual(4 * 31 + 4);
    expect(rangeRequests.length * 5).toBeLessThan(dayRequests.length);
  });

  it("reads 62 days at once, and refuses more, or a range that ends before it begins", async () => {
    const shop = await shopNamed("Demo Coffee Plateau");
    const { pos, requests } = client();
    const days = await pos.days(shop, "2026-03-01", addDays("2026-03-01", 61), ["sales"]);
    expect(days.map((day) => day.salesDate)).toEqual(datesBetween("2026-03-01", "2026-05-01"));
    const before = requests.length;
    await expect(pos.days(shop, "2026-03-01", addDays("2026-03-01", 62), ["sales"])).rejects.toThrow(
      PosDataError,
    );
    await expect(pos.days(shop, "2026-03-01", addDays("2026-03-01", 62), ["sales"])).rejects.toThrow(
      /63 days; at most 62/,
    );
    await expect(pos.days(shop, "2026-03-02", "2026-03-01", ["sales"])).rejects.toThrow(PosDataError);
    await expect(pos.days(shop, "2026-03-02", "2026-03-01", ["sales"])).rejects.toThrow(
      /ends before it begins/,
    );
    await expect(pos.days(shop, "2026-02-30", "2026-03-01", ["sales"])).rejects.toThrow(PosDataError);
    await expect(pos.day(shop, "yesterday", ["sales"])).rejects.toThrow(PosDataError);
    // Refused before asking the API anything.
    expect(requests.length).toBe(before);
  });

  it("reads a range that ends today with today open", async () => {
    const shop = await shopNamed("Demo Coffee Queen St");
    const days = await client().pos.days(shop, "2026-05-13", "2026-05-15", ["sales"]);
    expect(days.map((day) => day.closed)).toEqual([true, true, false]);
    expect(days[2]!.registers.every((r) => r.closedAt === undefined)).toBe(true);
  });
});

describe("days() on an API that filters like Lightspeed", () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  // Auckland is 13 hours ahead of UTC until daylight time ends on 2026-04-05 at 03:00 (a 25-hour day).
  const ZONE = "Pacific/Auckland";
  const SHOP: PosShop = { posShopId: "1", name: "Ponsonby", timezone: ZONE, currency: "NZD" };
  const FROM = "2026-04-03";
  const TO = "2026-04-06";

  /** A store-local wall time as the API writes it. */
  const at = (date: string, time: string) => {
    const [hours = 0, minutes = 0, seconds = 0] = time.split(":").map(Number);
    const instant = zonedTimeToUtc(date, hours * 60 + minutes, ZONE) + seconds * 1000;
    return new Date(instant).toISOString().replace(".000Z", "+00:00");
  };

  const cashSale = (
    saleID: string,
    completeTime: string,
    registerID = "1",
    fields: Record<string, string> = {},
  ) =>
    sale(
      { saleID, completeTime, registerID, ...fields },
      [saleLine({ saleLineID: saleID, saleID })],
      [salePayment({ salePaymentID: saleID, saleID, registerID })],
    );
  const cardSale = (saleID: string, completeTime: string, fields: Record<string, string> = {}) =>
    sale(
      { saleID, completeTime, ...fields },
      [saleLine({ saleLineID: saleID, saleID, itemID: "11" })],
      [salePayment({ salePaymentID: saleID, saleID, paymentTypeID: "2" })],
    );
  const cash = (calculated: string, actual: string) => [
    { registerCountAmountID: "1", calculated, actual, paymentTypeID: "1" },
  ];

  const RECORDS: Record<string, Wire[]> = {
    Sale: [
      cashSale("1", at("2026-04-03", "19:00")),
      cardSale("2", at("2026-04-03", "23:59:59")),
      // Midnight belongs to the next date, in the session opened the evening before.
      cashSale("3", at("2026-04-04", "00:00:00")),
      cashSale("4", at("2026-04-04", "20:00"), "2"),
      // 01:00 on the 25-hour day, still daylight time, in a session that closes after the change.
      cashSale("5", at("2026-04-05", "01:00")),
      cardSale("6", at("2026-04-05", "12:00"), { voided: "true", updatetime: at("2026-04-05", "12:30") }),
      cashSale("7", at("2026-04-06", "10:00")),
      cashSale("8", at("2026-04-07", "00:00:00")),
      cashSale("9", "", "1", { completed: "false" }),
      cashSale("10", at("2026-04-02", "23:59:59")),
    ],
    Register: [
      register({ registerID: "1", name: "Bar", openTime: at("2026-04-06", "09:00") }),
      register({ registerID: "2", name: "Door", openTime: at("2026-04-04", "08:00") }),
    ],
    RegisterCount: [
      registerCount(
        {
          registerCountID: "51",
          registerID: "1",
          openTime: at("2026-04-03", "18:00"),
          createTime: at("2026-04-04", "01:30"),
        },
        cash("252.6", "252.6"),
      ),
      registerCount(
        {
          registerCountID: "52",
          registerID: "2",
          openTime: at("2026-04-04", "08:00"),
          createTime: at("2026-04-04", "21:00"),
        },
        cash("111.3", "111.3"),
      ),
      registerCount(
        {
          registerCountID: "53",
          registerID: "1",
          openTime: at("2026-04-04", "18:00"),
          // After the clocks went back: 02:30 standard time.
          createTime: new Date(zonedTimeToUtc("2026-04-05", 150, ZONE)).toISOString(),
        },
        cash("151.3", "150"),
      ),
      registerCount(
        {
          registerCountID: "54",
          registerID: "1",
          openTime: at("2026-04-06", "09:00"),
          createTime: at("2026-04-06", "17:00"),
        },
        cash("211.3", "211.3"),
      ),
    ],
    RegisterWithdraw: [
      withdraw({
        registerWithdrawID: "1",
        registerID: "1",
        amount: "200",
        createTime: at("2026-04-03", "18:00"),
      }),
      withdraw({
        registerWithdrawID: "2",
        registerID: "1",
        amount: "50",
        createTime: at("2026-04-03", "22:00"),
      }),
      // After midnight, before the session of the 3rd closes: a payout of the 3rd.
      withdraw({
        registerWithdrawID: "3",
        registerID: "1",
        amount: "-20",
        notes: "Ice",
        createTime: at("2026-04-04", "00:45"),
      }),
      withdraw({
        registerWithdrawID: "4",
        registerID: "1",
        amount: "150",
        createTime: at("2026-04-04", "18:00:30"),
      }),
      withdraw({
        registerWithdrawID: "5",
        registerID: "1",
        amount: "-10",
        notes: "Taxi",
        createTime: at("2026-04-05", "01:15"),
      }),
      withdraw({
        registerWithdrawID: "6",
        registerID: "2",
        amount: "100",
        createTime: at("2026-04-04", "08:00"),
      }),
      withdraw({
        registerWithdrawID: "7",
        registerID: "1",
        amount: "200",
        createTime: at("2026-04-06", "09:00"),
      }),
      // On the 7th, within what the 6th's query reads: only `to`'s next date is read for withdraws.
      withdraw({
        registerWithdrawID: "8",
        registerID: "1",
        amount: "-5",
        createTime: at("2026-04-07", "00:20"),
      }),
      withdraw({
        registerWithdrawID: "9",
        registerID: "1",
        amount: "-5",
        createTime: at("2026-04-08", "00:20"),
      }),
    ],
    Order: [
      {
        orderID: "1",
        vendorID: "3",
        shopID: "1",
        receivedDate: at("2026-04-05", "10:00"),
        complete: "true",
        Vendor: { vendorID: "3", name: "Beans Ltd" },
        OrderLines: {
          OrderLine: { orderLineID: "1", itemID: "11", quantity: "2", price: "3", checkedIn: "2" },
        },
      },
      { orderID: "2", vendorID: "0", shopID: "1", receivedDate: "", complete: "false", OrderLines: "" },
    ],
    PaymentType: PAYMENT_TYPES,
    TaxCategory: TAX_CATEGORIES,
    Discount: DISCOUNTS,
    Category: CATEGORIES,
    Item: ITEMS,
  };
  const KEYS: Record<string, string> = {
    Sale: "saleID",
    Register: "registerID",
    RegisterCount: "registerCountID",
    RegisterWithdraw: "registerWithdrawID",
    Order: "orderID",
    PaymentType: "paymentTypeID",
    TaxCategory: "taxCategoryID",
    Discount: "discountID",
    Category: "categoryID",
    Item: "itemID",
  };

  /** The fake API: the sandbox's query language (filters, 100 per page, the after cursor) over RECORDS. */
  function serve(limit = 100) {
    const queries: { resource: string; params: URLSearchParams }[] = [];
    server.use(
      http.get(`${API}/Account/${ACCOUNT}/:file`, ({ request, params }) => {
        const resource = String(params.file).replace(/\.json$/, "");
        const key = KEYS[resource];
        if (!key) return HttpResponse.json({ message: "unknown" }, { status: 404 });
        const url = new URL(request.url);
        queries.push({ resource, params: url.searchParams });
        const filters = parseFilters(url.searchParams);
        const records = (RECORDS[resource] ?? []).filter((record) =>
          filters.every((filter) => matches(record as WireRecord, filter)),
        );
        url.searchParams.set("limit", String(Math.min(limit, Number(url.searchParams.get("limit") ?? 100))));
        const { page, cursor } = paginate(records as WireRecord[], pageRequest(url.searchParams, key), key);
        if (cursor) url.searchParams.set("after", cursor);
        return HttpResponse.json({
          "@attributes": { next: cursor ? url.toString() : "", previous: "" },
          ...(page.length > 0 && { [resource]: page }),
        });
      }),
    );
    return queries;
  }

  const client = () => fixtureClient({ start: Date.UTC(2026, 3, 10, 12) }).client;

  for (const sources of [["sales"], ["sales", "inventory", "purchase_orders"]] as const)
    it(`gives each date what day() gives, for ${sources.join(", ")}`, async () => {
      serve();
      const days = await client().days(SHOP, FROM, TO, sources);
      const pos = client();
      const each = [];
      for (const date of datesBetween(FROM, TO)) each.push(await pos.day(SHOP, date, sources));
      expect(days).toEqual(each);
    });

  it("keeps a session that closes after midnight on the date it opened, with its payouts after midnight", async () => {
    const queries = serve();
    const days = await client().days(SHOP, FROM, TO, ["sales", "purchase_orders"]);
    expect(days.map((day) => [day.salesDate, day.sales.map((sale) => sale.id)])).toEqual([
      ["2026-04-03", ["1", "2"]],
      ["2026-04-04", ["3", "4"]],
      ["2026-04-05", ["5", "6"]],
      ["2026-04-06", ["7"]],
    ]);
    const [third, fourth, fifth, sixth] = days;
    expect(third!.registers).toEqual([
      {
        id: "1",
        name: "Bar",
        closedAt: new Date(at("2026-04-04", "01:30")).toISOString(),
        openingFloat: "200.00",
        cashPayments: "11.30",
        paidIns: ["50.00"],
        payouts: [{ amount: "20.00", reason: "Ice" }],
        counted: "252.60",
      },
    ]);
    expect(fourth!.registers.map((r) => [r.id, r.openingFloat, r.payouts])).toEqual([
      ["1", "150.00", [{ amount: "10.00", reason: "Taxi" }]],
      ["2", "100.00", []],
    ]);
    expect(fifth!.registers).toEqual([]);
    expect(fifth!.purchaseOrders.map((order) => order.id)).toEqual(["1"]);
    expect(sixth!.registers.map((r) => [r.id, r.payouts])).toEqual([["1", []]]);

    // One query per resource over the whole range, withdraws up to the end of the day after `to`.
    expect(queries.map((query) => query.resource).sort()).toEqual([
      "Category",
      "Discount",
      "Item",
      "Order",
      "PaymentType",
      "Register",
      "RegisterCount",
      "RegisterWithdraw",
      "Sale",
      "TaxCategory",
    ]);
    const param = (resource: string, name: string) =>
      queries.find((query) => query.resource === resource)?.params.get(name);
    const first = dateSpans(FROM, ZONE).day.first;
    const last = dateSpans(TO, ZONE);
    const time = (instant: number) => new Date(instant).toISOString().replace(".000Z", "+00:00");
    expect(param("Sale", "completeTime")).toBe(`><,${time(first)},${time(last.day.last)}`);
    expect(param("Order", "receivedDate")).toBe(`><,${time(first)},${time(last.day.last)}`);
    expect(param("RegisterCount", "openTime")).toBe(`><,${time(first)},${time(last.day.last)}`);
    expect(param("RegisterWithdraw", "createTime")).toBe(`><,${time(first)},${time(last.withdraws.last)}`);
    expect(time(last.withdraws.last)).toBe(at("2026-04-07", "23:59:59"));
    expect(time(first)).toBe(at(FROM, "00:00:00"));
  });

  it("follows pages across the range and still splits them by date", async () => {
    const queries = serve(2);
    const days = await client().days(SHOP, FROM, TO, ["sales"]);
    serve();
    const pos = client();
    for (const [index, date] of datesBetween(FROM, TO).entries())
      expect(await pos.day(SHOP, date, ["sales"])).toEqual(days[index]);
    expect(queries.filter((query) => query.resource === "Sale")).toHaveLength(4);
  });
});
