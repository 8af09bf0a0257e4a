// Active Jobs (pending and running, with their progress, to refresh, expand and cancel) and Completed
// Jobs (finished ones with their outcome, to review and copy into a new job). The list refreshes itself
// every 3 seconds while a job is pending or running; Refresh reads it at once.
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  IndexTable,
  type IndexTableProps,
  InlineStack,
  Modal,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { ChevronDownIcon, ChevronUpIcon, DuplicateIcon, RefreshIcon } from "@shopify/polaris-icons";
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import type { JobView } from "../../../shared/api";
import { useLoad } from "../api/useLoad";
import { LoadError } from "../components/Notice";
import { useToast } from "../components/Toast";
import { useApp } from "../context";
import { useI18n } from "../i18n";
import { JobStatusBadge, JobTypeBadge } from "./badges";
import { JobDetailView } from "./JobDetail";
import { nextSelection } from "./results";

/** How often the list refreshes itself while a job is pending or running. */
export const AUTO_REFRESH_MS = 3_000;

const isBusy = (job: JobView) => job.status === "pending" || job.status === "running";

interface JobsTabProps {
  state: "active" | "completed";
  /** Completed Jobs: puts a job's parameters into the New Job tab. */
  onCopy?(job: JobView): void;
  /** Active Jobs: opens Completed Jobs (when a job watched here has finished). */
  onShowCompleted?(): void;
}

/** A table cell's content that wraps instead of widening the table. */
function Wrap({ width, children }: { width: number; children: ReactNode }) {
  return (
    <div style={{ whiteSpace: "normal", minWidth: `${Math.round(width * 0.6)}px`, maxWidth: `${width}px` }}>
      {children}
    </div>
  );
}

