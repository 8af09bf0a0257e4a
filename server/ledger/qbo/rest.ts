// QuickBooks Online's Accounting API as the adapter uses it: queries with paging, create, sparse update,
// read and delete of one entity, every request under `{apiUrl}/company/{realmId}/` with the pinned
// `minorversion`. Transport concerns (limiter, token, retries, 401/403/429/5xx) are createLedgerHttp's; a
// refusal QuickBooks words as a Fault comes back as a QboFault.
import { z } from "zod";
import type { LedgerSend } from "../http";

export interface QboFaultError {
  message: string;
  detail: string;
  code: string;
  element?: string;
}

/** QuickBooks refused a request (a 4xx with its Fault body). */
export class QboFault extends Error {
  override name = "QboFault";
  constructor(
    readonly status: number,
    readonly errors: QboFaultError[],
  ) {
    super(errors.map((error) => `${error.detail || error.message} (${error.code})`).join("; "));
  }

  has(code: string): boolean {
    return this.errors.some((error) => error.code === code);
  }
}

/** What the adapter needs back from a write: the object's id, version and number. */
const Saved = z.looseObject({ Id: z.string(), SyncToken: z.string(), DocNumber: z.string().optional() });
export type Saved = z.infer<typeof Saved>;

const FaultBody = z.object({
  Fault: z.object({
    Error: z.array(
      z.object({
        Message: z.string().default(""),
        Detail: z.string().default(""),
        code: z.string().default(""),
        element: z.string().optional(),
      }),
    ),
  }),
});
// Authentication faults come in lower case.
const LowerFaultBody = z.object({
  fault: z.object({
    error: z.array(
      z.object({
        message: z.string().default(""),
        detail: z.string().default(""),
        code: z.string().default(""),
      }),
    ),
  }),
});

export interface QboRestOptions {
  apiUrl: string;
  realmId: string;
  minorVersion: number;
  send: LedgerSend;
}

export function createQboRest(options: QboRestOptions) {
  const { send, minorVersion } = options;
  const base = `${options.apiUrl.replace(/\/+$/, "")}/company/${encodeURIComponent(options.realmId)}`;
  const url = (path: string, params: Record<string, string> = {}) =>
    `${base}/${path}?${new URLSearchParams({ ...params, minorversion: String(minorVersion) })}`;

  async function call(method: "GET" | "POST", target: string, body?: unknown): Promise<unknown> {
    const answer = await send({ method, url: target, ...(body !== undefined && { body }) });
    if (answer.status >= 200 && answer.status < 300) return answer.json;
    throw faultOf(answer.status, answer.json, answer.text);
  }

  function saved(entity: string, answer: unknown): Saved {
    const parsed = z.object({ [entity]: Saved }).safeParse(answer);
    if (!parsed.success)
      throw new Error(`QuickBooks answered a write of ${entity} without its Id and SyncToken`);
    return parsed.data[entity] as Saved;
  }

  const path = (entity: string) => entity.toLowerCase();

  return {
    /** One page of `select * from {entity} [where …]`, positions from 1. */
    async query(entity: string, where: string, startPosition: number, maxResults: number) {
      const text = `select * from ${entity}${where ? ` where ${where}` : ""} STARTPOSITION ${startPosition} MAXRESULTS ${maxResults}`;
      const answer = await call("GET", url("query", { query: text }));
      const parsed = z.object({ QueryResponse: z.record(z.string(), z.unknown()) }).safeParse(answer);
      if (!parsed.success)
        throw new Error(`QuickBooks answered a query of ${entity} without a QueryResponse`);
      const records = parsed.data.QueryResponse[entity];
      return Array.isArray(records) ? (records as Record<string, unknown>[]) : [];
    },

    /** Every record of a query, `pageSize` at a time until a short page. */
    async queryAll(entity: string, where: string, pageSize: number) {
      const records: Record<string, unknown>[] = [];
      for (let start = 1; ; start += pageSize) {
        const page = await this.query(entity, where, start, pageSize);
        records.push(...page);
        if (page.length < pageSize) return records;
      }
    },

    async create(entity: string, body: object, requestId: string): Promise<Saved> {
      return saved(entity, await call("POST", url(path(entity), { requestid: requestId }), body));
    },

    /** A sparse update: the fields in `body` replace the object's, the others stay. */
    async update(
      entity: string,
      id: string,
      syncToken: string,
      body: object,
      requestId: string,
    ): Promise<Saved> {
      const sparse = { ...body, Id: id, SyncToken: syncToken, sparse: true };
      return saved(entity, await call("POST", url(path(entity), { requestid: requestId }), sparse));
    },

    async read(entity: string, id: string): Promise<Saved> {
      return saved(entity, await call("GET", url(`${path(entity)}/${encodeURIComponent(id)}`)));
    },

    async remove(entity: string, id: string, syncToken: string, requestId: string): Promise<void> {
      await call("POST", url(path(entity), { operation: "delete", requestid: requestId }), {
        Id: id,
        SyncToken: syncToken,
      });
    },
  };
}

export type QboRest = ReturnType<typeof createQboRest>;

function faultOf(status: number, json: unknown, text: string): QboFault {
  const upper = FaultBody.safeParse(json);
  if (upper.success)
    return new QboFault(
      status,
      upper.data.Fault.Error.map((error) => ({
        message: error.Message,
        detail: error.Detail,
        code: error.code,
        ...(error.element && { element: error.element }),
      })),
    );
  const lower = LowerFaultBody.safeParse(json);
  if (lower.success) return new QboFault(status, lower.data.fault.error);
  return new QboFault(status, [
    { message: `QuickBooks answered ${status}`, detail: text.slice(0, 300), code: "" },
  ]);
}
