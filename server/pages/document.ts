// The shell every server-rendered page shares: doctype, language, charset, viewport, title, an optional
// style sheet and body style, around the page's own markup. Title and body style are escaped; the style
// sheet is the page's own CSS, written as is.
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The column most plain pages (messages, consent and problem pages) read in. */
export const NARROW_PAGE_STYLE =
  "font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem";

export interface HtmlDocument {
  lang: string;
  title: string;
  /** CSS for a `<style>` element in the head. */
  style?: string;
  /** The `style` attribute of the body. */
  bodyStyle?: string;
  /** Whether the head carries the mobile viewport tag (default true). */
  viewport?: boolean;
  body: Markup;
}

export function htmlDocument(page: HtmlDocument): Markup {
  const bodyAttributes = page.bodyStyle === undefined ? "" : html` style="${page.bodyStyle}"`;
  return html`<!doctype html>
    <html lang="${page.lang}">
      <head>
        <meta charset="utf-8" />
        ${page.viewport === false ? "" : html`<meta name="viewport" content="width=device-width, initial-scale=1" />`}
        <title>${page.title}</title>
        ${
          page.style === undefined
            ? ""
            : html`<style>
                ${raw(page.style)}
              </style>`
        }
      </head>
      <body${bodyAttributes}>
        ${page.body}
      </body>
    </html>`;
}
