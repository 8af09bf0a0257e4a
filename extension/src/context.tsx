// What every page needs: the API client, the token source (to open the ledger's connect window), and
// who is signed in.
import { createContext, useContext } from "react";
import type { SessionView } from "../../shared/api";
import type { Api } from "./api/client";
import type { TokenSource } from "./session/token";

export interface AppContextValue {
  api: Api;
  tokens: TokenSource;
  session: SessionView;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error("useApp outside of AppContext");
  return value;
}
