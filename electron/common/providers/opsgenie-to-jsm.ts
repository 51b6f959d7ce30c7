// Opsgenie's REST API ends on 2027-04-05: delete this file with ./opsgenie.ts.
import type { JsmOpsSourceConfig, OpsgenieSourceConfig } from '../model/source-config.js';

/** The day Opsgenie's REST API stops for everyone (PROVIDERS.md §2). */
export const opsgenieApiEnds = '2027-04-05';

/** What the JSM form needs besides what an Opsgenie source already says. */
type MovedFields = Pick<
  JsmOpsSourceConfig,
  'name' | 'pollIntervalSeconds' | 'timeoutSeconds' | 'highUpTo' | 'email' | 'ringFor'
>;

/**
 * A JSM Operations source prefilled from an Opsgenie one: its name, pace and ring policy, and
 * the urgency Opsgenie gave (P1–P2 high). The Opsgenie username is an email, usually the
 * Atlassian login too. JSM cannot tell "my teams" (teams are listed by visibility, not
 * membership), so that choice becomes every page rather than losing the team's pages.
 */
export function jsmFieldsFromOpsgenie(config: OpsgenieSourceConfig): MovedFields {
  return {
    name: `${config.name} (JSM)`.slice(0, 80),
    pollIntervalSeconds: config.pollIntervalSeconds,
    timeoutSeconds: config.timeoutSeconds,
    highUpTo: 'P2',
    email: config.username.includes('@') ? config.username : '',
    ringFor: config.ringFor === 'my-teams' ? 'everything' : config.ringFor,
  };
}
