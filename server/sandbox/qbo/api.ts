// The sandbox QuickBooks Online Accounting API (v3), mounted at /sandbox/qbo/v3, in QuickBooks' JSON
// shapes: under /company/{realmId}/, `query` over the name lists (Account, Item, TaxCode, TaxRate, Class,
// Vendor) and the posted JournalEntry / SalesReceipt / RefundReceipt; create, update (sparse or full,
// with the SyncToken) and delete (`?operation=delete`) of those transactions; a read by id; CompanyInfo.
// Bearer tokens come from the sandbox OAuth server and open one company only; `requestid` replays the
// answer of a write that already happened; 500 requests a minute per company; fault orders for `qbo`.
import { type Context, Hono } from "hono";
import type { Clock } from "../../clock";
import { createSandboxFaults, faultMiddleware, type FaultAnswer, type SandboxFaults } from "../faults";
import { type SandboxBooks, type StoredAnswer, TRANSACTION_ENTITIES, type TransactionEntity } from "./books";
import { companyByRealm, listOf, type QboObject, type SandboxCompany } from "./companies";
import { faultBody, faultResponse, QBO_ERRORS, QboFaultError, qboTime } from "./fault";
import { parseQuery, QueryError, runQuery } from "./query";
import { createRealmRateLimit, type RealmRateLimit } from "./rateLimit";
import { createSerializer } from "./serial";
import { buildTransaction, inputFormOf } from "./transactions";

export interface SandboxQboApiOptions {
  clock: Clock;
  books: SandboxBooks;
  /** The realm and app a bearer token was issued for, or null. */
  authenticate: (accessToken: string) => Promise<{ realmId: string } | null>;
  faults?: SandboxFaults;
  rateLimit?: RealmRateLimit;
  /** Waits for a "slow" fault order. */
  faultSleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

type Env = { Variables: { company: SandboxCompany } };

const ENTITY_PATHS: Record<string, TransactionEntity> = {
  journalentry: "JournalEntry",
  salesreceipt: "SalesReceipt",
  refundreceipt: "RefundReceipt",
};
const MAX_REQUEST_ID = 50;

const isTransaction = (entity: string): entity is TransactionEntity =>
  (TRANSACTION_ENTITIES as readonly string[]).includes(entity);

export function createSandboxQboApi(options: SandboxQboApiOptions): Hono<Env> {
  const { clock, books } = options;
  const faults = options.faults ?? createSandboxFaults();
  const rateLimit = options.rateLimit ?? createRealmRateLimit(clock);
  const serialized = createSerializer();
  const app = new Hono<Env>();

  const refuse = (c: Context, fault: QboFaultError) => faultResponse(c, clock, fault);
  const authenticationFault = (detail: string) =>
    new QboFaultError(401, "AUTHENTICATION", [
      {
        Message: "message=AuthenticationFailed; errorCode=003200; statusCode=401",
        Detail: detail,
        code: "3200",
      },
    ]);
  const throttled = (c: Context, retryAfterSeconds: number) => {
    c.header("Retry-After", String(retryAfterSeconds));
    return refuse(
      c,
      new QboFaultError(429, "ThrottleExceeded", [
        {
          Message: "message=ThrottleExceeded; errorCode=003001; statusCode=429",
          Detail: "The request limit was reached.",
          code: "3001",
        },
      ]),
    );
  };
  const faultAnswer: FaultAnswer = (c, fault, retryAfterSeconds) => {
    if (fault === "401") return refuse(c, authenticationFault("Token expired (sandbox fault order)"));
    if (fault === "429") return throttled(c, retryAfterSeconds);
    return refuse(
      c,
      new QboFaultError(500, "SystemFault", [
        {
          Message: "An application error has occurred while processing your request",
          Detail: "System Failure Error: sandbox fault order",
          code: "10000",
        },
      ]),
    );
  };

  app.use(faultMiddleware(faults, "qbo", { answer: faultAnswer, sleep: options.faultSleep }));

  app.use("/company/:realmId/*", async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
    const grant = token ? await options.authenticate(token) : null;
    if (!grant) {
      c.header("WWW-Authenticate", 'Bearer realm="Intuit", error="invalid_token"');
      return refuse(c, authenticationFault("Token expired, revoked or unknown"));
    }
    const realmId = c.req.param("realmId");
    const company = companyByRealm(realmId);
    if (!company || grant.realmId !== realmId)
      return refuse(
        c,
        new QboFaultError(403, "AuthorizationFault", [
          {
            Message: "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
            Detail: `The access token was not granted for company ${realmId}`,
            code: "3100",
          },
        ]),
      );
    const taken = rateLimit.take(realmId);
    if (!taken.allowed) return throttled(c, taken.retryAfterSeconds);
    c.set("company", company);
    await next();
  });

  app.get("/company/:realmId/companyinfo/:id", (c) => {
    const company = c.get("company");
    return c.json({
      CompanyInfo: {
        Id: "1",
        SyncToken: "0",
        CompanyName: company.name,
        LegalName: company.name,
        Country: company.country,
        domain: "QBO",
        sparse: false,
      },
      time: qboTime(clock),
    });
  });

