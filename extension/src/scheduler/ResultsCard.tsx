// The Search Results: every matching store-day with its sale date, posting status and net sales, rows to
// select for the job ("10 results, 0 selected"), and filters that narrow the rows shown without searching
// again (a hidden row is never part of the selection).
import { BlockStack, Box, Card, IndexTable, InlineGrid, Text, TextField } from "@shopify/polaris";
import type { DayStatus, JobSearchRow, SearchFilter, StoreView } from "../../../shared/api";
import { StatusBadge } from "../components/StatusBadge";
import { TitledCard } from "../components/TitledCard";
import { useI18n } from "../i18n";
import { MultiSelect } from "./MultiSelect";
import { type Narrowing, nextSelection, resultKey } from "./results";

interface ResultsCardProps {
  filter: SearchFilter;
  rows: JobSearchRow[];
  visible: JobSearchRow[];
  stores: Map<string, StoreView>;
  selection: ReadonlySet<string>;
  onSelection(selection: Set<string>): void;
  narrowing: Narrowing;
  onNarrowing(narrowing: Narrowing): void;
}

export function ResultsCard(props: ResultsCardProps) {
  const { filter, rows, visible, stores, selection, onSelection, narrowing, onNarrowing } = props;
  const { t, count, shared, money, shortDate, date: longDate } = useI18n();
  const visibleKeys = visible.map(resultKey);
  const selectedCount = visibleKeys.filter((key) => selection.has(key)).length;
  const hidden = rows.length - visible.length;
  const statusesFound = [...new Set(rows.map((row) => row.status))];
  const storeName = (storeId: string) => stores.get(storeId)?.name ?? storeId;

  if (rows.length === 0)
    return (
      <TitledCard title={t("scheduler.results.title")} gap="200">
        <div role="status">
          <Text as="p" tone="subdued">
            {filter === "missing" ? t("scheduler.results.none_missing") : t("scheduler.results.none")}
          </Text>
        </div>
      </TitledCard>
    );

  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="300">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {t("scheduler.results.title")}
            </Text>
            <div role="status">
              <Text as="p">
                {t("scheduler.results_header", {
                  results: count("scheduler.results", visible.length),
                  selected: count("scheduler.selected", selectedCount),
                })}
              </Text>
            </div>
            {hidden > 0 && (
              <Text as="p" tone="subdued">
                {count("scheduler.hidden", hidden)}
              </Text>
            )}
          </BlockStack>
          <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
            <TextField
              label={t("scheduler.narrow.store")}
              autoComplete="off"
              value={narrowing.store}
              clearButton
              onClearButtonClick={() => onNarrowing({ ...narrowing, store: "" })}
              onChange={(store) => onNarrowing({ ...narrowing, store })}
            />
            <MultiSelect
              label={t("scheduler.narrow.statuses")}
              placeholder={t("scheduler.narrow.statuses_placeholder")}
              options={statusesFound.map((status) => ({ value: status, label: shared(`status.${status}`) }))}
              selected={narrowing.statuses}
              onChange={(statuses) => onNarrowing({ ...narrowing, statuses: statuses as DayStatus[] })}
            />
          </InlineGrid>
        </BlockStack>
      </Box>
      {visible.length === 0 ? (
        <Box padding="400">
          <Text as="p" tone="subdued">
            {t("scheduler.results.none_visible")}
          </Text>
        </Box>
      ) : (
        <IndexTable
          resourceName={{ singular: t("scheduler.result.singular"), plural: t("scheduler.result.plural") }}
          itemCount={visible.length}
          selectedItemsCount={selectedCount}
          onSelectionChange={(type, selecting, picked) =>
            onSelection(nextSelection(selection, visibleKeys, type, selecting, picked))
          }
          headings={[
            { title: t("scheduler.col.store") },
            { title: t("scheduler.col.sale_date") },
            { title: t("scheduler.col.posting_status") },
            { title: t("scheduler.col.net_sales"), alignment: "end" },
          ]}
        >
          {visible.map((row, index) => {
            const key = visibleKeys[index]!;
            const store = stores.get(row.storeId);
            return (
              <IndexTable.Row
                key={key}
                id={key}
                position={index}
                selected={selection.has(key)}
                accessibilityLabel={t("scheduler.result.select", {
                  store: storeName(row.storeId),
                  date: longDate(row.salesDate),
                })}
              >
                <IndexTable.Cell>{storeName(row.storeId)}</IndexTable.Cell>
                <IndexTable.Cell>{shortDate(row.salesDate)}</IndexTable.Cell>
                <IndexTable.Cell>
                  <StatusBadge status={row.status} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {row.netSales !== null && store ? money(row.netSales, store.currency) : "—"}
                  </Text>
                </IndexTable.Cell>
              </IndexTable.Row>
            );
          })}
        </IndexTable>
      )}
    </Card>
  );
}
