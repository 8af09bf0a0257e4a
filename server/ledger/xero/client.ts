// The LedgerClient port over the Xero Accounting API of one organisation (tenant). Journal documents
// become manual journals; receipt documents (the summary invoice, and sales receipts, which Xero does
// not have) become invoices settled by payments, or credit notes for a negative day. Requests go through
// createLedgerHttp under the tenant's limiter (60 a minute, 5 at once, shared by every client of it).
import { isReceipt } from "../../../shared/engine/types";
import { type Clock, systemClock } from "../../clock";
import { createLedgerHttp } from "../http";
import { type Limiter, sharedLimiter, XERO_LIMITS } from "../limiter";
import type { LedgerClient, LedgerCredentials } from "../port";
import { createXeroApi } from "./api";
import { readChart } from "./chart";
import { postManualJournal } from "./manualJournals";
import { postSalesDocument } from "./salesDocuments";

export interface XeroClientOptions {
  /** The API host: https://api.xero.com, or the sandbox's {XERO_API_URL}. */
  apiUrl: string;
  /** The organisation: its `xero-tenant-id`. */
  tenantId: string;
  credentials: LedgerCredentials;
  fetch?: typeof fetch;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** The tenant's limiter; by default the one the whole process shares for this tenant. */
  limiter?: Limiter;
  timeoutMs?: number;
  maxAttempts?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createXeroClient(options: XeroClientOptions): LedgerClient {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const send = createLedgerHttp({
    ledgerName: "Xero",
    credentials: options.credentials,
    // The global fetch is called unbound: Workers refuse it with another `this`.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    clock,
    sleep,
    limiter: options.limiter ?? sharedLimiter(`xero:${options.tenantId}`, XERO_LIMITS, clock, sleep),
    timeoutMs: options.timeoutMs,
    maxAttempts: options.maxAttempts,
  });
  const api = createXeroApi({ apiUrl: options.apiUrl, tenantId: options.tenantId, send });
  return {
    kind: "xero",
    chart: () => readChart(api),
    post: (request) => {
      const { document } = request;
      return isReceipt(document)
        ? postSalesDocument(api, { ...request, document })
        : postManualJournal(api, { ...request, document });
    },
  };
}
