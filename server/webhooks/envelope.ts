// The POS's webhook delivery (the sandbox POS sends exactly this; see server/sandbox/pos/webhookSender.ts).
import { z } from "zod";
import { manifest } from "../manifest";

export const WEBHOOK_SIGNATURE_HEADER = "X-Pos-Hmac-Sha256";
/** Deliveries triggered longer ago than this are refused: a captured request cannot be replayed later. */
export const MAX_WEBHOOK_AGE_MS = 5 * 60_000;

const Id = z.union([z.string().min(1), z.number().int()]).transform(String);

export const WebhookEnvelope = z.object({
  deliveryId: z.string().min(1).max(200),
  topic: z
    .string()
    .refine((topic) => manifest.webhooks.topics.includes(topic), "is not a topic Daybook subscribes to"),
  accountId: Id,
  triggeredAt: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookEnvelope = z.infer<typeof WebhookEnvelope>;

export const SaleVoided = z.object({
  shopID: Id,
  saleID: Id,
  completeTime: z.iso.datetime({ offset: true }),
});
export const RegisterClosed = z.object({
  shopID: Id,
  registerID: Id,
  openTime: z.iso.datetime({ offset: true }),
});
export const StoreCreated = z.object({ shopID: Id });
