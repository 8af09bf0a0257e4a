// The sandbox Xero Accounting API (`/api.xro/2.0`), in Xero's JSON shapes: the chart (Accounts, Items,
// TaxRates, TrackingCategories, Contacts), ManualJournals, Invoices, CreditNotes and Payments. Every
// call needs a live access token, a `xero-tenant-id` the app is connected to (else 403) and the scope
// of the resource; the organisation's limits apply (60 a minute, 5 at once); then fault orders for
// target `xero`. A write with an Idempotency-Key already answered in the last 24 hours gets that first
// answer again (status and body), and nothing is written twice.
import { type Context, Hono } from "hono";
import type { Clock } from "../../clock";
import { newId } from "../../crypto/random";
import type { Db } from "../../db/client";
import { createSandboxFaults, type FaultAnswer, faultMiddleware, type SandboxFaults } from "../faults";
import { buildJournal, type Built, journalWire } from "./journals";
import {
  changeLedger,
  type LedgerState,
  readLedger,
  type SalesKind,
  type StoredPayment,
} from "./ledgerState";
import { unauthorized, xeroAccessOf } from "./oauth";
import {
  accountClass,
  organisationById,
  type SandboxContact,
  type SandboxOrganisation,
} from "./organisations";
import { buildPayment, deletionErrors, paymentWire } from "./payments";
import { createXeroRateLimits, type XeroRateLimits } from "./rateLimit";
import { allContacts, buildSalesDocument, SALES_KINDS, salesWire, settle } from "./salesDocuments";
import { badRequest, envelope, money, msTimestamp, notFound, validationBody, whereFilter } from "./wire";

export const API_BASE = "/api.xro/2.0";
const REPLAY_MS = 24 * 60 * 60_000;
const MAX_IDEMPOTENCY_KEY = 128;
/** When the organisations' chart was last changed, for its UpdatedDateUTC. */
const CHART_UPDATED = Date.UTC(2026, 0, 15, 14);

export interface SandboxXeroApiOptions {
  db: Db;
  clock: Clock;
  faults?: SandboxFaults;
  /** Waits for a "slow" fault order. */
  faultSleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  limits?: XeroRateLimits;
}

type Env = { Variables: { organisation: SandboxOrganisation } };
type Answer = { status: 200 | 400; body: unknown } | { status: 404 };

/** The scopes that open each resource: [to read, to write]. */
const SCOPES: Record<string, [string[], string[]]> = {
  settings: [["accounting.settings", "accounting.settings.read"], ["accounting.settings"]],
  contacts: [["accounting.contacts", "accounting.contacts.read"], ["accounting.contacts"]],
  transactions: [["accounting.transactions", "accounting.transactions.read"], ["accounting.transactions"]],
};
const RESOURCE_SCOPES: Record<string, keyof typeof SCOPES> = {
  Accounts: "settings",
  Items: "settings",
  TaxRates: "settings",
  TrackingCategories: "settings",
  Contacts: "contacts",
  ManualJournals: "transactions",
  Invoices: "transactions",
  CreditNotes: "transactions",
  Payments: "transactions",
};

const forbidden = (c: Context, detail: string) =>
  c.json({ Type: null, Title: "Forbidden", Status: 403, Detail: detail, Extensions: {} }, 403);

const faultAnswer: FaultAnswer = (c, fault, retryAfterSeconds) => {
  if (fault === "401") return unauthorized(c);
  if (fault === "429") {
    c.header("Retry-After", String(retryAfterSeconds));
    c.header("X-Rate-Limit-Problem", "minute");
    return c.json({ Title: "Too Many Requests", Status: 429, Detail: "Sandbox fault order: 429" }, 429);
  }
  return c.json(
    {
      Title: "An error occurred",
      Status: 500,
      Detail:
        "An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.",
    },
    500,
  );
};

