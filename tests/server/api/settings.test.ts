// Account settings and Load missing through the API: validation names the field and changes nothing.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accounts, queueMessages, storeDays, stores } from "../../../server/db/schema";
import { createFullStack, type FullStack } from "../../support/fullStack";

let stack: FullStack;
beforeEach(async () => {
  stack = await createFullStack(Date.parse("2026-11-20T15:00:00Z"));
  await stack.install();
});
afterEach(() => stack.close());

describe("settings", () => {
  it("reads and changes the posting delay, sync start date and nightly cutoff", async () => {
    expect(await (await stack.api("GET", "/api/settings")).json()).toEqual({
      postingDelayMinutes: 30,
      syncStartDate: "2026-11-20",
      nightlyCutoff: "04:00",
    });
    const changed = await stack.api("PUT", "/api/settings", {
      postingDelayMinutes: 0,
      syncStartDate: "2026-09-01",
    });
    expect(await changed.json()).toEqual({
      postingDelayMinutes: 0,
      syncStartDate: "2026-09-01",
      nightlyCutoff: "04:00",
    });
  });

  it.each([
    [{ postingDelayMinutes: -5 }, "postingDelayMinutes"],
    [{ nightlyCutoff: "25:00" }, "nightlyCutoff"],
    [{ syncStartDate: "1st of May" }, "syncStartDate"],
    [{ tolerance: "0.05" }, "(root)"],
  ])("refuses %j naming %s, changing nothing", async (body, field) => {
    const response = await stack.api("PUT", "/api/settings", body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field } });
    const [account] = await stack.db.select().from(accounts);
    expect(account).toMatchObject({
      postingDelayMinutes: 30,
      nightlyCutoff: "04:00",
      syncStartDate: "2026-11-20",
    });
  });

  it("only a super user changes them", async () => {
    expect((await stack.api("PUT", "/api/settings", { postingDelayMinutes: 5 }, "2")).status).toBe(403);
  });
});

describe("load missing", () => {
  it("queues only the store-days without data and counts the others", async () => {
    const [store] = await stack.db.select().from(stores).where(eq(stores.posShopId, "1"));
    await stack.api("PUT", "/api/settings", { syncStartDate: "2026-11-01" });
    const first = await stack.api("POST", "/api/days/load-missing", {
      storeIds: [store!.id],
      from: "2026-11-10",
      to: "2026-11-12",
    });
    expect(await first.json()).toEqual({ queued: 3, skipped: 0 });
    await stack.drain();
    expect((await stack.db.select().from(storeDays)).map((day) => day.status)).toEqual([
      "hold",
      "hold",
      "hold",
    ]);
    const again = await stack.api("POST", "/api/days/load-missing", {
      storeIds: [store!.id],
      from: "2026-11-10",
      to: "2026-11-13",
    });
    expect(await again.json()).toEqual({ queued: 1, skipped: 3 });
  });

  it("refuses another account's store and a reversed range, queueing nothing", async () => {
    const foreign = await stack.api("POST", "/api/days/load-missing", {
      storeIds: ["not-mine"],
      from: "2026-11-10",
      to: "2026-11-12",
    });
    expect(await foreign.json()).toMatchObject({ error: { field: "storeIds" } });
    const [store] = await stack.db.select().from(stores);
    const reversed = await stack.api("POST", "/api/days/load-missing", {
      storeIds: [store!.id],
      from: "2026-11-12",
      to: "2026-11-10",
    });
    expect(await reversed.json()).toMatchObject({ error: { field: "to" } });
    expect(await stack.db.select().from(queueMessages)).toEqual([]);
  });
});
