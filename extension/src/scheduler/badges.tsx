// A job's type, a job's status and an entry's status as badges whose text names them (never colour
// alone).
import { Badge, type BadgeProps } from "@shopify/polaris";
import type { EntryStatus, JobStatus, JobType } from "../../../shared/api";
import { useI18n } from "../i18n";

const JOB_TONES: Record<JobStatus, BadgeProps["tone"]> = {
  pending: "attention",
  running: "info",
  completed: "success",
  cancelled: undefined,
};

const ENTRY_TONES: Record<EntryStatus, BadgeProps["tone"]> = {
  pending: undefined,
  running: "info",
  completed: "success",
  failed: "critical",
  cancelled: "warning",
};

const PROGRESS: Partial<Record<JobStatus | EntryStatus, BadgeProps["progress"]>> = {
  pending: "incomplete",
  running: "partiallyComplete",
  completed: "complete",
};

export function JobTypeBadge({ type }: { type: JobType }) {
  const { t } = useI18n();
  return <Badge tone="info-strong">{t(`scheduler.type.${type}`)}</Badge>;
}

export function JobStatusBadge({ status }: { status: JobStatus }) {
  const { t } = useI18n();
  return (
    <Badge tone={JOB_TONES[status]} progress={PROGRESS[status]}>
      {t(`scheduler.job_status.${status}`)}
    </Badge>
  );
}

export function EntryStatusBadge({ status }: { status: EntryStatus }) {
  const { t } = useI18n();
  return (
    <Badge tone={ENTRY_TONES[status]} progress={PROGRESS[status]}>
      {t(`scheduler.entry_status.${status}`)}
    </Badge>
  );
}
