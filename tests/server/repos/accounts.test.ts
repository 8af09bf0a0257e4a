import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  findAccount,
  findAccountByPosAccountId,
  markAccountUninstalled,
  upsertInstalledAccount,
} from "../../../server/repos/accounts";
import { createTestDatabase, type TestDatabase } from "../../support/database";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

const DEMO = { id: "acc-1", posAccountId: "1001", name: "Demo Coffee", syncStartDate: "2026-03-02" };

describe("accounts repository", () => {
  it("installs an account and finds it by id and by POS account id", async () => {
    const { db } = database;
    const [account] = await upsertInstalledAccount(db, DEMO, 1_000);
    expect(account).toMatchObject({ ...DEMO, status: "installed", installedAt: 1_000, uninstalledAt: null });
    expect(await findAccount(db, "acc-1")).toEqual(account);
    expect(await findAccountByPosAccountId(db, "1001")).toEqual(account);
    expect(await findAccountByPosAccountId(db, "2002")).toBeUndefined();
  });

  it("reinstalling updates the same row: the name, the status, not the id nor the sync start date", async () => {
    const { db } = database;
    await upsertInstalledAccount(db, DEMO, 1_000);
    await markAccountUninstalled(db, "acc-1", 2_000);
    const [again] = await upsertInstalledAccount(
      db,
      { id: "acc-other", posAccountId: "1001", name: "Demo Coffee Co", syncStartDate: "2026-05-01" },
      3_000,
    );
    expect(again).toMatchObject({
      id: "acc-1",
      name: "Demo Coffee Co",
      syncStartDate: "2026-03-02",
      status: "installed",
      installedAt: 3_000,
      uninstalledAt: null,
    });
    expect(await findAccount(db, "acc-other")).toBeUndefined();
  });

  it("marks an installed account uninstalled once", async () => {
    const { db } = database;
    await upsertInstalledAccount(db, DEMO, 1_000);
    await markAccountUninstalled(db, "acc-1", 2_000);
    await markAccountUninstalled(db, "acc-1", 5_000);
    expect(await findAccount(db, "acc-1")).toMatchObject({ status: "uninstalled", uninstalledAt: 2_000 });
  });
});
