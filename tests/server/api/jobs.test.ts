// The scheduler's API: super users only, searches by filter, refusals that name the field and write
// nothing, the active and completed lists.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobOptions, JobSearchRow, JobView, NewJob } from "../../../shared/api";
import { accounts, jobs, stores } from "../../../server/db/schema";
import { runNightly } from "../../../server/services/nightly";
import { createFullStack, type FullStack } from "../../support/fullStack";

let stack: FullStack;
let storeIds: string[];

beforeAll(async () => {
  stack = await createFullStack(Date.parse("2026-11-20T15:00:00Z"));
  await stack.install();
  await stack.db.update(accounts).set({ syncStartDate: "2026-11-10" });
  stack.clock.set(Date.parse("2026-11-21T15:00:00Z"));
  await runNightly(stack.deps); // loads 2026-11-20 of every store
  await stack.drain();
  storeIds = (await stack.db.select().from(stores).orderBy(stores.posShopId)).map((store) => store.id);
});
afterAll(() => stack.close());

const search = async (query: string) => {
  const response = await stack.api("GET", `/api/jobs/search?${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: JobSearchRow[] }).results;
};

const job = (overrides: Partial<NewJob> = {}): NewJob => ({
  type: "load_missing",
  name: "Backfill",
  sources: ["sales"],
  notify: false,
  search: { from: "2026-11-10", to: "2026-11-19", storeIds: [storeIds[0]!], filter: "missing" },
  entries: [{ storeId: storeIds[0]!, salesDate: "2026-11-12" }],
  ...overrides,
});

describe("the scheduler API", () => {
  it("is for super users: a manager and a cashier get 403", async () => {
    for (const employee of ["2", "3"]) {
      for (const path of ["/api/jobs", "/api/jobs/options", "/api/jobs/search?from=2026-11-10"]) {
        const response = await stack.api("GET", path, undefined, employee);
        expect(response.status).toBe(403);
      }
      expect((await stack.api("POST", "/api/jobs", job(), employee)).status).toBe(403);
    }
  });

  it("searches missing days from the sync start to yesterday, days with data, and days by status", async () => {
    const [a, b] = storeIds;
    const missing = await search(`from=2026-11-01&to=2026-11-30&storeIds=${a},${b}&filter=missing`);
    // 11-10 .. 11-19 for each store: the 20th is loaded, the 21st is today, before the 10th is not synced.
    expect(missing).toHaveLength(20);
    expect(missing.every((row) => row.status === "missing" && row.netSales === null)).toBe(true);
    expect(missing.map((row) => row.salesDate).sort()[0]).toBe("2026-11-10");

    const withData = await search(`from=2026-11-01&to=2026-11-30&storeIds=${a},${b}&filter=reload`);
    // By store name, then date.
    expect(withData.map((row) => [row.storeId, row.salesDate]).sort()).toEqual(
      [
        [a, "2026-11-20"],
        [b, "2026-11-20"],
      ].sort(),
    );
    expect(withData[0]!.netSales).toMatch(/^\d+\.\d{2}$/);

    const status = withData[0]!.status;
    const byStatus = await search(
      `from=2026-11-01&to=2026-11-30&storeIds=${a}&filter=status&statuses=${status}`,
    );
    expect(byStatus).toHaveLength(1);
    expect(await search(`from=2026-11-01&to=2026-11-30&storeIds=${a}&filter=status&statuses=failed`)).toEqual(
      [],
    );
  });

  it("refuses a bad search naming the field", async () => {
    for (const [query, field] of [
      [`from=2026-11-30&to=2026-11-01&storeIds=${storeIds[0]}&filter=missing`, "to"],
      [`from=2025-01-01&to=2026-11-01&storeIds=${storeIds[0]}&filter=missing`, "to"],
      [`from=2026-11-01&to=2026-11-30&storeIds=&filter=missing`, "storeIds"],
      [`from=2026-11-01&to=2026-11-30&storeIds=${storeIds[0]}&filter=status`, "statuses"],
      [
        `from=2026-11-01&to=2026-11-30&storeIds=${storeIds[0]}&filter=status&statuses=sideways`,
        "statuses[0]",
      ],
      [`from=2026-11-01&to=2026-11-30&storeIds=${storeIds[0]}&filter=everything`, "filter"],
    ] as const) {
      const response = await stack.api("GET", `/api/jobs/search?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_request", field } });
    }
  });

  it("refuses a bad job naming the field, and writes nothing", async () => {
    const cases: [Partial<NewJob> & Record<string, unknown>, string][] = [
      [{ name: "  " }, "name"],
      [{ type: "explode" as never }, "type"],
      [{ entries: [] }, "entries"],
      [{ entries: [{ storeId: "nope", salesDate: "2026-11-12" }] }, "entries[0].storeId"],
      [{ entries: [{ storeId: storeIds[0]!, salesDate: "2026-11-01" }] }, "entries[0].salesDate"],
      [{ entries: [{ storeId: storeIds[0]!, salesDate: "2026-12-25" }] }, "entries[0].salesDate"],
      [
        {
          entries: [
            { storeId: storeIds[0]!, salesDate: "2026-11-12" },
            { storeId: storeIds[0]!, salesDate: "2026-11-12" },
          ],
        },
        "entries[1]",
      ],
      [{ sources: ["weather" as never] }, "sources[0]"],
      [{ extra: 1 }, "(root)"],
    ];
    for (const [overrides, field] of cases) {
      const response = await stack.api("POST", "/api/jobs", job(overrides));
      expect(response.status, field).toBe(400);
      const body = (await response.json()) as { error: { field: string; message: string } };
      expect(body.error.field, JSON.stringify(body)).toBe(field);
    }
    expect(await stack.db.select().from(jobs)).toEqual([]);
  });

  it("offers the sources the mapping needs, and emails only with a provider", async () => {
    const options = (await (await stack.api("GET", "/api/jobs/options")).json()) as JobOptions;
    expect(options.sources.map((source) => source.source)).toEqual(["sales", "inventory", "purchase_orders"]);
    expect(options.sources[0]).toEqual({ source: "sales", required: true });
    expect(options.notify).toEqual({ available: true, email: "sam@democoffee.test" });
    expect(options.pos).toBe("Lightspeed Retail");

    const { mailer } = stack.deps;
    stack.deps.mailer = undefined;
    try {
      const without = (await (await stack.api("GET", "/api/jobs/options")).json()) as JobOptions;
      expect(without.notify.available).toBe(false);
      const refused = await stack.api("POST", "/api/jobs", job({ notify: true }));
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: { field: "notify" } });
    } finally {
      stack.deps.mailer = mailer;
    }
    expect(await stack.db.select().from(jobs)).toEqual([]);
  });

  it("lists a queued job as active, then as completed once it ran", async () => {
    const created = await stack.api("POST", "/api/jobs", job({ sources: ["purchase_orders", "sales"] }));
    expect(created.status).toBe(201);
    const { job: view } = (await created.json()) as { job: JobView };
    expect(view).toMatchObject({
      status: "pending",
      sources: ["sales", "purchase_orders"],
      createdBy: "Sam Rivera",
      search: { filter: "missing" },
    });
    const active = (await (await stack.api("GET", "/api/jobs")).json()) as { jobs: JobView[] };
    expect(active.jobs.map((row) => row.id)).toEqual([view.id]);
    await stack.drain();
    const completed = (await (await stack.api("GET", "/api/jobs?state=completed")).json()) as {
      jobs: JobView[];
    };
    expect(completed.jobs.map((row) => [row.id, row.status, row.counts.completed])).toEqual([
      [view.id, "completed", 1],
    ]);
    expect(((await (await stack.api("GET", "/api/jobs")).json()) as { jobs: JobView[] }).jobs).toEqual([]);
    const [row] = await stack.db.select().from(jobs).where(eq(jobs.id, view.id));
    expect(row?.finishedAt).not.toBeNull();
  });
});
