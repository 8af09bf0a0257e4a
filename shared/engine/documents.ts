// Turns booked postings into the documents a ledger receives, checking that each one adds up.
import { type Decimal, sum, toMoneyString, ZERO } from "../money";
import type { EngineContext } from "./context";
import { fingerprintOf } from "./fingerprint";
import { type Posting, plainTarget } from "./postings";
import type { SalesBooking } from "./sales";
import type {
  AccountingDocument,
  DocumentKind,
  JournalDocument,
  JournalKind,
  JournalLine,
  ReceiptDocument,
  ReceiptLine,
  ReceiptPayment,
} from "./types";

type Body<T extends AccountingDocument> = Omit<
  T,
  "key" | "storeId" | "date" | "currency" | "memo" | "fingerprint"
>;

function money(ctx: EngineContext, value: Decimal): string {
  // Every amount reaching a document is already in minor units; anything else is an engine bug.
  if (value.decimalPlaces() > ctx.units)
    throw new Error(`amount ${value.toFixed()} has more than ${ctx.units} decimals`);
  return toMoneyString(value, ctx.units);
}

function finish<T extends AccountingDocument>(ctx: EngineContext, kind: DocumentKind, body: Body<T>): T {
  const { store, salesDate } = ctx.day;
  const content = {
    key: `${store.id}/${salesDate}/${kind}`,
    storeId: store.id,
    date: salesDate,
    currency: store.currency,
    memo: ctx.t(`doc.${kind}`, { store: store.name, date: salesDate }),
    ...body,
  };
  return { ...content, fingerprint: fingerprintOf(content) } as T;
}

function withClass(ctx: EngineContext): { class?: string } {
  return ctx.className !== undefined ? { class: ctx.className } : {};
}

export function journalDocument(
  ctx: EngineContext,
  kind: JournalKind,
  postings: Posting[],
): JournalDocument | undefined {
  if (postings.length === 0) return undefined;
  let debits = ZERO;
  let credits = ZERO;
  const lines = postings.map((posting): JournalLine => {
    const debit = posting.amount.isPositive();
    if (debit) debits = debits.plus(posting.amount);
    else credits = credits.minus(posting.amount);
    return {
      section: posting.section,
      description: posting.description,
      target: posting.target,
      side: debit ? "debit" : "credit",
      amount: money(ctx, posting.amount.abs()),
      ...withClass(ctx),
      ...(posting.vendor !== undefined && { vendor: posting.vendor }),
    };
  });
  if (!debits.equals(credits))
    throw new Error(`${kind} does not balance: debits ${debits} credits ${credits}`);
  return finish<JournalDocument>(ctx, kind, { kind, lines, total: money(ctx, debits) });
}

/** The day as one sales receipt (QuickBooks) or invoice (Xero): what was charged, line by line, the
 *  taxes, and how it was paid. Cash payments are paid into the deposit account. */
export function receiptDocument(ctx: EngineContext, booking: SalesBooking): ReceiptDocument | undefined {
  const postings = booking.book.list();
  const charges = postings.filter((posting) => posting.section !== "payments");
  const settlements = postings.filter((posting) => posting.section === "payments");
  const tracked = [...booking.trackedTaxes.values()].filter((tax) => !tax.amount.isZero());
  const charged = sum(charges.map((posting) => posting.amount.negated())).plus(
    sum(tracked.map((tax) => tax.amount)),
  );
  const paid = booking.cashPayments.plus(sum(settlements.map((posting) => posting.amount)));
  if (!charged.equals(paid)) throw new Error(`receipt lines ${charged} do not equal its payments ${paid}`);

  const lines = charges.map((posting): ReceiptLine => ({
    section: posting.section,
    description: posting.description,
    target: posting.target,
    amount: money(ctx, posting.amount.negated()),
    ...(posting.quantity !== undefined && { quantity: posting.quantity.toFixed() }),
    ...withClass(ctx),
    ...(posting.vendor !== undefined && { vendor: posting.vendor }),
  }));
  const taxes = tracked
    .sort((a, b) => a.taxId.localeCompare(b.taxId))
    .map((tax) => ({
      taxId: tax.taxId,
      name: tax.name,
      taxCode: tax.taxCode,
      amount: money(ctx, tax.amount),
    }));
  const payments: ReceiptPayment[] = [];
  if (!booking.cashPayments.isZero())
    payments.push({
      description: ctx.t("line.cash"),
      target: plainTarget(ctx.mapping.cashDrawer.deposit),
      amount: money(ctx, booking.cashPayments),
    });
  for (const posting of settlements) {
    payments.push({
      description: posting.description,
      target: posting.target,
      amount: money(ctx, posting.amount),
      ...(posting.vendor !== undefined && { vendor: posting.vendor }),
    });
  }
  if (lines.length === 0 && taxes.length === 0 && payments.length === 0) return undefined;
  const kind = ctx.mapping.postingMethod === "summary_invoice" ? "invoice" : "sales_receipt";
  return finish<ReceiptDocument>(ctx, kind, {
    kind,
    layout: ctx.mapping.postingMethod === "itemized_sales_receipt" ? "itemized" : "summary",
    lines,
    taxes,
    payments,
    total: money(ctx, paid),
    ...withClass(ctx),
  });
}
