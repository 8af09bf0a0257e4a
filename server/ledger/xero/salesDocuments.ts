// Posting a receipt document as an ACCREC invoice (or ACCRECCREDIT credit note) with the payments that
// settle it, so it ends PAID. The contact is "Daybook POS sales", which Xero finds or creates by name.
// The number is fixed per store-day (DAYBOOK-<date>-<store>): before creating, the adapter looks for a
// live document of that number and contact and updates it instead, so even a crash whose
// Idempotency-Key has expired (24 h) cannot make a second one.
//
// Updating: Xero refuses to edit a document that has payments, and a payment cannot be edited, only
// deleted. So an update deletes the document's payments, rewrites the document in place (same id), and
// pays it again. A document the merchant voided or deleted is replaced; an invoice that must become a
// credit note (the day's total turned negative), or the reverse, is voided and replaced.
//
// Every write has its own Idempotency-Key derived from the request's: a retry of the same post replays
// what was done. New payments' keys name the payments the run deleted, so a retry that had to delete
// them again pays again instead of replaying the deleted ones. A payment Xero refuses (an account that
// does not accept payments) leaves the document unpaid and the post failed; the next post finds the
// document by its number (or its recorded id) and pays it.
import type { ReceiptDocument } from "../../../shared/engine/types";
import type { PostedDocument, PostRequest } from "../port";
import type { XeroApi } from "./api";
import { paymentAccount, stepKey } from "./references";
import { type SalesKind, type SalesPlan, salesPlan } from "./salesPlan";
import { CreditNotesAnswer, InvoicesAnswer, PaymentsAnswer, wireAmount } from "./wire";

export const SALES_CONTACT = "Daybook POS sales";

const KINDS = {
  invoice: {
    collection: "Invoices",
    idField: "InvoiceID",
    numberField: "InvoiceNumber",
    type: "ACCREC",
    link: "Invoice",
    noun: "invoice",
    answer: InvoicesAnswer,
  },
  creditNote: {
    collection: "CreditNotes",
    idField: "CreditNoteID",
    numberField: "CreditNoteNumber",
    type: "ACCRECCREDIT",
    link: "CreditNote",
    noun: "credit note",
    answer: CreditNotesAnswer,
  },
} as const;

/** A sales document as Xero holds it. */
interface Held {
  kind: SalesKind;
  id: string;
  number?: string;
  status: string;
  contactName?: string;
  paymentIds: string[];
}

const isLive = (held: Held) => !["VOIDED", "DELETED"].includes(held.status);

function heldOf(kind: SalesKind, answer: unknown): Held[] {
  if (kind === "invoice")
    return InvoicesAnswer.parse(answer).Invoices.map((invoice) => ({
      kind,
      id: invoice.InvoiceID,
      number: invoice.InvoiceNumber,
      status: invoice.Status,
      contactName: invoice.Contact?.Name,
      paymentIds: (invoice.Payments ?? []).map((payment) => payment.PaymentID),
    }));
  return CreditNotesAnswer.parse(answer).CreditNotes.map((note) => ({
    kind,
    id: note.CreditNoteID,
    number: note.CreditNoteNumber,
    status: note.Status,
    contactName: note.Contact?.Name,
    paymentIds: (note.Payments ?? []).map((payment) => payment.PaymentID),
  }));
}

/** The document behind a recorded ledger id: an invoice, else a credit note (their ids never collide). */
async function heldById(api: XeroApi, ledgerId: string): Promise<Held | undefined> {
  for (const kind of ["invoice", "creditNote"] as const) {
    const found = await api.find(
      `${KINDS[kind].collection}/${encodeURIComponent(ledgerId)}`,
      KINDS[kind].answer,
    );
    if (found) return heldOf(kind, found)[0];
  }
  return undefined;
}

async function heldByNumber(api: XeroApi, kind: SalesKind, number: string): Promise<Held[]> {
  const where = encodeURIComponent(`${KINDS[kind].numberField}=="${number}"`);
  return heldOf(kind, await api.read(`${KINDS[kind].collection}?where=${where}`, KINDS[kind].answer));
}

