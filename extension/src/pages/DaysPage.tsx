// Sales totals (/days): the store-days of a date range, one store or all, with status and net sales,
// each linking to its Accounting tab. Set the dates, then Refresh (seed 000). Dates never loaded show
// as Missing, so a gap is visible.
import {
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineGrid,
  Link,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import {
  DAY_STATUSES,
  type DayRow,
  type DayStatus,
  PROBLEM_STATUSES,
  type StoreView,
} from "../../../shared/api";
import { useLoad } from "../api/useLoad";
import { LoadError } from "../components/Notice";
import { StatusBadge } from "../components/StatusBadge";
import { SyncHealthBanner } from "../components/SyncHealthBanner";
import { useApp } from "../context";
import { useI18n } from "../i18n";
import { addDays, datesBetween, daysBetween, localDate } from "../../../shared/time";
import { ATTENTION, type DaysSearch, type StatusFilter } from "./daysSearch";

/** The longest range shown at once; longer ones are the POS Load Scheduler's work. */
export const MAX_RANGE_DAYS = 92;
const DEFAULT_RANGE_DAYS = 14;

export function DaysPage() {
  const search = useSearch({ strict: false }) as DaysSearch;
  const navigate = useNavigate();
  const { session } = useApp();
  const { t, shared } = useI18n();
  const zone = session.stores[0]?.timezone ?? "UTC";
  const yesterday = addDays(localDate(Date.now(), zone), -1);
  const applied = {
    to: search.to ?? yesterday,
    from: search.from ?? addDays(search.to ?? yesterday, -(DEFAULT_RANGE_DAYS - 1)),
    store: search.store ?? "",
    status: search.status ?? "all",
  };
  const [draft, setDraft] = useState(applied);
  const rangeError =
    draft.to < draft.from
      ? t("days.range_invalid")
      : daysBetween(draft.from, draft.to) >= MAX_RANGE_DAYS
        ? t("days.range_too_long", { days: MAX_RANGE_DAYS })
        : undefined;

  const refresh = () => {
    if (rangeError) return;
    const next: DaysSearch = { from: draft.from, to: draft.to, status: draft.status as StatusFilter };
    if (draft.store) next.store = draft.store;
    void navigate({ to: "/days", search: next });
  };

  const statusOptions = [
    { label: t("days.all_statuses"), value: "all" },
    { label: t("days.needs_attention"), value: ATTENTION },
    ...DAY_STATUSES.map((status) => ({ label: shared(`status.${status}`), value: status })),
  ];
  const storeOptions = [
    { label: t("days.all_stores"), value: "" },
    ...session.stores.map((store) => ({ label: store.name, value: store.posShopId })),
  ];

  return (
    <Page
      title={t("days.title")}
      secondaryActions={[
        { content: t("nav.mapping"), url: "/app/mapping" },
        // The bulk tool for ranges too long for this page; only super users may use it.
        ...(session.user.role === "super_user"
          ? [{ content: t("nav.scheduler"), url: "/app/scheduler" }]
          : []),
      ]}
    >
      <BlockStack gap="400">
        <SyncHealthBanner />
        <Card>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              refresh();
            }}
          >
            <InlineGrid columns={{ xs: 1, sm: 2, md: 5 }} gap="300" alignItems="end">
              <Select
                label={t("days.store")}
                options={storeOptions}
                value={draft.store}
                onChange={(store) => setDraft({ ...draft, store })}
              />
              <TextField
                label={t("days.from")}
                type="date"
                autoComplete="off"
                value={draft.from}
                onChange={(from) => setDraft({ ...draft, from })}
              />
              <TextField
                label={t("days.to")}
                type="date"
                autoComplete="off"
                value={draft.to}
                error={rangeError}
                onChange={(to) => setDraft({ ...draft, to })}
              />
              <Select
                label={t("days.status")}
                options={statusOptions}
                value={draft.status}
                onChange={(status) => setDraft({ ...draft, status: status as StatusFilter })}
              />
              <Button submit variant="primary" disabled={rangeError !== undefined}>
                {t("days.refresh")}
              </Button>
            </InlineGrid>
          </form>
        </Card>
        <DaysTable key={JSON.stringify(applied)} {...applied} stores={session.stores} />
      </BlockStack>
    </Page>
  );
}

