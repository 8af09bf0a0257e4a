// New Job: search the store-days (Search Stores), configure the job in the panel above the results, select
// rows, and Queue. A completed job's "Copy to new job" arrives here as a preset whose search runs at once.
import { Banner, BlockStack } from "@shopify/polaris";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { JobOptions, JobSearch, JobSearchRow, JobView, NewJob, StoreView } from "../../../shared/api";
import { addDays, localDate } from "../../../shared/time";
import { ApiError } from "../api/client";
import { useToast } from "../components/Toast";
import { useApp } from "../context";
import { useI18n } from "../i18n";
import { type JobConfig, JobConfigCard, jobSources, notifyBlocked } from "./JobConfigCard";
import {
  defaultJobType,
  keepVisible,
  type Narrowing,
  narrowRows,
  resultKey,
  sortRows,
  spanOf,
} from "./results";
import { ResultsCard } from "./ResultsCard";
import { SearchCard, type SearchErrors, type SearchForm, useSearchFormErrors } from "./SearchCard";

/** What "Copy to new job" carries from a finished job (or the mapping's regenerate offer, unnamed). */
export interface JobPreset {
  type: JobView["type"];
  name: string | null;
  sources: JobView["sources"];
  notify: boolean;
  search: JobSearch | null;
}

const DEFAULT_RANGE_DAYS = 30;
const NO_NARROWING: Narrowing = { store: "", statuses: [] };

interface NewJobTabProps {
  options: JobOptions | undefined;
  preset: JobPreset | null;
  onQueued(job: JobView): void;
}

export function NewJobTab({ options, preset, onQueued }: NewJobTabProps) {
  const { api, session } = useApp();
  const { t, count } = useI18n();
  const showToast = useToast();
  const stores = useMemo(() => new Map<string, StoreView>(session.stores.map((s) => [s.id, s])), [session]);
  const storeName = useCallback((storeId: string) => stores.get(storeId)?.name ?? storeId, [stores]);

  const [form, setForm] = useState<SearchForm>(() => initialForm(session.stores, preset?.search ?? null));
  const formErrors = useSearchFormErrors(form);
  const [serverErrors, setServerErrors] = useState<SearchErrors>({});
  const [searchError, setSearchError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [result, setResult] = useState<{ search: JobSearch; rows: JobSearchRow[] } | null>(null);
  const [narrowing, setNarrowing] = useState<Narrowing>(NO_NARROWING);
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [config, setConfig] = useState<JobConfig>(() => ({
    type: preset?.type ?? "load_missing",
    name: preset?.name ?? null,
    extraSources: preset?.sources.filter((source) => source !== "sales") ?? [],
    notify: preset?.notify ?? false,
  }));
  const [queueing, setQueueing] = useState(false);
  const [queueError, setQueueError] = useState<string | null>(null);
  const ticket = useRef(0);

  const search = useCallback(
    async (searched: SearchForm, keepConfig = false) => {
      const query: JobSearch = {
        from: searched.from,
        to: searched.to,
        storeIds: searched.storeIds.length > 0 ? searched.storeIds : session.stores.map((s) => s.id),
        filter: searched.filter,
        ...(searched.filter === "status" && { statuses: searched.statuses }),
      };
      const mine = ++ticket.current;
      setSearching(true);
      setSearchError(null);
      setServerErrors({});
      try {
        const { results } = await api.searchJobs(query);
        if (mine !== ticket.current) return;
        setResult({ search: query, rows: sortRows(results, storeName) });
        setNarrowing(NO_NARROWING);
        setSelection(new Set());
        setQueueError(null);
        if (!keepConfig) setConfig((current) => ({ ...current, type: defaultJobType(query.filter) }));
      } catch (error) {
        if (mine !== ticket.current) return;
        const field = error instanceof ApiError ? error.field : undefined;
        const message = error instanceof Error ? error.message : String(error);
        if (field && ["from", "to", "storeIds", "filter", "statuses"].includes(field))
          setServerErrors({ [field]: message.replace(`${field}: `, "") });
        else setSearchError(t("scheduler.search_failed", { reason: message }));
      } finally {
        if (mine === ticket.current) setSearching(false);
      }
    },
    [api, session, storeName, t],
  );

  // A copied job's search runs as soon as the tab shows it.
  useEffect(() => {
    if (preset?.search) void search(initialForm(session.stores, preset.search), true);
  }, [preset, search, session]);

  const rows = result?.rows ?? [];
  const visible = useMemo(() => narrowRows(rows, narrowing, storeName), [rows, narrowing, storeName]);
  const selectedRows = visible.filter((row) => selection.has(resultKey(row)));

  const span =
    spanOf(selectedRows) ?? (result && { ...result.search, stores: result.search.storeIds.length });
  const autoName = span
    ? t("scheduler.name.auto", {
        type: t(`scheduler.type.${config.type}`),
        stores: count("scheduler.stores_count", span.stores),
        from: span.from,
        to: span.to,
      })
    : "";

  const narrow = (next: Narrowing) => {
    setNarrowing(next);
    setSelection((current) => keepVisible(current, narrowRows(rows, next, storeName).map(resultKey)));
  };

  const queue = async () => {
    if (!result || selectedRows.length === 0) return;
    const name = (config.name ?? autoName).trim();
    const job: NewJob = {
      type: config.type,
      name,
      sources: jobSources(options, config.extraSources),
      notify: config.notify && notifyBlocked(options) === null,
      search: result.search,
      entries: selectedRows.map(({ storeId, salesDate }) => ({ storeId, salesDate })),
    };
    setQueueing(true);
    setQueueError(null);
    try {
      const created = await api.createJob(job);
      showToast(t("scheduler.queued", { name: created.job.name }));
      setSelection(new Set());
      setConfig((current) => ({ ...current, name: null }));
      onQueued(created.job);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setQueueError(t("scheduler.queue_failed", { reason }));
    } finally {
      setQueueing(false);
    }
  };

  return (
    <BlockStack gap="400">
      {searchError && <Banner tone="critical">{searchError}</Banner>}
      <SearchCard
        form={form}
        onChange={(next) => {
          setForm(next);
          setServerErrors({});
        }}
        stores={session.stores}
        errors={{ ...serverErrors, ...formErrors }}
        searching={searching}
        onSearch={() => void search(form)}
      />
      {result && rows.length > 0 && (
        <JobConfigCard
          config={config}
          onChange={setConfig}
          autoName={autoName}
          options={options}
          selectedCount={selectedRows.length}
          queueing={queueing}
          error={queueError}
          onQueue={() => void queue()}
        />
      )}
      {result && (
        <ResultsCard
          filter={result.search.filter}
          rows={rows}
          visible={visible}
          stores={stores}
          selection={selection}
          onSelection={setSelection}
          narrowing={narrowing}
          onNarrowing={narrow}
        />
      )}
    </BlockStack>
  );
}

/** The copied search, or the last 30 days ending yesterday in the first store's zone, every store. */
function initialForm(stores: StoreView[], search: JobSearch | null): SearchForm {
  if (search)
    return {
      from: search.from,
      to: search.to,
      storeIds: search.storeIds.filter((id) => stores.some((store) => store.id === id)),
      filter: search.filter,
      statuses: search.statuses ?? [],
    };
  const zone = stores[0]?.timezone ?? "UTC";
  const to = addDays(localDate(Date.now(), zone), -1);
  return { from: addDays(to, -(DEFAULT_RANGE_DAYS - 1)), to, storeIds: [], filter: "missing", statuses: [] };
}
