// One accounting document with its lines: a journal as account / class / debit / credit, a receipt or
// invoice as item-or-account / quantity / amount with its taxes and payments; and where it stands in
// the ledger (its reference once posted, or that the next post will update it).
import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { DocumentView } from "../../../shared/api";
import { isReceipt, type JournalDocument, type ReceiptDocument } from "../../../shared/engine/types";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { ledgerName } from "./SyncHealthBanner";
import type { TargetNamer } from "./targets";

export function DocumentCard({
  document,
  nameOf,
  timeZone,
  preview = false,
}: {
  document: DocumentView;
  nameOf: TargetNamer;
  timeZone: string;
  /** A mapping preview's document: it has no place in the ledger to show. */
  preview?: boolean;
}) {
  const { t, dateTime } = useI18n();
  const body = document.body;
  const ledger = ledgerName(t, document.ledger);
  const changed = document.ledgerId !== null && document.postedFingerprint !== body.fingerprint;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          {t(`kind.${body.kind}` as MessageKey)}
        </Text>
        <Text as="p" tone="subdued">
          {body.memo}
        </Text>
        {!preview && (
          <Text as="p" tone={changed ? "caution" : undefined}>
            {document.ledgerId === null
              ? t("documents.not_posted")
              : changed
                ? t("documents.changed", { ledger })
                : t("documents.posted", {
                    ledger,
                    id: document.ledgerId,
                    time: document.postedAt ? dateTime(document.postedAt, timeZone) : "",
                  })}
          </Text>
        )}
        {isReceipt(body) ? (
          <ReceiptTables receipt={body} nameOf={nameOf} />
        ) : (
          <JournalTable journal={body} nameOf={nameOf} />
        )}
      </BlockStack>
    </Card>
  );
}

function JournalTable({ journal, nameOf }: { journal: JournalDocument; nameOf: TargetNamer }) {
  const { t, money } = useI18n();
  const amount = (value: string) => money(value, journal.currency);
  return (
    <DataTable
      columnContentTypes={["text", "text", "text", "numeric", "numeric"]}
      headings={[t("col.description"), t("col.account"), t("col.class"), t("col.debit"), t("col.credit")]}
      rows={journal.lines.map((line) => [
        line.vendor ? `${line.description} (${line.vendor})` : line.description,
        nameOf(line.target),
        line.class ?? "",
        line.side === "debit" ? amount(line.amount) : "",
        line.side === "credit" ? amount(line.amount) : "",
      ])}
      totals={["", "", "", amount(journal.total), amount(journal.total)]}
      totalsName={{ singular: t("documents.total"), plural: t("documents.total") }}
      showTotalsInFooter
    />
  );
}

function ReceiptTables({ receipt, nameOf }: { receipt: ReceiptDocument; nameOf: TargetNamer }) {
  const { t, money } = useI18n();
  const amount = (value: string) => money(value, receipt.currency);
  return (
    <BlockStack gap="300">
      <DataTable
        columnContentTypes={["text", "text", "text", "numeric", "numeric"]}
        headings={[
          t("col.description"),
          t("col.item_or_account"),
          t("col.class"),
          t("col.quantity"),
          t("col.amount"),
        ]}
        rows={receipt.lines.map((line) => [
          line.description,
          nameOf(line.target),
          line.class ?? receipt.class ?? "",
          line.quantity ?? "",
          amount(line.amount),
        ])}
        totals={["", "", "", "", amount(receipt.total)]}
        totalsName={{ singular: t("documents.total"), plural: t("documents.total") }}
        showTotalsInFooter
      />
      {receipt.taxes.length > 0 && (
        <DataTable
          columnContentTypes={["text", "text", "numeric"]}
          headings={[t("documents.taxes"), t("col.tax_code"), t("col.amount")]}
          rows={receipt.taxes.map((tax) => [tax.name, tax.taxCode, amount(tax.amount)])}
        />
      )}
      <DataTable
        columnContentTypes={["text", "text", "numeric"]}
        headings={[t("documents.payments"), t("col.account"), t("col.amount")]}
        rows={receipt.payments.map((payment) => [
          payment.vendor ? `${payment.description} (${payment.vendor})` : payment.description,
          nameOf(payment.target),
          amount(payment.amount),
        ])}
      />
    </BlockStack>
  );
}