  app.get("/company/:realmId/query", async (c) => {
    const company = c.get("company");
    try {
      const query = parseQuery(c.req.query("query") ?? "");
      const names = listOf(company, query.entity);
      const records =
        names ?? (isTransaction(query.entity) ? await books.list(company.realmId, query.entity) : undefined);
      if (!records)
        throw new QueryError("invalid", `Entity ${query.entity} is not supported in this sandbox`);
      const result = runQuery(query, records, names !== undefined);
      const response =
        result.totalCount !== undefined
          ? { totalCount: result.totalCount }
          : result.records && result.records.length > 0
            ? {
                [query.entity]: result.records,
                startPosition: query.startPosition,
                maxResults: result.records.length,
              }
            : {};
      return c.json({ QueryResponse: response, time: qboTime(clock) });
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      const detail = error.message;
      return refuse(
        c,
        new QboFaultError(400, "ValidationFault", [
          error.kind === "parse" ? QBO_ERRORS.parseQuery(detail) : QBO_ERRORS.invalidQuery(detail),
        ]),
      );
    }
  });

  app.get("/company/:realmId/:entity/:id", async (c) => {
    const entity = ENTITY_PATHS[c.req.param("entity").toLowerCase()];
    if (!entity) return unsupported(c);
    const object = await books.get(c.get("company").realmId, entity, c.req.param("id"));
    if (!object) return refuse(c, new QboFaultError(400, "ValidationFault", [QBO_ERRORS.objectNotFound()]));
    return c.json({ [entity]: object, time: qboTime(clock) });
  });

  app.post("/company/:realmId/:entity", async (c) => {
    const entity = ENTITY_PATHS[c.req.param("entity").toLowerCase()];
    if (!entity) return unsupported(c);
    const company = c.get("company");
    const requestId = c.req.query("requestid");
    if (requestId !== undefined && (requestId.length === 0 || requestId.length > MAX_REQUEST_ID))
      return refuse(
        c,
        new QboFaultError(400, "ValidationFault", [
          QBO_ERRORS.unsupportedProperty(
            `requestid must have 1 to ${MAX_REQUEST_ID} characters`,
            "requestid",
          ),
        ]),
      );
    const body: unknown = await c.req.json().catch(() => undefined);
    const operation = c.req.query("operation");

    const outcome = await serialized(company.realmId, async (): Promise<StoredAnswer> => {
      if (requestId) {
        const earlier = await books.answered(company.realmId, requestId);
        if (earlier) return earlier;
      }
      try {
        if (typeof body !== "object" || body === null || Array.isArray(body))
          throw new QboFaultError(400, "ValidationFault", [
            QBO_ERRORS.unsupportedProperty(`the body must be a ${entity} object in JSON`),
          ]);
        const object = await write(company, entity, body as Record<string, unknown>, operation);
        const written = { status: 200, body: { [entity]: object, time: qboTime(clock) } };
        // Only what changed the books is replayed: a refused request can be sent again once fixed.
        if (requestId) await books.remember(company.realmId, requestId, written);
        return written;
      } catch (error) {
        if (!(error instanceof QboFaultError)) throw error;
        return { status: 400, body: faultBody(clock, error.type, error.errors) };
      }
    });
    return c.json(outcome.body as object, outcome.status as 200 | 400);
  });

  async function write(
    company: SandboxCompany,
    entity: TransactionEntity,
    body: Record<string, unknown>,
    operation: string | undefined,
  ): Promise<QboObject> {
    const now = qboTime(clock);
    if (operation === "delete" || body.Id !== undefined) {
      const existing = await books.get(company.realmId, entity, String(body.Id ?? ""));
      if (!existing) throw new QboFaultError(400, "ValidationFault", [QBO_ERRORS.objectNotFound()]);
      if (body.SyncToken === undefined)
        throw new QboFaultError(400, "ValidationFault", [
          QBO_ERRORS.requiredMissing("SyncToken", "SyncToken"),
        ]);
      if (String(body.SyncToken) !== existing.SyncToken)
        throw new QboFaultError(400, "ValidationFault", [QBO_ERRORS.staleObject()]);
      if (operation === "delete") {
        await books.remove(company.realmId, entity, existing.Id);
        return { Id: existing.Id, domain: "QBO", status: "Deleted" };
      }
      const changes = Object.fromEntries(
        Object.entries(body).filter(
          ([key]) => !["Id", "SyncToken", "sparse", "MetaData", "domain"].includes(key),
        ),
      );
      const input = body.sparse === true ? { ...inputFormOf(existing), ...changes } : changes;
      const updated = buildTransaction(entity, input, company, {
        Id: existing.Id,
        SyncToken: String(Number(existing.SyncToken) + 1),
        createTime: String((existing.MetaData as { CreateTime?: string } | undefined)?.CreateTime ?? now),
        updateTime: now,
        today: now.slice(0, 10),
      });
      await books.put(company.realmId, entity, updated);
      return updated;
    }
    // Checked before an id is taken, so a refused create leaves no gap in the sequence.
    const checked = buildTransaction(entity, body, company, {
      Id: "",
      SyncToken: "0",
      createTime: now,
      updateTime: now,
      today: now.slice(0, 10),
    });
    const created = { ...checked, Id: await books.nextId(company.realmId) };
    await books.put(company.realmId, entity, created);
    return created;
  }

  function unsupported(c: Context) {
    return refuse(
      c,
      new QboFaultError(400, "ValidationFault", [
        QBO_ERRORS.unsupportedProperty(
          `Unsupported Operation: ${c.req.method} ${c.req.path} is not in this sandbox`,
        ),
      ]),
    );
  }

  return app;
}
