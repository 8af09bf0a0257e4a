// A job's entries, a section per store: each sales date with the POS that ran it, when it started and
// completed (— until it has), its status, and for a failure the error and, beneath, its type.
import { BlockStack, DataTable, InlineStack, Text } from "@shopify/polaris";
import { type ReactNode, useEffect } from "react";
import type { JobEntryView, StoreView } from "../../../shared/api";
import { useLoad } from "../api/useLoad";
import { LoadError } from "../components/Notice";
import { useApp } from "../context";
import { useI18n } from "../i18n";
import { EntryStatusBadge } from "./badges";

interface JobDetailViewProps {
  jobId: string;
  name: string;
  /** Beside the heading: the button that closes the detail. */
  actions?: ReactNode;
  /** Grows when the jobs list refreshes: the entries are read again with it. */
  refreshKey: number;
}

export function JobDetailView({ jobId, name, actions, refreshKey }: JobDetailViewProps) {
  const { api, session } = useApp();
  const { t } = useI18n();
  const detail = useLoad(() => api.job(jobId), [api, jobId]);
  const { reload } = detail;
  useEffect(() => {
    if (refreshKey > 0) void reload();
  }, [refreshKey, reload]);

  const heading = (
    <InlineStack gap="300" align="space-between" blockAlign="center">
      <Text as="h2" variant="headingMd">
        {t("scheduler.detail.heading", { name })}
      </Text>
      {actions}
    </InlineStack>
  );
  if (!detail.data)
    return (
      <BlockStack gap="400">
        {heading}
        {detail.error !== undefined ? (
          <LoadError error={detail.error} onRetry={() => void detail.reload()} />
        ) : (
          <Text as="p" tone="subdued">
            {t("app.loading")}
          </Text>
        )}
      </BlockStack>
    );
  const { pos, stores } = detail.data;
  const known = new Map(session.stores.map((store) => [store.id, store]));
  return (
    <BlockStack gap="400">
      {heading}
      {stores.length === 0 && (
        <Text as="p" tone="subdued">
          {t("scheduler.detail.empty")}
        </Text>
      )}
      {stores.map((section) => (
        <BlockStack gap="200" key={section.storeId}>
          <Text as="h3" variant="headingSm">
            {section.name}
          </Text>
          <EntriesTable entries={section.entries} pos={pos} store={known.get(section.storeId)} />
        </BlockStack>
      ))}
    </BlockStack>
  );
}

function EntriesTable({ entries, pos, store }: { entries: JobEntryView[]; pos: string; store?: StoreView }) {
  const { t, shortDate, dateTime } = useI18n();
  const when = (at: number | null) => (at === null ? "—" : dateTime(at, store?.timezone));
  return (
    <DataTable
      columnContentTypes={["text", "text", "text", "text", "text", "text"]}
      headings={[
        t("scheduler.col.sales_date"),
        t("scheduler.col.pos"),
        t("scheduler.col.started"),
        t("scheduler.col.completed"),
        t("scheduler.col.status"),
        t("scheduler.col.notes"),
      ]}
      rows={entries.map((entry) => [
        shortDate(entry.salesDate),
        pos,
        when(entry.startedAt),
        when(entry.finishedAt),
        <EntryStatusBadge key="status" status={entry.status} />,
        entry.error ? (
          <BlockStack key="notes" gap="050">
            <Text as="span">{entry.error}</Text>
            {entry.errorType && (
              <Text as="span" variant="bodySm" tone="subdued">
                {t("scheduler.note.type", { type: entry.errorType })}
              </Text>
            )}
          </BlockStack>
        ) : (
          ""
        ),
      ])}
    />
  );
}
