// Every version of the mapping, the active one and those before it, each viewable as what it mapped
// where (a read-only list: changing the mapping goes through a draft).
import { Badge, BlockStack, Button, DataTable, InlineStack, Modal, Text } from "@shopify/polaris";
import { useState } from "react";
import type { MappingState, MappingVersionView } from "../../../shared/api";
import type { Mapping } from "../../../shared/schemas/mapping";
import { useLoad } from "../api/useLoad";
import { LoadError } from "../components/Notice";
import { TitledCard } from "../components/TitledCard";
import type { TargetNamer } from "../components/targets";
import { useApp } from "../context";
import { useI18n } from "../i18n";
import type { PosCatalog } from "./sections";

const STATUS_TONE = { draft: "info", active: "success", archived: undefined } as const;

export function VersionsCard(props: { state: MappingState; nameOf: TargetNamer; catalog: PosCatalog }) {
  const { t, dateTime } = useI18n();
  const [viewing, setViewing] = useState<MappingVersionView | null>(null);
  return (
    <TitledCard title={t("mapping.versions")}>
      {props.state.versions.length === 0 ? (
        <Text as="p" tone="subdued">
          {t("mapping.versions_none")}
        </Text>
      ) : (
        props.state.versions.map((version) => (
          <InlineStack key={version.version} gap="200" blockAlign="center" wrap={false}>
            <Text as="span" fontWeight="semibold">
              {t("mapping.version", { version: version.version })}
            </Text>
            <Badge tone={STATUS_TONE[version.status]}>{t(`mapping.status.${version.status}`)}</Badge>
            <Text as="span" tone="subdued">
              {dateTime(version.activatedAt ?? version.createdAt)}
            </Text>
            <Button variant="plain" onClick={() => setViewing(version)}>
              {t("mapping.view_version", { version: version.version })}
            </Button>
          </InlineStack>
        ))
      )}
      {viewing && <VersionModal version={viewing} onClose={() => setViewing(null)} {...props} />}
    </TitledCard>
  );
}

function VersionModal(props: {
  version: MappingVersionView;
  onClose(): void;
  nameOf: TargetNamer;
  catalog: PosCatalog;
}) {
  const { api } = useApp();
  const { t } = useI18n();
  const loaded = useLoad(() => api.mappingVersion(props.version.version), [api, props.version.version]);
  return (
    <Modal
      open
      onClose={props.onClose}
      title={t("mapping.version", { version: props.version.version })}
      size="large"
    >
      <Modal.Section>
        {loaded.data ? (
          <BlockStack gap="200">
            <Text as="p">{t(`mapping.method.${loaded.data.mapping.postingMethod}`)}</Text>
            <DataTable
              columnContentTypes={["text", "text"]}
              headings={[t("mapping.where"), t("col.account")]}
              rows={targetsOf(loaded.data.mapping).map(({ path, id }) => [
                describePath(path, props.catalog),
                props.nameOf(id),
              ])}
            />
          </BlockStack>
        ) : loaded.error !== undefined ? (
          <LoadError error={loaded.error} onRetry={() => void loaded.reload()} />
        ) : (
          <Text as="p" tone="subdued">
            {t("app.loading")}
          </Text>
        )}
      </Modal.Section>
    </Modal>
  );
}

/** Every target of a mapping with its path, in the mapping's own order. */
function targetsOf(mapping: Mapping): { path: string[]; id: { account?: string; item?: string } }[] {
  const found: { path: string[]; id: { account?: string; item?: string } }[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (typeof node !== "object" || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.account === "string" || typeof record.item === "string") {
      found.push({
        path,
        id: {
          ...(record.account !== undefined && { account: String(record.account) }),
          ...(record.item !== undefined && { item: String(record.item) }),
        },
      });
      return;
    }
    if (typeof record.taxCode === "string") {
      found.push({ path, id: { account: `tax code ${record.taxCode}` } });
      return;
    }
    for (const [key, value] of Object.entries(record)) walk(value, [...path, key]);
  };
  walk(mapping, []);
  return found;
}

/** "sales › byCategory › 12" as "sales › Espresso drinks": the POS entry's name where there is one. */
function describePath(path: string[], catalog: PosCatalog): string {
  const entries = [...catalog.categories, ...catalog.discounts, ...catalog.taxes, ...catalog.paymentTypes];
  return path
    .filter((part) => !part.startsWith("by"))
    .map((part) => entries.find((entry) => entry.id === part)?.name ?? part)
    .join(" › ");
}
