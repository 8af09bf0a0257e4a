import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../../server/db/client";
import { accounts, connections, executions, jobEntries, jobs, storeDays } from "../../../server/db/schema";
import { upsertInstalledAccount } from "../../../server/repos/accounts";
import { upsertConnection } from "../../../server/repos/connections";
import { listExecutionLogs } from "../../../server/repos/executions";
import { listStores, upsertStore } from "../../../server/repos/stores";
import { uninstallAccount } from "../../../server/services/uninstall";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { manualClock, type ManualClock } from "../../support/installPlatform";

let database: TestDatabase;
let time: ManualClock;
const INSTALLED_AT = Date.UTC(2026, 2, 1);

/** An installed account with POS and ledger connections, a queued day, a day waiting for a
 *  reload, a posted day, and pending, running and completed jobs. */
async function seedAccount(db: Db, id: string, posAccountId: string) {
  await upsertInstalledAccount(db, { id, posAccountId, name: id, syncStartDate: "2026-03-01" }, INSTALLED_AT);
  const sealed = { accessToken: "v1.a.b", refreshToken: "v1.c.d", expiresAt: INSTALLED_AT + 3600_000 };
  await upsertConnection(db, id, "pos", { ...sealed, scopes: "" }, INSTALLED_AT);
  await upsertConnection(db, id, "qbo", { ...sealed, scopes: "", externalId: "realm" }, INSTALLED_AT);
  await upsertStore(
    db,
    id,
    { posShopId: "1", name: "Shop", timezone: "America/Toronto", currency: "CAD" },
    1,
  );
  const [store] = await listStores(db, id);
  const storeId = store!.id;
  const day = (salesDate: string, extra: Partial<typeof storeDays.$inferInsert>) => ({
    id: `${id}-${salesDate}`,
    accountId: id,
    storeId,
    salesDate,
    ...extra,
  });
  await db
    .insert(storeDays)
    .values([
      day("2026-03-02", { status: "queued", dueAt: INSTALLED_AT + 1_800_000 }),
      day("2026-03-03", { status: "posted", reloadPendingSince: INSTALLED_AT + 60_000 }),
      day("2026-03-04", { status: "posted" }),
    ]);
  const job = (suffix: string, status: (typeof jobs.$inferInsert)["status"]) => ({
    id: `${id}-${suffix}`,
    accountId: id,
    name: suffix,
    type: "reload" as const,
    sources: "sales",
    status,
  });
  await db
    .insert(jobs)
    .values([job("pending", "pending"), job("running", "running"), job("done", "completed")]);
  const entry = (suffix: string, status: (typeof jobEntries.$inferInsert)["status"], salesDate: string) => ({
    id: `${id}-entry-${suffix}`,
    jobId: `${id}-running`,
    accountId: id,
    storeId,
    salesDate,
    status,
  });
  await db
    .insert(jobEntries)
    .values([
      entry("pending", "pending", "2026-03-02"),
      entry("running", "running", "2026-03-03"),
      entry("done", "completed", "2026-03-04"),
    ]);
}

async function snapshotOf(db: Db, accountId: string) {
  return {
    account: await db.select().from(accounts).where(eq(accounts.id, accountId)).get(),
    connections: await db
      .select()
      .from(connections)
      .where(eq(connections.accountId, accountId))
      .orderBy(asc(connections.kind))
      .all(),
    days: await db
      .select()
      .from(storeDays)
      .where(eq(storeDays.accountId, accountId))
      .orderBy(asc(storeDays.salesDate))
      .all(),
    jobs: await db.select().from(jobs).where(eq(jobs.accountId, accountId)).orderBy(asc(jobs.id)).all(),
    entries: await db
      .select()
      .from(jobEntries)
      .where(eq(jobEntries.accountId, accountId))
      .orderBy(asc(jobEntries.salesDate))
      .all(),
    executions: await db.select().from(executions).where(eq(executions.accountId, accountId)).all(),
  };
}

beforeEach(async () => {
  database = await createTestDatabase();
  time = manualClock(INSTALLED_AT + 86_400_000);
  await seedAccount(database.db, "demo", "1001");
  await seedAccount(database.db, "maple", "2002");
});
afterEach(() => database.close());

describe("uninstallAccount (app.uninstalled)", () => {
  it("purges every token, marks the account uninstalled, stops its schedules and records it", async () => {
    const { db } = database;
    const maple = await snapshotOf(db, "maple");
    expect(await uninstallAccount({ db, clock: time.clock }, "1001", { actor: "delivery-7" })).toBe(true);

    const after = await snapshotOf(db, "demo");
    expect(after.account).toMatchObject({ status: "uninstalled", uninstalledAt: time.now() });
    expect(after.connections).toHaveLength(2);
    for (const connection of after.connections) {
      expect(connection).toMatchObject({
        status: "disconnected",
        accessToken: null,
        refreshToken: null,
        expiresAt: null,
      });
    }
    expect(after.days.map((d) => [d.salesDate, d.status, d.dueAt, d.reloadPendingSince])).toEqual([
      ["2026-03-02", "queued", null, null],
      ["2026-03-03", "posted", null, null],
      ["2026-03-04", "posted", null, null],
    ]);
    expect(Object.fromEntries(after.jobs.map((j) => [j.name, j.status]))).toEqual({
      pending: "cancelled",
      running: "cancelled",
      done: "completed",
    });
    expect(after.entries.map((e) => e.status)).toEqual(["cancelled", "cancelled", "completed"]);

    const [execution] = after.executions;
    expect(execution).toMatchObject({
      action: "uninstall",
      trigger: "webhook",
      actor: "delivery-7",
      status: "succeeded",
    });
    const lines = await listExecutionLogs(db, "demo", execution!.id);
    expect(lines.map((line) => line.message)).toEqual([
      "Daybook uninstalled from the POS",
      "Access tokens deleted",
      "Scheduled loads and posts stopped",
      "Running and pending jobs cancelled",
    ]);
    expect(lines[2]?.data).toEqual({ storeDays: 2 });
    expect(lines[3]?.data).toEqual({ jobs: 2 });

    expect(await snapshotOf(db, "maple")).toEqual(maple);
  });

  it("a redelivery after the purge changes nothing and returns normally", async () => {
    const { db } = database;
    await uninstallAccount({ db, clock: time.clock }, "1001");
    const once = await snapshotOf(db, "demo");
    time.advance(60_000);
    expect(await uninstallAccount({ db, clock: time.clock }, "1001")).toBe(false);
    expect(await snapshotOf(db, "demo")).toEqual(once);
  });

  it("an unknown POS account is a no-op", async () => {
    const { db } = database;
    const before = await db.select().from(accounts).all();
    expect(await uninstallAccount({ db, clock: time.clock }, "9999")).toBe(false);
    expect(await db.select().from(accounts).all()).toEqual(before);
    expect(await db.select().from(executions).all()).toEqual([]);
  });

  it("an uninstall triggered before the latest install is stale and changes nothing", async () => {
    const { db } = database;
    const before = await snapshotOf(db, "demo");
    expect(await uninstallAccount({ db, clock: time.clock }, "1001", { triggeredAt: INSTALLED_AT - 1 })).toBe(
      false,
    );
    expect(await snapshotOf(db, "demo")).toEqual(before);
    expect(await uninstallAccount({ db, clock: time.clock }, "1001", { triggeredAt: INSTALLED_AT + 1 })).toBe(
      true,
    );
  });
});
