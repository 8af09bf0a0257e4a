// The day's recent runs (what support reads first, seed 003): what ran, what started it, how it ended,
// and its log lines on demand.
import { Badge, BlockStack, Button, Collapsible, InlineStack, Spinner, Text } from "@shopify/polaris";
import { useState } from "react";
import type { ExecutionView } from "../../../shared/api";
import { useLoad } from "../api/useLoad";
import { useApp } from "../context";
import { isMessageKey, useI18n } from "../i18n";
import { TitledCard } from "./TitledCard";

const STATUS_TONE = { running: "info", succeeded: "success", failed: "critical" } as const;

export function ExecutionsCard({ executions, timeZone }: { executions: ExecutionView[]; timeZone: string }) {
  const { t } = useI18n();
  return (
    <TitledCard title={t("executions.title")}>
      {executions.length === 0 ? (
        <Text as="p" tone="subdued">
          {t("executions.none")}
        </Text>
      ) : (
        executions.map((execution) => (
          <ExecutionRow key={execution.id} execution={execution} timeZone={timeZone} />
        ))
      )}
    </TitledCard>
  );
}

function runName(t: ReturnType<typeof useI18n>["t"], action: string) {
  const key = `run.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

function ExecutionRow({ execution, timeZone }: { execution: ExecutionView; timeZone: string }) {
  const { t, dateTime } = useI18n();
  const [open, setOpen] = useState(false);
  const name = runName(t, execution.action);
  const started = dateTime(execution.startedAt, timeZone);
  const logId = `log-${execution.id}`;
  return (
    <BlockStack gap="100">
      <InlineStack gap="300" blockAlign="center" wrap>
        <Text as="span" fontWeight="semibold">
          {name}
        </Text>
        <Badge tone={STATUS_TONE[execution.status]}>{t(`execution.${execution.status}`)}</Badge>
        <Text as="span" tone="subdued">
          {t(`trigger.${execution.trigger}`)} · {started}
        </Text>
        <Button
          variant="plain"
          ariaExpanded={open}
          ariaControls={logId}
          onClick={() => setOpen((value) => !value)}
        >
          {open ? t("executions.hide_log") : t("executions.show_log", { action: name, time: started })}
        </Button>
      </InlineStack>
      {execution.error && (
        <Text as="p" tone="critical">
          {execution.error}
        </Text>
      )}
      <Collapsible id={logId} open={open}>
        {open && <ExecutionLog id={execution.id} timeZone={timeZone} />}
      </Collapsible>
    </BlockStack>
  );
}

function ExecutionLog({ id, timeZone }: { id: string; timeZone: string }) {
  const { api } = useApp();
  const { t, dateTime } = useI18n();
  const log = useLoad(() => api.executionLogs(id), [api, id]);
  if (!log.data)
    return log.error ? (
      <Text as="p" tone="critical">
        {String(log.error)}
      </Text>
    ) : (
      <Spinner size="small" />
    );
  if (log.data.logs.length === 0)
    return (
      <Text as="p" tone="subdued">
        {t("executions.log_empty")}
      </Text>
    );
  return (
    <ol
      style={{ margin: 0, paddingLeft: "1.25rem", fontFamily: "ui-monospace, monospace", fontSize: "12px" }}
    >
      {log.data.logs.map((line) => (
        <li key={line.seq}>
          {dateTime(line.at, timeZone)} [{line.level}] {line.message}
        </li>
      ))}
    </ol>
  );
}
