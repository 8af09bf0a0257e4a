// The bundled example day and mapping, parsed through the real schemas, and small readers of results.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type {
  AccountingDocument,
  DocumentKind,
  GenerateResult,
  JournalDocument,
  ReceiptDocument,
} from "../../shared/engine/types";
import { type Mapping, parseMapping } from "../../shared/schemas/mapping";
import { type PosDay, parsePosDay } from "../../shared/schemas/posDay";

export const fixturePath = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const readJson = (name: string): unknown => JSON.parse(readFileSync(fixturePath(name), "utf8"));

export function exampleDay(): PosDay {
  const parsed = parsePosDay(readJson("example-day.json"));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

export function exampleMapping(): Mapping {
  const parsed = parseMapping(readJson("example-mapping.json"));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

export function documentOf(result: GenerateResult, kind: "sales_receipt" | "invoice"): ReceiptDocument;
export function documentOf(result: GenerateResult, kind: DocumentKind): JournalDocument;
export function documentOf(result: GenerateResult, kind: DocumentKind): AccountingDocument {
  const document = result.documents.find((candidate) => candidate.kind === kind);
  if (!document)
    throw new Error(
      `no ${kind} document; status ${result.status}, problems ${JSON.stringify(result.problems)}`,
    );
  return document;
}

const targetName = (target: { account?: string; item?: string }) => target.account ?? `items:${target.item}`;

/** A journal as `[target, "debit" | "credit", amount]` rows in document order. */
export function journalRows(document: JournalDocument): [string, string, string][] {
  return document.lines.map((line) => [targetName(line.target), line.side, line.amount]);
}

/** A receipt's lines, taxes and payments as `[target, amount]` rows. */
export function receiptRows(document: ReceiptDocument) {
  return {
    lines: document.lines.map((line) => [targetName(line.target), line.amount, line.description]),
    taxes: document.taxes.map((tax) => [tax.taxCode, tax.amount]),
    payments: document.payments.map((payment) => [targetName(payment.target), payment.amount]),
  };
}