export function salesNumberOf(document: ReceiptDocument, kind: SalesKind): string {
  const store = document.storeId.replace(/[^A-Za-z0-9-]/g, "");
  return `DAYBOOK-${document.date}-${store}${kind === "creditNote" ? "-CR" : ""}`;
}

export function salesBodyOf(document: ReceiptDocument, plan: SalesPlan): Record<string, unknown> {
  return {
    Type: KINDS[plan.kind].type,
    Contact: { Name: SALES_CONTACT },
    Date: document.date,
    ...(plan.kind === "invoice" && { DueDate: document.date }),
    LineAmountTypes: plan.lineAmountTypes,
    LineItems: plan.lineItems,
    Reference: document.memo,
    CurrencyCode: document.currency,
    Status: "AUTHORISED",
  };
}

export async function postSalesDocument(
  api: XeroApi,
  request: PostRequest & { document: ReceiptDocument },
): Promise<PostedDocument> {
  const { document, idempotencyKey: key } = request;
  const plan = salesPlan(document);
  const names = KINDS[plan.kind];
  const number = salesNumberOf(document, plan.kind);

  const recorded = request.existing ? await heldById(api, request.existing.ledgerId) : undefined;
  let current = recorded && isLive(recorded) ? recorded : undefined;
  if (current && current.kind !== plan.kind) {
    await retire(api, current, key);
    current = undefined;
  }
  let numberFree = true;
  if (!current) {
    const numbered = await heldByNumber(api, plan.kind, number);
    current = numbered.find((held) => isLive(held) && held.contactName === SALES_CONTACT);
    numberFree = numbered.length === 0;
  }

  const deleted = current ? await deletePayments(api, current, key) : [];
  const body = salesBodyOf(document, plan);
  const what = names.noun;
  const saved = heldOf(
    plan.kind,
    current
      ? await api.write(
          `${names.collection}/${current.id}?unitdp=4`,
          { [names.collection]: [{ [names.idField]: current.id, ...body }] },
          key,
          names.answer,
          what,
        )
      : await api.write(
          `${names.collection}?unitdp=4`,
          { [names.collection]: [{ ...body, ...(numberFree && { [names.numberField]: number }) }] },
          key,
          names.answer,
          what,
        ),
  )[0] as Held;

  const round = deleted[0] ?? "first";
  for (const [index, payment] of plan.payments.entries())
    await api.write(
      "Payments",
      {
        [names.link]: { [names.idField]: saved.id },
        Account: paymentAccount(payment.account),
        Date: document.date,
        Amount: wireAmount(payment.amount),
        Reference: payment.reference,
      },
      stepKey(key, "pay", round, String(index)),
      PaymentsAnswer,
      plan.kind === "invoice" ? "payment" : "refund",
    );
  return { ledgerId: saved.id, reference: saved.number ?? `${what} ${saved.id}` };
}

/** Deletes the document's payments (Xero's only way to change them); returns their ids. */
async function deletePayments(api: XeroApi, held: Held, key: string): Promise<string[]> {
  for (const paymentId of held.paymentIds)
    await api.write(
      `Payments/${paymentId}`,
      { Status: "DELETED" },
      stepKey(key, "unpay", paymentId),
      PaymentsAnswer,
      "deletion of a payment",
    );
  return held.paymentIds;
}

/** Takes a document out of the books: its payments deleted, then voided (deleted while still a draft). */
async function retire(api: XeroApi, held: Held, key: string): Promise<void> {
  await deletePayments(api, held, key);
  const names = KINDS[held.kind];
  await api.write(
    `${names.collection}/${held.id}`,
    {
      [names.collection]: [
        {
          [names.idField]: held.id,
          Status: ["DRAFT", "SUBMITTED"].includes(held.status) ? "DELETED" : "VOIDED",
        },
      ],
    },
    stepKey(key, "void", held.id),
    names.answer,
    `voiding of ${names.noun} ${held.number ?? held.id}`,
  );
}
