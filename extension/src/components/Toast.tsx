// One toast at a time, shown by whoever calls useToast() under <ToastProvider>.
import { Toast } from "@shopify/polaris";
import { createContext, type ReactNode, useCallback, useContext, useState } from "react";

type Show = (message: string, options?: { error?: boolean }) => void;
const ToastContext = createContext<Show>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<{ message: string; error: boolean; id: number } | null>(null);
  const show = useCallback<Show>(
    (message, options) => setToast({ message, error: options?.error ?? false, id: Date.now() }),
    [],
  );
  return (
    <ToastContext.Provider value={show}>
      {children}
      {toast && (
        <Toast key={toast.id} content={toast.message} error={toast.error} onDismiss={() => setToast(null)} />
      )}
    </ToastContext.Provider>
  );
}

export function useToast(): Show {
  return useContext(ToastContext);
}
