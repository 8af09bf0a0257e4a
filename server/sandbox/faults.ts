// Fault orders for the sandbox platforms (the POS, the ledgers, the email provider): "answer the next N
// calls to <target> with 500 / 401 / 429, or slowly". Tests and people place them with POST
// /sandbox/faults; each sandbox API runs faultMiddleware first, so a faulted call never reaches the API.
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { z } from "zod";

export const FAULT_TARGETS = ["pos", "qbo", "xero", "mail"] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];
export const FAULT_KINDS = ["500", "401", "429", "slow"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FaultOrderInput = z.object({
  target: z.enum(FAULT_TARGETS),
  fault: z.enum(FAULT_KINDS),
  count: z.coerce.number().int().min(1).max(1_000),
  /** slow: how long to wait before answering (default 30 s); 429: the Retry-After, rounded up to seconds. */
  delayMs: z.coerce.number().int().min(0).max(600_000).optional(),
});
export type FaultOrderInput = z.infer<typeof FaultOrderInput>;

export interface FaultOrder extends FaultOrderInput {
  id: number;
  /** Calls still to fault. */
  remaining: number;
}

export interface SandboxFaults {
  order(input: FaultOrderInput): FaultOrder;
  /** The fault the next call to `target` gets, if any (and counts it). */
  take(target: FaultTarget): { fault: FaultKind; delayMs?: number } | undefined;
  pending(): FaultOrder[];
  clear(): void;
}

/** Make one per process and give it to every sandbox API and to createFaultRoutes. */
export function createSandboxFaults(): SandboxFaults {
  let orders: FaultOrder[] = [];
  let nextId = 1;
  return {
    order(input) {
      const order = { ...input, id: nextId++, remaining: input.count };
      orders.push(order);
      return order;
    },
    take(target) {
      const order = orders.find((candidate) => candidate.target === target && candidate.remaining > 0);
      if (!order) return undefined;
      order.remaining--;
      orders = orders.filter((candidate) => candidate.remaining > 0);
      return { fault: order.fault, ...(order.delayMs !== undefined && { delayMs: order.delayMs }) };
    },
    pending: () => orders.map((order) => ({ ...order })),
    clear() {
      orders = [];
    },
  };
}

/** `/sandbox/faults`: GET lists pending orders, POST places one (JSON or a form), DELETE clears them. */
export function createFaultRoutes(faults: SandboxFaults): Hono {
  return new Hono()
    .get("/", (c) => c.json({ faults: faults.pending() }))
    .post("/", async (c) => {
      const isForm = (c.req.header("Content-Type") ?? "").includes("form");
      const body: unknown = isForm ? await c.req.parseBody() : await c.req.json().catch(() => undefined);
      const parsed = FaultOrderInput.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return c.json({ error: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` }, 400);
      }
      return c.json({ fault: faults.order(parsed.data) }, 201);
    })
    .delete("/", (c) => {
      faults.clear();
      return c.json({ faults: [] });
    });
}

export type FaultAnswer = (c: Context, fault: "500" | "401" | "429", retryAfterSeconds: number) => Response;

export interface FaultMiddlewareOptions {
  /** How the target answers a fault (its own error shape); a plain JSON error by default. */
  answer?: FaultAnswer;
  /** Waits for a slow answer; the default gives up when the caller aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const SLOW_DEFAULT_MS = 30_000;

export function faultMiddleware(
  faults: SandboxFaults,
  target: FaultTarget,
  options: FaultMiddlewareOptions = {},
): MiddlewareHandler {
  const answer = options.answer ?? plainAnswer;
  const sleep = options.sleep ?? abortableSleep;
  return async (c, next) => {
    const taken = faults.take(target);
    if (!taken) return next();
    if (taken.fault === "slow") {
      await sleep(taken.delayMs ?? SLOW_DEFAULT_MS, c.req.raw.signal);
      return next();
    }
    return answer(c, taken.fault, Math.max(1, Math.ceil((taken.delayMs ?? 1_000) / 1_000)));
  };
}

const plainAnswer: FaultAnswer = (c, fault, retryAfterSeconds) => {
  if (fault === "429") c.header("Retry-After", String(retryAfterSeconds));
  return c.json({ error: `sandbox fault order: ${fault}` }, Number(fault) as 500 | 401 | 429);
};

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
