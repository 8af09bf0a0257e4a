// Preview: the documents a recent real day would produce with the draft, beside the active mapping's,
// and which recent days the draft would change.
import { Badge, BlockStack, Button, InlineGrid, Text } from "@shopify/polaris";
import { useState } from "react";
import type { GeneratedView, MappingPreview, StoreView } from "../../../shared/api";
import { describeProblem } from "../../../shared/problemText";
import type { Mapping } from "../../../shared/schemas/mapping";
import { ApiError } from "../api/client";
import { DocumentCard } from "../components/DocumentCard";
import { TitledCard } from "../components/TitledCard";
import type { TargetNamer } from "../components/targets";
import { useApp } from "../context";
import { useI18n } from "../i18n";

export function PreviewSection({
  mapping,
  nameOf,
  stores,
}: {
  mapping: Mapping;
  nameOf: TargetNamer;
  stores: StoreView[];
}) {
  const { api } = useApp();
  const { t, date } = useI18n();
  const [preview, setPreview] = useState<MappingPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const storeName = (id: string) => stores.find((store) => store.id === id)?.name ?? id;
  const timeZone = (id: string) => stores.find((store) => store.id === id)?.timezone ?? "UTC";

  const run = async () => {
    setLoading(true);
    setError(null);
    try {
      setPreview(await api.preview(mapping));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    } finally {
      setLoading(false);
    }
  };

  return (
    <BlockStack gap="400">
      <Text as="p" tone="subdued">
        {t("mapping.preview.help")}
      </Text>
      <div>
        <Button onClick={() => void run()} loading={loading}>
          {t("mapping.preview.run")}
        </Button>
      </div>
      {error && (
        <Text as="p" tone="critical">
          {error}
        </Text>
      )}
      {preview && !preview.day && <Text as="p">{t("mapping.preview.no_day")}</Text>}
      {preview?.day && (
        <BlockStack gap="300">
          <Text as="p" fontWeight="semibold">
            {t("mapping.preview.day", {
              store: storeName(preview.day.storeId),
              date: date(preview.day.salesDate),
            })}
          </Text>
          <Text as="p">
            {preview.changedDays.length === 0
              ? t("mapping.preview.unchanged", { count: preview.comparedDays })
              : t("mapping.preview.changed", {
                  count: preview.changedDays.length,
                  compared: preview.comparedDays,
                  days: preview.changedDays
                    .map((day) => `${storeName(day.storeId)} ${day.salesDate}`)
                    .join(", "),
                })}
          </Text>
          <InlineGrid columns={{ xs: 1, lg: 2 }} gap="400">
            <GeneratedColumn
              title={t("mapping.preview.draft")}
              generated={preview.draft}
              nameOf={nameOf}
              timeZone={timeZone(preview.day.storeId)}
            />
            <GeneratedColumn
              title={t("mapping.preview.active")}
              generated={preview.active}
              nameOf={nameOf}
              timeZone={timeZone(preview.day.storeId)}
            />
          </InlineGrid>
        </BlockStack>
      )}
    </BlockStack>
  );
}

function GeneratedColumn(props: {
  title: string;
  generated: GeneratedView | null;
  nameOf: TargetNamer;
  timeZone: string;
}) {
  const { t, shared, language } = useI18n();
  const { generated } = props;
  return (
    <TitledCard title={props.title}>
      {!generated ? (
        <Text as="p" tone="subdued">
          {t("mapping.preview.none")}
        </Text>
      ) : (
        <BlockStack gap="300">
          <div>
            <Badge tone={generated.status === "ready" ? "success" : "warning"}>
              {t(`mapping.preview.status.${generated.status}`)}
            </Badge>
          </div>
          {generated.problems.map((problem, index) => (
            <Text
              as="p"
              key={`${problem.code}-${index}`}
              tone={problem.severity === "warning" ? undefined : "critical"}
            >
              {describeProblem(problem, language)}
            </Text>
          ))}
          {generated.documents.map((document) => (
            <DocumentCard
              key={document.key}
              document={{
                id: document.key,
                kind: document.kind,
                body: document,
                ledger: null,
                ledgerId: null,
                postedFingerprint: null,
                postedAt: null,
              }}
              nameOf={props.nameOf}
              timeZone={props.timeZone}
              preview
            />
          ))}
          {generated.status === "empty" && <Text as="p">{shared("status.empty")}</Text>}
        </BlockStack>
      )}
    </TitledCard>
  );
}
