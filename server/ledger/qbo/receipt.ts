// An engine sales receipt as QuickBooks objects. A QuickBooks SalesReceipt sells items and deposits its
// whole total into one account (DepositToAccountRef), while a day's receipt is paid into several
// (cash to the deposit account, cards to a clearing account, gift cards against their liability...) and
// may carry amounts mapped to accounts rather than items (gift cards sold, tips, untracked taxes,
// rounding). So a receipt becomes up to two objects:
//   - the SalesReceipt: the item lines and the tracked taxes, deposited into the first payment account
//     that can take a deposit (a bank or other current asset account: the cash deposit account when the
//     day had cash); a RefundReceipt instead when returns exceed sales (its total would be negative);
//   - a settlement JournalEntry for the rest: each account-mapped line (credited as a sale would be),
//     each payment to another account or naming a vendor (debited there, the vendor as the line's Name so
//     it shows on QuickBooks' deposit screen), balanced against the deposit account.
// The deposit account then ends with exactly its own payments, every other account with its amounts, and
// sales reports still see every item. Sales, returns and discounts mapped to accounts are refused: the
// receipt methods report sales by item, so those need QuickBooks items.
import type { ReceiptDocument, ReceiptTax, Section } from "../../../shared/engine/types";
import { Decimal, sum, ZERO } from "../../../shared/money";
import { LedgerValidationError } from "../port";
import { transactionHeader, journalLine, type JournalLineInput } from "./journalEntry";
import type { QboLists, QboTaxRate } from "./lists";
import {
  type JournalEntryBody,
  type ReceiptBody,
  ref,
  type SalesItemLine,
  type TaxLine,
  wireAmount,
} from "./wire";

export interface ReceiptPlan {
  receipt?: { entity: "SalesReceipt" | "RefundReceipt"; body: ReceiptBody };
  settlement?: JournalEntryBody;
}

const ITEM_SECTIONS: Section[] = ["sales", "returns", "discounts"];
const DEPOSIT_ACCOUNT_TYPES = ["Bank", "Other Current Asset"];
/** QuickBooks keeps unit prices to 5 decimals; a line whose amount is not qty × such a price gets none. */
const UNIT_PRICE_DECIMALS = 5;

export async function receiptPlan(
  document: ReceiptDocument,
  docNumbers: { receipt: (entity: "SalesReceipt" | "RefundReceipt") => Promise<string>; settlement: string },
  lists: QboLists,
): Promise<ReceiptPlan> {
  if (document.kind === "invoice")
    throw new LedgerValidationError(
      "The summary invoice method posts to Xero. For QuickBooks, choose the journal entry or a sales receipt method.",
    );
  const itemLines = document.lines.flatMap((line) =>
    line.target.item !== undefined ? [{ ...line, item: line.target.item }] : [],
  );
  const accountLines = document.lines.flatMap((line) =>
    line.target.account !== undefined ? [{ ...line, account: line.target.account }] : [],
  );
  for (const line of accountLines)
    if (ITEM_SECTIONS.includes(line.section))
      throw new LedgerValidationError(
        `QuickBooks sales receipts sell items: "${line.description}" is mapped to account ${line.account}. Map it to a QuickBooks item, or post with the journal entry method.`,
        { account: line.account },
      );
  const payments = document.payments.map((payment) => {
    if (payment.target.account === undefined)
      throw new LedgerValidationError(
        `Payments are deposited into accounts: "${payment.description}" is mapped to item ${payment.target.item}. Map it to an account.`,
        { item: payment.target.item },
      );
    return { ...payment, account: payment.target.account, amount: new Decimal(payment.amount) };
  });
  const deposit = await depositAccount(
    payments.map((payment) => payment.account),
    lists,
  );

  const plan: ReceiptPlan = {};
  const receiptTotal = sum(itemLines.map((line) => new Decimal(line.amount))).plus(
    sum(document.taxes.map((tax) => new Decimal(tax.amount))),
  );
  let receiptNumber: string | undefined;
  if (itemLines.length > 0 || document.taxes.length > 0) {
    const entity = receiptTotal.isNegative() ? "RefundReceipt" : "SalesReceipt";
    // A refund receipt states what was given back as positive amounts.
    const sign = entity === "RefundReceipt" ? -1 : 1;
    receiptNumber = await docNumbers.receipt(entity);
    const classIds = new Map<string, string>();
    for (const value of [document.class, ...itemLines.map((line) => line.class)])
      if (value !== undefined && !classIds.has(value)) classIds.set(value, await lists.classId(value));
    const classRef = (value: string | undefined) =>
      value === undefined ? {} : { ClassRef: ref(classIds.get(value) ?? value) };
    const lines = itemLines.map((line): SalesItemLine => {
      const amount = new Decimal(line.amount).times(sign);
      return {
        Description: line.description,
        Amount: wireAmount(amount),
        DetailType: "SalesItemLineDetail",
        SalesItemLineDetail: {
          ItemRef: ref(line.item),
          ...classRef(line.class),
          ...quantityOf(amount, line.quantity, sign),
        },
      };
    });
    const taxLines = await taxLinesOf(document.taxes, sign, lists);
    const totalTax = sum(document.taxes.map((tax) => new Decimal(tax.amount))).times(sign);
    plan.receipt = {
      entity,
      body: {
        ...transactionHeader(document, receiptNumber),
        ...classRef(document.class),
        ...(deposit !== undefined && { DepositToAccountRef: ref(deposit) }),
        GlobalTaxCalculation: document.taxes.length > 0 ? "TaxExcluded" : "NotApplicable",
        TxnTaxDetail: { TotalTax: wireAmount(totalTax), ...(taxLines.length > 0 && { TaxLine: taxLines }) },
        Line: lines,
        TotalAmt: wireAmount(receiptTotal.times(sign)),
      },
    };
  }

  const settlement: JournalLineInput[] = [];
  const className = document.class !== undefined ? { className: document.class } : {};
  let depositChange = ZERO;
  for (const line of accountLines) {
    const amount = new Decimal(line.amount);
    if (amount.isZero()) continue;
    depositChange = depositChange.plus(amount);
    settlement.push({
      description: line.description,
      account: line.account,
      ...sided(amount, "credit"),
      ...(line.class !== undefined && { className: line.class }),
      ...(line.vendor !== undefined && { vendor: line.vendor }),
    });
  }
  const kept: string[] = [];
  for (const payment of payments) {
    if (payment.amount.isZero()) continue;
    if (payment.account === deposit && payment.vendor === undefined) {
      kept.push(payment.description);
      continue;
    }
    depositChange = depositChange.minus(payment.amount);
    settlement.push({
      description: payment.description,
      account: payment.account,
      ...sided(payment.amount, "debit"),
      ...className,
      ...(payment.vendor !== undefined && { vendor: payment.vendor }),
    });
  }
  if (!depositChange.isZero()) {
    if (deposit === undefined)
      throw new LedgerValidationError(
        `${docNumbers.settlement}: the day has amounts to settle but no payment account to deposit them into. Map the day's payments to accounts.`,
      );
    // With a receipt, this line corrects what the receipt deposited; without one, it is the deposit.
    settlement.push({
      description: receiptNumber ?? kept.join(", "),
      account: deposit,
      ...sided(depositChange, "debit"),
      ...className,
    });
  }
  if (settlement.length > 0)
    plan.settlement = {
      ...transactionHeader(document, docNumbers.settlement),
      Line: await Promise.all(settlement.map((line) => journalLine(line, lists))),
    };
  return plan;
}

