/** Listeners for one kind of event: `on` returns its own undo, `emit` calls each in order. */
export interface Emitter<T> {
  on(listener: (value: T) => void): () => void;
  emit(value: T): void;
  /** Forgets every listener, e.g. when the owner stops. */
  clear(): void;
  readonly size: number;
}

export function createEmitter<T = void>(): Emitter<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    on(listener) {
      // Wrapped so the same function can subscribe twice and each undo removes only its own.
      const entry = (value: T) => listener(value);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
    emit(value) {
      // A copy, so a listener that unsubscribes (or subscribes) mid-emit changes only later emits.
      for (const listener of [...listeners]) listener(value);
    },
    clear() {
      listeners.clear();
    },
    get size() {
      return listeners.size;
    },
  };
}
