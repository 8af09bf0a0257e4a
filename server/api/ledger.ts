// The connected ledger: its connection, its cached chart, disconnecting it.
// Every route runs after the session-token middleware and reads only the session's account.
import { Hono } from "hono";
import { z } from "zod";
import { requireRole, type SessionEnv } from "../auth/sessionToken";
import type { Deps } from "../deps";
import { connectedLedger } from "../ledger/forAccount";
import { LEDGER_KINDS, LedgerAuthError, LedgerUnavailableError } from "../ledger/port";
import { listConnectionStatuses } from "../repos/connections";
import { disconnectLedger, ledgerChart } from "../services/ledgerChart";
import { valid } from "./validate";

const ChartQuery = z.object({ refresh: z.enum(["0", "1"]).optional() });

export function ledgerRoutes(deps: Pick<Deps, "env" | "db" | "clock" | "fetch" | "queue">) {
  return new Hono<SessionEnv>()
    .get("/ledger", async (c) => {
      const accountId = c.var.session.account.id;
      const ledger = await connectedLedger(deps, accountId);
      const all = await listConnectionStatuses(deps.db, accountId, LEDGER_KINDS);
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
      await disconnectLedger(deps, account.id, user.id);
      return c.json({ connected: null });
    });
}
