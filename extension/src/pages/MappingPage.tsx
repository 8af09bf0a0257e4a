// Mapping (/mapping): where each POS category, discount, tax, payment type, drawer movement and
// inventory category lands in the ledger's chart (seeds 002/004). The merchant edits a draft, previews
// it on a recent real day, and activates it; the active version applies to the days that follow, with
// an offer to regenerate the recent days it changes.
import { Banner, BlockStack, Card, Layout, Page, type PageProps, Tabs, Text } from "@shopify/polaris";
import { useSearch } from "@tanstack/react-router";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import type { ActivationResult, MappingState } from "../../../shared/api";
import { adviseMapping } from "../../../shared/mappingAdvice";
import type { Mapping, PostingMethod } from "../../../shared/schemas/mapping";
import { ApiError } from "../api/client";
import { useLoad } from "../api/useLoad";
import { LoadError } from "../components/Notice";
import { SyncHealthBanner } from "../components/SyncHealthBanner";
import { targetNamer } from "../components/targets";
import { useToast } from "../components/Toast";
import { useApp } from "../context";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { blankMapping, METHODS_BY_LEDGER, prune } from "../mapping/draft";
import { PreviewSection } from "../mapping/PreviewSection";
import {
  CashDrawerSection,
  ClassesSection,
  DiscountsSection,
  InventorySection,
  OtherChargesSection,
  PaymentsSection,
  type PosCatalog,
  SalesSection,
  TaxesSection,
} from "../mapping/sections";
import { SettingsSection } from "../mapping/SettingsSection";
import { VersionsCard } from "../mapping/VersionsCard";
import { addDays } from "../../../shared/time";
import type { Chart } from "../mapping/TargetRows";

/** The longest range POST /api/days/regenerate takes. */
const REGENERATE_CHUNK_DAYS = 31;

type TabId =
  | "settings"
  | "sales"
  | "discounts"
  | "other"
  | "taxes"
  | "payments"
  | "drawer"
  | "inventory"
  | "classes"
  | "preview";

/** Which tab holds a mapping path, for a held day's "Map it" link (`?focus=sales.byCategory.12`). */
const TAB_OF_SECTION: Record<string, TabId> = {
  sales: "sales",
  discounts: "discounts",
  otherCharges: "other",
  taxes: "taxes",
  payments: "payments",
  cashDrawer: "drawer",
  inventory: "inventory",
  purchaseOrders: "inventory",
  classes: "classes",
  rounding: "settings",
};

export function MappingPage() {
  const { api } = useApp();
  const state = useLoad(() => api.mapping(), [api]);
  const ledger = useLoad(() => api.ledger(), [api]);
  const chart = useLoad(() => api.chart(), [api]);
  const catalog = useLoad(async (): Promise<PosCatalog> => {
    const [categories, discounts, taxes, paymentTypes] = await Promise.all(
      (["categories", "discounts", "taxes", "payment_types"] as const).map((kind) => api.catalog(kind)),
    );
    return {
      categories: categories!.entries,
      discounts: discounts!.entries,
      taxes: taxes!.entries,
      paymentTypes: paymentTypes!.entries,
    };
  }, [api]);
  const { t } = useI18n();
  const failed = [state, ledger, chart, catalog].find((loaded) => loaded.error !== undefined && !loaded.data);
  const ready = state.data && ledger.data && chart.data && catalog.data;
  if (ready && !failed)
    return (
      <MappingEditor
        state={state.data!}
        onState={() => void state.reload()}
        ledgerKind={ledger.data!.connected?.kind ?? "qbo"}
        chart={chart.data!.chart}
        catalog={catalog.data!}
      />
    );
  return (
    <MappingFrame>
      {failed &&
        (failed === chart && (chart.error as ApiError | undefined)?.code === "ledger_not_connected" ? (
          <Banner tone="warning">{t("mapping.connect_first")}</Banner>
        ) : (
          <LoadError error={failed.error} onRetry={() => void failed.reload()} />
        ))}
    </MappingFrame>
  );
}

/** The page around the mapping, its actions in the header where toasts and dialogs never cover them. */
function MappingFrame({
  children,
  actions,
}: {
  children: ReactNode;
  actions?: Pick<PageProps, "primaryAction" | "secondaryActions">;
}) {
  const { t } = useI18n();
  return (
    <Page
      title={t("mapping.title")}
      backAction={{ content: t("nav.sales_totals"), url: "/app/days" }}
      {...actions}
    >
      <BlockStack gap="400">
        <SyncHealthBanner />
        {children}
      </BlockStack>
    </Page>
  );
}

