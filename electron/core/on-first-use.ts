import { createRequire } from 'node:module';

const requirePackage = createRequire(import.meta.url);

/**
 * A CommonJS package required the first time the returned function is called, not at start-up:
 * for the heavy ones (a terminal emulator, a native addon) that many sessions never need.
 */
export function onFirstUse<T>(packageName: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requirePackage(packageName) as T);
}
