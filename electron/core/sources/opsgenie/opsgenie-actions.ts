// Opsgenie's REST API ends on 2027-04-05. Everything Opsgenie lives in this folder so it can be
// deleted in one go (plus its line in create-source.ts and its tests).

import type {
  ActionContext,
  IncidentAction,
  ReassignTarget,
} from '../../../common/model/action.js';
import type { Clock } from '../../ports/clock.js';
import { SourceError, unhandled } from '../source-error.js';
import { awaitRequestOutcome } from '../request-outcome.js';
import type { OpsgenieClient } from './opsgenie-client.js';
import {
  acceptedSchema,
  getAlertSchema,
  listEscalationsSchema,
  listNotesSchema,
  requestStatusSchema,
  type OpsgenieAlert,
} from './opsgenie-schemas.js';

export interface ActionDeps {
  client: OpsgenieClient;
  clock: Clock;
  /** The responder's username, sent as `user` (a display name to Opsgenie, never checked). */
  username: string;
}

type Endpoint = 'acknowledge' | 'close' | 'snooze' | 'assign' | 'escalate' | 'notes';

/**
 * Performs one action and resolves once Opsgenie has processed it. Every action answers 202
 * with a request id; only the request's status says whether it happened.
 */
export async function performAction(
  deps: ActionDeps,
  alertId: string,
  action: IncidentAction,
  context: ActionContext,
  signal: AbortSignal,
): Promise<void> {
  const alert = new AlertActions(deps, alertId, context, signal);
  switch (action.type) {
    case 'ack':
      // Acking a closed alert would fail, but the page it stands for is already over.
      return alert.changeState(
        'acknowledge',
        (a) => a.acknowledged === true || isClosed(a),
        /\balready\b.*\b(acknowledged|acked|closed)\b/i,
      );
    case 'resolve':
      return alert.changeState('close', isClosed, /\balready\b.*\bclosed\b/i);
    case 'snooze': {
      const endTime = new Date(deps.clock.now() + action.minutes * 60_000).toISOString();
      return alert.send('snooze', { endTime });
    }
    case 'reassign':
      return reassign(alert, action.target);
    case 'escalate':
      // Opsgenie only escalates to the next rule of a policy, so a level cannot be honoured.
      return alert.escalateTo(await alert.escalationPolicy());
    case 'note':
      return alert.addNote(action.text);
    case 'silence':
      throw new SourceError('rejected', 'Opsgenie has no silences; snooze the alert instead');
    case 'pause':
      throw new SourceError('rejected', 'Opsgenie alerts are not checks that can be paused');
    case 'unack':
      throw new SourceError('rejected', 'Onwatch does not unacknowledge Opsgenie alerts');
    default:
      return unhandled(action);
  }
}

function reassign(alert: AlertActions, target: ReassignTarget): Promise<void> {
  if (target.kind === 'escalation-policy') return alert.escalateTo(target.id);
  // Opsgenie user ids are UUIDs and usernames are emails; either identifies the new owner.
  const owner = target.id.includes('@') ? { username: target.id } : { id: target.id };
  return alert.send('assign', { owner: { type: 'user', ...owner } });
}

class AlertActions {
  private readonly path: string;
  /** Short and unique per action, so a retry can find what an earlier attempt already did. */
  private readonly marker: string;

  constructor(
    private readonly deps: ActionDeps,
    alertId: string,
    private readonly context: ActionContext,
    private readonly signal: AbortSignal,
  ) {
    this.path = `/v2/alerts/${encodeURIComponent(alertId)}`;
    this.marker = `(onwatch ref ${context.actionId.slice(0, 8)})`;
  }

  /**
   * Ack and close are idempotent in effect: when a retry may repeat an earlier attempt, or
   * Opsgenie refuses because it already happened, the alert's state is the answer.
   */
  async changeState(
    endpoint: Endpoint,
    done: (alert: OpsgenieAlert) => boolean,
    /** Opsgenie's wording for "that had already happened" [U: not checked on a live account]. */
    already: RegExp,
  ): Promise<void> {
    if (this.context.mayHaveBeenSent && done(await this.alert())) return;
    const outcome = await this.submit(endpoint, {});
    if (outcome.isSuccess || already.test(outcome.status ?? '')) return;
    if (done(await this.alert())) return;
    throw refused(outcome.status);
  }

