// What holds the day or needs a look, in the person's language, naming what to map or fix.
import { Badge, BlockStack, Button, InlineStack, Text } from "@shopify/polaris";
import type { Problem } from "../../../shared/engine/types";
import { describeProblem } from "../../../shared/problemText";
import { useI18n } from "../i18n";
import { mappingPathOf } from "../mapping/problemPaths";
import { TitledCard } from "./TitledCard";

const TONE = { hold: "warning", out_of_balance: "critical", warning: "attention" } as const;

export function ProblemsCard({ problems, canMap }: { problems: Problem[]; canMap: boolean }) {
  const { t, language } = useI18n();
  if (problems.length === 0) return null;
  return (
    <TitledCard title={t("problems.title")}>
      <ul style={{ margin: 0, paddingLeft: "1.25rem" }}>
        {problems.map((problem, index) => (
          <li key={`${problem.code}-${problem.subject?.id ?? index}`}>
            <BlockStack gap="100">
              <InlineStack gap="200" blockAlign="center">
                <Badge tone={TONE[problem.severity]}>{t(`severity.${problem.severity}`)}</Badge>
                <Text as="span" tone="subdued">
                  {t("problems.section", { section: t(`section.${problem.section}`) })}
                </Text>
              </InlineStack>
              <Text as="p">{describeProblem(problem, language)}</Text>
              {canMap && mappingPathOf(problem) && (
                <div>
                  <Button url={`/app/mapping?focus=${mappingPathOf(problem)}`}>{t("problems.map_it")}</Button>
                </div>
              )}
            </BlockStack>
          </li>
        ))}
      </ul>
    </TitledCard>
  );
}
