import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppStoreApi } from './app-store.js';
import type { AppStore } from './types.js';

const AppStoreContext = createContext<AppStoreApi | null>(null);

export function AppStoreProvider({ store, children }: { store: AppStoreApi; children: ReactNode }) {
  return <AppStoreContext.Provider value={store}>{children}</AppStoreContext.Provider>;
}

/** The store itself, for event handlers that read it once rather than subscribe. */
export function useAppStoreApi(): AppStoreApi {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useAppStoreApi needs an <AppStoreProvider>');
  return store;
}

export function useAppStore<T>(selector: (state: AppStore) => T): T {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useAppStore needs an <AppStoreProvider>');
  return useStore(store, selector);
}