  async send(endpoint: Endpoint, body: Record<string, unknown>): Promise<void> {
    const outcome = await this.submit(endpoint, body);
    if (!outcome.isSuccess) throw refused(outcome.status);
  }

  /** Notes are not idempotent: each carries a marker, and a retry looks for it first. */
  async addNote(text: string): Promise<void> {
    if (this.context.mayHaveBeenSent && (await this.hasMarkedNote())) return;
    await this.send('notes', { note: `${text}\n\n${this.marker}` });
  }

  /** Escalating twice would skip a level, so the escalation carries a marked note too. */
  async escalateTo(escalationId: string): Promise<void> {
    if (this.context.mayHaveBeenSent && (await this.hasMarkedNote())) return;
    await this.send('escalate', {
      escalation: { type: 'escalation', id: escalationId },
      note: `Escalated from Onwatch ${this.marker}`,
    });
  }

  /**
   * The policy to escalate along: the one the alert was routed to, else the only policy of
   * the team it was routed to. Anything else is ambiguous, and guessing would page the
   * wrong people.
   */
  async escalationPolicy(): Promise<string> {
    const responders = (await this.alert()).responders ?? [];
    const direct = responders.filter((r) => r.type === 'escalation').map((r) => r.id);
    if (direct.length === 1) return direct[0]!;
    if (direct.length > 1) throw ambiguous(direct.length);
    const teams = new Set(responders.filter((r) => r.type === 'team').map((r) => r.id));
    if (teams.size === 0) {
      throw new SourceError(
        'rejected',
        'this alert was not routed through an escalation policy or team; reassign it instead',
      );
    }
    const { data } = await this.deps.client.request(
      'alert',
      this.deps.client.url('/v2/escalations'),
      { schema: listEscalationsSchema, signal: this.signal },
    );
    const policies = data.filter((p) => p.ownerTeam?.id && teams.has(p.ownerTeam.id));
    if (policies.length === 1) return policies[0]!.id;
    if (policies.length > 1) throw ambiguous(policies.length);
    throw new SourceError(
      'rejected',
      "the alert's team has no escalation policy; reassign the alert instead",
    );
  }

  private async alert(): Promise<OpsgenieAlert> {
    const { data } = await this.deps.client.request('alert', this.deps.client.url(this.path), {
      schema: getAlertSchema,
      signal: this.signal,
    });
    return data;
  }

  /** The newest notes suffice: an earlier attempt of this action was moments ago. */
  private async hasMarkedNote(): Promise<boolean> {
    const url = this.deps.client.url(`${this.path}/notes`, { limit: '100', order: 'desc' });
    const { data } = await this.deps.client.request('alert', url, {
      schema: listNotesSchema,
      signal: this.signal,
    });
    return data.some((n) => n.note?.includes(this.marker));
  }

  /** Sends the action, then polls its request until Opsgenie has processed it. */
  private async submit(
    endpoint: Endpoint,
    body: Record<string, unknown>,
  ): Promise<{ isSuccess: boolean; status?: string }> {
    const { client, clock, username } = this.deps;
    const { requestId } = await client.request('alert', client.url(`${this.path}/${endpoint}`), {
      method: 'POST',
      body: { ...body, user: username, source: 'Onwatch' },
      schema: acceptedSchema,
      signal: this.signal,
    });
    const statusUrl = client.url(`/v2/alerts/requests/${encodeURIComponent(requestId)}`);
    const pending = new SourceError(
      'timeout',
      'Opsgenie accepted the action but had not processed it in time',
    );
    // 404 means "not processed yet", not "no such request".
    const check = async () =>
      (
        await client.requestUnlessMissing('alert', statusUrl, {
          schema: requestStatusSchema,
          signal: this.signal,
        })
      )?.data;
    return awaitRequestOutcome(clock, this.signal, check, pending);
  }
}

function isClosed(alert: OpsgenieAlert): boolean {
  return alert.status === 'closed';
}

function refused(status: string | undefined): SourceError {
  return new SourceError(
    'rejected',
    `Opsgenie did not apply the action: ${status?.trim() || 'no reason given'}`,
  );
}

function ambiguous(count: number): SourceError {
  return new SourceError(
    'rejected',
    `the alert is routed to ${count} escalation policies; reassign it to the one you mean`,
  );
}
