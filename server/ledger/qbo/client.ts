// The LedgerClient port over QuickBooks Online's Accounting API v3 (minor version pinned): the chart from
// the company's lists, and each engine document posted as its native objects (journalEntry.ts,
// receipt.ts), created once and updated in place afterwards.
//
// Exactly once: every write carries a `requestid` derived from the post's idempotency key, so when
// Daybook crashes between QuickBooks' answer and its own record, the retry gets the first answer back
// and no second object; and a post with no record first looks for the document's objects by their
// DocNumber (a receipt written before its settlement was refused). An update names the object's version
// in its requestid (the same content can come back after a revert, and must then be written again); a
// stale SyncToken is read again and the update retried once; an object deleted in QuickBooks is created
// again. What the document became is recorded as ledgerIds.ts says.
import { isReceipt, type AccountingDocument } from "../../../shared/engine/types";
import { type Clock, systemClock } from "../../clock";
import { createLedgerHttp } from "../http";
import { type Limiter, QBO_LIMITS, sharedLimiter } from "../limiter";
import {
  type LedgerClient,
  type LedgerCredentials,
  LedgerValidationError,
  type PostedDocument,
} from "../port";
import { guidanceFor } from "./guidance";
import { journalEntryBody } from "./journalEntry";
import { formatLedgerId, type LedgerPart, parseLedgerId } from "./ledgerIds";
import { createQboLists, type QboLists } from "./lists";
import { DOC_CODES, type DocCode, docNumberOf, requestIdOf } from "./naming";
import { receiptPlan } from "./receipt";
import { createQboRest, QboFault, type QboRest, type Saved } from "./rest";
import type { QboBody, QboEntity } from "./wire";

/** The API minor version Daybook's payloads are written for. */
export const QBO_MINOR_VERSION = 75;
/** QuickBooks returns at most 1000 records per query. */
export const QBO_PAGE_SIZE = 1000;

export interface QboClientOptions {
  /** The v3 base: https://quickbooks.api.intuit.com/v3, or the sandbox's …/sandbox/qbo/v3. */
  apiUrl: string;
  /** The company (realm) the connection was granted for. */
  realmId: string;
  credentials: LedgerCredentials;
  fetch?: typeof fetch;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  minorVersion?: number;
  /** The company's limiter; by default the one every client of the realm shares in the process. */
  limiter?: Limiter;
  /** Records per query page. */
  pageSize?: number;
  timeoutMs?: number;
  maxAttempts?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One QuickBooks object a document becomes. `role` pairs it with the object an earlier post made. */
interface Planned {
  role: "main" | "settlement";
  entity: QboEntity;
  docNumber: string;
  body: QboBody;
  /** What distinguishes its requestid from the other writes of the same post. */
  tag: string[];
}

export function createQboClient(options: QboClientOptions): LedgerClient {
  const apiUrl = options.apiUrl.replace(/\/+$/, "");
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const send = createLedgerHttp({
    ledgerName: "QuickBooks",
    credentials: options.credentials,
    fetch: options.fetch ?? fetch,
    clock,
    sleep,
    limiter: options.limiter ?? sharedLimiter(`qbo|${apiUrl}|${options.realmId}`, QBO_LIMITS, clock, sleep),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.maxAttempts !== undefined && { maxAttempts: options.maxAttempts }),
  });
  const rest = createQboRest({
    apiUrl,
    realmId: options.realmId,
    minorVersion: options.minorVersion ?? QBO_MINOR_VERSION,
    send,
  });
  const lists = createQboLists(rest, options.pageSize ?? QBO_PAGE_SIZE);

  return {
    kind: "qbo",
    chart: () => lists.chart(),

    async post({ document, idempotencyKey, existing }): Promise<PostedDocument> {
      const planned = await plan(document, lists);
      const previous = existing
        ? parseLedgerId(existing.ledgerId, existing.syncToken)
        : await earlierObjects(rest, document);
      const roleOf = (part: LedgerPart) =>
        isReceipt(document) && part.entity === "JournalEntry" ? "settlement" : "main";
      // Names the state the writes start from, so a post after a revert does not replay an older one.
      const from = previous.length > 0 ? [previous.map((part) => `${part.entity}:${part.id}`).join("+")] : [];

      const written: Required<LedgerPart>[] = [];
      for (const part of planned) {
        const old = previous.find((candidate) => roleOf(candidate) === part.role);
        const saved =
          old && old.entity === part.entity
            ? await update(rest, lists, part, old, idempotencyKey)
            : await create(rest, lists, part, await requestIdOf(idempotencyKey, ...part.tag, ...from));
        written.push({ entity: part.entity, id: saved.Id, syncToken: saved.SyncToken });
      }
      // What an earlier post made and this one no longer needs (a receipt that became a refund, a
      // settlement that has nothing left to settle).
      for (const old of previous)
        if (!written.some((part) => part.entity === old.entity && part.id === old.id))
          await remove(rest, old, idempotencyKey);

      return {
        ...formatLedgerId(document, written),
        reference: planned.map((part) => part.docNumber).join(" + "),
      };
    },
  };
}

