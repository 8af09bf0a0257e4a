// Store-days: sales totals over a date range, one day in detail, its support export, Load missing.
// Every route runs after the session-token middleware and reads only the session's account.
import { Hono } from "hono";
import { z } from "zod";
import type { DayDetail } from "../../shared/api";
import { toLocale } from "../../shared/i18n";
import { IsoDate } from "../../shared/schemas/common";
import { requireRole, type SessionEnv } from "../auth/sessionToken";
import { DAY_STATUSES } from "../db/schema";
import type { Deps } from "../deps";
import { listDayDocuments } from "../repos/documents";
import { listExecutions } from "../repos/executions";
import { findStoreDay, listStoreDays } from "../repos/storeDays";
import { findStore, listStores } from "../repos/stores";
import { availableActions } from "../services/dayGuards";
import { loadMissing } from "../services/loadMissing";
import { supportCsv } from "../services/supportExport";
import { notFound, valid } from "./validate";
import { dayView, documentView, executionView, storeView } from "./views";

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

/** At most 366 days at a time: a longer range is a bulk job for the scheduler. */
const LoadMissingInput = z
  .object({ storeIds: z.array(z.string().min(1)).min(1).max(100), from: IsoDate, to: IsoDate })
  .refine((input) => input.from <= input.to, { path: ["to"], message: "must be on or after from" })
  .refine((input) => Date.parse(input.to) - Date.parse(input.from) <= 365 * 86_400_000, {
    path: ["to"],
    message: "a range of at most 366 days: use the POS Load Scheduler for more",
  });

export function dayRoutes(deps: Pick<Deps, "env" | "db" | "clock" | "fetch" | "queue">) {
  const { db } = deps;
  return new Hono<SessionEnv>()
    .get("/days", valid("query", DaysQuery), async (c) => {
      const query = c.req.valid("query");
      const accountId = c.var.session.account.id;
      const days = await listStoreDays(db, accountId, {
        storeId: query.storeId,
        from: query.from,
        to: query.to,
        statuses: query.status,
      });
      return c.json({ days });
    })
    .get("/days/:storeId/:date", valid("param", DayParams), async (c) => {
      const { storeId, date } = c.req.valid("param");
      const { account, role } = c.var.session;
      const store = await findStore(db, account.id, storeId);
      if (!store) return c.json(notFound("store"), 404);
      const day = await findStoreDay(db, { accountId: account.id, storeId, salesDate: date });
      const [docs, runs, actions] = await Promise.all([
        day ? listDayDocuments(db, account.id, day.id) : [],
        listExecutions(db, account.id, { storeId, salesDate: date, limit: 20 }),
        // Cashiers see the tab but may not act: they are not told what they could not do anyway.
        role === "cashier" ? undefined : availableActions(deps, { account, store, salesDate: date, day }),
      ]);
      const detail: DayDetail = {
        store: storeView(store),
        day: dayView(storeId, date, day),
        documents: docs.map(documentView),
        executions: runs.map(executionView),
        ...(actions && { actions }),
      };
      return c.json(detail);
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
    );
}
