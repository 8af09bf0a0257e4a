// A labelled multi-select with a search field (Polaris Autocomplete, allowMultiple): the chosen options
// as removable tags under the field (Polaris names each remove button "Remove …" in the person's
// language), the list narrowed by what is typed.
import { Autocomplete, InlineStack, Tag } from "@shopify/polaris";
import { useMemo, useState } from "react";
import { useI18n } from "../i18n";

export interface MultiSelectOption {
  value: string;
  label: string;
}

interface MultiSelectProps {
  label: string;
  placeholder: string;
  options: MultiSelectOption[];
  selected: string[];
  onChange(selected: string[]): void;
  helpText?: string;
  error?: string;
  disabled?: boolean;
}

export function MultiSelect({
  label,
  placeholder,
  options,
  selected,
  onChange,
  helpText,
  error,
  disabled,
}: MultiSelectProps) {
  const { t } = useI18n();
  const [input, setInput] = useState("");
  const shown = useMemo(() => {
    const needle = input.trim().toLocaleLowerCase();
    return needle ? options.filter((option) => option.label.toLocaleLowerCase().includes(needle)) : options;
  }, [input, options]);
  // The tags follow the options' order, whatever the order they were picked in.
  const chosen = options.filter((option) => selected.includes(option.value));

  const tags =
    chosen.length > 0 ? (
      <InlineStack gap="100" wrap>
        {chosen.map((option) => (
          <Tag
            key={option.value}
            disabled={disabled}
            onRemove={() => onChange(selected.filter((value) => value !== option.value))}
          >
            {option.label}
          </Tag>
        ))}
      </InlineStack>
    ) : undefined;

  return (
    <Autocomplete
      allowMultiple
      options={shown}
      selected={selected}
      onSelect={(values) => onChange(options.map((o) => o.value).filter((value) => values.includes(value)))}
      listTitle={label}
      emptyState={<p style={{ padding: "8px 12px" }}>{t("scheduler.no_match")}</p>}
      textField={
        <Autocomplete.TextField
          label={label}
          value={input}
          onChange={setInput}
          placeholder={placeholder}
          autoComplete="off"
          verticalContent={tags}
          helpText={helpText}
          error={error}
          disabled={disabled}
        />
      }
    />
  );
}
