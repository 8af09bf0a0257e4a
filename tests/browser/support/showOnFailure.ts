// Set up in every browser test file: when a test fails, print the end of what each running server
// printed and what every open page and frame showed. CI keeps only the log, and a failure that depends
// on timing seldom reproduces on demand.
import { beforeEach } from "vitest";
import { launchedBrowsers } from "./browser";
import { runningStacks } from "./stack";

beforeEach(({ onTestFailed }) => {
  onTestFailed(async () => {
    for (const stack of runningStacks()) {
      const printed = stack.output().trim();
      if (printed) console.error(`[server ${stack.appUrl}] ${printed.slice(-1500)}`);
    }
    const pages = launchedBrowsers().flatMap((browser) => browser.contexts().flatMap((c) => c.pages()));
    for (const page of pages)
      for (const frame of page.frames()) {
        const text = await frame
          .locator("body")
          .innerText({ timeout: 2000 })
          .catch((error: unknown) => `(unreadable: ${String(error)})`);
        // One line a frame, its start and its end (where dialogs and toasts are): CI keeps the log's end.
        const line = text.replace(/\s+/g, " ").trim();
        if (line === "") continue;
        const shown = line.length > 2000 ? `${line.slice(0, 800)} … ${line.slice(-1200)}` : line;
        console.error(`[${frame.url()}] ${shown}`);
      }
  });
});
