import type { SecretStore } from '../ports/secret-store.js';

/** Secrets held only for the life of the process: unit tests and `--ephemeral-secrets`. */
export class MemorySecretStore implements SecretStore {
  readonly #values = new Map<string, string>();

  async get(account: string): Promise<string | undefined> {
    return this.#values.get(account);
  }

  async set(account: string, value: string): Promise<void> {
    this.#values.set(account, value);
  }

  async delete(account: string): Promise<void> {
    this.#values.delete(account);
  }
}
