import type { JsmClient } from './jsm-client.js';
import { jiraUserSchema } from './jsm-schemas.js';

/** Enough for every rotation a responder sees; past it the oldest names are forgotten. */
const maxNames = 500;

/**
 * Display names for accountIds, from the site's user API (JSM's schedule answers carry ids
 * only). A name is asked once per source; one that cannot be read shows as its accountId this
 * time and is asked again next time.
 */
export class UserNames {
  /** Answers in flight count as known, so one timeline's twenty shifts of a person ask once. */
  private readonly names = new Map<string, Promise<string>>();

  constructor(private readonly client: JsmClient) {}

  of(accountId: string, signal: AbortSignal): Promise<string> {
    const known = this.names.get(accountId);
    if (known) return known;
    if (this.names.size >= maxNames) this.names.delete(this.names.keys().next().value!);
    const name = this.ask(accountId, signal);
    this.names.set(accountId, name);
    return name;
  }

  /**
   * A name read elsewhere (Get cover's user list) saves asking for it later; only while there
   * is room, so a large site's list never pushes out the names the timeline uses.
   */
  remember(accountId: string, name: string): void {
    if (this.names.has(accountId) || this.names.size >= maxNames) return;
    this.names.set(accountId, Promise.resolve(name));
  }

  private async ask(accountId: string, signal: AbortSignal): Promise<string> {
    try {
      const user = await this.client.request(
        'act',
        this.client.siteUrl('/rest/api/3/user', { accountId }),
        { schema: jiraUserSchema, signal, access: 'site' },
      );
      return user.displayName?.trim() || accountId;
    } catch {
      this.names.delete(accountId);
      return accountId;
    }
  }
}
