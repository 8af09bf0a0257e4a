// The Lightspeed adapter against msw: paging, the leaky bucket, retries, token refresh, the API's quirks.
import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBucketLimiter } from "../../../../server/pos/lightspeed/bucket";
import {
  createLightspeedClient,
  type LightspeedClientOptions,
} from "../../../../server/pos/lightspeed/client";
import { PosAuthError, PosDataError, PosUnavailableError } from "../../../../server/pos/port";
import { parsePosDay } from "../../../../shared/schemas/posDay";
import {
  ACCOUNT,
  API,
  accountUrl,
  CATEGORIES,
  DISCOUNTS,
  fakeCredentials,
  fakeTime,
  fixtureClient,
  ITEMS,
  PAYMENT_TYPES,
  page,
  register,
  registerCount,
  sale,
  saleLine,
  salePayment,
  TAX_CATEGORIES,
  withdraw,
} from "./fixtures";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const clientWith = (options: Partial<LightspeedClientOptions> = {}) =>
  fixtureClient({ timeoutMs: 1_000, maxAttempts: 3, ...options });

const oneRegister = () => HttpResponse.json(page("Register", [register()]));

describe("reading the account", () => {
  it("takes the account from Account.json (a single object) and its currency from the account's settings", async () => {
    server.use(
      http.get(`${API}/Account.json`, () =>
        HttpResponse.json({
          "@attributes": { count: "1" },
          Account: { accountID: ACCOUNT, name: "Corner Café" },
        }),
      ),
      http.get(`${API}/Account/${ACCOUNT}.json`, () =>
        HttpResponse.json({ name: "Corner Café", defaultCurrency: { code: "CAD", symbol: "$" } }),
      ),
      http.get(accountUrl("Shop"), () =>
        HttpResponse.json(
          page("Shop", [{ shopID: "1", name: "Main St", timeZone: "America/Toronto", archived: "false" }]),
        ),
      ),
    );
    const { client } = clientWith({ posAccountId: undefined });
    expect(await client.account()).toEqual({ posAccountId: ACCOUNT, name: "Corner Café" });
    expect(await client.shops()).toEqual([
      { posShopId: "1", name: "Main St", timezone: "America/Toronto", currency: "CAD" },
    ]);
  });

  it("refuses a token that belongs to another account", async () => {
    server.use(
      http.get(`${API}/Account.json`, () =>
        HttpResponse.json({ Account: { accountID: "99", name: "Other" } }),
      ),
    );
    await expect(clientWith().client.account()).rejects.toBeInstanceOf(PosAuthError);
  });

  it("follows @attributes.next across pages with limit=100", async () => {
    const seen: string[] = [];
    server.use(
      http.get(accountUrl("Register"), ({ request }) => {
        const url = new URL(request.url);
        seen.push(`${url.searchParams.get("limit")}:${url.searchParams.get("after") ?? "-"}`);
        if (!url.searchParams.get("after"))
          return HttpResponse.json(
            page(
              "Register",
              [register(), register({ registerID: "2", open: "true" })],
              `${request.url}&after=WzJd`,
            ),
          );
        return HttpResponse.json(page("Register", [register({ registerID: "3", name: "Patio" })]));
      }),
    );
    const registers = await clientWith().client.registers("1");
    expect(registers.map((r) => [r.posRegisterId, r.open])).toEqual([
      ["1", false],
      ["2", true],
      ["3", false],
    ]);
    expect(seen).toEqual(["100:-", "100:WzJd"]);
  });

  it("never sends the token to a next page on another host", async () => {
    server.use(
      http.get(accountUrl("Register"), () =>
        HttpResponse.json(page("Register", [register()], "https://elsewhere.test/steal?after=x")),
      ),
    );
    await expect(clientWith().client.registers("1")).rejects.toThrow(PosDataError);
  });

  it("names the field it cannot read", async () => {
    server.use(
      http.get(accountUrl("Register"), () =>
        HttpResponse.json(page("Register", [register(), register({ registerID: "2", open: "maybe" })])),
      ),
    );
    await expect(clientWith().client.registers("1")).rejects.toThrow(
      /Register\[1\]\.open: expected "true" or "false"/,
    );
  });
});