export function createSandboxXeroApi(options: SandboxXeroApiOptions): Hono<Env> {
  const { db, clock } = options;
  const faults = options.faults ?? createSandboxFaults();
  const limits = options.limits ?? createXeroRateLimits(clock);
  const app = new Hono<Env>().basePath(API_BASE);

  app.use(async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
    const access = token ? await xeroAccessOf(db, clock, token) : null;
    if (!access) return unauthorized(c);
    const tenantId = c.req.header("xero-tenant-id") ?? "";
    const organisation = organisationById(tenantId);
    if (!organisation || !access.tenantIds.includes(tenantId))
      return forbidden(c, "AuthorizationUnsuccessful: the app is not connected to this xero-tenant-id");
    const resource = /\/api\.xro\/2\.0\/([^/]+)/.exec(c.req.path)?.[1] ?? "";
    const group = RESOURCE_SCOPES[resource];
    if (group) {
      const [read, write] = SCOPES[group] as [string[], string[]];
      const needed = c.req.method === "GET" ? read : write;
      if (!needed.some((scope) => access.scopes.includes(scope)))
        return forbidden(c, `AuthorizationUnsuccessful: this call needs the scope ${needed[0]}`);
    }
    c.set("organisation", organisation);
    const admission = limits.admit(tenantId);
    if (!admission.allowed) {
      c.header("Retry-After", String(admission.retryAfterSeconds));
      c.header("X-Rate-Limit-Problem", admission.problem);
      return c.json(
        { Title: "Too Many Requests", Status: 429, Detail: `Rate limit exceeded: ${admission.problem}` },
        429,
      );
    }
    c.header("X-MinLimit-Remaining", String(admission.remaining));
    try {
      await next();
    } finally {
      admission.release();
    }
  });
  // Inside the limits: a faulted call counts, and a slow one holds its place among the five.
  app.use(faultMiddleware(faults, "xero", { answer: faultAnswer, sleep: options.faultSleep }));

  /** A write under the organisation's lock: a replay of its key, or `run` on a draft kept only on success. */
  async function write(c: Context<Env>, run: (draft: LedgerState) => Answer): Promise<Response> {
    const key = c.req.header("Idempotency-Key");
    if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY))
      return badRequest(c, `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY} characters.`);
    const now = clock();
    const answer = await changeLedger(db, c.var.organisation.tenantId, (state) => {
      for (const [stored, replay] of Object.entries(state.replays))
        if (replay.at <= now - REPLAY_MS) delete state.replays[stored];
      const replay = key !== undefined ? state.replays[key] : undefined;
      if (replay) return { status: replay.status, body: replay.body };
      const draft = structuredClone(state);
      const result = run(draft);
      if (result.status === 200) {
        Object.assign(state, draft);
        if (key !== undefined) state.replays[key] = { status: 200, body: result.body, at: now };
      }
      return result;
    });
    return answer.status === 404 ? notFound(c) : c.json(answer.body, answer.status);
  }

  const readBody = async (c: Context<Env>): Promise<Record<string, unknown> | undefined> => {
    const body: unknown = await c.req.json().catch(() => undefined);
    return typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  };

  /** The elements of a write: `{<Collection>: [...]}`, or one object on its own. */
  const elementsOf = (body: Record<string, unknown>, collection: string): Record<string, unknown>[] => {
    const list = body[collection];
    return Array.isArray(list) ? (list as Record<string, unknown>[]) : [body];
  };

  /** A batch written all or nothing: Xero's 400 lists every element with its messages. */
  function batch<T>(
    elements: Record<string, unknown>[],
    build: (element: Record<string, unknown>) => Built<T> | "not found",
    commit: (value: T) => unknown,
    collection: string,
  ): Answer {
    const results = elements.map((element) => build(element));
    if (results.includes("not found")) return { status: 404 };
    const built = results as Built<T>[];
    if (built.some((result) => "errors" in result))
      return {
        status: 400,
        body: validationBody(
          built.map((result, i) => ({
            element: elements[i],
            errors: "errors" in result ? result.errors : [],
          })),
        ),
      };
    return {
      status: 200,
      body: envelope(
        clock(),
        collection,
        built.map((result) => commit((result as { value: T }).value)),
      ),
    };
  }

  function list(c: Context<Env>, collection: string, items: Record<string, unknown>[]) {
    const filter = whereFilter(c.req.query("where"));
    if ("error" in filter)
      return c.json({ ErrorNumber: 16, Type: "QueryParseException", Message: filter.error }, 400);
    return c.json(envelope(clock(), collection, items.filter(filter)));
  }

  // The chart.
  app.get("/Accounts", (c) => list(c, "Accounts", c.var.organisation.accounts.map(accountWire)));
  app.get("/Items", (c) => list(c, "Items", c.var.organisation.items.map(itemWire)));
  app.get("/TaxRates", (c) => list(c, "TaxRates", c.var.organisation.taxRates.map(taxRateWire)));
  app.get("/TrackingCategories", (c) =>
    list(
      c,
      "TrackingCategories",
      c.var.organisation.trackingCategories as unknown as Record<string, unknown>[],
    ),
  );
  app.get("/Contacts", async (c) => {
    const state = await readLedger(db, c.var.organisation.tenantId);
    const archived = c.req.query("includeArchived") === "true";
    const contacts = allContacts({ organisation: c.var.organisation, state }).filter(
      (contact) => archived || contact.ContactStatus === "ACTIVE",
    );
    return list(c, "Contacts", contacts.map(contactWire));
  });
  app.on(["PUT", "POST"], "/Contacts", async (c) => {
    const body = await readBody(c);
    if (!body) return badRequest(c, "The request body could not be read as JSON.");
    const organisation = c.var.organisation;
    return write(c, (draft) =>
      batch<SandboxContact>(
        elementsOf(body, "Contacts"),
        (element) => {
          const name = typeof element.Name === "string" ? element.Name.trim() : "";
          if (element.ContactID !== undefined)
            return { errors: ["The sandbox creates contacts; it does not edit them."] };
          if (!name) return { errors: ["The contact name must be given."] };
          const taken = allContacts({ organisation, state: draft }).some(
            (contact) =>
              contact.ContactStatus === "ACTIVE" && contact.Name.toLowerCase() === name.toLowerCase(),
          );
          if (taken)
            return {
              errors: [
                `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`,
              ],
            };
          const contact: SandboxContact = {
            ContactID: newId(),
            Name: name,
            IsSupplier: false,
            IsCustomer: false,
            ContactStatus: "ACTIVE",
          };
          draft.contacts.push(contact);
          return { value: contact };
        },
        contactWire,
        "Contacts",
      ),
    );
  });

  // Manual journals.
  app.get("/ManualJournals", async (c) => {
    const state = await readLedger(db, c.var.organisation.tenantId);
    return list(
      c,
      "ManualJournals",
      state.journals.map((journal) => journalWire(c.var.organisation, journal)),
    );
  });
  app.get("/ManualJournals/:id", async (c) => {
    const state = await readLedger(db, c.var.organisation.tenantId);
    const journal = state.journals.find((candidate) => candidate.id === c.req.param("id"));
    return journal
      ? c.json(envelope(clock(), "ManualJournals", [journalWire(c.var.organisation, journal)]))
      : notFound(c);
  });
  const writeJournals = async (c: Context<Env>, id: string | undefined) => {
    const body = await readBody(c);
    if (!body) return badRequest(c, "The request body could not be read as JSON.");
    const organisation = c.var.organisation;
    return write(c, (draft) =>
      batch(
        elementsOf(body, "ManualJournals"),
        (element) => {
          const wanted = id ?? element.ManualJournalID;
          const previous = draft.journals.find((journal) => journal.id === wanted);
          if (wanted !== undefined && !previous) return "not found";
          return buildJournal(organisation, element, previous, clock());
        },
        (journal) => {
          const index = draft.journals.findIndex((candidate) => candidate.id === journal.id);
          if (index < 0) draft.journals.push(journal);
          else draft.journals[index] = journal;
          return journalWire(organisation, journal);
        },
        "ManualJournals",
      ),
    );
  };
  app.on(["PUT", "POST"], "/ManualJournals", (c) => writeJournals(c, undefined));
  app.post("/ManualJournals/:id", (c) => writeJournals(c, c.req.param("id")));

  // Invoices and credit notes.
  for (const kind of ["invoice", "creditNote"] as SalesKind[]) {
    const names = SALES_KINDS[kind];
    const path = `/${names.collection}`;
    app.get(path, async (c) => {
      const state = await readLedger(db, c.var.organisation.tenantId);
      const statuses = c.req.query("Statuses")?.split(",");
      const numbers = c.req.query("InvoiceNumbers")?.split(",");
      const documents = state.documents.filter(
        (document) =>
          document.kind === kind &&
          (!statuses || statuses.includes(document.status)) &&
          (!numbers || numbers.includes(document.number)),
      );
      return list(
        c,
        names.collection,
        documents.map((document) => salesWire(c.var.organisation, state, document)),
      );
    });
    app.get(`${path}/:id`, async (c) => {
      const state = await readLedger(db, c.var.organisation.tenantId);
      const document = state.documents.find((d) => d.kind === kind && d.id === c.req.param("id"));
      return document
        ? c.json(envelope(clock(), names.collection, [salesWire(c.var.organisation, state, document)]))
        : notFound(c);
    });
    const writeDocuments = async (c: Context<Env>, id: string | undefined) => {
      const body = await readBody(c);
      if (!body) return badRequest(c, "The request body could not be read as JSON.");
      const organisation = c.var.organisation;
      const unitDecimals = c.req.query("unitdp") === "4" ? 4 : 2;
      return write(c, (draft) => {
        const context = { organisation, state: draft, now: clock(), unitDecimals };
        return batch(
          elementsOf(body, names.collection),
          (element) => {
            const wanted = id ?? element[names.idField];
            const previous = draft.documents.find((d) => d.kind === kind && d.id === wanted);
            if (wanted !== undefined && !previous) return "not found";
            return buildSalesDocument(kind, context, element, previous);
          },
          (document) => {
            const index = draft.documents.findIndex((candidate) => candidate.id === document.id);
            if (index < 0) draft.documents.push(document);
            else draft.documents[index] = document;
            settle(draft, document);
            return salesWire(organisation, draft, document);
          },
          names.collection,
        );
      });
    };
    app.on(["PUT", "POST"], path, (c) => writeDocuments(c, undefined));
    app.post(`${path}/:id`, (c) => writeDocuments(c, c.req.param("id")));
  }

  // Payments.
  app.get("/Payments", async (c) => {
    const state = await readLedger(db, c.var.organisation.tenantId);
    return list(
      c,
      "Payments",
      state.payments.map((payment) => paymentWire(c.var.organisation, state, payment)),
    );
  });
  app.get("/Payments/:id", async (c) => {
    const state = await readLedger(db, c.var.organisation.tenantId);
    const payment = state.payments.find((candidate) => candidate.id === c.req.param("id"));
    return payment
      ? c.json(envelope(clock(), "Payments", [paymentWire(c.var.organisation, state, payment)]))
      : notFound(c);
  });
  app.on(["PUT", "POST"], "/Payments", async (c) => {
    const body = await readBody(c);
    if (!body) return badRequest(c, "The request body could not be read as JSON.");
    const organisation = c.var.organisation;
    return write(c, (draft) =>
      batch(
        elementsOf(body, "Payments"),
        (element) => {
          // Each payment is applied before the next is checked: two may not together exceed what is due.
          const built = buildPayment(organisation, draft, element, clock());
          if ("value" in built) applyPayment(draft, built.value);
          return built;
        },
        (payment) => paymentWire(organisation, draft, payment),
        "Payments",
      ),
    );
  });
  app.post("/Payments/:id", async (c) => {
    const body = await readBody(c);
    if (!body) return badRequest(c, "The request body could not be read as JSON.");
    const organisation = c.var.organisation;
    return write(c, (draft) =>
      batch<StoredPayment>(
        elementsOf(body, "Payments").slice(0, 1),
        (element) => {
          const payment = draft.payments.find((candidate) => candidate.id === c.req.param("id"));
          if (!payment) return "not found";
          const errors = deletionErrors(payment, element);
          if (errors.length) return { errors };
          payment.status = "DELETED";
          payment.updatedAt = clock();
          const document = draft.documents.find((candidate) => candidate.id === payment.documentId);
          if (document) settle(draft, document);
          return { value: payment };
        },
        (payment) => paymentWire(organisation, draft, payment),
        "Payments",
      ),
    );
  });

  return app;
}

