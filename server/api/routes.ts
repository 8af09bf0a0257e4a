// The extension's API. Every route runs after the session-token middleware and reads only the
// session's account: another account's store or execution is simply not found.
import { and, asc, desc, eq, gte, inArray, lte } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { IsoDate } from "../../shared/schemas/common";
import { requireRole, type SessionEnv } from "../auth/sessionToken";
import { connections, DAY_STATUSES, documents, executions, jobs, storeDays } from "../db/schema";
import { connectedLedger } from "../ledger/forAccount";
import { LEDGER_KINDS, LedgerAuthError, LedgerUnavailableError } from "../ledger/port";
import { runAtomically } from "../repos/batch";
import { purgeConnectionTokens } from "../repos/connections";
import { ledgerChart } from "../services/ledgerChart";
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

export function apiRoutes(deps: Pick<Deps, "env" | "db" | "clock" | "fetch">): Hono<SessionEnv> {
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
