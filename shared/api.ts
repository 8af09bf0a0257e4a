// What the extension's API answers (server/api/), as the extension reads it. The server builds its
// responses to these types; the extension imports them, never the server.
import type { AccountingDocument, DayTotals, Problem } from "./engine/types";
import type { Mapping } from "./schemas/mapping";

export const DAY_STATUSES = [
  "missing",
  "open",
  "empty",
  "hold",
  "out_of_balance",
  "queued",
  "posting",
  "posted",
  "update",
  "failed",
] as const;
export type DayStatus = (typeof DAY_STATUSES)[number];

export const ROLES = ["super_user", "manager", "cashier"] as const;
export type Role = (typeof ROLES)[number];

export const TRIGGERS = ["user", "webhook", "nightly", "queue", "job", "install"] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const DAY_ACTIONS = ["reload", "regenerate", "post"] as const;
export type DayAction = (typeof DAY_ACTIONS)[number];

/** Every refusal, and every other error, is `{ error: { code, message, field? } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export interface StoreView {
  id: string;
  /** The POS's own id of the shop: what the POS puts in the extension's URL. */
  posShopId: string;
  name: string;
  timezone: string;
  currency: string;
  accountingClass: string | null;
  active: boolean;
}

export interface SessionView {
  account: { id: string; name: string; syncStartDate: string; postingDelayMinutes: number };
  user: { id: string; name: string; email: string | null; role: Role };
  locale: string;
  stores: StoreView[];
}

/** A row of Sales totals. */
export interface DayRow {
  storeId: string;
  salesDate: string;
  status: DayStatus;
  netSales: string | null;
  dueAt: number | null;
  lastError: string | null;
}

export interface DayView extends DayRow {
  /** A reload waits in the queue (a voided sale's, coalesced with the next ones). */
  reloadPending: boolean;
  totals: DayTotals | null;
  problems: Problem[];
  mappingVersion: number | null;
  updatedAt: number | null;
}

export interface DocumentView {
  id: string;
  kind: string;
  body: AccountingDocument;
  /** The ledger it was posted to (qbo, xero), its id there, and the fingerprint then. */
  ledger: string | null;
  ledgerId: string | null;
  postedFingerprint: string | null;
  postedAt: number | null;
}

export interface ExecutionView {
  id: string;
  action: string;
  trigger: Trigger;
  actor: string | null;
  status: "running" | "succeeded" | "failed";
  error: string | null;
  storeId: string | null;
  salesDate: string | null;
  startedAt: number;
  finishedAt: number | null;
}

export interface ExecutionLogView {
  seq: number;
  at: number;
  level: "info" | "warn" | "error";
  message: string;
}

/** Whether a day action may run now, and if not, why (the code the extension translates). */
export type ActionAvailability = { allowed: true } | { allowed: false; code: string; message: string };

export interface DayDetail {
  store: StoreView;
  day: DayView;
  documents: DocumentView[];
  executions: ExecutionView[];
  /** Absent for people who may not run the actions (cashiers). */
  actions?: Record<DayAction, ActionAvailability>;
}

export interface DayActionResult {
  outcome: unknown;
  day: DayRow | undefined;
}

export type HealthReason =
  | "pos_not_connected"
  | "pos_reconnect_required"
  | "ledger_not_connected"
  | "ledger_reconnect_required"
  | "mapping_inactive";

export interface ConnectionHealth {
  kind: "pos" | "qbo" | "xero";
  status: "connected" | "reconnect_required" | "disconnected";
  lastError: string | null;
  /** The ledger company (QuickBooks realm id, Xero tenant id); null for the POS. */
  companyId: string | null;
}

export interface LastExecution {
  id: string;
  action: string;
  trigger: Trigger;
  status: "running" | "succeeded" | "failed";
  storeId: string | null;
  salesDate: string | null;
  startedAt: number;
  finishedAt: number | null;
  error: string | null;
}

export const PROBLEM_STATUSES = ["failed", "hold", "out_of_balance"] as const satisfies readonly DayStatus[];
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export interface ProblemDay {
  storeId: string;
  storeName: string;
  salesDate: string;
  status: ProblemStatus;
  lastError: string | null;
}

export interface SyncHealth {
  enabled: boolean;
  /** Why the sync is not enabled, one code per missing piece; empty when enabled. */
  reasons: HealthReason[];
  pos: ConnectionHealth | null;
  /** The ledger in use: the connected one, else the one to reconnect, else the last one changed. */
  ledger: ConnectionHealth | null;
  mappingActive: boolean;
  lastExecution: LastExecution | null;
  problems: {
    /** First sales date looked at. */
    since: string;
    counts: Record<ProblemStatus, number>;
    /** The newest of them. */
    days: ProblemDay[];
  };
  reconnectRequired: ConnectionHealth[];
}

export interface ChartEntryView {
  id: string;
  name: string;
  active: boolean;
  /** Accounts only: the ledger's type (and subtype), and the account number when it has one. */
  type?: string;
  subtype?: string;
  code?: string;
}

/** The connected ledger's chart, as cached. */
export interface LedgerChartView {
  ledger: string;
  chart: Record<"items" | "taxCodes" | "classes" | "vendors", ChartEntryView[]> & {
    accounts: (ChartEntryView & { type: string })[];
  };
  fetchedAt: number;
}

/** What the POS lists for the mapping screens (GET /api/pos/catalog/:kind). */
export const CATALOG_KINDS = ["categories", "discounts", "taxes", "payment_types", "items"] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