describe("the leaky bucket", () => {
  /** A server bucket that refuses any request that would overflow it. */
  function bucketServer(time: ReturnType<typeof fakeTime>, size: number, dripRate: number) {
    let level = 0;
    let at = time.clock();
    const answered = { ok: 0, refused: 0 };
    server.use(
      http.get(accountUrl("Register"), () => {
        level = Math.max(0, level - ((time.clock() - at) / 1000) * dripRate);
        at = time.clock();
        const headers = {
          "X-LS-Api-Bucket-Level": `${level}/${size}`,
          "X-LS-Api-Drip-Rate": String(dripRate),
        };
        if (level + 1 > size) {
          answered.refused++;
          return HttpResponse.json(
            { message: "Rate limited" },
            { status: 429, headers: { ...headers, "Retry-After": "1" } },
          );
        }
        level += 1;
        answered.ok++;
        return HttpResponse.json(page("Register", [register()]), {
          headers: { ...headers, "X-LS-Api-Bucket-Level": `${level}/${size}`, "X-LS-Api-Request-Cost": "1" },
        });
      }),
    );
    return answered;
  }

  it("waits for room instead of running into 429s", async () => {
    const { client, time } = clientWith();
    const answered = bucketServer(time, 10, 2);
    for (let i = 0; i < 30; i++) await client.registers("1");
    expect(answered).toEqual({ ok: 30, refused: 0 });
    // 10 fit at once, the 20 others drip in at 2 per second.
    expect(time.sleeps.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(time.sleeps.every((ms) => ms === 500)).toBe(true);
  });

  it("counts the requests still on their way: concurrent requests never overflow the bucket", async () => {
    const { client, time } = clientWith();
    const answered = bucketServer(time, 10, 2);
    await Promise.all(Array.from({ length: 30 }, () => client.registers("1")));
    expect(answered).toEqual({ ok: 30, refused: 0 });
  });

  it("draws on the account's bucket once it knows the account, shared by its clients", async () => {
    const time = fakeTime();
    const bucket = createBucketLimiter({ clock: time.clock, sleep: time.sleep });
    const asked: string[] = [];
    const options = {
      apiUrl: "https://shared.lightspeed.test/API/V3",
      posAccountId: ACCOUNT,
      clock: time.clock,
      sleep: time.sleep,
      limiterFor: (posAccountId: string) => {
        asked.push(posAccountId);
        return bucket;
      },
    };
    server.use(
      http.get(`${options.apiUrl}/Account/${ACCOUNT}/Register.json`, () =>
        HttpResponse.json(page("Register", [register()]), {
          headers: { "X-LS-Api-Bucket-Level": "90/90", "X-LS-Api-Drip-Rate": "1" },
        }),
      ),
    );
    await createLightspeedClient({ ...options, credentials: fakeCredentials() }).registers("1");
    expect(time.sleeps).toEqual([]);
    await createLightspeedClient({ ...options, credentials: fakeCredentials() }).registers("1");
    expect(time.sleeps).toEqual([1_000]);
    expect(asked).toEqual([ACCOUNT, ACCOUNT]);
  });
});

describe("retries", () => {
  it("honours Retry-After on 429, then succeeds", async () => {
    let calls = 0;
    server.use(
      http.get(accountUrl("Register"), () =>
        ++calls === 1
          ? HttpResponse.json(
              { httpCode: "429", message: "Rate limit exceeded" },
              {
                status: 429,
                headers: { "Retry-After": "3", "X-LS-Api-Bucket-Level": "92/90", "X-LS-Api-Drip-Rate": "1" },
              },
            )
          : oneRegister(),
      ),
    );
    const { client, time } = clientWith();
    expect(await client.registers("1")).toHaveLength(1);
    expect(time.sleeps).toEqual([3_000]);
  });

  it("gives up on 429 after its attempts, saying when to come back", async () => {
    server.use(
      http.get(accountUrl("Register"), () =>
        HttpResponse.json({}, { status: 429, headers: { "Retry-After": "7" } }),
      ),
    );
    const error = await clientWith()
      .client.registers("1")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PosUnavailableError);
    expect((error as PosUnavailableError).retryAfterSeconds).toBe(7);
  });

  it("retries a 500 with backoff", async () => {
    let calls = 0;
    server.use(
      http.get(accountUrl("Register"), () =>
        ++calls === 1 ? HttpResponse.json({ message: "boom" }, { status: 500 }) : oneRegister(),
      ),
    );
    const { client, time } = clientWith();
    expect(await client.registers("1")).toHaveLength(1);
    expect(time.sleeps).toEqual([500]);
  });

  it("throws PosUnavailableError when the API keeps failing", async () => {
    server.use(http.get(accountUrl("Register"), () => HttpResponse.json({}, { status: 503 })));
    const { client, time } = clientWith();
    await expect(client.registers("1")).rejects.toThrow(/answered 503 after 3 attempts/);
    expect(time.sleeps).toEqual([500, 1_000]);
  });

  it("retries a network error", async () => {
    let calls = 0;
    server.use(
      http.get(accountUrl("Register"), () => (++calls === 1 ? HttpResponse.error() : oneRegister())),
    );
    expect(await clientWith().client.registers("1")).toHaveLength(1);
  });

  it("abandons a request that takes too long, and retries it", async () => {
    server.use(
      http.get(accountUrl("Register"), async () => {
        await delay("infinite");
        return oneRegister();
      }),
    );
    const { client } = clientWith({ timeoutMs: 20, maxAttempts: 2 });
    await expect(client.registers("1")).rejects.toThrow(/timed out after 20 ms/);
  });
});