function applyPayment(state: LedgerState, payment: StoredPayment): void {
  state.payments.push(payment);
  const document = state.documents.find((candidate) => candidate.id === payment.documentId);
  if (document) settle(state, document);
}

function accountWire(account: SandboxOrganisation["accounts"][number]): Record<string, unknown> {
  return {
    ...account,
    Class: accountClass(account.Type),
    SystemAccount: account.SystemAccount ?? "",
    BankAccountType: account.Type === "BANK" ? "BANK" : "",
    ...(account.Type === "BANK" && { CurrencyCode: "CAD" }),
    ShowInExpenseClaims: false,
    HasAttachments: false,
    AddToWatchlist: false,
    UpdatedDateUTC: msTimestamp(CHART_UPDATED),
  };
}

function itemWire(item: SandboxOrganisation["items"][number]): Record<string, unknown> {
  return {
    ...item,
    SalesDetails: { ...item.SalesDetails, UnitPrice: money(item.SalesDetails.UnitPrice) },
    IsTrackedAsInventory: false,
    UpdatedDateUTC: msTimestamp(CHART_UPDATED),
  };
}

function taxRateWire(rate: SandboxOrganisation["taxRates"][number]): Record<string, unknown> {
  return {
    Name: rate.Name,
    TaxType: rate.TaxType,
    TaxComponents: rate.components.map((component) => ({
      Name: component.Name,
      Rate: money(component.Rate),
      IsCompound: false,
      IsNonRecoverable: false,
    })),
    Status: rate.Status,
    ReportTaxType: rate.revenue ? "OUTPUT" : "INPUT",
    CanApplyToAssets: !rate.revenue,
    CanApplyToEquity: false,
    CanApplyToExpenses: !rate.revenue,
    CanApplyToLiabilities: true,
    CanApplyToRevenue: rate.revenue,
    DisplayTaxRate: money(rate.rate),
    EffectiveRate: money(rate.rate),
  };
}

function contactWire(contact: SandboxContact): Record<string, unknown> {
  return { ...contact, UpdatedDateUTC: msTimestamp(CHART_UPDATED) };
}
