// The lightning bolt of the Post button (the seeds' "lightning icon"); Polaris' icon set has none.
import type { SVGProps } from "react";

export function LightningIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false" {...props}>
      <path d="M11.3 2.2a.75.75 0 0 1 .45.8l-.86 5.25h4.36a.75.75 0 0 1 .58 1.23l-7.25 8.5a.75.75 0 0 1-1.32-.6l.86-5.13H3.75a.75.75 0 0 1-.58-1.23l7.25-8.62a.75.75 0 0 1 .88-.2Z" />
    </svg>
  );
}