export function JobsTab({ state, onCopy, onShowCompleted }: JobsTabProps) {
  const { api, session } = useApp();
  const { t, count, shortDate, dateTime } = useI18n();
  const showToast = useToast();
  const loaded = useLoad(() => api.jobs(state), [api, state]);
  const { reload } = loaded;
  const [refreshKey, setRefreshKey] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [finished, setFinished] = useState<string[]>([]);
  const seen = useRef(new Map<string, string>());
  const id = useId();
  const zone = session.stores[0]?.timezone;
  const jobs = loaded.data?.jobs ?? [];
  const active = state === "active";
  const busy = jobs.some(isBusy);

  const refresh = useCallback(() => {
    void reload();
    setRefreshKey((key) => key + 1);
  }, [reload]);

  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(refresh, AUTO_REFRESH_MS);
    return () => clearInterval(timer);
  }, [busy, refresh]);

  // Jobs that left Active Jobs since the last read have finished: say so, and forget their checkboxes.
  useEffect(() => {
    if (!loaded.data) return;
    const now = new Map(loaded.data.jobs.map((job) => [job.id, job.name]));
    if (active) {
      const gone = [...seen.current].filter(([jobId]) => !now.has(jobId)).map(([, name]) => name);
      if (gone.length > 0) setFinished((current) => [...current, ...gone]);
    }
    seen.current = now;
    setChecked((current) => new Set([...current].filter((jobId) => now.has(jobId))));
  }, [loaded.data, active]);

  const toggle = (jobId: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(jobId)) next.delete(jobId);
      else next.add(jobId);
      return next;
    });

  const cancel = async () => {
    const jobIds = [...checked];
    setCancelling(true);
    try {
      const { jobs: cancelled } = await api.cancelJobs(jobIds);
      showToast(count("scheduler.cancelled", cancelled.length));
      setChecked(new Set());
      setConfirming(false);
      refresh();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      showToast(t("scheduler.cancel_failed", { reason }), { error: true });
    } finally {
      setCancelling(false);
    }
  };

  const headings: IndexTableProps["headings"] = active
    ? [
        { title: t("scheduler.col.job") },
        { title: t("scheduler.col.stores_entries") },
        { title: t("scheduler.col.range") },
        { title: t("scheduler.col.started") },
        { title: t("scheduler.col.status") },
        { title: t("scheduler.col.progress") },
        { title: t("scheduler.col.details") },
      ]
    : [
        { title: t("scheduler.col.job") },
        { title: t("scheduler.col.stores_entries") },
        { title: t("scheduler.col.range") },
        { title: t("scheduler.col.finished") },
        { title: t("scheduler.col.outcome") },
        { title: t("scheduler.col.status") },
        { title: t("scheduler.col.details") },
      ];
  const jobIds = jobs.map((job) => job.id);
  const rows: ReactNode[] = [];
  jobs.forEach((job, index) => {
    const open = expanded.has(job.id);
    const progressId = `${id}-progress-${index}`;
    const done = job.counts.completed + job.counts.failed + job.counts.cancelled;
    rows.push(
      <IndexTable.Row
        key={job.id}
        id={job.id}
        position={index}
        selected={checked.has(job.id)}
        accessibilityLabel={t("scheduler.job.select", { name: job.name })}
        onClick={() => toggle(job.id)}
      >
        <IndexTable.Cell>
          <Wrap width={240}>
            <BlockStack gap="100" inlineAlign="start">
              <JobTypeBadge type={job.type} />
              <Text as="span" fontWeight="semibold">
                {job.name}
              </Text>
            </BlockStack>
          </Wrap>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Wrap width={100}>
            {t("scheduler.stores_entries", {
              stores: count("scheduler.stores_count", job.stores),
              entries: count("scheduler.entries", job.entries),
            })}
          </Wrap>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Wrap width={110}>
            {t("scheduler.range", { from: shortDate(job.from), to: shortDate(job.to) })}
          </Wrap>
        </IndexTable.Cell>
        {active ? (
          <>
            <IndexTable.Cell>
              <Wrap width={120}>{job.startedAt === null ? "—" : dateTime(job.startedAt, zone)}</Wrap>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <JobStatusBadge status={job.status} />
            </IndexTable.Cell>
            <IndexTable.Cell>
              <div style={{ minWidth: "160px", maxWidth: "220px", whiteSpace: "normal" }}>
                <BlockStack gap="100">
                  <ProgressBar
                    size="small"
                    tone="primary"
                    progress={job.entries > 0 ? (done / job.entries) * 100 : 0}
                    ariaLabelledBy={progressId}
                  />
                  <Text as="span" variant="bodySm" id={progressId}>
                    {t("scheduler.progress", {
                      done,
                      total: job.entries,
                      completed: job.counts.completed,
                      failed: job.counts.failed,
                      cancelled: job.counts.cancelled,
                    })}
                  </Text>
                </BlockStack>
              </div>
            </IndexTable.Cell>
          </>
        ) : (
          <>
            <IndexTable.Cell>
              <Wrap width={120}>{job.finishedAt === null ? "—" : dateTime(job.finishedAt, zone)}</Wrap>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Wrap width={120}>
                {t("scheduler.outcome", {
                  completed: job.counts.completed,
                  failed: job.counts.failed,
                  cancelled: job.counts.cancelled,
                })}
              </Wrap>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <JobStatusBadge status={job.status} />
            </IndexTable.Cell>
          </>
        )}
        <IndexTable.Cell>
          {/* The row opens on a click too: the buttons keep their click to themselves. */}
          <div onClick={(event) => event.stopPropagation()}>
            <BlockStack gap="200" inlineAlign="start">
              <Button
                variant="plain"
                icon={open ? ChevronUpIcon : ChevronDownIcon}
                ariaExpanded={open}
                ariaControls={open ? `${id}-detail-${job.id}` : undefined}
                accessibilityLabel={t(open ? "scheduler.details.hide_of" : "scheduler.details.of", {
                  name: job.name,
                })}
                onClick={() => toggle(job.id)}
              >
                {open ? t("scheduler.details.hide") : t("scheduler.details")}
              </Button>
              {onCopy && (
                <Button
                  icon={DuplicateIcon}
                  size="slim"
                  accessibilityLabel={t("scheduler.copy.of", { name: job.name })}
                  onClick={() => onCopy(job)}
                >
                  {t("scheduler.copy")}
                </Button>
              )}
            </BlockStack>
          </div>
        </IndexTable.Cell>
      </IndexTable.Row>,
    );
  });

  return (
    <BlockStack gap="400">
      {finished.length > 0 && (
        <Banner
          tone="success"
          onDismiss={() => setFinished([])}
          action={onShowCompleted && { content: t("scheduler.tab.completed"), onAction: onShowCompleted }}
        >
          {count("scheduler.finished", finished.length, { names: finished.join(", ") })}
        </Banner>
      )}
      <InlineStack gap="300" blockAlign="center" align="space-between">
        <InlineStack gap="300" blockAlign="center">
          <Button icon={RefreshIcon} onClick={refresh} loading={loaded.loading && !!loaded.data}>
            {t("scheduler.refresh")}
          </Button>
          {active && (
            <Button
              variant="primary"
              tone="critical"
              disabled={checked.size === 0}
              onClick={() => setConfirming(true)}
            >
              {t("scheduler.cancel_selected")}
            </Button>
          )}
        </InlineStack>
        {active && busy && (
          <Text as="span" tone="subdued">
            {t("scheduler.auto_refresh")}
          </Text>
        )}
      </InlineStack>
      {loaded.error !== undefined && !loaded.data ? (
        <LoadError error={loaded.error} onRetry={refresh} />
      ) : (
        <Card padding="0">
          {loaded.data && jobs.length === 0 ? (
            <Box padding="400">
              <Text as="p" tone="subdued">
                {active ? t("scheduler.jobs.none_active") : t("scheduler.jobs.none_completed")}
              </Text>
            </Box>
          ) : (
            <IndexTable
              resourceName={{ singular: t("scheduler.job.singular"), plural: t("scheduler.job.plural") }}
              itemCount={jobs.length}
              loading={!loaded.data}
              selectable={active}
              selectedItemsCount={checked.size}
              onSelectionChange={(type, selecting, picked) =>
                setChecked(nextSelection(checked, jobIds, type, selecting, picked))
              }
              headings={headings}
            >
              {rows}
            </IndexTable>
          )}
        </Card>
      )}
      {/* The expanded jobs' entries, in the table's order, each closable where it is. */}
      {jobs
        .filter((job) => expanded.has(job.id))
        .map((job) => (
          <Card key={job.id}>
            <div id={`${id}-detail-${job.id}`}>
              <JobDetailView
                jobId={job.id}
                name={job.name}
                refreshKey={refreshKey}
                actions={
                  <Button
                    variant="plain"
                    icon={ChevronUpIcon}
                    accessibilityLabel={t("scheduler.details.hide_of", { name: job.name })}
                    onClick={() => toggle(job.id)}
                  >
                    {t("scheduler.details.hide")}
                  </Button>
                }
              />
            </div>
          </Card>
        ))}
      {confirming && (
        <Modal
          open
          onClose={() => setConfirming(false)}
          title={count("scheduler.cancel.title", checked.size)}
          primaryAction={{
            content: t("scheduler.cancel.confirm"),
            destructive: true,
            loading: cancelling,
            onAction: () => void cancel(),
          }}
          secondaryActions={[{ content: t("scheduler.cancel.keep"), onAction: () => setConfirming(false) }]}
        >
          <Modal.Section>
            <BlockStack gap="200">
              <Text as="p">{t("scheduler.cancel.body")}</Text>
              <Text as="p" tone="subdued">
                {jobs
                  .filter((job) => checked.has(job.id))
                  .map((job) => job.name)
                  .join(", ")}
              </Text>
            </BlockStack>
          </Modal.Section>
        </Modal>
      )}
    </BlockStack>
  );
}
