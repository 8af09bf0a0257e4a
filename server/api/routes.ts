// The extension's API. Every route runs after the session-token middleware and reads only the
// session's account: another account's store or execution is simply not found.
import { and, asc, desc, eq, gte, inArray, lte } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { IsoDate } from "../../shared/schemas/common";
import { requireRole, type SessionEnv } from "../auth/sessionToken";
import { accounts, connections, DAY_STATUSES, documents, executions, jobs, storeDays } from "../db/schema";
import { connectedLedger } from "../ledger/forAccount";
import { LEDGER_KINDS, LedgerAuthError, LedgerUnavailableError } from "../ledger/port";
import { runAtomically } from "../repos/batch";
import { purgeConnectionTokens } from "../repos/connections";
import { ledgerChart } from "../services/ledgerChart";
import { loadMissing } from "../services/loadMissing";
import { supportCsv } from "../services/supportExport";
import { syncHealth } from "../services/syncHealth";
import { toLocale } from "../../shared/i18n";
import type { Deps } from "../deps";
import { finishedExecution, listExecutionLogs } from "../repos/executions";
import { findStoreDay } from "../repos/storeDays";
import { findStore, listStores } from "../repos/stores";
import { valid } from "./validate";

const notFound = (what: string) => ({ error: { code: "not_found", message: `${what} not found` } });

const DaysQuery = z
  .object({
    storeId: z.string().min(1).optional(),
    from: IsoDate,
    to: IsoDate,
    status: z
      .string()
      .transform((value) => value.split(",").filter(Boolean))
      .pipe(z.array(z.enum(DAY_STATUSES)))
      .optional(),
  })
  .refine((query) => query.from <= query.to, { path: ["to"], message: "must be on or after from" });

const DayParams = z.object({ storeId: z.string().min(1), date: IsoDate });

const ChartQuery = z.object({ refresh: z.enum(["0", "1"]).optional() });

