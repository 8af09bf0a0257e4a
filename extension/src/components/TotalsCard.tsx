// The POS's totals beside the documents' (shared/documentTotals.ts), so a mismatch is visible.
import { Badge, DataTable, Text } from "@shopify/polaris";
import type { AccountingDocument, DayTotals } from "../../../shared/engine/types";
import { compareTotals } from "../../../shared/documentTotals";
import { useI18n } from "../i18n";
import { TitledCard } from "./TitledCard";

export function TotalsCard({
  totals,
  documents,
}: {
  totals: DayTotals | null;
  documents: AccountingDocument[];
}) {
  const { t, money } = useI18n();
  return (
    <TitledCard title={t("totals.title")}>
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
            headings={[t("totals.what"), t("totals.pos"), t("totals.documents"), t("totals.difference"), ""]}
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
    </TitledCard>
  );
}