function statusesOf(filter: string): DayStatus[] | undefined {
  if (filter === ATTENTION) return [...PROBLEM_STATUSES];
  return (DAY_STATUSES as readonly string[]).includes(filter) ? [filter as DayStatus] : undefined;
}

function DaysTable(props: { from: string; to: string; store: string; status: string; stores: StoreView[] }) {
  const { api, session } = useApp();
  const { t, money, date: longDate, shortDate } = useI18n();
  const stores = props.store ? props.stores.filter((store) => store.posShopId === props.store) : props.stores;
  const statuses = statusesOf(props.status);
  const storeId = props.store ? stores[0]?.id : undefined;
  const loaded = useLoad(
    () =>
      api.days({
        from: props.from,
        to: props.to,
        ...(storeId && { storeId }),
        ...(statuses && { status: statuses }),
      }),
    [api, props.from, props.to, storeId, props.status],
  );
  if (loaded.error !== undefined && !loaded.data)
    return <LoadError error={loaded.error} onRetry={() => void loaded.reload()} />;
  if (!loaded.data) return null;

  const rows = withMissingDays(
    loaded.data.days,
    stores,
    props.from,
    props.to,
    session.account.syncStartDate,
    statuses,
  );
  const byId = new Map(stores.map((store) => [store.id, store]));
  return (
    <Card padding="0">
      {rows.length === 0 ? (
        <div style={{ padding: "16px" }}>
          <Text as="p" tone="subdued">
            {t("days.empty")}
          </Text>
        </div>
      ) : (
        <DataTable
          columnContentTypes={["text", "text", "text", "numeric"]}
          headings={[t("col.date"), t("col.store"), t("col.status"), t("col.net_sales")]}
          footerContent={t("days.count", { count: rows.length })}
          rows={rows.map((row) => {
            const store = byId.get(row.storeId)!;
            return [
              <Link
                key="date"
                url={`/app/day/${store.posShopId}/${row.salesDate}`}
                accessibilityLabel={t("days.open", { store: store.name, date: longDate(row.salesDate) })}
              >
                {shortDate(row.salesDate)}
              </Link>,
              store.name,
              <StatusBadge key="status" status={row.status} />,
              row.netSales !== null ? money(row.netSales, store.currency) : "—",
            ];
          })}
        />
      )}
    </Card>
  );
}

/** The rows, plus a `missing` row for each store-date of the range that was never loaded (from the sync
 *  start date until the store's today), newest first. */
function withMissingDays(
  days: DayRow[],
  stores: StoreView[],
  from: string,
  to: string,
  syncStartDate: string,
  statuses: DayStatus[] | undefined,
): DayRow[] {
  const rows = [...days];
  if (!statuses || statuses.includes("missing")) {
    const known = new Set(days.map((day) => `${day.storeId}/${day.salesDate}`));
    for (const store of stores) {
      const last = [to, localDate(Date.now(), store.timezone)].sort()[0]!;
      const first = [from, syncStartDate].sort()[1]!;
      for (const date of first <= last ? datesBetween(first, last) : [])
        if (!known.has(`${store.id}/${date}`))
          rows.push({
            storeId: store.id,
            salesDate: date,
            status: "missing",
            netSales: null,
            dueAt: null,
            lastError: null,
          });
    }
  }
  const names = new Map(stores.map((store) => [store.id, store.name]));
  const storeIds = new Set(stores.map((store) => store.id));
  return rows
    .filter((row) => storeIds.has(row.storeId))
    .sort(
      (a, b) =>
        b.salesDate.localeCompare(a.salesDate) ||
        (names.get(a.storeId) ?? "").localeCompare(names.get(b.storeId) ?? ""),
    );
}
