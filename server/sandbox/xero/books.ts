// The sandbox Xero's books page (GET /sandbox/xero/books?tenantId=…): plain server-rendered HTML where a
// person sees what was posted to an organisation — manual journals line by line, invoices and credit
// notes with their tax, payments and status — and the chart they were posted to. Every value is
// escaped by hono/html.
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { Db } from "../../db/client";
import { htmlDocument, type Markup } from "../../pages/document";
import { Decimal, scaleOf } from "../../../shared/money";
import { type LedgerState, readLedger, type StoredSalesDocument, type StoredTracking } from "./ledgerState";
import {
  accountClass,
  organisationById,
  SANDBOX_ORGANISATIONS,
  type SandboxOrganisation,
} from "./organisations";
import { accountById, trackingWire } from "./references";
import { allContacts, amountPaid, SALES_KINDS } from "./salesDocuments";

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d2939 }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem }
  th, td { border-bottom: 1px solid #e4e7ec; padding: .3rem .5rem; text-align: left; vertical-align: top }
  td.amount, th.amount { text-align: right; font-variant-numeric: tabular-nums }
  .status { font-size: .8rem; padding: .1rem .4rem; border-radius: .3rem; background: #eef4ff }
  h3 { margin-bottom: .2rem }
  .muted { color: #667085 }
`;

export function createXeroBooks(options: { db: Db }): Hono {
  const app = new Hono();
  app.get("/books", async (c) => {
    const tenantId = c.req.query("tenantId");
    const organisation = tenantId === undefined ? SANDBOX_ORGANISATIONS[0] : organisationById(tenantId);
    if (!organisation)
      return page(c, "Unknown organisation", html`<p>No sandbox organisation has this id.</p>`, 404);
    const state = await readLedger(options.db, organisation.tenantId);
    return page(c, `Books of ${organisation.name}`, books(organisation, state));
  });
  return app;
}

function page(c: Context, title: string, body: Markup, status: 200 | 404 = 200) {
  return c.html(
    htmlDocument({
      lang: "en",
      title: `${title} · Sandbox Xero`,
      style: STYLE,
      body: html`<nav>
          ${SANDBOX_ORGANISATIONS.map(
            (organisation) =>
              html`<a href="?tenantId=${organisation.tenantId}">${organisation.name}</a>&nbsp; `,
          )}
        </nav>
        <h1>${title}</h1>
        ${body}`,
    }),
    status,
  );
}

function books(organisation: SandboxOrganisation, state: LedgerState): Markup {
  const account = (accountId: string) => {
    const found = accountById(organisation, accountId);
    return found ? `${found.Code ?? "(no code)"} · ${found.Name}` : accountId;
  };
  const tracking = (entries: StoredTracking[]) =>
    trackingWire(organisation, entries)
      .map((entry) => `${entry.Name}: ${entry.Option}`)
      .join(", ");
  const invoices = state.documents.filter((document) => document.kind === "invoice");
  const creditNotes = state.documents.filter((document) => document.kind === "creditNote");
  return html`
    <p class="muted">Tenant ${organisation.tenantId} · base currency ${organisation.baseCurrency}</p>
    <h2>Manual journals (${state.journals.length})</h2>
    ${state.journals.length === 0 ? html`<p class="muted">None posted.</p>` : ""}
    ${[...state.journals].reverse().map(
      (journal) => html`
        <h3>${journal.date} · ${journal.narration} <span class="status">${journal.status}</span></h3>
        <p class="muted">ManualJournalID ${journal.id}</p>
        <table>
          <tr>
            <th>Account</th>
            <th>Description</th>
            <th>Tracking</th>
            <th class="amount">Debit</th>
            <th class="amount">Credit</th>
          </tr>
          ${journal.lines.map((line) => {
            const amount = new Decimal(line.amount);
            return html`<tr>
              <td>${account(line.accountId)}</td>
              <td>${line.description}</td>
              <td>${tracking(line.tracking)}</td>
              <td class="amount">${amount.isPositive() ? amount.toFixed(2) : ""}</td>
              <td class="amount">${amount.isNegative() ? amount.negated().toFixed(2) : ""}</td>
            </tr>`;
          })}
        </table>
      `,
    )}
    <h2>Invoices (${invoices.length})</h2>
    ${invoices.length === 0 ? html`<p class="muted">None posted.</p>` : ""}
    ${[...invoices].reverse().map((document) => salesDocument(organisation, state, document, account, tracking))}
    <h2>Credit notes (${creditNotes.length})</h2>
    ${creditNotes.length === 0 ? html`<p class="muted">None posted.</p>` : ""}
    ${[...creditNotes].reverse().map((document) => salesDocument(organisation, state, document, account, tracking))}
    <details>
      <summary>Chart of accounts</summary>
      <table>
        <tr>
          <th>Code</th>
          <th>Name</th>
          <th>Type</th>
          <th>Class</th>
          <th>Payments</th>
          <th>Status</th>
          <th>AccountID</th>
        </tr>
        ${organisation.accounts.map(
          (entry) =>
            html`<tr>
              <td>${entry.Code ?? ""}</td>
              <td>${entry.Name}</td>
              <td>${entry.Type}${entry.SystemAccount ? ` (${entry.SystemAccount})` : ""}</td>
              <td>${accountClass(entry.Type)}</td>
              <td>${entry.Type === "BANK" || entry.EnablePaymentsToAccount ? "accepts payments" : ""}</td>
              <td>${entry.Status}</td>
              <td class="muted">${entry.AccountID}</td>
            </tr>`,
        )}
      </table>
    </details>
  `;
}

function salesDocument(
  organisation: SandboxOrganisation,
  state: LedgerState,
  document: StoredSalesDocument,
  account: (accountId: string) => string,
  tracking: (entries: StoredTracking[]) => string,
): Markup {
  const names = SALES_KINDS[document.kind];
  const contact = allContacts({ organisation, state }).find((c) => c.ContactID === document.contactId);
  const payments = state.payments.filter((payment) => payment.documentId === document.id);
  const due = new Decimal(document.total).minus(amountPaid(state, document.id));
  return html`
    <h3>
      ${document.number} · ${document.date} · ${contact?.Name ?? document.contactId}
      <span class="status">${document.status}</span>
    </h3>
    <p class="muted">
      ${document.reference} · ${names.idField} ${document.id} · amounts ${document.lineAmountTypes}
    </p>
    <table>
      <tr>
        <th>Account / item</th>
        <th>Description</th>
        <th>Tracking</th>
        <th class="amount">Qty</th>
        <th class="amount">Unit</th>
        <th>Tax rate</th>
        <th class="amount">Tax</th>
        <th class="amount">Amount</th>
      </tr>
      ${document.lines.map(
        (line) =>
          html`<tr>
            <td>${line.itemCode ? `${line.itemCode} → ` : ""}${account(line.accountId)}</td>
            <td>${line.description}</td>
            <td>${tracking(line.tracking)}</td>
            <td class="amount">${line.quantity}</td>
            <td class="amount">
              ${new Decimal(line.unitAmount).toFixed(Math.max(2, scaleOf(line.unitAmount)))}
            </td>
            <td>${line.taxType}</td>
            <td class="amount">${line.taxAmount}</td>
            <td class="amount">${line.lineAmount}</td>
          </tr>`,
      )}
      <tr>
        <td colspan="7" class="amount">Subtotal ${document.subTotal} · tax ${document.totalTax} · total</td>
        <td class="amount"><strong>${document.total}</strong></td>
      </tr>
    </table>
    <table>
      <tr>
        <th>${document.kind === "invoice" ? "Payment" : "Refund"}</th>
        <th>Into / out of</th>
        <th>Reference</th>
        <th>Status</th>
        <th class="amount">Amount</th>
      </tr>
      ${payments.map(
        (payment) =>
          html`<tr>
            <td>${payment.date}</td>
            <td>${account(payment.accountId)}</td>
            <td>${payment.reference}</td>
            <td>${payment.status}</td>
            <td class="amount">${payment.amount}</td>
          </tr>`,
      )}
      <tr>
        <td colspan="4" class="amount">${document.kind === "invoice" ? "Amount due" : "Remaining credit"}</td>
        <td class="amount"><strong>${due.toFixed(2)}</strong></td>
      </tr>
    </table>
  `;
}
