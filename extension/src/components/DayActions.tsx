// Reload (refresh arrows), Regenerate (calculator) and Post (lightning), as the seeds describe: each
// says what it will do and asks first; one a rule forbids is disabled with the reason beside it.
import { BlockStack, Button, InlineStack, Modal, Text } from "@shopify/polaris";
import { CalculatorIcon, RefreshIcon } from "@shopify/polaris-icons";
import { useId, useState } from "react";
import type { ActionAvailability, DayAction } from "../../../shared/api";
import { isMessageKey, useI18n } from "../i18n";
import { LightningIcon } from "./icons";

const ICONS = { reload: RefreshIcon, regenerate: CalculatorIcon, post: LightningIcon };
const ORDER: DayAction[] = ["reload", "regenerate", "post"];

/** A refusal in the person's language; the server's own words when we have no translation. */
export function useRefusalText() {
  const { t, date } = useI18n();
  return (code: string, message: string, params: { syncStartDate: string }) => {
    const key = `refusal.${code}`;
    return isMessageKey(key) ? t(key, { date: date(params.syncStartDate) }) : message;
  };
}

interface DayActionsProps {
  date: string;
  actions: Record<DayAction, ActionAvailability>;
  postingDelayMinutes: number;
  syncStartDate: string;
  running: DayAction | null;
  onRun(action: DayAction): Promise<void>;
}

export function DayActions({
  date,
  actions,
  postingDelayMinutes,
  syncStartDate,
  running,
  onRun,
}: DayActionsProps) {
  const { t, date: longDate } = useI18n();
  const refusalText = useRefusalText();
  const [confirming, setConfirming] = useState<DayAction | null>(null);
  const baseId = useId();

  const help = (action: DayAction) => t(`action.${action}.help`, { minutes: postingDelayMinutes });
  const confirm = async () => {
    if (!confirming) return;
    const action = confirming;
    await onRun(action);
    setConfirming(null);
  };

  return (
    <BlockStack gap="300">
      <InlineStack gap="300" wrap>
        {ORDER.map((action) => {
          const availability = actions[action];
          return (
            <Button
              key={action}
              icon={ICONS[action]}
              variant={action === "post" ? "primary" : "secondary"}
              disabled={!availability.allowed || running !== null}
              loading={running === action}
              ariaDescribedBy={`${baseId}-${action}`}
              onClick={() => setConfirming(action)}
            >
              {t(`action.${action}`)}
            </Button>
          );
        })}
      </InlineStack>
      <BlockStack gap="100">
        {ORDER.map((action) => {
          const availability = actions[action];
          return (
            <Text
              as="p"
              key={action}
              id={`${baseId}-${action}`}
              tone={availability.allowed ? "subdued" : "caution"}
            >
              {availability.allowed
                ? `${t(`action.${action}`)} — ${help(action)}`
                : t("action.unavailable", {
                    action: t(`action.${action}`),
                    reason: refusalText(availability.code, availability.message, { syncStartDate }),
                  })}
            </Text>
          );
        })}
      </BlockStack>
      {confirming && (
        <Modal
          open
          onClose={() => setConfirming(null)}
          title={t(`action.${confirming}.confirm`, { date: longDate(date) })}
          primaryAction={{
            content: t(`action.${confirming}`),
            onAction: () => void confirm(),
            loading: running !== null,
          }}
          secondaryActions={[{ content: t("action.cancel"), onAction: () => setConfirming(null) }]}
        >
          <Modal.Section>
            <Text as="p">{help(confirming)}</Text>
          </Modal.Section>
        </Modal>
      )}
    </BlockStack>
  );
}
