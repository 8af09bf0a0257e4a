// The database (SQLite dialect: a libSQL file on Node, Turso or D1 on Workers). Times are epoch
// milliseconds; amounts are decimal text; JSON columns hold the engine's documents and snapshots.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { DAY_STATUSES, ENTRY_STATUSES, JOB_STATUSES, JOB_TYPES, ROLES, TRIGGERS } from "../../shared/api";

// DESIGN.md §3's statuses, the roles and what causes a run are part of the API: shared/api.ts has them.
export { DAY_STATUSES, ENTRY_STATUSES, JOB_STATUSES, JOB_TYPES, ROLES, TRIGGERS };
export type { DayStatus, Role, Trigger } from "../../shared/api";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;
const createdAt = () => integer("created_at").notNull().default(now);
const updatedAt = () => integer("updated_at").notNull().default(now);

export const ACCOUNT_STATUSES = ["installed", "uninstalled"] as const;
export const CONNECTION_KINDS = ["pos", "qbo", "xero"] as const;
export const CONNECTION_STATUSES = ["connected", "reconnect_required", "disconnected"] as const;

export const accounts = sqliteTable("accounts", {
  id: text("id").primaryKey(),
  posAccountId: text("pos_account_id").notNull().unique(),
  name: text("name").notNull(),
  status: text("status", { enum: ACCOUNT_STATUSES }).notNull().default("installed"),
  locale: text("locale").notNull().default("en-CA"),
  /** First business date Daybook syncs (DESIGN §7, seed 003): the install date unless edited. */
  syncStartDate: text("sync_start_date").notNull(),
  postingDelayMinutes: integer("posting_delay_minutes").notNull().default(30),
  /** Store-local time after which yesterday is loaded by the nightly run, "HH:MM". */
  nightlyCutoff: text("nightly_cutoff").notNull().default("04:00"),
  installedAt: integer("installed_at").notNull(),
  uninstalledAt: integer("uninstalled_at"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const stores = sqliteTable(
  "stores",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    posShopId: text("pos_shop_id").notNull(),
    name: text("name").notNull(),
    timezone: text("timezone").notNull(),
    currency: text("currency").notNull(),
    accountingClass: text("accounting_class"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("stores_account_shop").on(t.accountId, t.posShopId)],
);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    posUserId: text("pos_user_id").notNull(),
    name: text("name").notNull().default(""),
    email: text("email"),
    role: text("role", { enum: ROLES }).notNull(),
    locale: text("locale").notNull().default("en-CA"),
    lastSeenAt: integer("last_seen_at").notNull(),
  },
  (t) => [uniqueIndex("users_account_pos_user").on(t.accountId, t.posUserId)],
);

/** OAuth connections to the POS and the ledgers. Tokens are AES-GCM ciphertext (server/crypto). */
export const connections = sqliteTable(
  "connections",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    kind: text("kind", { enum: CONNECTION_KINDS }).notNull(),
    status: text("status", { enum: CONNECTION_STATUSES }).notNull(),
    accessToken: text("access_token_enc"),
    refreshToken: text("refresh_token_enc"),
    expiresAt: integer("expires_at"),
    scopes: text("scopes").notNull().default(""),
    /** QuickBooks realm id, Xero tenant id. */
    externalId: text("external_id"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("connections_account_kind").on(t.accountId, t.kind)],
);

export const storeDays = sqliteTable(
  "store_days",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    storeId: text("store_id")
      .notNull()
      .references(() => stores.id),
    salesDate: text("sales_date").notNull(),
    status: text("status", { enum: DAY_STATUSES }).notNull().default("missing"),
    netSales: text("net_sales"),
    /** DayTotals of the engine as JSON. */
    totals: text("totals", { mode: "json" }),
    /** {documentKey: fingerprint} of the last generation. */
    fingerprints: text("fingerprints", { mode: "json" }).$type<Record<string, string>>(),
    problems: text("problems", { mode: "json" }),
    snapshotId: text("snapshot_id"),
    mappingVersion: integer("mapping_version"),
    dueAt: integer("due_at"),
    lastError: text("last_error"),
    /** Set while a coalesced reload waits in the queue, so a burst of voids queues one reload. */
    reloadPendingSince: integer("reload_pending_since"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("store_days_store_date").on(t.storeId, t.salesDate),
    index("store_days_account_date").on(t.accountId, t.salesDate, t.status),
    index("store_days_account_status").on(t.accountId, t.status, t.salesDate),
  ],
);

export const snapshots = sqliteTable(
  "snapshots",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    storeId: text("store_id").notNull(),
    salesDate: text("sales_date").notNull(),
    sources: text("sources").notNull(),
    /** The PosDay v1 as loaded. */
    body: text("body", { mode: "json" }).notNull(),
    fetchedAt: integer("fetched_at").notNull(),
  },
  (t) => [index("snapshots_store_date").on(t.storeId, t.salesDate, t.fetchedAt)],
);