describe("authorization", () => {
  it("refreshes the token once on 401 and retries", async () => {
    const tokens: string[] = [];
    server.use(
      http.get(accountUrl("Register"), ({ request }) => {
        const token = request.headers.get("Authorization") ?? "";
        tokens.push(token);
        return token === "Bearer token-2" ? oneRegister() : HttpResponse.json({}, { status: 401 });
      }),
    );
    const { client, credentials } = clientWith();
    expect(await client.registers("1")).toHaveLength(1);
    expect(tokens).toEqual(["Bearer token-1", "Bearer token-2"]);
    expect(credentials.refreshed).toBe(1);
    expect(credentials.revoked).toEqual([]);
  });

  it("revokes the connection when the refreshed token is refused too", async () => {
    server.use(http.get(accountUrl("Register"), () => HttpResponse.json({}, { status: 401 })));
    const { client, credentials } = clientWith();
    await expect(client.registers("1")).rejects.toBeInstanceOf(PosAuthError);
    expect(credentials.refreshed).toBe(1);
    expect(credentials.revoked).toHaveLength(1);
    expect(credentials.revoked[0]).toMatch(/401/);
  });

  it("reports a 403 as an authorization problem without revoking", async () => {
    server.use(
      http.get(accountUrl("Register"), () =>
        HttpResponse.json({ httpCode: "403", message: "Missing scope employee:register" }, { status: 403 }),
      ),
    );
    const { client, credentials } = clientWith();
    await expect(client.registers("1")).rejects.toThrow(/Missing scope employee:register/);
    expect(credentials.revoked).toEqual([]);
  });
});

describe("webhook subscriptions", () => {
  it("posts the topic and the URL to the Webhook resource", async () => {
    let body: unknown;
    server.use(
      http.post(accountUrl("Webhook"), async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({
          "@attributes": { count: "1" },
          Webhook: { webhookID: "1", topic: "sale.voided", url: "https://app.test/webhooks/pos" },
        });
      }),
    );
    await clientWith().client.subscribeWebhook("sale.voided", "https://app.test/webhooks/pos");
    expect(body).toEqual({ topic: "sale.voided", url: "https://app.test/webhooks/pos" });
  });
});

describe("a day", () => {
  it("queries the shop's store-local day in UTC and builds a valid PosDay", async () => {
    const queries = new Map<string, URLSearchParams>();
    const serve = (resource: string, records: Record<string, unknown>[]) =>
      http.get(accountUrl(resource), ({ request }) => {
        queries.set(resource, new URL(request.url).searchParams);
        return HttpResponse.json(page(resource, records));
      });
    server.use(
      serve("Sale", [
        sale({ saleID: "1", completeTime: "2026-03-15T03:30:00+00:00" }, [saleLine()], [salePayment()]),
        sale(
          { saleID: "2", calcSubtotal: "4", calcTax1: "0.52", total: "4.52" },
          [saleLine({ saleLineID: "2", itemID: "11", unitPrice: "4", calcSubtotal: "4", calcTax1: "0.52" })],
          [salePayment({ salePaymentID: "2", paymentTypeID: "2", amount: "5.52", tipAmount: "1" })],
        ),
      ]),
      serve("Register", [register()]),
      serve("RegisterCount", [
        registerCount({ createTime: "2026-03-15T03:45:00+00:00" }, [
          { registerCountAmountID: "1", calculated: "211.3", actual: "211", paymentTypeID: "1" },
        ]),
      ]),
      serve("RegisterWithdraw", [withdraw({})]),
      serve("Order", []),
      serve("PaymentType", PAYMENT_TYPES),
      serve("TaxCategory", TAX_CATEGORIES),
      serve("Discount", DISCOUNTS),
      serve("Category", CATEGORIES),
      serve("Item", ITEMS),
    );
    const shop = { posShopId: "1", name: "Main St", timezone: "America/Toronto", currency: "CAD" };
    const day = await clientWith().client.day(shop, "2026-03-14", ["sales", "inventory", "purchase_orders"]);

    // Toronto is on daylight time (UTC-4) on March 14, 2026.
    expect(queries.get("Sale")?.get("completeTime")).toBe(
      "><,2026-03-14T04:00:00+00:00,2026-03-15T03:59:59+00:00",
    );
    expect(queries.get("Sale")?.get("shopID")).toBe("1");
    expect(JSON.parse(queries.get("Sale")?.get("load_relations") ?? "[]")).toContain(
      "SalePayments.SaleAccounts",
    );
    expect(queries.get("Item")?.get("itemID")).toBe("IN,[10,11]");
    expect(queries.get("RegisterCount")?.get("registerID")).toBe("IN,[1]");
    expect(parsePosDay(day).ok).toBe(true);
    expect(day.sales.map((s) => [s.id, s.tip])).toEqual([
      ["1", "0.00"],
      ["2", "1.00"],
    ]);
    expect(day.registers).toEqual([
      {
        id: "1",
        name: "Front",
        closedAt: "2026-03-15T03:45:00.000Z",
        openingFloat: "200.00",
        cashPayments: "11.30",
        paidIns: [],
        payouts: [],
        counted: "211.00",
      },
    ]);
    expect(day.closed).toBe(true);
  });
});
