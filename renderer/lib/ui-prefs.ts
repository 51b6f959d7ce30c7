/**
 * Where the window keeps its own preferences (the incident filters): the renderer's
 * localStorage, the same in Electron and the browser host. Storage can be missing or full
 * (a private window, a quota); then the prefs last only as long as the window.
 */
export type UiPrefs = {
  read(name: string): string | null;
  write(name: string, value: string): void;
};

export function browserUiPrefs(): UiPrefs {
  const memory = new Map<string, string>();
  const storage = typeof localStorage === 'undefined' ? null : localStorage;
  return {
    read(name) {
      try {
        return storage?.getItem(name) ?? memory.get(name) ?? null;
      } catch {
        return memory.get(name) ?? null;
      }
    },
    write(name, value) {
      memory.set(name, value);
      try {
        storage?.setItem(name, value);
      } catch {
        // Kept in memory above; losing it at the next start beats losing the change now.
      }
    },
  };
}
