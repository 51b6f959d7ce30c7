import type {
  ActionContext,
  IncidentAction,
  ReassignTarget,
} from '../../../common/model/action.js';
import type { Clock } from '../../ports/clock.js';
import { awaitRequestOutcome } from '../request-outcome.js';
import { SourceError, unhandled } from '../source-error.js';
import type { JsmClient } from './jsm-client.js';
import { isOver } from './jsm-mapping.js';
import {
  acceptedSchema,
  alertSchema,
  listEscalationsSchema,
  listNotesSchema,
  noteSchema,
  requestStatusSchema,
  type JsmAlert,
} from './jsm-schemas.js';

export interface ActionDeps {
  client: JsmClient;
  clock: Clock;
}

type AsyncEndpoint = 'acknowledge' | 'unacknowledge' | 'close' | 'snooze' | 'assign' | 'escalate';

/**
 * Performs one action and resolves once JSM has processed it. Every action but a note answers
 * 202 with a request id, and only that request's status says whether it happened.
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
      return alert.changeState('acknowledge', (a) => a.acknowledged === true || isOver(a));
    case 'unack':
      // A closed alert cannot be opened again: that is refused, not counted as done.
      return alert.changeState('unacknowledge', (a) => a.acknowledged !== true && !isOver(a));
    case 'resolve':
      return alert.changeState('close', isOver);
    case 'snooze': {
      const endTime = new Date(deps.clock.now() + action.minutes * 60_000).toISOString();
      return alert.send('snooze', { endTime });
    }
    case 'reassign':
      return reassign(alert, action.target);
    case 'escalate':
      // JSM escalates to the next rule of an escalation, so a level cannot be honoured.
      return alert.escalateTo(await alert.escalation());
    case 'note':
      return alert.addNote(action.text);
    case 'silence':
      throw new SourceError('rejected', 'JSM has no silences; snooze the alert instead');
    case 'pause':
      throw new SourceError('rejected', 'JSM alerts are not checks that can be paused');
    default:
      return unhandled(action);
  }
}

function reassign(alert: AlertActions, target: ReassignTarget): Promise<void> {
  if (target.kind === 'escalation-policy') return alert.escalateTo(target.id);
  if (target.id.includes('@')) {
    throw new SourceError('rejected', 'JSM assigns by Atlassian accountId, not by email');
  }
  return alert.send('assign', { accountId: target.id });
}

class AlertActions {
  private readonly path: string;
  /** Short and unique per action, so a retry can find what an earlier attempt already did. */
  private readonly marker: string;

  constructor(
    private readonly deps: ActionDeps,
    private readonly alertId: string,
    private readonly context: ActionContext,
    private readonly signal: AbortSignal,
  ) {
    this.path = `/v1/alerts/${encodeURIComponent(alertId)}`;
    this.marker = `(onwatch ref ${context.actionId.slice(0, 8)})`;
  }

  /**
   * Ack and close are idempotent in effect: when a retry may repeat an earlier attempt, or JSM
   * refuses one (it had already happened, the wording is unknown [U]), the alert's state is the
   * answer.
   */
  async changeState(endpoint: AsyncEndpoint, done: (alert: JsmAlert) => boolean): Promise<void> {
    if (this.context.mayHaveBeenSent && done(await this.alert())) return;
    const outcome = await this.submit(endpoint);
    if (outcome.isSuccess) return;
    if (done(await this.alert())) return;
    throw refused(outcome.status);
  }

  async send(endpoint: AsyncEndpoint, body?: Record<string, unknown>): Promise<void> {
    const outcome = await this.submit(endpoint, body);
    if (!outcome.isSuccess) throw refused(outcome.status);
  }

  /** Notes are synchronous but not idempotent: each carries a marker a retry looks for first. */
  async addNote(text: string): Promise<void> {
    if (this.context.mayHaveBeenSent && (await this.hasMarkedNote())) return;
    await this.postNote(`${text}\n\n${this.marker}`);
  }

  /**
   * Escalating twice would skip a level, and JSM's escalate takes no note: a marked note
   * follows the confirmed escalation, and a retry that finds it stops there. A crash between
   * the two leaves no note, so that retry escalates again: the one window left open.
   */
  async escalateTo(escalationId: string): Promise<void> {
    if (this.context.mayHaveBeenSent && (await this.hasMarkedNote())) return;
    await this.send('escalate', { escalationId });
    await this.postNote(`Escalated from Onwatch ${this.marker}`);
  }

  /**
   * The escalation to follow: the one routed to the alert, else the only one of the teams it
   * was routed to. Anything else is ambiguous, and guessing would page the wrong people.
   */
  async escalation(): Promise<string> {
    const responders = (await this.alert()).responders;
    const direct = [...new Set(responders.filter((r) => r.type === 'escalation').map((r) => r.id))];
    if (direct.length === 1) return direct[0]!;
    if (direct.length > 1) throw ambiguous(direct.length);
    const teams = [...new Set(responders.filter((r) => r.type === 'team').map((r) => r.id))];
    if (teams.length === 0) {
      throw new SourceError(
        'rejected',
        'this alert was not routed to an escalation or a team; reassign it instead',
      );
    }
    const found = await Promise.all(teams.map((team) => this.escalationsOf(team)));
    const candidates = found.flat();
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length > 1) throw ambiguous(candidates.length);
    throw new SourceError(
      'rejected',
      "the alert's team has no escalation; reassign the alert instead",
    );
  }

  private async escalationsOf(teamId: string): Promise<string[]> {
    const { client } = this.deps;
    const url = await client.opsUrl(
      `/v1/teams/${encodeURIComponent(teamId)}/escalations`,
      this.signal,
      { size: '100' },
    );
    const { values } = await client.request('act', url, {
      schema: listEscalationsSchema,
      signal: this.signal,
      access: 'read:ops-config',
    });
    return values.filter((e) => e.enabled !== false).map((e) => e.id);
  }

  private async alert(): Promise<JsmAlert> {
    const { client } = this.deps;
    return client.request('act', await client.opsUrl(this.path, this.signal), {
      schema: alertSchema,
      signal: this.signal,
      access: 'read:ops-alert',
    });
  }

  private async postNote(note: string): Promise<void> {
    const { client } = this.deps;
    await client.request('act', await client.opsUrl(`${this.path}/notes`, this.signal), {
      method: 'POST',
      body: { note },
      schema: noteSchema,
      signal: this.signal,
      access: 'write:ops-alert',
    });
  }

  /** The newest notes suffice: an earlier attempt of this action was moments ago. */
  private async hasMarkedNote(): Promise<boolean> {
    const { client } = this.deps;
    const url = await client.opsUrl(`${this.path}/notes`, this.signal, { size: '100' });
    const { values } = await client.request('act', url, {
      schema: listNotesSchema,
      signal: this.signal,
      access: 'read:ops-alert',
    });
    return values.some((n) => n.note?.includes(this.marker));
  }

  /** Sends the action, then polls its request until JSM has processed it. */
  private async submit(
    endpoint: AsyncEndpoint,
    body?: Record<string, unknown>,
  ): Promise<{ isSuccess: boolean; status?: string }> {
    const { client, clock } = this.deps;
    const { requestId } = await client.request(
      'act',
      await client.opsUrl(`${this.path}/${endpoint}`, this.signal),
      {
        method: 'POST',
        // Acknowledge, unacknowledge and close take no body in the spec.
        body,
        schema: acceptedSchema,
        signal: this.signal,
        access: 'write:ops-alert',
      },
    );
    const statusUrl = await client.opsUrl(
      `/v1/alerts/requests/${encodeURIComponent(requestId)}`,
      this.signal,
    );
    const pending = new SourceError(
      'timeout',
      `JSM accepted the action on alert ${this.alertId} but had not processed it in time`,
    );
    // 404 means "not processed yet", not "no such request".
    const check = () =>
      client.requestUnlessMissing('act', statusUrl, {
        schema: requestStatusSchema,
        signal: this.signal,
        access: 'read:ops-alert',
      });
    return awaitRequestOutcome(clock, this.signal, check, pending);
  }
}

function refused(status: string | undefined): SourceError {
  return new SourceError(
    'rejected',
    `JSM did not apply the action: ${status?.trim() || 'no reason given'}`,
  );
}

function ambiguous(count: number): SourceError {
  return new SourceError(
    'rejected',
    `the alert is routed to ${count} escalations; reassign it to the one you mean`,
  );
}