export interface CatalogEntry {
  /** The id the PosDay uses for it (a tax's is "<taxCategoryID>-tax1|2"). */
  id: string;
  name: string;
  /** Payment types: cash, card, gift_card, credit_account, other; cards carry "(Credit)" in the screens. */
  kind?: string;
  /** Items: their category; taxes: their rate as a decimal string. */
  categoryId?: string;
  rate?: string;
}

export interface CatalogPage {
  entries: CatalogEntry[];
  /** Pass as `after` for the next page; absent on the last one. */
  next?: string;
}

/** One version of the account's mapping (DESIGN §5). */
export interface MappingVersionView {
  version: number;
  status: "draft" | "active" | "archived";
  createdAt: number;
  activatedAt: number | null;
  createdBy: string | null;
}

/** Advice on a mapping against the ledger's chart: `error` refuses activation (an accounts receivable
 *  target), `warning` only says the account's type is not the recommended one. `path` is the mapping
 *  field, e.g. "sales.byCategory.12" or "payments.byType.3". */
export interface MappingAdvice {
  path: string;
  severity: "error" | "warning";
  code: "accounts_receivable" | "not_recommended_type" | "unknown_account" | "unknown_item";
  /** The account's type as the ledger names it, and the types recommended for the section. */
  accountType?: string;
  recommended?: string[];
}

export interface MappingState {
  active: (MappingVersionView & { mapping: Mapping }) | null;
  draft: (MappingVersionView & { mapping: Mapping }) | null;
  versions: MappingVersionView[];
  /** Advice on the draft (else on the active mapping) against the cached chart. */
  advice: MappingAdvice[];
}

/** What a mapping makes of one day, as the preview shows it. */
export interface GeneratedView {
  status: "ready" | "empty" | "hold" | "out_of_balance";
  documents: AccountingDocument[];
  problems: Problem[];
}

export interface MappingPreview {
  /** The day previewed: the most recent loaded one unless one was asked for. */
  day: { storeId: string; salesDate: string } | null;
  draft: GeneratedView | null;
  active: GeneratedView | null;
  /** Recent loaded days whose documents would change with the draft. */
  changedDays: { storeId: string; salesDate: string }[];
  /** How many recent loaded days were compared. */
  comparedDays: number;
}

export interface ActivationResult {
  active: MappingVersionView;
  /** The loaded days since the sync start date that the new mapping would change: an offer to regenerate. */
  regenerate: { from: string; to: string; days: number } | null;
}

// ---- The POS Load Scheduler (seed 000, "Using the bulk POS load scheduler") ----

/** What a load reads from the POS: sales always; inventory costs and purchase orders when wanted. */
export const POS_SOURCES = ["sales", "inventory", "purchase_orders"] as const;
export type PosSource = (typeof POS_SOURCES)[number];

export const JOB_TYPES = ["load_missing", "reload", "regenerate"] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** Pending until its first entry starts; Completed when no entry is left to run (failures counted);
 *  Cancelled when a person stopped it. */
export const JOB_STATUSES = ["pending", "running", "completed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const ENTRY_STATUSES = ["pending", "running", "completed", "failed", "cancelled"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** The Search Stores panel's filter: days without data, days with data, or days in some statuses. */
export const SEARCH_FILTERS = ["missing", "reload", "status"] as const;
export type SearchFilter = (typeof SEARCH_FILTERS)[number];

/** The search a job was built from: what "copy its parameters" puts back in the New Job tab. */
export interface JobSearch {
  from: string;
  to: string;
  storeIds: string[];
  filter: SearchFilter;
  /** With the `status` filter: the posting statuses searched. */
  statuses?: DayStatus[];
}

/** `GET /api/jobs/search?from&to&storeIds=a,b&filter&statuses=a,b`: the matching store-days. */
export interface JobSearchRow {
  storeId: string;
  salesDate: string;
  status: DayStatus;
  netSales: string | null;
}

/** `GET /api/jobs/options`: what the New Job panel offers this person. */
export interface JobOptions {
  /** Every source, and whether the active mapping needs it (then it is always loaded). */
  sources: { source: PosSource; required: boolean }[];
  /** Completion emails: whether they can be sent, and to which address. */
  notify: { available: boolean; email: string | null };
  /** The POS integration the entries run against ("POS" column). */
  pos: string;
}

/** `POST /api/jobs`: a job of the selected rows. */
export interface NewJob {
  type: JobType;
  name: string;
  sources: PosSource[];
  notify: boolean;
  search: JobSearch;
  entries: { storeId: string; salesDate: string }[];
}

export interface JobCounts {
  pending: number;
  running: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export interface JobView {
  id: string;
  name: string;
  type: JobType;
  status: JobStatus;
  sources: PosSource[];
  search: JobSearch | null;
  /** How many stores and store-days the job has. */
  stores: number;
  entries: number;
  /** The first and last sales date of its entries. */
  from: string;
  to: string;
  counts: JobCounts;
  notifyEmail: string | null;
  createdBy: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface JobEntryView {
  id: string;
  salesDate: string;
  status: EntryStatus;
  startedAt: number | null;
  finishedAt: number | null;
  /** Why it failed, and the kind of failure (a day rule's code, or the fault's name). */
  error: string | null;
  errorType: string | null;
}

/** `GET /api/jobs/:id`: the job and its entries, a section per store. */
export interface JobDetail {
  job: JobView;
  pos: string;
  stores: { storeId: string; name: string; entries: JobEntryView[] }[];
}
