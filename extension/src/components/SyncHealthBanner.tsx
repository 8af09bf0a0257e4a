// Sync health where it matters (seed 003): the sync is not enabled and why, a connection to renew,
// recent days that failed or are held. Connecting a ledger opens its window with a fresh session token.
import { Banner, BlockStack, Button, InlineStack, List, Text } from "@shopify/polaris";
import type { ConnectionHealth, SyncHealth } from "../../../shared/api";
import { useLoad } from "../api/useLoad";
import { useApp } from "../context";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";

const LEDGERS = ["qbo", "xero"] as const;

export function ledgerName(t: ReturnType<typeof useI18n>["t"], kind: string | null | undefined): string {
  return kind === "qbo" || kind === "xero" ? t(`ledger.${kind}`) : t("ledger.unknown");
}

export function SyncHealthBanner({ refreshKey = 0 }: { refreshKey?: number }) {
  const { api } = useApp();
  const health = useLoad(() => api.health(), [api, refreshKey]);
  if (!health.data) return null;
  return <HealthBanners health={health.data} />;
}

function HealthBanners({ health }: { health: SyncHealth }) {
  const { t } = useI18n();
  const { tokens, session } = useApp();
  const mayConnect = session.user.role !== "cashier";
  const connect = async (kind: (typeof LEDGERS)[number]) => {
    const token = await tokens.current();
    window.open(`/connect/${kind}?id_token=${encodeURIComponent(token)}`, "_blank", "noopener");
  };
  const reasonText = (reason: SyncHealth["reasons"][number]) =>
    t(`health.reason.${reason}` as MessageKey, { ledger: ledgerName(t, health.ledger?.kind) });
  const needsLedger = health.reasons.some(
    (reason) => reason === "ledger_not_connected" || reason === "ledger_reconnect_required",
  );
  const { counts } = health.problems;
  const problemDays = counts.failed + counts.hold + counts.out_of_balance;

  return (
    <BlockStack gap="300">
      {!health.enabled && (
        <Banner tone="warning" title={t("health.not_enabled")}>
          <BlockStack gap="200">
            <List>
              {health.reasons.map((reason) => (
                <List.Item key={reason}>{reasonText(reason)}</List.Item>
              ))}
            </List>
            {needsLedger && mayConnect && (
              <InlineStack gap="200">
                {LEDGERS.map((kind) => (
                  <Button key={kind} onClick={() => void connect(kind)}>
                    {t("health.connect", { ledger: t(`ledger.${kind}`) })}
                  </Button>
                ))}
              </InlineStack>
            )}
          </BlockStack>
        </Banner>
      )}
      {health.enabled && health.reconnectRequired.length > 0 && (
        <Banner tone="critical">
          <List>
            {health.reconnectRequired.map((connection: ConnectionHealth) => (
              <List.Item key={connection.kind}>
                {connection.kind === "pos"
                  ? t("health.reason.pos_reconnect_required")
                  : t("health.reason.ledger_reconnect_required", { ledger: ledgerName(t, connection.kind) })}
              </List.Item>
            ))}
          </List>
        </Banner>
      )}
      {problemDays > 0 && (
        <Banner
          tone="critical"
          title={t("health.problem_days", { count: problemDays })}
          action={{
            content: t("health.see_days"),
            url: `/app/days?status=attention&from=${health.problems.since}`,
          }}
        >
          <Text as="p">
            {t("health.problem_counts", {
              failed: counts.failed,
              hold: counts.hold,
              out_of_balance: counts.out_of_balance,
            })}
          </Text>
        </Banner>
      )}
    </BlockStack>
  );
}
