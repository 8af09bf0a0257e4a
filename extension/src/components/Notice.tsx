// Full-page messages: not found, and errors a page cannot get past.
import { Banner, Button, Page } from "@shopify/polaris";
import { ApiError } from "../api/client";
import { useI18n } from "../i18n";

export function NotFound() {
  const { t } = useI18n();
  return (
    <Page>
      <Banner tone="warning">{t("app.not_found")}</Banner>
    </Page>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <Banner tone="critical" title={t("app.error.title")}>
      <p>{message}</p>
      <Button onClick={onRetry}>{t("app.retry")}</Button>
    </Banner>
  );
}
