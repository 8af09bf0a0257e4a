// A plain page that tells a person what happened (install and connection outcomes), in their language.
import type { Context } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Locale } from "../../shared/i18n";

export interface Message {
  locale: Locale;
  title: string;
  body: string;
  link?: { href: string; text: string };
}

export function messagePage(c: Context, message: Message, status: ContentfulStatusCode = 200) {
  return c.html(
    html`<!doctype html>
      <html lang="${message.locale}">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${message.title} · Daybook</title>
        </head>
        <body
          style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem"
        >
          <h1>${message.title}</h1>
          <p>${message.body}</p>
          ${message.link ? html`<p><a href="${message.link.href}">${message.link.text}</a></p>` : ""}
        </body>
      </html>`,
    status,
  );
}
