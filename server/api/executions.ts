// Executions (what support reads first) and their log lines.
// Every route runs after the session-token middleware and reads only the session's account.
import { Hono } from "hono";
import { z } from "zod";
import { IsoDate } from "../../shared/schemas/common";
import type { SessionEnv } from "../auth/sessionToken";
import type { Deps } from "../deps";
import { findExecution, listExecutionLogs, listExecutions } from "../repos/executions";
import { notFound, valid } from "./validate";

const ExecutionsQuery = z.object({
  storeId: z.string().min(1).optional(),
  date: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function executionRoutes(deps: Pick<Deps, "db">) {
  const { db } = deps;
  return new Hono<SessionEnv>()
    .get("/executions/:id/logs", async (c) => {
      const accountId = c.var.session.account.id;
      const id = c.req.param("id");
      const execution = await findExecution(db, accountId, id);
      if (!execution) return c.json(notFound("execution"), 404);
      return c.json({ execution, logs: await listExecutionLogs(db, accountId, id) });
    })
    .get("/executions", valid("query", ExecutionsQuery), async (c) => {
      const query = c.req.valid("query");
      const rows = await listExecutions(db, c.var.session.account.id, {
        storeId: query.storeId,
        salesDate: query.date,
        limit: query.limit,
      });
      return c.json({ executions: rows });
    });
}
