// The POS Load Scheduler (/scheduler, the POS's Settings › POS Load Scheduler; seed 000, "Using the bulk
// POS load scheduler"): find store-days in bulk across stores and dates and queue a job that loads what is
// missing, reloads, or regenerates them; follow active jobs entry by entry, cancel them, and review or copy
// finished ones. Super users only: anyone else gets a page that says so, and the API refuses them too.
import { Banner, BlockStack, Card, Page, Tabs } from "@shopify/polaris";
import { useSearch } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import type { JobView } from "../../../shared/api";
import { useLoad } from "../api/useLoad";
import { useToast } from "../components/Toast";
import { useApp } from "../context";
import { useI18n } from "../i18n";
import type { SchedulerSearch } from "./schedulerSearch";
import { JobsTab } from "../scheduler/JobsTab";
import { type JobPreset, NewJobTab } from "../scheduler/NewJobTab";

const TABS = ["new", "active", "completed"] as const;
type TabId = (typeof TABS)[number];

export function SchedulerPage() {
  const { session } = useApp();
  if (session.user.role !== "super_user") return <Forbidden />;
  return <Scheduler />;
}

/** The 403 page: said plainly, in the person's language, without calling the API. */
function Forbidden() {
  const { session } = useApp();
  const { t, shared } = useI18n();
  return (
    <Page title={t("scheduler.title")}>
      <Banner tone="critical" title={t("scheduler.forbidden.title")}>
        <p>
          {t("scheduler.forbidden.body", {
            role: shared(`role.${session.user.role}`),
            account: session.account.name,
          })}
        </p>
      </Banner>
    </Page>
  );
}

function Scheduler() {
  const { api, session } = useApp();
  const { t } = useI18n();
  const showToast = useToast();
  const options = useLoad(() => api.jobOptions(), [api]);
  const [tab, setTab] = useState<TabId>("new");
  const { regenerate } = useSearch({ strict: false }) as SchedulerSearch;
  // A copied job remounts New Job with its parameters, and its search runs; so does the mapping's offer
  // to regenerate the days it changed, over every store.
  const [preset, setPreset] = useState<{ key: number; preset: JobPreset | null }>({ key: 0, preset: null });
  const { from, to } = regenerate ?? {};
  useEffect(() => {
    if (!from || !to) return;
    const storeIds = session.stores.map((store) => store.id);
    setPreset((current) => ({
      key: current.key + 1,
      preset: {
        type: "regenerate",
        name: null,
        sources: [],
        notify: false,
        search: { from, to, storeIds, filter: "reload" },
      },
    }));
    setTab("new");
  }, [from, to, session]);

  const copy = (job: JobView) => {
    setPreset((current) => ({
      key: current.key + 1,
      preset: {
        type: job.type,
        // Within the 120 characters a job's name may have.
        name: t("scheduler.copy_name", { name: job.name }).slice(0, 120),
        sources: job.sources,
        notify: job.notifyEmail !== null,
        search: job.search,
      },
    }));
    setTab("new");
    showToast(t("scheduler.copied", { name: job.name }));
  };

  return (
    <Page
      fullWidth
      title={t("scheduler.title")}
      backAction={{ content: t("nav.sales_totals"), url: "/app/days" }}
    >
      <BlockStack gap="400">
        {options.error !== undefined && !options.data && (
          <Banner tone="warning" title={t("app.error.title")}>
            <p>{options.error instanceof Error ? options.error.message : String(options.error)}</p>
          </Banner>
        )}
        <Card padding="0">
          <Tabs
            tabs={TABS.map((id) => ({ id: `scheduler-${id}`, content: t(`scheduler.tab.${id}`) }))}
            selected={TABS.indexOf(tab)}
            onSelect={(index) => setTab(TABS[index]!)}
          />
        </Card>
        {/* New Job stays mounted so a search survives a look at the other tabs. */}
        <div hidden={tab !== "new"} role="tabpanel" aria-labelledby="scheduler-new">
          <NewJobTab
            key={preset.key}
            options={options.data}
            preset={preset.preset}
            onQueued={() => setTab("active")}
          />
        </div>
        {tab === "active" && (
          <div role="tabpanel" aria-labelledby="scheduler-active">
            <JobsTab state="active" onShowCompleted={() => setTab("completed")} />
          </div>
        )}
        {tab === "completed" && (
          <div role="tabpanel" aria-labelledby="scheduler-completed">
            <JobsTab state="completed" onCopy={copy} />
          </div>
        )}
      </BlockStack>
    </Page>
  );
}
