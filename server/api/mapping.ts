// The mapping screens' API (DESIGN §5, seed 002): the versions and the draft, its advice against the
// ledger's chart, the preview, activation, and Regenerate over a range to apply a new mapping to past
// days. Every route runs after the session-token middleware and reads only the session's account.
import { Hono } from "hono";
import { z } from "zod";
import type { MappingState } from "../../shared/api";
import { IsoDate } from "../../shared/schemas/common";
import { MappingSchema } from "../../shared/schemas/mapping";
import { requireRole, type SessionEnv } from "../auth/sessionToken";
import type { Deps } from "../deps";
import { listStores } from "../repos/stores";
import { mappingState, mappingVersion, saveMappingDraft } from "../services/mapping";
import { activateDraft } from "../services/mappingActivate";
import { previewMapping } from "../services/mappingPreview";
import { MAX_REGENERATE_DAYS, regenerateRange } from "../services/regenerateRange";
import { notFound, valid } from "./validate";

const VersionParams = z.object({ version: z.coerce.number().int().positive() });

const PreviewInput = z
  .object({
    storeId: z.string().min(1).optional(),
    date: IsoDate.optional(),
    /** Unsaved edits to preview instead of the draft. */
    mapping: MappingSchema.optional(),
  })
  .refine((input) => !input.date || input.storeId, { path: ["storeId"], message: "required with date" });

const RegenerateInput = z
  .object({
    from: IsoDate,
    to: IsoDate,
    storeIds: z.array(z.string().min(1)).min(1).max(100).optional(),
  })
  .refine((input) => input.from <= input.to, { path: ["to"], message: "must be on or after from" });

const DAY_MS = 86_400_000;

export function mappingRoutes(deps: Deps) {
  const { db } = deps;
  const writers = requireRole("super_user", "manager");
  return new Hono<SessionEnv>()
    .get("/mapping", async (c) => c.json(await mappingState(deps, c.var.session.account.id)))
    .get("/mapping/versions/:version", valid("param", VersionParams), async (c) => {
      const found = await mappingVersion(deps, c.var.session.account.id, c.req.valid("param").version);
      if (!found) return c.json(notFound("mapping version"), 404);
      return c.json(found);
    })
    .put("/mapping/draft", writers, valid("json", MappingSchema), async (c) => {
      const { account, user } = c.var.session;
      const state: MappingState = await saveMappingDraft(deps, {
        accountId: account.id,
        mapping: c.req.valid("json"),
        userId: user.id,
      });
      return c.json(state);
    })
    .post("/mapping/activate", writers, async (c) => {
      const { account, user } = c.var.session;
      const outcome = await activateDraft(deps, { account, actor: user.id });
      if (!outcome.ok) {
        const { status, code, message, field } = outcome;
        return c.json({ error: { code, message, ...(field !== undefined && { field }) } }, status);
      }
      return c.json(outcome.result);
    })
    .post("/mapping/preview", valid("json", PreviewInput), async (c) => {
      const outcome = await previewMapping(deps, c.var.session.account, c.req.valid("json"));
      if (!outcome.ok) return c.json(notFound(outcome.missing === "store" ? "store" : "store-day data"), 404);
      return c.json(outcome.preview);
    })
    .post("/days/regenerate", writers, valid("json", RegenerateInput), async (c) => {
      const input = c.req.valid("json");
      const { account, user } = c.var.session;
      if ((Date.parse(input.to) - Date.parse(input.from)) / DAY_MS + 1 > MAX_REGENERATE_DAYS)
        return c.json(
          {
            error: {
              code: "range_too_long",
              field: "to",
              message: `to: a range of at most ${MAX_REGENERATE_DAYS} days: use the POS Load Scheduler for more`,
            },
          },
          422,
        );
      if (input.storeIds) {
        const own = new Set((await listStores(db, account.id)).map((store) => store.id));
        const unknown = input.storeIds.find((id) => !own.has(id));
        if (unknown)
          return c.json(
            {
              error: { code: "invalid_request", field: "storeIds", message: `storeIds: no store ${unknown}` },
            },
            400,
          );
      }
      return c.json(await regenerateRange(deps, { account, actor: user.id, ...input }));
    });
}
