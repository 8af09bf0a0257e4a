// The sandbox QuickBooks company's books for a person (GET /sandbox/qbo/books?realmId=…): plain
// server-rendered HTML listing every posted JournalEntry, SalesReceipt and RefundReceipt with its lines
// (accounts and items by name, debits and credits, classes, vendors), DocNumber, Id and SyncToken, then the
// balance each account holds from them, which adds up to zero when the books balance.
import { Hono } from "hono";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { Decimal, sum, ZERO } from "../../../shared/money";
import { htmlDocument } from "../../pages/document";
import type { SandboxBooks, TransactionEntity } from "./books";
import { companyByRealm, type QboObject, SANDBOX_COMPANIES, type SandboxCompany } from "./companies";

type Json = Record<string, unknown>;
type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

/** One effect of a transaction on an account: positive debits, negative credits. */
interface Posting {
  target: string;
  description: string;
  amount: Decimal;
  account: string;
  className?: string;
  vendor?: string;
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#f4f5f8;color:#202223}
header{background:#2ca01c;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:baseline}
header a{color:#fff} main{padding:16px 24px;max-width:1100px}
section{background:#fff;border:1px solid #dfe3e8;border-radius:8px;padding:12px 16px;margin:0 0 16px}
h1{font-size:18px;margin:0} h2{font-size:16px;margin:4px 0 8px} h3{font-size:14px;margin:12px 0 4px}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee}
td.amount,th.amount{text-align:right;font-variant-numeric:tabular-nums} .muted{color:#6d7175}
`;

const ENTITY_TITLES: [TransactionEntity, string][] = [
  ["JournalEntry", "Journal entries"],
  ["SalesReceipt", "Sales receipts"],
  ["RefundReceipt", "Refund receipts"],
];

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;
const refOf = (value: unknown) =>
  isObject(value) ? { id: String(value.value), name: String(value.name ?? value.value) } : undefined;
const decimalOf = (value: unknown) => new Decimal(String(value ?? 0));
const money = (value: Decimal) => value.toFixed(2);

/** What a transaction does to the accounts, line by line. */
export function postingsOf(company: SandboxCompany, entity: TransactionEntity, object: QboObject): Posting[] {
  const lines = Array.isArray(object.Line) ? (object.Line as Json[]) : [];
  if (entity === "JournalEntry")
    return lines.flatMap((line) => {
      const detail = line.JournalEntryLineDetail;
      const account = isObject(detail) ? refOf(detail.AccountRef) : undefined;
      if (!isObject(detail) || !account) return [];
      const amount = decimalOf(line.Amount);
      const vendor = isObject(detail.Entity) ? refOf(detail.Entity.EntityRef)?.name : undefined;
      return [
        {
          target: account.name,
          account: account.id,
          description: String(line.Description ?? ""),
          amount: detail.PostingType === "Debit" ? amount : amount.negated(),
          ...(refOf(detail.ClassRef) && { className: refOf(detail.ClassRef)?.name }),
          ...(vendor !== undefined && { vendor }),
        },
      ];
    });

  // A sales receipt credits each item's income account and the taxes' accounts and debits the deposit
  // account with the total; a refund receipt does the opposite.
  const sign = entity === "RefundReceipt" ? -1 : 1;
  const postings: Posting[] = [];
  for (const line of lines) {
    const detail = line.SalesItemLineDetail;
    const item = isObject(detail) ? refOf(detail.ItemRef) : undefined;
    if (!isObject(detail) || !item) continue;
    const income = refOf(company.items.find((candidate) => candidate.Id === item.id)?.IncomeAccountRef);
    postings.push({
      target: `${item.name} → ${income?.name ?? "?"}`,
      account: income?.id ?? "",
      description: String(line.Description ?? ""),
      amount: decimalOf(line.Amount).times(-sign),
      ...(refOf(detail.ClassRef) && { className: refOf(detail.ClassRef)?.name }),
    });
  }
  const tax = isObject(object.TxnTaxDetail) ? object.TxnTaxDetail : {};
  for (const line of Array.isArray(tax.TaxLine) ? (tax.TaxLine as Json[]) : []) {
    const rate = isObject(line.TaxLineDetail) ? refOf(line.TaxLineDetail.TaxRateRef) : undefined;
    const accountId = rate ? company.taxRateAccounts[rate.id] : undefined;
    const account = company.accounts.find((candidate) => candidate.Id === accountId);
    postings.push({
      target: `Tax ${rate?.name ?? "?"} → ${String(account?.Name ?? "?")}`,
      account: accountId ?? "",
      description: "",
      amount: decimalOf(line.Amount).times(-sign),
    });
  }
  const deposit = refOf(object.DepositToAccountRef);
  if (deposit)
    postings.push({
      target: deposit.name,
      account: deposit.id,
      description: entity === "RefundReceipt" ? "Refunded from" : "Deposited to",
      amount: decimalOf(object.TotalAmt).times(sign),
      ...(refOf(object.ClassRef) && { className: refOf(object.ClassRef)?.name }),
    });
  return postings;
}

export function createBooksPage(books: SandboxBooks): Hono {
  const app = new Hono();
  app.get("/books", async (c) => {
    const company = companyByRealm(c.req.query("realmId") ?? "") ?? SANDBOX_COMPANIES[0];
    if (!company) return c.text("no sandbox company", 404);
    const transactions = await Promise.all(
      ENTITY_TITLES.map(async ([entity, title]) => ({
        entity,
        title,
        objects: await books.list(company.realmId, entity),
      })),
    );
    const balances = new Map<string, Decimal>();
    for (const { entity, objects } of transactions)
      for (const object of objects)
        for (const posting of postingsOf(company, entity, object))
          balances.set(posting.account, (balances.get(posting.account) ?? ZERO).plus(posting.amount));

    return c.html(
      htmlDocument({
        lang: "en",
        title: `${company.name} · Sandbox QuickBooks books`,
        style: STYLE,
        body: html`<header>
            <h1>${company.name}</h1>
            <span>realm ${company.realmId}</span>
            ${SANDBOX_COMPANIES.filter((other) => other !== company).map(
              (other) => html`<a href="?realmId=${other.realmId}">${other.name}</a>`,
            )}
          </header>
          <main>
            ${transactions.map(({ entity, title, objects }) => transactionSection(company, entity, title, objects))}
            ${balanceSection(company, balances)}
          </main>`,
      }),
    );
  });
  return app;
}

function transactionSection(
  company: SandboxCompany,
  entity: TransactionEntity,
  title: string,
  objects: QboObject[],
): Fragment {
  return html`<section>
    <h2>${title} (${objects.length})</h2>
    ${objects.length === 0 ? html`<p class="muted">None posted.</p>` : ""}
    ${objects.map((object) => {
      const postings = postingsOf(company, entity, object);
      return html`<h3>
          ${String(object.DocNumber ?? "(no number)")} · ${String(object.TxnDate ?? "")} · total
          ${money(decimalOf(object.TotalAmt))}
          <span class="muted">Id ${object.Id} · SyncToken ${String(object.SyncToken)}</span>
        </h3>
        ${object.PrivateNote ? html`<p class="muted">${String(object.PrivateNote)}</p>` : ""}
        <table>
          <tr>
            <th>Account / item</th>
            <th>Description</th>
            <th class="amount">Debit</th>
            <th class="amount">Credit</th>
            <th>Class</th>
            <th>Name</th>
          </tr>
          ${postings.map(
            (posting) =>
              html`<tr>
                <td>${posting.target}</td>
                <td>${posting.description}</td>
                <td class="amount">${posting.amount.gt(0) ? money(posting.amount) : ""}</td>
                <td class="amount">${posting.amount.lt(0) ? money(posting.amount.negated()) : ""}</td>
                <td>${posting.className ?? ""}</td>
                <td>${posting.vendor ?? ""}</td>
              </tr>`,
          )}
        </table>`;
    })}
  </section>`;
}

function balanceSection(company: SandboxCompany, balances: Map<string, Decimal>): Fragment {
  const rows = company.accounts.filter((account) => !(balances.get(account.Id) ?? ZERO).isZero());
  const total = sum(balances.values());
  return html`<section>
    <h2>Account balances</h2>
    <table>
      <tr>
        <th>Number</th>
        <th>Account</th>
        <th>Type</th>
        <th class="amount">Debit</th>
        <th class="amount">Credit</th>
      </tr>
      ${rows.map((account) => {
        const balance = balances.get(account.Id) ?? ZERO;
        return html`<tr>
          <td>${String(account.AcctNum ?? "")}</td>
          <td>${String(account.Name)}</td>
          <td>${String(account.AccountType)}</td>
          <td class="amount">${balance.gt(0) ? money(balance) : ""}</td>
          <td class="amount">${balance.lt(0) ? money(balance.negated()) : ""}</td>
        </tr>`;
      })}
    </table>
    <p>
      ${total.isZero() ? "Debits equal credits." : html`<strong>Out of balance by ${money(total)}</strong>`}
    </p>
  </section>`;
}
