// Opsgenie's REST API ends on 2027-04-05: delete this file with ./opsgenie.ts.
import type {
  JsmOpsSourceConfig,
  OpsgenieSourceConfig,
  SourceConfig,
} from '../model/source-config.js';
import { jsmOpsDescriptor } from './jsm-ops.js';

/** The day Opsgenie's REST API stops for everyone (PROVIDERS.md §2). */
const opsgenieApiEnds = '2027-04-05';

/** A source whose provider's API is ending, and the source that takes over from it. */
export interface SourceMove {
  /** ISO date the API ends. */
  endsOn: string;
  /** Where it moves: the kind to add, its name for the button, what its form starts with. */
  to: { kind: typeof jsmOpsDescriptor.kind; name: string; fields: MovedFields };
}

/** The move on offer for this source, or undefined when its provider is not ending. */
export function sourceMove(config: SourceConfig): SourceMove | undefined {
  if (config.kind !== 'opsgenie') return undefined;
  return {
    endsOn: opsgenieApiEnds,
    to: {
      kind: jsmOpsDescriptor.kind,
      name: 'Jira Service Management',
      fields: jsmFieldsFromOpsgenie(config),
    },
  };
}

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
function jsmFieldsFromOpsgenie(config: OpsgenieSourceConfig): MovedFields {
  return {
    name: `${config.name} (JSM)`.slice(0, 80),
    pollIntervalSeconds: config.pollIntervalSeconds,
    timeoutSeconds: config.timeoutSeconds,
    highUpTo: 'P2',
    email: config.username.includes('@') ? config.username : '',
    ringFor: config.ringFor === 'my-teams' ? 'everything' : config.ringFor,
  };
}