/** A signed amount as a journal line: `positive` is the side an amount above zero goes to. */
function sided(amount: Decimal, positive: "debit" | "credit") {
  const other = positive === "debit" ? "credit" : "debit";
  return { side: amount.isNegative() ? other : positive, amount: amount.abs() };
}

/** Qty and UnitPrice when the amount is exactly the quantity times a price QuickBooks can hold. */
function quantityOf(amount: Decimal, quantity: string | undefined, sign: number) {
  if (quantity === undefined) return {};
  const qty = new Decimal(quantity).times(sign);
  if (qty.isZero()) return {};
  const unitPrice = amount.dividedBy(qty);
  if (unitPrice.decimalPlaces() > UNIT_PRICE_DECIMALS || !unitPrice.times(qty).equals(amount)) return {};
  return { Qty: wireAmount(qty), UnitPrice: wireAmount(unitPrice) };
}

/** The first payment account that can take a deposit, else the first one (QuickBooks will say why not). */
async function depositAccount(accounts: string[], lists: QboLists): Promise<string | undefined> {
  if (accounts.length === 0) return undefined;
  const types = new Map((await lists.accounts()).map((account) => [account.Id, account.AccountType]));
  return accounts.find((account) => DEPOSIT_ACCOUNT_TYPES.includes(types.get(account) ?? "")) ?? accounts[0];
}

/** One TaxLine per QuickBooks tax rate, from the tax code each POS tax is mapped to. */
async function taxLinesOf(taxes: ReceiptTax[], sign: number, lists: QboLists): Promise<TaxLine[]> {
  const byRate = new Map<string, { rate: QboTaxRate; amount: Decimal }>();
  for (const tax of taxes) {
    const rate = await rateOf(tax, lists);
    const entry = byRate.get(rate.Id) ?? { rate, amount: ZERO };
    entry.amount = entry.amount.plus(new Decimal(tax.amount).times(sign));
    byRate.set(rate.Id, entry);
  }
  return [...byRate.values()].map(({ rate, amount }) => ({
    Amount: wireAmount(amount),
    DetailType: "TaxLineDetail",
    TaxLineDetail: { TaxRateRef: ref(rate.Id), PercentBased: true, TaxPercent: Number(rate.RateValue ?? 0) },
  }));
}

/** The rate of a tax code with one; of a combined code (GST/PST), the rate named like the POS tax. */
async function rateOf(tax: ReceiptTax, lists: QboLists): Promise<QboTaxRate> {
  const { code, rates } = await lists.ratesOfCode(tax.taxCode);
  if (code === undefined)
    throw new LedgerValidationError(
      `The tax ${tax.name} is mapped to tax code ${tax.taxCode}, which is not in QuickBooks. Map it to one of the company's tax codes.`,
    );
  if (rates.length === 1) return rates[0] as QboTaxRate;
  const word = new RegExp(`\\b${tax.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i");
  const named = rates.filter((rate) => word.test(rate.Name ?? ""));
  if (named.length === 1) return named[0] as QboTaxRate;
  throw new LedgerValidationError(
    `The tax ${tax.name} is mapped to the QuickBooks tax code ${code}, which has ${rates.length} rates (${rates.map((rate) => rate.Name).join(", ")}). Map it to a tax code with the one rate of ${tax.name}.`,
  );
}
