// POST /webhooks/pos: verify the signature over the raw body, refuse stale deliveries, acknowledge a
// redelivery without redoing it, and queue the event before answering 200 (the POS gives us 5 s).
import { Hono } from "hono";
import { verifyHmacBase64 } from "../crypto/hmac";
import type { Deps } from "../deps";
import { toFieldErrors } from "../../shared/schemas/common";
import type { WebhookInbox } from "./inbox";
import { MAX_WEBHOOK_AGE_MS, WEBHOOK_SIGNATURE_HEADER, WebhookEnvelope } from "./envelope";

const refuse = (code: string, message: string, field?: string) => ({ error: { code, message, field } });

export function webhookRoutes(deps: Pick<Deps, "env" | "clock">, inbox: WebhookInbox): Hono {
  const { clock, env } = deps;
  return new Hono().post("/webhooks/pos", async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const signature = c.req.header(WEBHOOK_SIGNATURE_HEADER);
    if (!signature || !(await verifyHmacBase64(env.posClientSecret, raw, signature)))
      return c.json(refuse("invalid_signature", `missing or invalid ${WEBHOOK_SIGNATURE_HEADER}`), 401);

    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return c.json(refuse("malformed_json", "the body is not JSON"), 400);
    }
    const parsed = WebhookEnvelope.safeParse(json);
    if (!parsed.success) {
      const [first] = toFieldErrors(parsed.error);
      return c.json(refuse("invalid_delivery", first?.message ?? "invalid delivery", first?.path), 400);
    }
    const delivery = parsed.data;
    const age = clock() - Date.parse(delivery.triggeredAt);
    if (Math.abs(age) > MAX_WEBHOOK_AGE_MS)
      return c.json(refuse("stale_delivery", "triggered more than 5 minutes from now", "triggeredAt"), 400);

    return c.json({ status: await inbox.accept(delivery, clock()) });
  });
}
