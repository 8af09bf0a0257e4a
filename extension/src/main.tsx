// The extension's entry: take the session token the POS handed over, learn who is signed in, then show
// the page in their language with Polaris.
import "@shopify/polaris/build/esm/styles.css";
import { AppProvider, type AppProviderProps } from "@shopify/polaris";
import { RouterProvider, useRouter } from "@tanstack/react-router";
import { type ComponentProps, type MouseEvent, StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import type { SessionView } from "../../shared/api";
import { ID_TOKEN_PARAM, POS_ORIGIN_META } from "../../shared/embed";
import { toLocale } from "../../shared/i18n";
import { ApiError, createApi } from "./api/client";
import { AppContext } from "./context";
import { createI18n, I18nProvider, type PolarisTranslations, polarisTranslations } from "./i18n";
import { createAppRouter } from "./router";
import { createTokenSource, NoSessionError, posOriginOf, takeInitialToken } from "./session/token";

const posOrigin = posOriginOf(document, POS_ORIGIN_META);
const tokens = createTokenSource({ initial: takeInitialToken(window, ID_TOKEN_PARAM), posOrigin, window });
const api = createApi(tokens);
const router = createAppRouter();

type LinkLikeComponentProps = ComponentProps<NonNullable<AppProviderProps["linkComponent"]>>;

/** Polaris' links (buttons with a url, Link) move within the app without reloading it. */
function RouterLink({ url, external, children, ...rest }: LinkLikeComponentProps) {
  const { history } = useRouter();
  const internal = !external && url.startsWith("/app/");
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!internal || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    history.push(url);
  };
  return (
    <a
      href={url}
      onClick={onClick}
      {...(external && { target: "_blank", rel: "noopener noreferrer" })}
      {...rest}
    >
      {children}
    </a>
  );
}

type BootState =
  | { phase: "loading" }
  | { phase: "ready"; session: SessionView; translations: PolarisTranslations }
  | { phase: "failed"; error: unknown };

function Boot() {
  const [state, setState] = useState<BootState>({ phase: "loading" });
  useEffect(() => {
    api
      .session()
      .then(async (session) => {
        document.documentElement.lang = session.locale;
        setState({
          phase: "ready",
          session,
          translations: await polarisTranslations(toLocale(session.locale)),
        });
      })
      .catch((error: unknown) => setState({ phase: "failed", error }));
  }, []);

  if (state.phase === "loading") return <p className="daybook-boot" role="status" aria-busy="true" />;
  if (state.phase === "failed") return <BootFailure error={state.error} />;
  const i18n = createI18n(state.session.locale);
  return (
    <AppProvider i18n={state.translations} linkComponent={RouterLink}>
      <I18nProvider i18n={i18n}>
        <AppContext.Provider value={{ api, tokens, session: state.session }}>
          <RouterProvider router={router} />
        </AppContext.Provider>
      </I18nProvider>
    </AppProvider>
  );
}

/** Before the session is known there is no Polaris and no chosen language: the browser's is used. */
function BootFailure({ error }: { error: unknown }) {
  const { t } = createI18n(navigator.language);
  const noSession =
    error instanceof NoSessionError ||
    (error instanceof ApiError && (error.status === 401 || error.status === 403));
  return (
    <main className="daybook-boot" role="alert">
      <h1>{noSession ? t("app.no_session.title") : t("app.error.title")}</h1>
      <p>{noSession ? t("app.no_session.body") : error instanceof Error ? error.message : String(error)}</p>
    </main>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Boot />
  </StrictMode>,
);
