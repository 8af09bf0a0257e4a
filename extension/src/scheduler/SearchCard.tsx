// The Search Stores panel: a date range, the stores (searchable; none chosen means all), the filter
// (Missing Sales, Reload, or Posting status with the statuses to find), and Search.
import { BlockStack, Button, Card, InlineGrid, Select, Text, TextField } from "@shopify/polaris";
import {
  DAY_STATUSES,
  type DayStatus,
  SEARCH_FILTERS,
  type SearchFilter,
  type StoreView,
} from "../../../shared/api";
import { daysBetween } from "../../../shared/time";
import { useI18n } from "../i18n";
import { MultiSelect } from "./MultiSelect";
import { MAX_SEARCH_DAYS } from "./results";

export interface SearchForm {
  from: string;
  to: string;
  /** Chosen stores (their Daybook ids); none means every store. */
  storeIds: string[];
  filter: SearchFilter;
  statuses: DayStatus[];
}

/** What is wrong with the form, field by field (the server's 400s land here too). */
export type SearchErrors = Partial<Record<"from" | "to" | "storeIds" | "filter" | "statuses", string>>;

export function useSearchFormErrors(form: SearchForm): SearchErrors {
  const { t } = useI18n();
  const errors: SearchErrors = {};
  if (form.to < form.from) errors.to = t("scheduler.range_invalid");
  else if (daysBetween(form.from, form.to) + 1 > MAX_SEARCH_DAYS)
    errors.to = t("scheduler.range_too_long", { days: MAX_SEARCH_DAYS });
  if (form.filter === "status" && form.statuses.length === 0)
    errors.statuses = t("scheduler.statuses.required");
  return errors;
}

interface SearchCardProps {
  form: SearchForm;
  onChange(form: SearchForm): void;
  stores: StoreView[];
  errors: SearchErrors;
  searching: boolean;
  onSearch(): void;
}

export function SearchCard({ form, onChange, stores, errors, searching, onSearch }: SearchCardProps) {
  const { t, shared } = useI18n();
  const blocked = Object.values(errors).some(Boolean);
  const set = (changes: Partial<SearchForm>) => onChange({ ...form, ...changes });
  return (
    <Card>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!blocked && !searching) onSearch();
        }}
      >
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            {t("scheduler.search.title")}
          </Text>
          <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
            <TextField
              label={t("scheduler.from")}
              type="date"
              autoComplete="off"
              value={form.from}
              error={errors.from}
              onChange={(from) => set({ from })}
            />
            <TextField
              label={t("scheduler.to")}
              type="date"
              autoComplete="off"
              value={form.to}
              error={errors.to}
              onChange={(to) => set({ to })}
            />
          </InlineGrid>
          <MultiSelect
            label={t("scheduler.stores")}
            placeholder={t("scheduler.stores.placeholder")}
            options={stores.map((store) => ({ value: store.id, label: store.name }))}
            selected={form.storeIds}
            onChange={(storeIds) => set({ storeIds })}
            helpText={form.storeIds.length === 0 ? t("scheduler.stores.all") : undefined}
            error={errors.storeIds}
          />
          <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
            <Select
              label={t("scheduler.filter")}
              options={SEARCH_FILTERS.map((filter) => ({
                value: filter,
                label: t(`scheduler.filter.${filter}`),
              }))}
              value={form.filter}
              helpText={t(`scheduler.filter.${form.filter}.help`)}
              error={errors.filter}
              onChange={(filter) => set({ filter: filter as SearchFilter })}
            />
            {form.filter === "status" && (
              <MultiSelect
                label={t("scheduler.statuses")}
                placeholder={t("scheduler.statuses.placeholder")}
                options={DAY_STATUSES.map((status) => ({ value: status, label: shared(`status.${status}`) }))}
                selected={form.statuses}
                onChange={(statuses) => set({ statuses: statuses as DayStatus[] })}
                error={errors.statuses}
              />
            )}
          </InlineGrid>
          <div>
            <Button submit variant="primary" loading={searching} disabled={blocked}>
              {t("scheduler.search")}
            </Button>
          </div>
        </BlockStack>
      </form>
    </Card>
  );
}
