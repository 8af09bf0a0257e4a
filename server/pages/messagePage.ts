// A plain page that tells a person what happened (install and connection outcomes), in their language.
import type { Context } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Locale } from "../../shared/i18n";
import { htmlDocument, NARROW_PAGE_STYLE } from "./document";

export interface Message {
  locale: Locale;
  title: string;
  body: string;
  link?: { href: string; text: string };
}

export function messagePage(c: Context, message: Message, status: ContentfulStatusCode = 200) {
  return c.html(
    htmlDocument({
      lang: message.locale,
      title: `${message.title} · Daybook`,
      bodyStyle: NARROW_PAGE_STYLE,
      body: html`<h1>${message.title}</h1>
        <p>${message.body}</p>
        ${message.link ? html`<p><a href="${message.link.href}">${message.link.text}</a></p>` : ""}`,
    }),
    status,
  );
}
