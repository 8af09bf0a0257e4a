// Journal documents (sales journal, cash drawer, COGS, purchase orders) as Xero manual journals:
// LineAmount positive for a debit and negative for a credit, no tax (the engine already booked it),
// the store's tracking option on every line, posted. An update rewrites the same journal by its id; a
// journal the merchant voided or deleted in Xero is replaced by a new one. Xero's manual journal lines
// have no contact, so a line's vendor stays in Daybook (its description names purchase-order vendors).
import type { JournalDocument } from "../../../shared/engine/types";
import { LedgerValidationError, type PostedDocument, type PostRequest } from "../port";
import type { XeroApi } from "./api";
import { lineAccount, trackingOf } from "./references";
import { ManualJournalsAnswer, wireAmount } from "./wire";

const GONE = ["VOIDED", "DELETED"];

export function manualJournalOf(document: JournalDocument) {
  return {
    Narration: document.memo,
    Date: document.date,
    Status: "POSTED",
    LineAmountTypes: "NoTax",
    JournalLines: document.lines.map((line) => {
      if (line.target.account === undefined)
        throw new LedgerValidationError(
          `a Xero manual journal line posts to an account, and "${line.description}" is mapped to the item ${line.target.item}: map it to an account`,
          { item: line.target.item },
        );
      const tracking = trackingOf(line.class);
      return {
        Description: line.description,
        LineAmount: wireAmount(line.side === "debit" ? line.amount : `-${line.amount}`),
        ...lineAccount(line.target.account),
        ...(tracking && { Tracking: tracking }),
      };
    }),
  };
}

export async function postManualJournal(
  api: XeroApi,
  request: PostRequest & { document: JournalDocument },
): Promise<PostedDocument> {
  const body = manualJournalOf(request.document);
  const { existing } = request;
  const current =
    existing &&
    (await api.find(`ManualJournals/${encodeURIComponent(existing.ledgerId)}`, ManualJournalsAnswer));
  const live = current?.ManualJournals.find((journal) => !GONE.includes(journal.Status));
  const saved = live
    ? await api.write(
        `ManualJournals/${live.ManualJournalID}`,
        { ManualJournals: [{ ...body, ManualJournalID: live.ManualJournalID }] },
        request.idempotencyKey,
        ManualJournalsAnswer,
        "manual journal",
      )
    : await api.write(
        "ManualJournals",
        { ManualJournals: [body] },
        request.idempotencyKey,
        ManualJournalsAnswer,
        "manual journal",
      );
  const journal = saved.ManualJournals[0] as (typeof saved.ManualJournals)[number];
  return { ledgerId: journal.ManualJournalID, reference: `Manual journal "${request.document.memo}"` };
}
