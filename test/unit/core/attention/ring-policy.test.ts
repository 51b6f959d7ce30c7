import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../../electron/common/model/source-config.js';
import {
  decideRing,
  ringPolicyOf,
  type RingPolicy,
} from '../../../../electron/core/attention/ring-policy.js';
import { anIncident } from '../../../support/incidents.js';

const mine = anIncident({ sourceId: 'pd', assignees: ['Sam Roe'] });
const danas = anIncident({ sourceId: 'pd', assignedToMe: false, assignees: ['Dana Lee'] });
const payments = { ...danas, assignedToMyTeam: 'Payments' };
const unassigned = { ...danas, assignees: [] };
const alert = anIncident({ sourceId: 'am' });

const policy = (assignment: RingPolicy['assignment'], ringFor: RingPolicy['ringFor']) => ({
  assignment,
  ringFor,
});

describe('decideRing', () => {
  it('rings for my pages only, by default for a source that knows assignment', () => {
    const mineOnly = policy('teams', 'mine');
    expect(decideRing(mine, mineOnly, false)).toEqual({
      rings: true,
      reason: 'Rings: assigned to you',
    });
    expect(decideRing(danas, mineOnly, true)).toEqual({
      rings: false,
      reason: 'Quiet: assigned to Dana Lee — this source rings for your pages only',
    });
    expect(decideRing(payments, mineOnly, true).rings).toBe(false);
    expect(decideRing(unassigned, mineOnly, true).reason).toBe(
      'Quiet: not assigned to you — this source rings for your pages only',
    );
  });

  it('rings for my teams’ pages too with “my teams”', () => {
    const teams = policy('teams', 'my-teams');
    expect(decideRing(payments, teams, false)).toEqual({
      rings: true,
      reason: 'Rings: your team Payments',
    });
    expect(decideRing(mine, teams, false).reason).toBe('Rings: assigned to you');
    expect(decideRing(danas, teams, false)).toEqual({
      rings: false,
      reason: 'Quiet: assigned to Dana Lee — this source rings for your and your teams’ pages only',
    });
  });

  it('rings for every page with “everything”, still saying when it is mine', () => {
    const everything = policy('people', 'everything');
    expect(decideRing(danas, everything, false)).toEqual({
      rings: true,
      reason: 'Rings: this source rings for every page',
    });
    expect(decideRing(mine, everything, false).reason).toBe('Rings: assigned to you');
  });

  it('rings for every alert of a source without assignment, or only while I am on call', () => {
    expect(decideRing(alert, policy('none', 'everything'), false)).toEqual({
      rings: true,
      reason: 'Rings: this source rings for every page',
    });
    const whileOnCall = policy('none', 'while-on-call');
    expect(decideRing(alert, whileOnCall, true)).toEqual({
      rings: true,
      reason: 'Rings: you are on call',
    });
    expect(decideRing(alert, whileOnCall, false)).toEqual({
      rings: false,
      reason: 'Quiet: you are not on call',
    });
  });
});

describe('ringPolicyOf', () => {
  const pagerDuty: SourceConfig = {
    kind: 'pagerduty',
    id: 'pd',
    name: 'PagerDuty',
    region: 'us',
    email: 'sam@example.com',
    pollIntervalSeconds: 30,
    timeoutSeconds: 10,
  };
  const alertmanager: SourceConfig = {
    kind: 'alertmanager',
    id: 'am',
    name: 'Alertmanager',
    baseUrl: 'http://am:9093',
    auth: { type: 'none' },
    ackSilenceMinutes: 60,
    pollIntervalSeconds: 30,
    timeoutSeconds: 10,
  };

  it('takes each kind’s default until the responder chooses', () => {
    expect(ringPolicyOf(pagerDuty)).toEqual({ assignment: 'teams', ringFor: 'mine' });
    expect(ringPolicyOf(alertmanager)).toEqual({ assignment: 'none', ringFor: 'everything' });
    expect(ringPolicyOf({ ...pagerDuty, ringFor: 'my-teams' }).ringFor).toBe('my-teams');
    expect(ringPolicyOf({ ...alertmanager, ringFor: 'while-on-call' }).ringFor).toBe(
      'while-on-call',
    );
  });

  it('rings for the test pages the responder sends, which belong to no configured source', () => {
    expect(
      decideRing(anIncident({ sourceId: 'self-test' }), ringPolicyOf(undefined), false),
    ).toEqual({ rings: true, reason: 'Rings: this source rings for every page' });
  });
});
