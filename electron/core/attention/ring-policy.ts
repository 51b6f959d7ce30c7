/**
 * Whether a page rings (climbs the escalation ladder) or is listed quietly, and the words the
 * incident row shows for it. Pure: the ladder asks it at every step, the window shows its reason.
 */
import type { RingDecision } from '../../common/contract/app-state.js';
import type { Incident } from '../../common/model/incident.js';
import type { SourceConfig } from '../../common/model/source-config.js';
import { providerOf } from '../../common/providers/index.js';
import {
  defaultRingFor,
  type AssignmentKnowledge,
  type RingFor,
} from '../../common/providers/ring-for.js';

export interface RingPolicy {
  /** What the incident's source can tell about who a page is for. */
  assignment: AssignmentKnowledge;
  ringFor: RingFor;
}

/**
 * A source's policy: its setting, or its kind's default. Pages of no configured source (the
 * test pages the responder sends) always ring: they were asked for.
 */
export function ringPolicyOf(config: SourceConfig | undefined): RingPolicy {
  if (!config) return { assignment: 'none', ringFor: 'everything' };
  const { assignment } = providerOf(config.kind);
  return { assignment, ringFor: config.ringFor ?? defaultRingFor(assignment) };
}

const rings = (reason: string): RingDecision => ({ rings: true, reason: `Rings: ${reason}` });
const quiet = (reason: string): RingDecision => ({ rings: false, reason: `Quiet: ${reason}` });

function whoHasIt(incident: Incident): string {
  return incident.assignees.length > 0
    ? `assigned to ${incident.assignees.join(', ')}`
    : 'not assigned to you';
}

/** `onCall`: the responder has a current shift on some schedule. */
export function decideRing(incident: Incident, policy: RingPolicy, onCall: boolean): RingDecision {
  if (policy.assignment === 'none') {
    // Such a source marks every page as the responder's; its setting is about time, not people.
    if (policy.ringFor === 'while-on-call') {
      return onCall ? rings('you are on call') : quiet('you are not on call');
    }
    return rings('this source rings for every page');
  }
  if (incident.assignedToMe) return rings('assigned to you');
  switch (policy.ringFor) {
    case 'everything':
      return rings('this source rings for every page');
    case 'my-teams':
      return incident.assignedToMyTeam !== undefined
        ? rings(`your team ${incident.assignedToMyTeam}`)
        : quiet(`${whoHasIt(incident)} — this source rings for your and your teams’ pages only`);
    default:
      return quiet(`${whoHasIt(incident)} — this source rings for your pages only`);
  }
}
