// Tells the POS how tall the extension's content is, so the frame grows with it instead of scrolling.
import type { ResizeMessage } from "../../../shared/embed";

export function reportHeight(view: Window, posOrigin: string): (() => void) | undefined {
  if (view.parent === view) return undefined;
  let last = 0;
  const observer = new ResizeObserver(() => {
    const height = Math.ceil(view.document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    const message: ResizeMessage = { type: "daybook:resize", height };
    view.parent.postMessage(message, posOrigin);
  });
  observer.observe(view.document.body);
  return () => observer.disconnect();
}
