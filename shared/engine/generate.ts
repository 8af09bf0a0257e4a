// generate(day, mapping): the pure, deterministic posting engine (DESIGN.md §6).
import type { Locale } from "../i18n";
import { isReceivable } from "../mappingAdvice";
import { ZERO } from "../money";
import type { Mapping } from "../schemas/mapping";
import type { PosDay } from "../schemas/posDay";
import { bookDeposit, bookRegisters } from "./cashDrawer";
import { createContext, type EngineContext } from "./context";
import { journalDocument, receiptDocument } from "./documents";
import { bookCogs, bookPurchaseOrders } from "./inventory";
import { type Posting, PostingBook } from "./postings";
import { bookSales } from "./sales";
import type { AccountingDocument, ChartAccount, GenerateResult } from "./types";

export interface GenerateOptions {
  /** Language of memos and line descriptions. */
  locale?: Locale;
  /** The ledger's chart, when known: targets on accounts receivable accounts are refused. */
  chart?: ChartAccount[];
}

export function generate(day: PosDay, mapping: Mapping, options: GenerateOptions = {}): GenerateResult {
  const ctx = createContext(day, mapping, options.locale ?? "en");
  const sales = bookSales(ctx);
  // The journal entry method books the drawer in the sales journal; receipt methods deposit the cash
  // payments on the receipt and book the drawer's movements in a journal of their own.
  const drawer = ctx.receiptMethod ? new PostingBook() : sales.book;
  const depositChange = bookRegisters(ctx, drawer);
  const deposited = ctx.receiptMethod ? sales.cashPayments : ZERO;
  bookDeposit(ctx, drawer, sales.cashPayments.plus(depositChange), deposited);
  const cogs = mapping.settings.bookInventoryCogs ? bookCogs(ctx) : new PostingBook();
  const purchaseOrders = bookPurchaseOrders(ctx);

  if (options.chart) {
    const used: Pick<Posting, "section" | "target">[] = [sales.book, drawer, cogs, purchaseOrders].flatMap(
      (book) => book.list(),
    );
    if (!deposited.isZero()) used.push({ section: "cash_drawer", target: mapping.cashDrawer.deposit });
    refuseReceivables(ctx, options.chart, used);
  }

  const { problems } = ctx;
  const blocked = problems.has("hold")
    ? "hold"
    : problems.has("out_of_balance")
      ? "out_of_balance"
      : undefined;
  if (blocked)
    return {
      status: blocked,
      method: mapping.postingMethod,
      documents: [],
      problems: problems.list(),
    };

  const documents = [
    ctx.receiptMethod
      ? receiptDocument(ctx, sales)
      : journalDocument(ctx, "journal_entry", sales.book.list()),
    ctx.receiptMethod ? journalDocument(ctx, "cash_drawer", drawer.list()) : undefined,
    journalDocument(ctx, "cogs", cogs.list()),
    journalDocument(ctx, "purchase_orders", purchaseOrders.list()),
  ].filter((document): document is AccountingDocument => document !== undefined);
  return {
    status: documents.length ? "ready" : "empty",
    method: mapping.postingMethod,
    documents,
    problems: problems.list(),
  };
}

function refuseReceivables(
  ctx: EngineContext,
  chart: ChartAccount[],
  used: Pick<Posting, "section" | "target">[],
): void {
  const receivables = new Map(chart.filter((account) => isReceivable(account.type)).map((a) => [a.id, a]));
  for (const { section, target } of used) {
    const account = target.account !== undefined ? receivables.get(target.account) : undefined;
    if (account)
      ctx.problems.add({
        code: "accounts_receivable",
        severity: "hold",
        section,
        subject: { id: account.id, name: account.name },
      });
  }
}
