// A store-day's status as a badge whose text names it (never colour alone), with its explanation.
import { Badge, type BadgeProps } from "@shopify/polaris";
import type { DayStatus } from "../../../shared/api";
import { useI18n } from "../i18n";

const TONES: Record<DayStatus, BadgeProps["tone"]> = {
  missing: undefined,
  open: "info",
  empty: undefined,
  hold: "warning",
  out_of_balance: "critical",
  queued: "attention",
  posting: "info",
  posted: "success",
  update: "attention",
  failed: "critical",
};

export function StatusBadge({ status }: { status: DayStatus }) {
  const { shared } = useI18n();
  return (
    <Badge
      tone={TONES[status]}
      progress={status === "posted" ? "complete" : status === "posting" ? "partiallyComplete" : undefined}
    >
      {shared(`status.${status}`)}
    </Badge>
  );
}
