// The POS side of the mapping screens: the account's categories, discounts, taxes, payment types and
// items, read from the POS now, with the ids the PosDay uses. Runs after the session-token middleware
// and asks the POS with the session's account's connection only.
import { Hono } from "hono";
import { z } from "zod";
import { CATALOG_KINDS, type CatalogPage } from "../../shared/api";
import type { SessionEnv } from "../auth/sessionToken";
import type { Deps } from "../deps";
import { posClientFor } from "../pos/forAccount";
import { PosAuthError, type PosClient, PosDataError, PosUnavailableError } from "../pos/port";
import { valid } from "./validate";

const CatalogParams = z.object({ kind: z.enum(CATALOG_KINDS) });

const CatalogQuery = z.object({
  search: z.string().max(100).optional(),
  /** The POS's cursor, as the previous page's `next` gave it. */
  after: z
    .string()
    .regex(/^[A-Za-z0-9+/=_-]{1,1000}$/, "expected the next of the previous page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

type AccountClient = (account: { id: string; posAccountId: string }) => PosClient;

export function catalogRoutes(
  deps: Deps,
  clientFor: AccountClient = (account) => posClientFor(deps, account),
) {
  return new Hono<SessionEnv>().get(
    "/pos/catalog/:kind",
    valid("param", CatalogParams),
    valid("query", CatalogQuery),
    async (c) => {
      const { kind } = c.req.valid("param");
      const query = c.req.valid("query");
      try {
        const page: CatalogPage = await clientFor(c.var.session.account).catalog(kind, query);
        return c.json(page);
      } catch (error) {
        if (error instanceof PosAuthError)
          return c.json({ error: { code: "pos_reconnect_required", message: error.message } }, 409);
        // The POS cannot be reached now: the person may try again.
        if (error instanceof PosUnavailableError)
          return c.json({ error: { code: "unavailable", message: error.message } }, 503);
        if (error instanceof PosDataError)
          return c.json({ error: { code: "pos_error", message: error.message } }, 502);
        throw error;
      }
    },
  );
}
