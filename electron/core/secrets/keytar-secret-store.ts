import type * as keytarModule from 'keytar';
import type { SecretStore } from '../ports/secret-store.js';

type Keytar = Pick<typeof keytarModule, 'getPassword' | 'setPassword' | 'deletePassword'>;

const keychainService = 'onwatch';

class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
}

/**
 * The OS keychain (libsecret, Keychain, Credential Manager) through keytar. keytar is loaded
 * on first use, so a missing keychain costs the sources that need a secret, not the app.
 */
export class KeytarSecretStore implements SecretStore {
  #keytar: Promise<Keytar> | undefined;

  async get(account: string): Promise<string | undefined> {
    const value = await this.#call((keytar) => keytar.getPassword(keychainService, account));
    return value ?? undefined;
  }

  async set(account: string, value: string): Promise<void> {
    await this.#call((keytar) => keytar.setPassword(keychainService, account, value));
  }

  async delete(account: string): Promise<void> {
    await this.#call((keytar) => keytar.deletePassword(keychainService, account));
  }

  async #call<T>(operation: (keytar: Keytar) => Promise<T>): Promise<T> {
    try {
      return await operation(await this.#load());
    } catch (error) {
      // keytar's messages come from the keychain and never contain the value we passed in.
      const reason = error instanceof Error ? error.message : String(error);
      throw new KeychainUnavailableError(`The OS keychain is unavailable: ${reason}`, {
        cause: error,
      });
    }
  }

  #load(): Promise<Keytar> {
    this.#keytar ??= import('keytar').then((module) => module.default);
    return this.#keytar;
  }
}
