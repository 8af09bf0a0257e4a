// Reload / Regenerate / Post of one store-day from its Accounting tab: the rules first (a refusal is
// 409 or 422 with its reason and changes nothing), then the service, run now on behalf of the user;
// the answer is the day as it now is.
import { Hono } from "hono";
import { z } from "zod";
import { IsoDate } from "../../shared/schemas/common";
import { requireRole, type SessionEnv } from "../auth/sessionToken";
import type { Deps } from "../deps";
import { ledgerClientFor } from "../ledger/forAccount";
import { LedgerUnavailableError } from "../ledger/port";
import { posClientFor } from "../pos/forAccount";
import { PosUnavailableError } from "../pos/port";
import { RetryLater } from "../queue/port";
import { findStoreDay } from "../repos/storeDays";
import { findStore } from "../repos/stores";
import { type DayAction, refusalOf } from "../services/dayGuards";
import { loadStoreDay } from "../services/loadDay";
import { postStoreDay } from "../services/postDay";
import { regenerateStoreDay } from "../services/regenerateDay";
import { valid } from "./validate";

const ActionParams = z.object({
  storeId: z.string().min(1),
  date: IsoDate,
  action: z.enum(["reload", "regenerate", "post"]),
});

export function dayActionRoutes(deps: Deps) {
  // Cashiers see the Accounting tab; only managers and super users change what goes to the books.
  return new Hono<SessionEnv>().post(
    "/days/:storeId/:date/:action",
    requireRole("super_user", "manager"),
    valid("param", ActionParams),
    async (c) => {
      const { storeId, date, action } = c.req.valid("param");
      const { account, user } = c.var.session;
      const store = await findStore(deps.db, account.id, storeId);
      if (!store) return c.json({ error: { code: "not_found", message: "store not found" } }, 404);
      const key = { accountId: account.id, storeId, salesDate: date };
      const refusal = await refusalOf(deps, action, {
        account,
        store,
        salesDate: date,
        day: await findStoreDay(deps.db, key),
      });
      if (refusal) return c.json({ error: { code: refusal.code, message: refusal.message } }, refusal.status);

      const request = { ...key, trigger: "user" as const, actor: user.id };
      try {
        const outcome = await run(deps, action, request);
        return c.json({ outcome, day: await findStoreDay(deps.db, key) });
      } catch (error) {
        // The POS or the ledger cannot be reached now: nothing was lost, the person may try again.
        if (
          error instanceof RetryLater ||
          error instanceof PosUnavailableError ||
          error instanceof LedgerUnavailableError
        )
          return c.json({ error: { code: "unavailable", message: error.message } }, 503);
        throw error;
      }
    },
  );
}

function run(
  deps: Deps,
  action: DayAction,
  request: { accountId: string; storeId: string; salesDate: string; trigger: "user"; actor: string },
) {
  switch (action) {
    case "reload":
      return loadStoreDay(deps, (account) => posClientFor(deps, account), { ...request, reload: true });
    case "regenerate":
      return regenerateStoreDay(deps, request);
    case "post":
      return postStoreDay(deps, (accountId) => ledgerClientFor(deps, accountId), request);
  }
}