export const mappings = sqliteTable(
  "mappings",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    version: integer("version").notNull(),
    status: text("status", { enum: ["draft", "active", "archived"] }).notNull(),
    /** Mapping v1 (DESIGN.md §5). */
    body: text("body", { mode: "json" }).notNull(),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    activatedAt: integer("activated_at"),
  },
  (t) => [
    uniqueIndex("mappings_account_version").on(t.accountId, t.version),
    index("mappings_account_status").on(t.accountId, t.status),
  ],
);

export const documents = sqliteTable(
  "documents",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    storeDayId: text("store_day_id")
      .notNull()
      .references(() => storeDays.id),
    /** The engine's document key (journal, receipt, cogs, ...). */
    kind: text("kind").notNull(),
    fingerprint: text("fingerprint").notNull(),
    body: text("body", { mode: "json" }).notNull(),
    ledger: text("ledger"),
    ledgerId: text("ledger_id"),
    ledgerSyncToken: text("ledger_sync_token"),
    idempotencyKey: text("idempotency_key").unique(),
    postedFingerprint: text("posted_fingerprint"),
    postedAt: integer("posted_at"),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("documents_day_kind").on(t.storeDayId, t.kind)],
);

export const executions = sqliteTable(
  "executions",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    storeId: text("store_id"),
    salesDate: text("sales_date"),
    jobId: text("job_id"),
    /** install, uninstall, load, reload, regenerate, post, nightly, store.created... */
    action: text("action").notNull(),
    trigger: text("trigger", { enum: TRIGGERS }).notNull(),
    actor: text("actor"),
    status: text("status", { enum: ["running", "succeeded", "failed"] }).notNull(),
    error: text("error"),
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [
    index("executions_account_started").on(t.accountId, t.startedAt),
    index("executions_store_date").on(t.storeId, t.salesDate, t.startedAt),
  ],
);

export const executionLogs = sqliteTable(
  "execution_logs",
  {
    executionId: text("execution_id")
      .notNull()
      .references(() => executions.id),
    seq: integer("seq").notNull(),
    at: integer("at").notNull(),
    level: text("level", { enum: ["info", "warn", "error"] }).notNull(),
    message: text("message").notNull(),
    data: text("data", { mode: "json" }),
  },
  (t) => [primaryKey({ columns: [t.executionId, t.seq] })],
);

export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    name: text("name").notNull(),
    type: text("type", { enum: JOB_TYPES }).notNull(),
    /** The POS sources its loads read, comma-separated. */
    sources: text("sources").notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull(),
    /** The search the job was built from (JobSearch), for "copy its parameters". */
    params: text("params", { mode: "json" }),
    notifyEmail: text("notify_email"),
    /** When the completion email was handed to the queue: once per job. */
    notifiedAt: integer("notified_at"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
  },
  (t) => [index("jobs_account_status").on(t.accountId, t.status, t.createdAt)],
);

