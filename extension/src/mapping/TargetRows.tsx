// A section's rows: the POS side on the left (a category, a payment type, All Sales...), the ledger
// target on the right, a vendor where the seeds allow one, and the advice on the target's account.
import { BlockStack, Box, InlineGrid, Text } from "@shopify/polaris";
import type { LedgerChartView, MappingAdvice } from "../../../shared/api";
import type { Mapping } from "../../../shared/schemas/mapping";
import { useI18n } from "../i18n";
import { getAt, type Path, setAt, targetId } from "./draft";
import { TargetPicker } from "./TargetPicker";

export interface TargetRow {
  key: string;
  label: string;
  /** Beside the label: "(Credit)", "catch-all"... */
  note?: string;
  path: Path;
  kind: "account" | "item" | "taxCode";
  vendor?: boolean;
}

const ENTRIES: Record<TargetRow["kind"], keyof Chart> = {
  account: "accounts",
  item: "items",
  taxCode: "taxCodes",
};
const PLACEHOLDERS = {
  account: "mapping.pick",
  item: "mapping.pick_item",
  taxCode: "mapping.pick_tax_code",
} as const;

export type Chart = LedgerChartView["chart"];

export interface SectionProps {
  mapping: Mapping;
  onChange(next: Mapping): void;
  chart: Chart;
  advice: MappingAdvice[];
  /** The row to bring into view and outline (from a held day's "Map it"). */
  focus?: string;
}

export function useAdviceText() {
  const { t } = useI18n();
  return (advice: MappingAdvice[], path: Path): { error?: string; help?: string } => {
    const key = path.join(".");
    const mine = advice.filter((item) => item.path === key || item.path.startsWith(`${key}.`));
    const error = mine.find((item) => item.severity === "error");
    const warning = mine.find((item) => item.severity === "warning");
    const text = (item: MappingAdvice) =>
      t(`mapping.advice.${item.code}`, {
        type: item.accountType ?? "",
        recommended: (item.recommended ?? []).join(", "),
      });
    return { ...(error && { error: text(error) }), ...(warning && { help: `⚠ ${text(warning)}` }) };
  };
}

export function TargetRows({
  rows,
  mapping,
  onChange,
  chart,
  advice,
  focus,
}: SectionProps & { rows: TargetRow[] }) {
  const { t } = useI18n();
  const adviceText = useAdviceText();
  return (
    <BlockStack gap="0">
      {rows.map((row) => {
        const target = getAt(mapping, row.path) as Record<string, string> | undefined;
        const pathKey = row.path.join(".");
        const setTarget = (id: string | undefined) =>
          onChange(
            setAt(
              mapping,
              row.path,
              id === undefined
                ? undefined
                : { [row.kind]: id, ...(target?.vendor && { vendor: target.vendor }) },
            ),
          );
        const { error, help } = adviceText(advice, row.path);
        return (
          <div
            key={row.key}
            id={`map-${pathKey}`}
            className={
              focus && (pathKey === focus || pathKey.startsWith(`${focus}.`)) ? "daybook-focus" : undefined
            }
          >
            <Box paddingBlock="200" borderBlockEndWidth="025" borderColor="border-secondary">
              <InlineGrid
                columns={row.vendor ? ["oneThird", "oneThird", "oneThird"] : ["oneThird", "twoThirds"]}
                gap="300"
                alignItems="center"
              >
                <Text as="span">
                  {row.label}
                  {row.note && (
                    <Text as="span" tone="subdued">
                      {` ${row.note}`}
                    </Text>
                  )}
                </Text>
                <TargetPicker
                  label={t("mapping.target_for", { name: row.label })}
                  entries={chart[ENTRIES[row.kind]]}
                  placeholder={t(PLACEHOLDERS[row.kind])}
                  value={targetId(target)}
                  onChange={setTarget}
                  error={error}
                  helpText={help}
                />
                {row.vendor && (
                  <TargetPicker
                    label={t("mapping.vendor_for", { name: row.label })}
                    entries={chart.vendors}
                    placeholder={t("mapping.pick_vendor")}
                    value={target?.vendor}
                    onChange={(vendor) => target && onChange(setAt(mapping, [...row.path, "vendor"], vendor))}
                    helpText={t("mapping.vendor_optional")}
                  />
                )}
              </InlineGrid>
            </Box>
          </div>
        );
      })}
    </BlockStack>
  );
}
