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
  private readonly names = new Map<string, string>();

  constructor(private readonly client: JsmClient) {}

  async of(accountId: string, signal: AbortSignal): Promise<string> {
    const known = this.names.get(accountId);
    if (known !== undefined) return known;
    try {
      const user = await this.client.request(
        'act',
        this.client.siteUrl('/rest/api/3/user', { accountId }),
        { schema: jiraUserSchema, signal, access: 'site' },
      );
      const name = user.displayName?.trim() || accountId;
      if (this.names.size >= maxNames) this.names.delete(this.names.keys().next().value!);
      this.names.set(accountId, name);
      return name;
    } catch {
      return accountId;
    }
  }
}
