// The production code path end to end: the Lightspeed adapter talks HTTP to the sandbox POS and builds
// PosDays that parse and that the posting engine finds balanced, for every Demo Coffee shop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLightspeedClient } from "../../../../server/pos/lightspeed/client";
import type { PosClient } from "../../../../server/pos/port";
import { addDays } from "../../../../shared/time";
import { generate } from "../../../../shared/engine/generate";
import { parsePosDay } from "../../../../shared/schemas/posDay";
import { sandboxMapping } from "../../../support/sandboxMapping";
import { API_URL, type Sandbox, startSandbox } from "./setup";

const TODAY = "2026-05-15";
const PAST_DATES = [1, 2, 7, 30, 91, 120].map((days) => addDays(TODAY, -days));

let box: Sandbox;
const statuses: number[] = [];

function clientFor(account: string): PosClient {
  // The client and the sandbox share one clock: time passes only while the client waits for its bucket.
  const sleep = async (ms: number) => box.advance(ms);
  return createLightspeedClient({
    apiUrl: API_URL,
    credentials: {
      accessToken: async () => `token-${account}`,
      refresh: async () => `token-${account}`,
      revoke: async () => {},
    },
    fetch: async (input, init) => {
      const response = await box.fetch(input, init);
      statuses.push(response.status);
      return response;
    },
    clock: box.clock,
    sleep,
  });
}

beforeAll(async () => {
  box = await startSandbox();
});
afterAll(() => box.close());

describe("the Lightspeed adapter on the sandbox POS", () => {
  it("builds balanced days for every Demo Coffee shop, within the rate limit", async () => {
    const client = clientFor("1001");
    expect(await client.account()).toEqual({ posAccountId: "1001", name: "Demo Coffee" });
    const shops = await client.shops();
    expect(shops.map((shop) => shop.timezone)).toEqual([
      "America/Toronto",
      "America/Toronto",
      "America/Vancouver",
    ]);

    let purchaseOrders = 0;
    let giftCards = 0;
    let deposits = 0;
    let voided = 0;
    let refunds = 0;
    for (const shop of shops)
      for (const date of PAST_DATES) {
        const day = await client.day(shop, date, ["sales", "inventory", "purchase_orders"]);
        expect(parsePosDay(day).ok).toBe(true);
        expect(day.closed).toBe(true);
        expect(day.sales.length).toBeGreaterThanOrEqual(20);
        expect(day.registers.every((register) => register.closedAt && register.counted)).toBe(true);
        const result = generate(day, sandboxMapping());
        expect({ shop: shop.posShopId, date, status: result.status, problems: result.problems }).toEqual({
          shop: shop.posShopId,
          date,
          status: "ready",
          problems: [],
        });
        purchaseOrders += day.purchaseOrders.length;
        giftCards += day.sales.filter((sale) => sale.lines.some((line) => line.kind === "gift_card")).length;
        deposits += day.sales.filter((sale) =>
          sale.lines.some((line) => line.kind === "account_deposit"),
        ).length;
        voided += day.sales.filter((sale) => sale.voided).length;
        refunds += day.sales.filter((sale) =>
          sale.lines.some((line) => line.quantity.startsWith("-")),
        ).length;
      }
    // The history has every kind of activity the engine books.
    expect(Math.min(purchaseOrders, giftCards, deposits, voided, refunds)).toBeGreaterThan(0);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });

  it("reads today as open, and Maple Bakery's days as balanced too", async () => {
    const coffee = clientFor("1001");
    const [queenSt] = await coffee.shops();
    const today = await coffee.day(queenSt!, TODAY, ["sales"]);
    expect(today.closed).toBe(false);
    expect(today.registers.every((register) => register.closedAt === undefined)).toBe(true);

    const bakery = clientFor("2002");
    const [shop] = await bakery.shops();
    for (const date of PAST_DATES.slice(0, 3)) {
      const result = generate(
        await bakery.day(shop!, date, ["sales", "inventory", "purchase_orders"]),
        sandboxMapping(),
      );
      expect([date, result.status, result.problems]).toEqual([date, "ready", []]);
    }
  });
});
