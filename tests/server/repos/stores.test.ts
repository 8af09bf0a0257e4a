import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAtomically } from "../../../server/repos/batch";
import { findStore, listStores, upsertStore } from "../../../server/repos/stores";
import { createTwoAccountDatabase, type TestDatabase } from "../../support/database";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTwoAccountDatabase();
});
afterEach(() => database.close());

const queen = { posShopId: "1", name: "Queen St", timezone: "America/Toronto", currency: "CAD" };
const gastown = { posShopId: "3", name: "Gastown", timezone: "America/Vancouver", currency: "CAD" };

describe("stores repository", () => {
  it("adds stores, then updates them by (account, POS shop id) without duplicating", async () => {
    const { db } = database;
    await runAtomically(db, [upsertStore(db, "a", queen, 10), upsertStore(db, "a", gastown, 10)]);
    const [first] = await listStores(db, "a");
    await upsertStore(db, "a", { ...queen, name: "Queen Street", currency: "USD" }, 20);
    const stores = await listStores(db, "a");
    expect(stores.map((store) => [store.posShopId, store.name, store.currency])).toEqual([
      ["3", "Gastown", "CAD"],
      ["1", "Queen Street", "USD"],
    ]);
    expect(stores.find((store) => store.posShopId === "1")).toMatchObject({ updatedAt: 20, createdAt: 10 });
    expect(stores.map((store) => store.id)).toContain(first?.id);
  });

  it("keeps each account's stores apart, even with the same POS shop id", async () => {
    const { db } = database;
    await upsertStore(db, "a", queen, 10);
    await upsertStore(db, "b", { ...queen, name: "Maple Bakery" }, 10);
    const [ofA] = await listStores(db, "a");
    const [ofB] = await listStores(db, "b");
    expect(ofA?.name).toBe("Queen St");
    expect(ofB?.name).toBe("Maple Bakery");
    expect(await findStore(db, "a", ofA!.id)).toEqual(ofA);
    expect(await findStore(db, "a", ofB!.id)).toBeUndefined();
  });

  it("an empty batch writes nothing", async () => {
    expect(await runAtomically(database.db, [])).toEqual([]);
  });
});
