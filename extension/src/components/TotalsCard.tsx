// The POS's totals beside the documents' (shared/documentTotals.ts), so a mismatch is visible.
import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { DayTotals } from "../../../shared/engine/types";
import type { AccountingDocument } from "../../../shared/engine/types";
import { compareTotals } from "../../../shared/documentTotals";
import { useI18n } from "../i18n";

export function TotalsCard({
  totals,
  documents,
}: {
  totals: DayTotals | null;
  documents: AccountingDocument[];
}) {
  const { t, money } = useI18n();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("totals.title")}
        </Text>
        {!totals ? (
          <Text as="p" tone="subdued">
            {t("totals.none")}
          </Text>
        ) : (
          <>
            <Text as="p" tone="subdued">
              {t("totals.help")}
            </Text>
            <DataTable
              columnContentTypes={["text", "numeric", "numeric", "numeric", "text"]}
              headings={[
                t("totals.what"),
                t("totals.pos"),
                t("totals.documents"),
                t("totals.difference"),
                "",
              ]}
              rows={compareTotals(totals, documents).map((row) => {
                const matches = /^-?0(\.0+)?$/.test(row.difference);
                return [
                  t(`totals.${row.name}`),
                  money(row.pos, totals.currency),
                  money(row.documents, totals.currency),
                  money(row.difference, totals.currency),
                  <Badge key="match" tone={matches ? "success" : "critical"}>
                    {matches ? t("totals.matches") : t("totals.differs")}
                  </Badge>,
                ];
              })}
            />
          </>
        )}
      </BlockStack>
    </Card>
  );
}
