// The extension's pages under /app (DESIGN §1), each in a chunk of its own so the first screen loads
// only what it shows: /day/:storeId/:date (the Accounting tab; storeId is the POS's shop id, as the
// POS fills the manifest's path), /days (Sales totals), /mapping and /scheduler (the POS Load Scheduler).
import { Frame } from "@shopify/polaris";
import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { NotFound } from "./components/Notice";
import { ToastProvider } from "./components/Toast";
import { parseDaysSearch } from "./pages/daysSearch";
import { parseSchedulerSearch } from "./pages/schedulerSearch";

const root = createRootRoute({
  component: () => (
    <Frame>
      <ToastProvider>
        <Outlet />
      </ToastProvider>
    </Frame>
  ),
  notFoundComponent: NotFound,
});

const index = createRoute({
  getParentRoute: () => root,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/days" });
  },
});

const days = createRoute({
  getParentRoute: () => root,
  path: "/days",
  validateSearch: parseDaysSearch,
  component: lazyRouteComponent(() => import("./pages/DaysPage"), "DaysPage"),
});

const day = createRoute({
  getParentRoute: () => root,
  path: "/day/$storeId/$date",
  component: lazyRouteComponent(() => import("./pages/DayPage"), "DayPage"),
});

const mapping = createRoute({
  getParentRoute: () => root,
  path: "/mapping",
  validateSearch: (search: Record<string, unknown>): { focus?: string } =>
    typeof search.focus === "string" && /^[\w.-]{1,200}$/.test(search.focus) ? { focus: search.focus } : {},
  component: lazyRouteComponent(() => import("./pages/MappingPage"), "MappingPage"),
});

const scheduler = createRoute({
  getParentRoute: () => root,
  path: "/scheduler",
  validateSearch: parseSchedulerSearch,
  component: lazyRouteComponent(() => import("./pages/SchedulerPage"), "SchedulerPage"),
});

export function createAppRouter() {
  return createRouter({
    routeTree: root.addChildren([index, days, day, mapping, scheduler]),
    basepath: "/app",
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
