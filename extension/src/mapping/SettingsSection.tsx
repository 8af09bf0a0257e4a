// The posting method and the general settings: Track Sales Tax in the ledger, Book Inventory/COGS, the
// tolerance and where a difference within it goes.
import { BlockStack, Checkbox, ChoiceList, TextField } from "@shopify/polaris";
import type { Mapping, PostingMethod } from "../../../shared/schemas/mapping";
import { useI18n } from "../i18n";
import { setAt } from "./draft";
import { type SectionProps, TargetRows } from "./TargetRows";

export function SettingsSection(props: SectionProps & { methods: PostingMethod[] }) {
  const { t } = useI18n();
  const { mapping, onChange, methods } = props;
  const set = (path: string[], value: unknown) => onChange(setAt(mapping, path, value) as Mapping);
  const toleranceValid = /^\d{1,6}(\.\d{1,2})?$/.test(mapping.settings.tolerance);
  return (
    <BlockStack gap="400">
      <ChoiceList
        title={t("mapping.method")}
        choices={methods.map((method) => ({
          value: method,
          label: t(`mapping.method.${method}`),
          helpText: t(`mapping.method.${method}.help`),
        }))}
        selected={[mapping.postingMethod]}
        onChange={([method]) => set(["postingMethod"], method)}
      />
      <Checkbox
        label={t("mapping.track_tax")}
        helpText={t("mapping.track_tax_help")}
        checked={mapping.settings.trackSalesTaxInLedger}
        onChange={(value) => set(["settings", "trackSalesTaxInLedger"], value)}
      />
      <Checkbox
        label={t("mapping.book_cogs")}
        helpText={t("mapping.book_cogs_help")}
        checked={mapping.settings.bookInventoryCogs}
        onChange={(value) => set(["settings", "bookInventoryCogs"], value)}
      />
      <TextField
        label={t("mapping.tolerance")}
        helpText={t("mapping.tolerance_help")}
        value={mapping.settings.tolerance}
        onChange={(value) => set(["settings", "tolerance"], value.trim())}
        error={toleranceValid ? undefined : t("mapping.tolerance_invalid")}
        inputMode="decimal"
        autoComplete="off"
      />
      <TargetRows
        {...props}
        rows={[{ key: "rounding", label: t("mapping.rounding"), path: ["rounding"], kind: "account" }]}
      />
    </BlockStack>
  );
}
