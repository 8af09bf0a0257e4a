// The account's own API: who is signed in, its stores, sync health, settings.
// Every route runs after the session-token middleware and reads only the session's account.
import { Hono } from "hono";
import { z } from "zod";
import type { SessionView } from "../../shared/api";
import { IsoDate } from "../../shared/schemas/common";
import { requireRole, type SessionEnv } from "../auth/sessionToken";
import type { Deps } from "../deps";
import { updateAccountSettings } from "../repos/accounts";
import { listStores } from "../repos/stores";
import { syncHealth } from "../services/syncHealth";
import { valid } from "./validate";
import { storeView } from "./views";

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

function settingsOf(account: { postingDelayMinutes: number; syncStartDate: string; nightlyCutoff: string }) {
  const { postingDelayMinutes, syncStartDate, nightlyCutoff } = account;
  return { postingDelayMinutes, syncStartDate, nightlyCutoff };
}

export function accountRoutes(deps: Pick<Deps, "env" | "db" | "clock" | "fetch" | "queue">) {
  const { db } = deps;
  return new Hono<SessionEnv>()
    .get("/session", async (c) => {
      const { account, user, role, locale } = c.var.session;
      const session: SessionView = {
        account: {
          id: account.id,
          name: account.name,
          syncStartDate: account.syncStartDate,
          postingDelayMinutes: account.postingDelayMinutes,
        },
        user: { id: user.id, name: user.name, email: user.email, role },
        locale,
        stores: (await listStores(db, account.id)).map(storeView),
      };
      return c.json(session);
    })
    .get("/stores", async (c) => c.json({ stores: await listStores(db, c.var.session.account.id) }))
    .get("/health", async (c) => c.json(await syncHealth(db, c.var.session.account.id, deps.clock())))
    .get("/settings", (c) => c.json(settingsOf(c.var.session.account)))
    .put("/settings", requireRole("super_user"), valid("json", SettingsInput), async (c) => {
      const { account } = c.var.session;
      const changes = c.req.valid("json");
      const updated = await updateAccountSettings(db, account.id, changes, deps.clock());
      return c.json(settingsOf(updated ?? account));
    });
}
