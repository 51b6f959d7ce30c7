/**
 * The only way the core touches credentials. Accounts are opaque strings such as
 * `source:pd-main:token`; values never leave the main process.
 */
export interface SecretStore {
  get(account: string): Promise<string | undefined>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<void>;
}

export function secretAccount(sourceId: string, secret: string): string {
  return `source:${sourceId}:${secret}`;
}

/** A status page's API key: its own account, apart from every source's. */
export function statusPageKeyAccount(statusPageId: string): string {
  return `statuspage:${statusPageId}:api-key`;
}