export const jobEntries = sqliteTable(
  "job_entries",
  {
    id: text("id").primaryKey(),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id),
    accountId: text("account_id").notNull(),
    storeId: text("store_id").notNull(),
    salesDate: text("sales_date").notNull(),
    status: text("status", { enum: ENTRY_STATUSES }).notNull(),
    error: text("error"),
    errorType: text("error_type"),
    /** Who runs the entry, until when: another runner may take it over only once the lease has ended. */
    leaseId: text("lease_id"),
    leaseUntil: integer("lease_until"),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
  },
  (t) => [
    uniqueIndex("job_entries_job_store_date").on(t.jobId, t.storeId, t.salesDate),
    index("job_entries_job_status").on(t.jobId, t.status),
  ],
);

/** The POS API's leaky bucket of each POS account as Daybook last saw it, shared by every process and
 *  isolate working for the account (server/pos/lightspeed/storedBucket.ts). */
export const posBuckets = sqliteTable("pos_buckets", {
  key: text("key").primaryKey(),
  level: real("level").notNull(),
  size: real("size").notNull(),
  dripRate: real("drip_rate").notNull(),
  /** The most a request has cost: each request reserves as much. */
  cost: real("cost").notNull(),
  at: integer("at").notNull(),
  /** Costs of the requests let in and not yet answered: they count in full until their answer. */
  inFlight: real("in_flight").notNull().default(0),
  /** When a request was last let in or answered: in-flight costs older than a minute were lost with their
   *  process, and no longer count. */
  inFlightAt: integer("in_flight_at").notNull().default(0),
  pausedUntil: integer("paused_until").notNull().default(0),
});

/** Every accepted POS webhook delivery, by the POS's delivery id: a redelivery is acknowledged, not redone. */
export const webhookDeliveries = sqliteTable("webhook_deliveries", {
  id: text("id").primaryKey(),
  posAccountId: text("pos_account_id").notNull(),
  topic: text("topic").notNull(),
  receivedAt: integer("received_at").notNull(),
});

/** The Node queue (server/queue/dbQueue.ts); Cloudflare Queues replaces it on Workers. */
export const queueMessages = sqliteTable(
  "queue_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    queue: text("queue").notNull(),
    body: text("body").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** The message is invisible until then: its delay, its backoff, or a consumer's lease. */
    visibleAt: integer("visible_at").notNull(),
    leaseId: text("lease_id"),
    dead: integer("dead", { mode: "boolean" }).notNull().default(false),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("queue_messages_ready").on(t.queue, t.dead, t.visibleAt)],
);

/** Messages that exhausted their retries, on either runtime: support reads them here. */
export const deadLetters = sqliteTable("dead_letters", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  queue: text("queue").notNull(),
  body: text("body").notNull(),
  attempts: integer("attempts").notNull(),
  error: text("error"),
  createdAt: integer("created_at").notNull(),
});

/** The sandbox platform's own state (SANDBOX=1 only): what a person did in the sandbox back office. */
export const sandboxState = sqliteTable("sandbox_state", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** The connected ledger's chart (accounts, items, tax codes, classes, vendors) as last read, per account. */
export const ledgerCharts = sqliteTable("ledger_charts", {
  accountId: text("account_id")
    .primaryKey()
    .references(() => accounts.id),
  ledger: text("ledger", { enum: ["qbo", "xero"] }).notNull(),
  body: text("body", { mode: "json" }).notNull(),
  fetchedAt: integer("fetched_at").notNull(),
});

/** The sandbox email provider's outbox (SANDBOX=1 only): every email it accepted, once per idempotency key. */
export const sandboxEmails = sqliteTable(
  "sandbox_emails",
  {
    id: text("id").primaryKey(),
    from: text("from").notNull(),
    /** The recipients, as the request listed them. */
    to: text("to", { mode: "json" }).$type<string[]>().notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    idempotencyKey: text("idempotency_key"),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [
    uniqueIndex("sandbox_emails_idempotency_key").on(t.idempotencyKey),
    index("sandbox_emails_received").on(t.receivedAt),
  ],
);
