// The extension's pages as the POS frames them (/app/...): for now a server-rendered summary of the
// account's stores and their latest store-days, in the user's language.
import { Hono } from "hono";
import { html } from "hono/html";
import { type MessageKey, toLocale, translate } from "../../shared/i18n";
import type { SessionEnv } from "../auth/sessionToken";
import type { Deps } from "../deps";
import { latestStoreDay } from "../repos/storeDays";
import { listStores } from "../repos/stores";

export function extensionPages(deps: Pick<Deps, "db">): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get("*", async (c) => {
    const { account, user, locale: tag } = c.var.session;
    const locale = toLocale(tag);
    const stores = await listStores(deps.db, account.id);
    const rows = await Promise.all(
      stores.map(async (store) => {
        const latest = await latestStoreDay(deps.db, account.id, store.id);
        return html`<tr>
          <td>${store.name}</td>
          <td>${store.timezone}</td>
          <td>${latest?.salesDate ?? "—"}</td>
          <td>
            ${latest ? translate(locale, `status.${latest.status}` as MessageKey) : translate(locale, "status.missing")}
          </td>
        </tr>`;
      }),
    );
    return c.html(
      page(
        locale,
        account.name,
        html`<p>
            ${translate(locale, "app.signed_in_as", { name: user.name, role: translate(locale, `role.${user.role}` as MessageKey) })}
          </p>
          <table>
            <thead>
              <tr>
                <th>${translate(locale, "app.store")}</th>
                <th>${translate(locale, "app.timezone")}</th>
                <th>${translate(locale, "app.latest_day")}</th>
                <th>${translate(locale, "app.status")}</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`,
      ),
    );
  });
  return app;
}

function page(locale: string, title: string, body: unknown) {
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <title>Daybook · ${title}</title>
        <style>
          body {
            font:
              14px system-ui,
              sans-serif;
            margin: 1.5rem;
            color: #202223;
          }
          table {
            border-collapse: collapse;
          }
          td,
          th {
            padding: 0.35rem 0.75rem;
            border-bottom: 1px solid #ddd;
            text-align: left;
          }
        </style>
      </head>
      <body>
        <h1>${title}</h1>
        ${body}
      </body>
    </html>`;
}
