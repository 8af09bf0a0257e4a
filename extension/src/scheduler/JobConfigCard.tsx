// The panel above the search results that configures the job: its type, its name (filled in from the
// selection until edited), the POS data it reads, the completion email, and Queue, which turns primary
// ("green") once a row is selected.
import {
  Banner,
  BlockStack,
  Button,
  Checkbox,
  ChoiceList,
  InlineGrid,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useId } from "react";
import { JOB_TYPES, type JobOptions, type JobType, type PosSource } from "../../../shared/api";
import { TitledCard } from "../components/TitledCard";
import { useI18n } from "../i18n";

export interface JobConfig {
  type: JobType;
  /** The name typed by the person; null while it is filled in from the selection. */
  name: string | null;
  /** Sources the person added to those always loaded. */
  extraSources: PosSource[];
  notify: boolean;
}

/** The sources a job reads: sales, those the mapping needs, and those chosen. */
export function jobSources(options: JobOptions | undefined, extra: PosSource[]): PosSource[] {
  const all = options?.sources ?? [{ source: "sales" as const, required: true }];
  return all
    .filter(({ source, required }) => source === "sales" || required || extra.includes(source))
    .map(({ source }) => source);
}

/** Why the completion email cannot be asked for, or null when it can. */
export function notifyBlocked(options: JobOptions | undefined): "unavailable" | "no_email" | null {
  if (!options || !options.notify.available) return "unavailable";
  return options.notify.email ? null : "no_email";
}

interface JobConfigCardProps {
  config: JobConfig;
  onChange(config: JobConfig): void;
  /** The name from the selection, shown while the person has not typed one. */
  autoName: string;
  options: JobOptions | undefined;
  selectedCount: number;
  queueing: boolean;
  error: string | null;
  onQueue(): void;
}

export function JobConfigCard(props: JobConfigCardProps) {
  const { config, onChange, autoName, options, selectedCount, queueing, error, onQueue } = props;
  const { t, count } = useI18n();
  const id = useId();
  const set = (changes: Partial<JobConfig>) => onChange({ ...config, ...changes });
  const name = config.name ?? autoName;
  const nameError = name.trim() === "" ? t("scheduler.name.required") : undefined;
  const blocked = notifyBlocked(options);
  const sources = jobSources(options, config.extraSources);
  const ready = selectedCount > 0 && !nameError;

  return (
    <TitledCard title={t("scheduler.config.title")} gap="400">
      {error && <Banner tone="critical">{error}</Banner>}
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
        <Select
          label={t("scheduler.type")}
          options={JOB_TYPES.map((type) => ({ value: type, label: t(`scheduler.type.${type}`) }))}
          value={config.type}
          helpText={t(`scheduler.type.${config.type}.help`)}
          onChange={(type) => set({ type: type as JobType })}
        />
        <TextField
          label={t("scheduler.name")}
          autoComplete="off"
          value={name}
          maxLength={120}
          helpText={config.name === null ? t("scheduler.name.help") : undefined}
          error={nameError}
          onChange={(typed) => set({ name: typed })}
        />
      </InlineGrid>
      {config.type === "regenerate" ? (
        <Text as="p" tone="subdued">
          {t("scheduler.sources.regenerate")}
        </Text>
      ) : (
        <ChoiceList
          allowMultiple
          title={t("scheduler.sources")}
          choices={(options?.sources ?? [{ source: "sales" as const, required: true }]).map(
            ({ source, required }) => ({
              value: source,
              label: t(`scheduler.source.${source}`),
              disabled: source === "sales" || required,
              helpText:
                source === "sales"
                  ? t("scheduler.source.always")
                  : required
                    ? t("scheduler.source.required")
                    : undefined,
            }),
          )}
          selected={sources}
          onChange={(chosen) =>
            set({
              extraSources: (chosen as PosSource[]).filter(
                (source) =>
                  !options?.sources.some((s) => s.source === source && s.required) && source !== "sales",
              ),
            })
          }
        />
      )}
      <BlockStack gap="100">
        <InlineStack gap="300" blockAlign="center" wrap>
          <Checkbox
            label={t("scheduler.notify")}
            checked={config.notify && blocked === null}
            disabled={blocked !== null}
            ariaDescribedBy={`${id}-notify`}
            onChange={(notify) => set({ notify })}
          />
          {blocked === null && (
            <Text as="span" id={`${id}-notify`} fontWeight="medium">
              {options!.notify.email}
            </Text>
          )}
        </InlineStack>
        {blocked !== null && (
          <Text as="p" id={`${id}-notify`} tone="subdued">
            {t(`scheduler.notify.${blocked}`)}
          </Text>
        )}
      </BlockStack>
      <InlineStack gap="300" blockAlign="center">
        {/* Green once a row is selected, as the seed says. */}
        <Button
          variant={ready ? "primary" : undefined}
          tone={ready ? "success" : undefined}
          disabled={!ready}
          loading={queueing}
          ariaDescribedBy={`${id}-queue`}
          onClick={onQueue}
        >
          {t("scheduler.queue")}
        </Button>
        <Text as="span" id={`${id}-queue`} tone="subdued">
          {selectedCount > 0 ? count("scheduler.queue.count", selectedCount) : t("scheduler.queue.none")}
        </Text>
      </InlineStack>
    </TitledCard>
  );
}