function MappingEditor(props: {
  state: MappingState;
  onState(): void;
  ledgerKind: string;
  chart: Chart;
  catalog: PosCatalog;
}) {
  const { api, session } = useApp();
  const { t, date } = useI18n();
  const showToast = useToast();
  const search = useSearch({ strict: false }) as { focus?: string };
  const { state, chart, catalog } = props;
  const [mapping, setMapping] = useState<Mapping>(
    () => state.draft?.mapping ?? state.active?.mapping ?? blankMapping(),
  );
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<"save" | "activate" | "regenerate" | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [activation, setActivation] = useState<ActivationResult | null>(null);
  const advice = useMemo(() => adviseMapping(mapping, chart), [mapping, chart]);
  const canEdit = session.user.role !== "cashier";
  const multiLocation = session.stores.length > 1;
  const methods: PostingMethod[] = METHODS_BY_LEDGER[props.ledgerKind] ?? METHODS_BY_LEDGER.qbo!;

  const tabs: { id: TabId; label: MessageKey }[] = [
    { id: "settings", label: "mapping.tab.settings" },
    { id: "sales", label: "mapping.tab.sales" },
    { id: "discounts", label: "mapping.tab.discounts" },
    { id: "other", label: "mapping.tab.other" },
    ...(mapping.settings.trackSalesTaxInLedger
      ? [{ id: "taxes" as const, label: "mapping.tab.taxes" as const }]
      : []),
    { id: "payments", label: "mapping.tab.payments" },
    { id: "drawer", label: "mapping.tab.drawer" },
    ...(mapping.settings.bookInventoryCogs
      ? [{ id: "inventory" as const, label: "mapping.tab.inventory" as const }]
      : []),
    ...(multiLocation ? [{ id: "classes" as const, label: "mapping.tab.classes" as const }] : []),
    { id: "preview", label: "mapping.tab.preview" },
  ];
  const focusTab = search.focus ? TAB_OF_SECTION[search.focus.split(".")[0] ?? ""] : undefined;
  const [selected, setSelected] = useState(() =>
    Math.max(
      0,
      tabs.findIndex((tab) => tab.id === focusTab),
    ),
  );
  const current = tabs[Math.min(selected, tabs.length - 1)]!;

  useEffect(() => {
    if (search.focus) document.querySelector(".daybook-focus")?.scrollIntoView({ block: "center" });
  }, [search.focus, current.id]);

  const change = (next: Mapping) => {
    setMapping(next);
    setDirty(true);
    setRefusal(null);
  };
  const save = async (): Promise<boolean> => {
    try {
      await api.saveDraft(prune(mapping));
      setDirty(false);
      props.onState();
      return true;
    } catch (error) {
      setRefusal(error instanceof ApiError ? fieldMessage(error) : String(error));
      return false;
    }
  };
  const run = async (what: "save" | "activate") => {
    setBusy(what);
    try {
      if (!(await save())) return;
      if (what === "save") {
        showToast(t("mapping.saved"));
        return;
      }
      const result = await api.activate();
      setActivation(result);
      props.onState();
      showToast(t("mapping.activated", { version: result.active.version }));
    } catch (error) {
      setRefusal(error instanceof ApiError ? fieldMessage(error) : String(error));
    } finally {
      setBusy(null);
    }
  };
  const regenerate = async (range: { from: string; to: string }) => {
    setBusy("regenerate");
    try {
      // The API regenerates at most REGENERATE_CHUNK_DAYS at a time: a longer offer goes in turns.
      let regenerated = 0;
      for (let from = range.from; from <= range.to; from = addDays(from, REGENERATE_CHUNK_DAYS)) {
        const last = addDays(from, REGENERATE_CHUNK_DAYS - 1);
        const counts = await api.regenerate({ from, to: last < range.to ? last : range.to });
        regenerated += counts.regenerated;
      }
      showToast(t("mapping.regenerated", { count: regenerated }));
      setActivation(null);
    } catch (error) {
      setRefusal(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  // Up to a month per store is regenerated here, in turns; more is bulk work for the POS Load Scheduler,
  // which only super users may use.
  const isLarge = (range: { days: number }) => range.days > REGENERATE_CHUNK_DAYS * session.stores.length;
  const regenerateAction = (range: { from: string; to: string; days: number }) => {
    if (!isLarge(range))
      return canEdit
        ? {
            content: t("mapping.regenerate_action", { from: date(range.from), to: date(range.to) }),
            onAction: () => void regenerate(range),
            loading: busy === "regenerate",
          }
        : undefined;
    return session.user.role === "super_user"
      ? {
          content: t("mapping.regenerate_in_scheduler"),
          url: `/app/scheduler?regenerate=${range.from}..${range.to}`,
        }
      : undefined;
  };

  const sectionProps = { mapping, onChange: change, chart, advice, focus: search.focus };
  const nameOf = targetNamer(chart);
  const errors = advice.filter((item) => item.severity === "error").length;
  const actions = canEdit
    ? {
        primaryAction: {
          content: t("mapping.activate"),
          onAction: () => void run("activate"),
          loading: busy === "activate",
          disabled: busy !== null || errors > 0,
        },
        secondaryActions: [
          {
            content: t("mapping.save"),
            onAction: () => void run("save"),
            loading: busy === "save",
            disabled: busy !== null,
          },
        ],
      }
    : undefined;
  return (
    <MappingFrame actions={actions}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <VersionLine state={state} dirty={dirty} />
            {activation?.regenerate && (
              <Banner
                tone="info"
                title={t("mapping.regenerate_offer", { count: activation.regenerate.days })}
                action={regenerateAction(activation.regenerate)}
                onDismiss={() => setActivation(null)}
              >
                <p>{t("mapping.regenerate_help")}</p>
                {isLarge(activation.regenerate) && session.user.role !== "super_user" && (
                  <p>{t("mapping.regenerate_ask_super_user")}</p>
                )}
              </Banner>
            )}
            {refusal && (
              <Banner tone="critical" onDismiss={() => setRefusal(null)}>
                {refusal}
              </Banner>
            )}
            <Card padding="0">
              <Tabs
                tabs={tabs.map((tab) => ({ id: tab.id, content: t(tab.label) }))}
                selected={selected}
                onSelect={setSelected}
              />
              <div style={{ padding: "16px" }}>
                {/* Those who may not change the mapping see it with every control disabled. */}
                <fieldset disabled={!canEdit} style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
                  {current.id === "settings" && <SettingsSection {...sectionProps} methods={methods} />}
                  {current.id === "sales" && <SalesSection {...sectionProps} catalog={catalog} />}
                  {current.id === "discounts" && <DiscountsSection {...sectionProps} catalog={catalog} />}
                  {current.id === "other" && <OtherChargesSection {...sectionProps} catalog={catalog} />}
                  {current.id === "taxes" && <TaxesSection {...sectionProps} catalog={catalog} />}
                  {current.id === "payments" && <PaymentsSection {...sectionProps} catalog={catalog} />}
                  {current.id === "drawer" && <CashDrawerSection {...sectionProps} />}
                  {current.id === "inventory" && <InventorySection {...sectionProps} catalog={catalog} />}
                  {current.id === "classes" && <ClassesSection {...sectionProps} stores={session.stores} />}
                </fieldset>
                {current.id === "preview" && (
                  <PreviewSection mapping={prune(mapping)} nameOf={nameOf} stores={session.stores} />
                )}
              </div>
            </Card>
            {canEdit && errors > 0 && (
              <Text as="p" tone="critical">
                {t("mapping.errors_block", { count: errors })}
              </Text>
            )}
            {!canEdit && (
              <Text as="p" tone="subdued">
                {t("mapping.view_only")}
              </Text>
            )}
            <VersionsCard state={state} nameOf={nameOf} catalog={catalog} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </MappingFrame>
  );
}

/** A refusal naming the field: "cashDrawer.deposit.account: …". */
function fieldMessage(error: ApiError): string {
  return error.field && !error.message.startsWith(error.field)
    ? `${error.field}: ${error.message}`
    : error.message;
}

function VersionLine({ state, dirty }: { state: MappingState; dirty: boolean }) {
  const { t } = useI18n();
  const parts = [
    state.active ? t("mapping.active_version", { version: state.active.version }) : t("mapping.none_active"),
    ...(state.draft ? [t("mapping.draft_version", { version: state.draft.version })] : []),
    ...(dirty ? [t("mapping.unsaved")] : []),
  ];
  return (
    <Text as="p" tone="subdued">
      {parts.join(" · ")}
    </Text>
  );
}
