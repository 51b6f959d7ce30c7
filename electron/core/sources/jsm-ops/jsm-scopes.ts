import { httpStatusOf } from '../source-error.js';
import type { JsmClient } from './jsm-client.js';
import { listTeamsSchema, noteSchema } from './jsm-schemas.js';

/** What the token may do beyond reading alerts; 'unknown' when a probe could not tell. */
export interface ScopeProbe {
  writeAlerts: boolean | 'unknown';
  readConfig: boolean | 'unknown';
}

/**
 * An alert id JSM never issues (its ids are UUIDs), so a note sent to it is refused as
 * missing once the token's scope has been accepted, and nothing is written.
 */
const noSuchAlert = 'onwatch-write-check';

/**
 * Finds out what the token's scopes allow without changing anything. Atlassian checks the
 * scope before it looks for the alert [U: inferred from the 401 "scope does not match"], so a
 * 404 for a missing alert means the write would have been let through.
 */
export async function probeScopes(client: JsmClient, signal: AbortSignal): Promise<ScopeProbe> {
  const [writeAlerts, readConfig] = await Promise.all([
    verdict(async () => {
      const url = await client.opsUrl(`/v1/alerts/${noSuchAlert}/notes`, signal);
      await client.request('act', url, {
        method: 'POST',
        body: { note: 'Onwatch checks that this token may write notes' },
        schema: noteSchema,
        signal,
        access: 'write:ops-alert',
      });
    }, [404, 422]),
    verdict(async () => {
      const url = await client.opsUrl('/v1/teams', signal);
      await client.request('act', url, {
        schema: listTeamsSchema,
        signal,
        access: 'read:ops-config',
      });
    }, []),
  ]);
  return { writeAlerts, readConfig };
}

/** Allowed when `call` succeeds or fails with a status past the scope check; refused on 401/403. */
async function verdict(
  call: () => Promise<void>,
  passedScope: readonly number[],
): Promise<boolean | 'unknown'> {
  try {
    await call();
    return true;
  } catch (error) {
    const status = httpStatusOf(error);
    if (status !== undefined && passedScope.includes(status)) return true;
    if (status === 401 || status === 403) return false;
    return 'unknown';
  }
}
