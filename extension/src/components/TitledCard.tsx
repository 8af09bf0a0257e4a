// A card with a section heading: the Accounting tab's cards all start this way.
import { BlockStack, Card, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

export function TitledCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {children}
      </BlockStack>
    </Card>
  );
}
