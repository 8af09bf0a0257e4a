// A card with a section heading: the Accounting tab's cards all start this way.
import { BlockStack, type BlockStackProps, Card, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

export function TitledCard({
  title,
  gap = "300",
  children,
}: {
  title: string;
  gap?: BlockStackProps["gap"];
  children: ReactNode;
}) {
  return (
    <Card>
      <BlockStack gap={gap}>
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {children}
      </BlockStack>
    </Card>
  );
}
