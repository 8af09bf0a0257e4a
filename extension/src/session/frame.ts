// Tells the POS how tall the extension's content is, so the frame grows with it instead of scrolling.
import type { ResizeMessage } from "../../../shared/embed";

export function reportHeight(
  view: Window,
  posOrigin: string,
  content: HTMLElement,
): (() => void) | undefined {
  if (view.parent === view) return undefined;
  let last = 0;
  // The content's own height: the page's would follow the frame's and never let it shrink.
  const observer = new ResizeObserver(() => {
    const height = Math.ceil(content.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    const message: ResizeMessage = { type: "daybook:resize", height };
    view.parent.postMessage(message, posOrigin);
  });
  observer.observe(content);
  return () => observer.disconnect();
}
