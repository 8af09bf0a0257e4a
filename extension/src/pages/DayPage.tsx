// The Accounting tab of a POS day view (/day/:storeId/:date, storeId being the POS's shop id): the
// status and what it means, the POS totals beside the documents', the documents, the problems, the
// recent runs, and Reload / Regenerate / Post for those allowed to use them.
import { Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { ExportIcon } from "@shopify/polaris-icons";
import { useParams } from "@tanstack/react-router";
import { useCallback, useEffect, useState } from "react";
import type { DayAction, DayDetail, StoreView } from "../../../shared/api";
import { ApiError } from "../api/client";
import { useLoad } from "../api/useLoad";
import { DayActions, useRefusalText } from "../components/DayActions";
import { DocumentCard } from "../components/DocumentCard";
import { ExecutionsCard } from "../components/ExecutionsCard";
import { LoadError, NotFound } from "../components/Notice";
import { ProblemsCard } from "../components/ProblemsCard";
import { StatusBadge } from "../components/StatusBadge";
import { SyncHealthBanner } from "../components/SyncHealthBanner";
import { targetNamer } from "../components/targets";
import { TotalsCard } from "../components/TotalsCard";
import { useToast } from "../components/Toast";
import { useApp } from "../context";
import { useI18n } from "../i18n";
import { addDays } from "../../../shared/time";

/** The sales document first, then the journals that go with it. */
const KIND_ORDER = ["journal_entry", "sales_receipt", "invoice", "cash_drawer", "cogs", "purchase_orders"];
function kindRank(kind: string): number {
  const rank = KIND_ORDER.indexOf(kind);
  return rank < 0 ? KIND_ORDER.length : rank;
}

/** While something is under way (posting, a run, a reload waiting), look again this often; while the
 *  day waits in the posting queue, less often. */
const BUSY_POLL_MS = 3_000;
const QUEUED_POLL_MS = 30_000;

export function DayPage() {
  const { storeId: shopId, date } = useParams({ strict: false }) as { storeId: string; date: string };
  const { session } = useApp();
  const store = session.stores.find((candidate) => candidate.posShopId === shopId || candidate.id === shopId);
  if (!store || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return <NotFound />;
  return <StoreDayPage key={`${store.id}/${date}`} store={store} date={date} />;
}

/** Marks the first moment the tab is usable, for `npm run bench`'s time to interactive. */
let interactiveMarked = false;

function StoreDayPage({ store, date }: { store: StoreView; date: string }) {
  const { api, session } = useApp();
  const { t, date: longDate } = useI18n();
  const refusalText = useRefusalText();
  const showToast = useToast();
  const detail = useLoad(() => api.day(store.id, date), [api, store.id, date]);
  // Account and item names for the documents' lines; without a connected ledger, their ids.
  const hasDocuments = (detail.data?.documents.length ?? 0) > 0;
  const chart = useLoad(
    () => (hasDocuments ? api.chart().catch(() => null) : Promise.resolve(null)),
    [api, hasDocuments],
  );
  const [running, setRunning] = useState<DayAction | null>(null);
  const [healthKey, setHealthKey] = useState(0);

  const poll = detail.data && pollInterval(detail.data);
  useEffect(() => {
    if (!poll) return;
    const timer = setTimeout(() => void detail.reload(), poll);
    return () => clearTimeout(timer);
  }, [poll, detail]);

  useEffect(() => {
    if (detail.data && !interactiveMarked) {
      interactiveMarked = true;
      performance.mark("daybook:interactive");
    }
  }, [detail.data]);

  const run = useCallback(
    async (action: DayAction) => {
      setRunning(action);
      try {
        await api.act(store.id, date, action);
        showToast(t(`action.${action}.done`, { date: longDate(date) }));
      } catch (error) {
        const reason =
          error instanceof ApiError
            ? refusalText(error.code, error.message, { syncStartDate: session.account.syncStartDate })
            : String(error);
        showToast(t("action.failed", { action: t(`action.${action}`), reason }), { error: true });
      } finally {
        setRunning(null);
        setHealthKey((key) => key + 1);
        await detail.reload();
      }
    },
    [api, store.id, date, showToast, t, longDate, refusalText, session.account.syncStartDate, detail],
  );

  const neighbour = (days: number) => `/app/day/${store.posShopId}/${addDays(date, days)}`;
  return (
    <Page
      title={t("day.title")}
      subtitle={t("day.subtitle", { store: store.name, date: longDate(date) })}
      backAction={{ content: t("nav.sales_totals"), url: `/app/days?store=${store.posShopId}` }}
      pagination={{
        hasPrevious: true,
        previousURL: neighbour(-1),
        previousTooltip: t("day.previous"),
        hasNext: true,
        nextURL: neighbour(1),
        nextTooltip: t("day.next"),
      }}
    >
      <BlockStack gap="400">
        <SyncHealthBanner refreshKey={healthKey} />
        {detail.error !== undefined && !detail.data && (
          <LoadError error={detail.error} onRetry={() => void detail.reload()} />
        )}
        {detail.data && (
          <DayLayout
            detail={detail.data}
            nameOf={targetNamer(chart.data?.chart)}
            running={running}
            onRun={run}
          />
        )}
      </BlockStack>
    </Page>
  );
}

function pollInterval(detail: DayDetail): number | undefined {
  const { day, executions } = detail;
  if (day.status === "posting" || day.reloadPending || executions.some((run) => run.status === "running"))
    return BUSY_POLL_MS;
  return day.status === "queued" ? QUEUED_POLL_MS : undefined;
}

function DayLayout({
  detail,
  nameOf,
  running,
  onRun,
}: {
  detail: DayDetail;
  nameOf: ReturnType<typeof targetNamer>;
  running: DayAction | null;
  onRun(action: DayAction): Promise<void>;
}) {
  const { session } = useApp();
  const { t, money, dateTime } = useI18n();
  const { day, store } = detail;
  const documents = detail.documents.map((document) => document.body);
  return (
    <Layout>
      <Layout.Section>
        <BlockStack gap="400">
          <Card>
            <BlockStack gap="300">
              <InlineStack gap="300" blockAlign="center" wrap>
                <Text as="h2" variant="headingMd">
                  {t("day.status")}
                </Text>
                <StatusBadge status={day.status} />
              </InlineStack>
              <Text as="p">{t(`status_help.${day.status}`)}</Text>
              {day.status === "queued" && day.dueAt !== null && (
                <Text as="p" fontWeight="semibold">
                  {day.dueAt > Date.now()
                    ? t("day.due", { time: dateTime(day.dueAt, store.timezone) })
                    : t("day.due_now", { time: dateTime(day.dueAt, store.timezone) })}
                </Text>
              )}
              {day.reloadPending && (
                <Text as="p" fontWeight="semibold">
                  {t("day.reload_pending")}
                </Text>
              )}
              {day.lastError && (
                <Banner tone={day.status === "failed" ? "critical" : "warning"}>
                  {t("day.last_error", { error: day.lastError })}
                </Banner>
              )}
              <InlineStack gap="600" wrap>
                <BlockStack gap="050">
                  <Text as="span" tone="subdued">
                    {t("day.net_sales")}
                  </Text>
                  <Text as="span" variant="headingLg">
                    {day.netSales !== null ? money(day.netSales, store.currency) : "—"}
                  </Text>
                </BlockStack>
                {day.totals && (
                  <Text as="span" tone="subdued">
                    {t("day.sales_count", { sales: day.totals.sales, voided: day.totals.voided })}
                  </Text>
                )}
              </InlineStack>
              {day.mappingVersion !== null && (
                <Text as="p" tone="subdued">
                  {t("day.mapping_version", { version: day.mappingVersion })}
                </Text>
              )}
              {detail.actions ? (
                <DayActions
                  date={day.salesDate}
                  actions={detail.actions}
                  postingDelayMinutes={session.account.postingDelayMinutes}
                  syncStartDate={session.account.syncStartDate}
                  running={running}
                  onRun={onRun}
                />
              ) : (
                <Text as="p" tone="subdued">
                  {t("day.view_only")}
                </Text>
              )}
            </BlockStack>
          </Card>
          <ProblemsCard problems={day.problems} canMap={session.user.role !== "cashier"} />
          <TotalsCard totals={day.totals} documents={documents} />
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {t("documents.title")}
            </Text>
            {detail.documents.length === 0 ? (
              <Card>
                <Text as="p" tone="subdued">
                  {t("documents.none")}
                </Text>
              </Card>
            ) : (
              [...detail.documents]
                .sort((a, b) => kindRank(a.kind) - kindRank(b.kind))
                .map((document) => (
                  <DocumentCard
                    key={document.id}
                    document={document}
                    nameOf={nameOf}
                    timeZone={store.timezone}
                  />
                ))
            )}
          </BlockStack>
        </BlockStack>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <BlockStack gap="400">
          <ExecutionsCard executions={detail.executions} timeZone={store.timezone} />
          {day.totals && <ExportCard store={store} date={day.salesDate} />}
        </BlockStack>
      </Layout.Section>
    </Layout>
  );
}

function ExportCard({ store, date }: { store: StoreView; date: string }) {
  const { api } = useApp();
  const { t } = useI18n();
  const [loading, setLoading] = useState(false);
  const download = async () => {
    setLoading(true);
    try {
      const { blob, filename } = await api.exportCsv(store.id, date);
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = filename;
      link.click();
      URL.revokeObjectURL(link.href);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="p" tone="subdued">
          {t("export.help")}
        </Text>
        <InlineStack>
          <Button icon={ExportIcon} loading={loading} onClick={() => void download()}>
            {t("export.button")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