const ExecutionsQuery = z.object({
  storeId: z.string().min(1).optional(),
  date: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time like 04:00");
const SettingsInput = z
  .object({
    postingDelayMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60),
    syncStartDate: IsoDate,
    nightlyCutoff: HHMM,
  })
  .partial()
  .strict();

/** At most 366 days at a time: a longer range is a bulk job for the scheduler. */
const LoadMissingInput = z
  .object({ storeIds: z.array(z.string().min(1)).min(1).max(100), from: IsoDate, to: IsoDate })
  .refine((input) => input.from <= input.to, { path: ["to"], message: "must be on or after from" })
  .refine((input) => Date.parse(input.to) - Date.parse(input.from) <= 365 * 86_400_000, {
    path: ["to"],
    message: "a range of at most 366 days: use the POS Load Scheduler for more",
  });

function settingsOf(account: { postingDelayMinutes: number; syncStartDate: string; nightlyCutoff: string }) {
  const { postingDelayMinutes, syncStartDate, nightlyCutoff } = account;
  return { postingDelayMinutes, syncStartDate, nightlyCutoff };
}

export function apiRoutes(deps: Pick<Deps, "env" | "db" | "clock" | "fetch" | "queue">) {
  const { db } = deps;
  return new Hono<SessionEnv>()
    .get("/session", async (c) => {
      const { account, user, role, locale } = c.var.session;
      return c.json({
        account: { id: account.id, name: account.name, syncStartDate: account.syncStartDate },
        user: { id: user.id, name: user.name, email: user.email, role },
        locale,
        stores: await listStores(db, account.id),
      });
    })
    .get("/stores", async (c) => c.json({ stores: await listStores(db, c.var.session.account.id) }))
    .get("/days", valid("query", DaysQuery), async (c) => {
      const query = c.req.valid("query");
      const accountId = c.var.session.account.id;
      const rows = await db
        .select({
          storeId: storeDays.storeId,
          salesDate: storeDays.salesDate,
          status: storeDays.status,
          netSales: storeDays.netSales,
          dueAt: storeDays.dueAt,
          lastError: storeDays.lastError,
        })
        .from(storeDays)
        .where(
          and(
            eq(storeDays.accountId, accountId),
            query.storeId ? eq(storeDays.storeId, query.storeId) : undefined,
            gte(storeDays.salesDate, query.from),
            lte(storeDays.salesDate, query.to),
            query.status?.length ? inArray(storeDays.status, query.status) : undefined,
          ),
        )
        .orderBy(asc(storeDays.salesDate), asc(storeDays.storeId));
      return c.json({ days: rows });
    })
    .get("/days/:storeId/:date", valid("param", DayParams), async (c) => {
      const { storeId, date } = c.req.valid("param");
      const accountId = c.var.session.account.id;
      const store = await findStore(db, accountId, storeId);
      if (!store) return c.json(notFound("store"), 404);
      const day = await findStoreDay(db, { accountId, storeId, salesDate: date });
      const docs = day
        ? await db
            .select()
            .from(documents)
            .where(and(eq(documents.accountId, accountId), eq(documents.storeDayId, day.id)))
        : [];
      const runs = await db
        .select()
        .from(executions)
        .where(
          and(
            eq(executions.accountId, accountId),
            eq(executions.storeId, storeId),
            eq(executions.salesDate, date),
          ),
        )
        .orderBy(desc(executions.startedAt))
        .limit(20);
      return c.json({
        store,
        day: day ?? { storeId, salesDate: date, status: "missing" },
        documents: docs,
        executions: runs,
      });
    })
    .get("/executions/:id/logs", async (c) => {
      const accountId = c.var.session.account.id;
      const id = c.req.param("id");
      const execution = await db
        .select()
        .from(executions)
        .where(and(eq(executions.accountId, accountId), eq(executions.id, id)))
        .get();
      if (!execution) return c.json(notFound("execution"), 404);
      return c.json({ execution, logs: await listExecutionLogs(db, accountId, id) });
    })
    .get("/ledger", async (c) => {
      const accountId = c.var.session.account.id;
      const ledger = await connectedLedger(deps, accountId);
      const all = await db
        .select({ kind: connections.kind, status: connections.status, lastError: connections.lastError })
        .from(connections)
        .where(and(eq(connections.accountId, accountId), inArray(connections.kind, [...LEDGER_KINDS])));
      return c.json({
        connected: ledger ?? null,
        connections: all,
        available: Object.keys(deps.env.ledgers),
      });
    })
    .get("/ledger/chart", valid("query", ChartQuery), async (c) => {
      const refresh = c.req.valid("query").refresh === "1";
      try {
        return c.json(await ledgerChart(deps, c.var.session.account.id, { refresh }));
      } catch (error) {
        if (error instanceof LedgerAuthError)
          return c.json({ error: { code: "ledger_not_connected", message: error.message } }, 409);
        if (error instanceof LedgerUnavailableError)
          return c.json({ error: { code: "ledger_unavailable", message: error.message } }, 503);
        throw error;
      }
    })
    .post("/ledger/disconnect", requireRole("super_user", "manager"), async (c) => {
      const { account, user } = c.var.session;
      const now = deps.clock();
      await runAtomically(db, [
        ...LEDGER_KINDS.map((kind) => purgeConnectionTokens(db, account.id, now, kind)),
        ...finishedExecution(
          db,
          deps.clock,
          { accountId: account.id, action: "disconnect", trigger: "user", actor: user.id },
          [{ level: "info", message: "Disconnected the ledger" }],
        ),
      ]);
      return c.json({ connected: null });
    })
    .get("/days/:storeId/:date/export.csv", valid("param", DayParams), async (c) => {
      const { storeId, date } = c.req.valid("param");
      const { account, locale } = c.var.session;
      const file = await supportCsv(db, account.id, storeId, date, toLocale(locale));
      if (!file) return c.json(notFound("store-day data"), 404);
      return c.body(file.csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${file.filename}"`,
      });
    })
    .get("/health", async (c) => c.json(await syncHealth(db, c.var.session.account.id, deps.clock())))
    .get("/executions", valid("query", ExecutionsQuery), async (c) => {
      const query = c.req.valid("query");
      const rows = await db
        .select()
        .from(executions)
        .where(
          and(
            eq(executions.accountId, c.var.session.account.id),
            query.storeId ? eq(executions.storeId, query.storeId) : undefined,
            query.date ? eq(executions.salesDate, query.date) : undefined,
          ),
        )
        .orderBy(desc(executions.startedAt))
        .limit(query.limit);
      return c.json({ executions: rows });
    })
    .get("/settings", (c) => c.json(settingsOf(c.var.session.account)))
    .put("/settings", requireRole("super_user"), valid("json", SettingsInput), async (c) => {
      const { account } = c.var.session;
      const changes = c.req.valid("json");
      const [updated] = await db
        .update(accounts)
        .set({ ...changes, updatedAt: deps.clock() })
        .where(eq(accounts.id, account.id))
        .returning();
      return c.json(settingsOf(updated ?? account));
    })
    .post(
      "/days/load-missing",
      requireRole("super_user", "manager"),
      valid("json", LoadMissingInput),
      async (c) => {
        const input = c.req.valid("json");
        const accountId = c.var.session.account.id;
        const own = new Set((await listStores(db, accountId)).map((store) => store.id));
        const unknown = input.storeIds.find((id) => !own.has(id));
        if (unknown)
          return c.json(
            {
              error: { code: "invalid_request", field: "storeIds", message: `storeIds: no store ${unknown}` },
            },
            400,
          );
        return c.json(await loadMissing(deps, { accountId, ...input, trigger: "user" }));
      },
    )
    .get("/jobs", requireRole("super_user"), async (c) => {
      const rows = await db
        .select()
        .from(jobs)
        .where(eq(jobs.accountId, c.var.session.account.id))
        .orderBy(desc(jobs.createdAt))
        .limit(100);
      return c.json({ jobs: rows });
    });
}