async function plan(document: AccountingDocument, lists: QboLists): Promise<Planned[]> {
  if (!isReceipt(document)) {
    const docNumber = await docNumberOf(document, DOC_CODES[document.kind]);
    const body = await journalEntryBody(document, docNumber, lists);
    return [{ role: "main", entity: "JournalEntry", docNumber, body, tag: [] }];
  }
  const settlementNumber = await docNumberOf(document, DOC_CODES.settlement);
  const { receipt, settlement } = await receiptPlan(
    document,
    { receipt: (entity) => docNumberOf(document, DOC_CODES[entity]), settlement: settlementNumber },
    lists,
  );
  const parts: Planned[] = [];
  if (receipt)
    parts.push({
      role: "main",
      entity: receipt.entity,
      docNumber: receipt.body.DocNumber,
      body: receipt.body,
      tag: [],
    });
  if (settlement)
    parts.push({
      role: "settlement",
      entity: "JournalEntry",
      docNumber: settlementNumber,
      body: settlement,
      tag: ["settlement"],
    });
  if (parts.length === 0) throw new LedgerValidationError(`${document.key} has nothing to post`);
  return parts;
}

/**
 * Objects of this document that QuickBooks holds although Daybook recorded none: found by their
 * DocNumber, which is the same on every post of the store-day. A post that failed half-way (a receipt
 * written, its settlement refused) or a record lost on Daybook's side then updates them instead of making
 * second ones.
 */
async function earlierObjects(rest: QboRest, document: AccountingDocument): Promise<LedgerPart[]> {
  const objects: { entity: QboEntity; code: DocCode }[] = isReceipt(document)
    ? [
        { entity: "SalesReceipt", code: DOC_CODES.SalesReceipt },
        { entity: "RefundReceipt", code: DOC_CODES.RefundReceipt },
        { entity: "JournalEntry", code: DOC_CODES.settlement },
      ]
    : [{ entity: "JournalEntry", code: DOC_CODES[document.kind] }];
  const found: LedgerPart[] = [];
  for (const { entity, code } of objects) {
    // Daybook's DocNumbers are letters, digits and dashes: nothing to escape in the query.
    const docNumber = await docNumberOf(document, code);
    const [record] = await rest.query(entity, `DocNumber = '${docNumber}'`, 1, 1);
    if (typeof record?.Id === "string" && typeof record.SyncToken === "string")
      found.push({ entity, id: record.Id, syncToken: record.SyncToken });
  }
  return found;
}

async function create(rest: QboRest, lists: QboLists, part: Planned, requestId: string): Promise<Saved> {
  try {
    return await rest.create(part.entity, part.body, requestId);
  } catch (error) {
    throw error instanceof QboFault ? await guidanceFor(error, part, lists) : error;
  }
}

/** A sparse update of the object an earlier post made; its SyncToken read again when stale or unknown. */
async function update(
  rest: QboRest,
  lists: QboLists,
  part: Planned,
  old: LedgerPart,
  idempotencyKey: string,
): Promise<Saved> {
  const recreate = async () =>
    create(rest, lists, part, await requestIdOf(idempotencyKey, ...part.tag, "recreate", old.id));
  let syncToken = old.syncToken;
  for (let attempt = 1; ; attempt++) {
    try {
      syncToken ??= (await rest.read(part.entity, old.id)).SyncToken;
      const requestId = await requestIdOf(idempotencyKey, ...part.tag, `${old.id}v${syncToken}`);
      return await rest.update(part.entity, old.id, syncToken, part.body, requestId);
    } catch (error) {
      if (!(error instanceof QboFault)) throw error;
      // Someone (the merchant, another run) changed it since: take the current version, once.
      if (error.has("5010") && attempt === 1) {
        syncToken = undefined;
        continue;
      }
      // Object Not Found: the merchant deleted it, or (QuickBooks says the same) a reference is inactive.
      if (error.has("610") && (await deleted(rest, part.entity, old.id))) return recreate();
      throw await guidanceFor(error, part, lists);
    }
  }
}

async function deleted(rest: QboRest, entity: QboEntity, id: string): Promise<boolean> {
  try {
    await rest.read(entity, id);
    return false;
  } catch (error) {
    if (error instanceof QboFault && error.has("610")) return true;
    throw error;
  }
}

/** Deletes an object an earlier post made; one already gone is fine. */
async function remove(rest: QboRest, old: LedgerPart, idempotencyKey: string): Promise<void> {
  let syncToken = old.syncToken;
  for (let attempt = 1; ; attempt++) {
    try {
      syncToken ??= (await rest.read(old.entity, old.id)).SyncToken;
      const requestId = await requestIdOf(idempotencyKey, "delete", old.entity, `${old.id}v${syncToken}`);
      return await rest.remove(old.entity, old.id, syncToken, requestId);
    } catch (error) {
      if (!(error instanceof QboFault)) throw error;
      if (error.has("610")) return;
      if (error.has("5010") && attempt === 1) {
        syncToken = undefined;
        continue;
      }
      throw error;
    }
  }
}
