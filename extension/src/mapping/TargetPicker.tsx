// Picks a ledger account or item for one mapping target, searching the connected ledger's chart by
// number, name or type; the account's type is shown beside its name.
import { Autocomplete, Icon } from "@shopify/polaris";
import { SearchIcon } from "@shopify/polaris-icons";
import { useMemo, useState } from "react";
import type { ChartEntryView } from "../../../shared/api";
import { useI18n } from "../i18n";

/** At most this many matches are listed: the search narrows the rest. */
const SHOWN = 60;

export function entryLabel(entry: ChartEntryView): string {
  const name = entry.code ? `${entry.code} ${entry.name}` : entry.name;
  return entry.type ? `${name} · ${entry.type}` : name;
}

interface TargetPickerProps {
  /** What the picker is for, read by screen readers ("Sales: Espresso drinks"). */
  label: string;
  entries: readonly ChartEntryView[];
  value: string | undefined;
  onChange(id: string | undefined): void;
  error?: string;
  helpText?: string;
  /** "Search accounts" unless told otherwise. */
  placeholder?: string;
}

export function TargetPicker(props: TargetPickerProps) {
  const { label, entries, value, onChange, error, helpText } = props;
  const { t } = useI18n();
  const selected = entries.find((entry) => entry.id === value);
  const [input, setInput] = useState<string | null>(null);
  const options = useMemo(() => {
    const query = (input ?? "").trim().toLowerCase();
    return entries
      .filter((entry) => entry.active && (!query || entryLabel(entry).toLowerCase().includes(query)))
      .slice(0, SHOWN)
      .map((entry) => ({ value: entry.id, label: entryLabel(entry) }));
  }, [entries, input]);

  const shown =
    input ?? (selected ? entryLabel(selected) : value ? t("mapping.unknown_target", { id: value }) : "");
  return (
    <Autocomplete
      options={options}
      selected={value ? [value] : []}
      onSelect={([id]) => {
        setInput(null);
        onChange(id);
      }}
      textField={
        <Autocomplete.TextField
          label={label}
          labelHidden
          value={shown}
          onChange={setInput}
          onFocus={() => setInput("")}
          onBlur={() => setInput(null)}
          prefix={<Icon source={SearchIcon} />}
          placeholder={props.placeholder ?? t("mapping.pick")}
          autoComplete="off"
          clearButton={value !== undefined}
          onClearButtonClick={() => {
            setInput(null);
            onChange(undefined);
          }}
          error={error}
          helpText={helpText}
        />
      }
      emptyState={t("mapping.no_match")}
    />
  );
}
