import type { ActionView } from '../../electron/common/contract/app-state.js';
import type { IncidentAction } from '../../electron/common/model/action.js';
import { formatDuration } from '../../electron/common/time-format.js';
import { formatClock } from './format-time.js';

/** How long "Acknowledged ✓" stays up after the provider confirmed it. */
export const doneVisibleMs = 5_000;

type Phrases = { doing: string; done: string; failed: string };

/** Said of an ack or resolve that carries a note: the note is an action of its own after it. */
const noteAfter = '; your note is posted separately once it is confirmed';
const notePosted = '; your note is posted separately';

function phrases(action: IncidentAction): Phrases {
  switch (action.type) {
    case 'ack':
      if (action.note !== undefined) {
        return {
          doing: `Acknowledging${noteAfter}`,
          done: `Acknowledged${notePosted}`,
          failed: 'acknowledge (your note waits for it)',
        };
      }
      return { doing: 'Acknowledging', done: 'Acknowledged', failed: 'acknowledge' };
    case 'unack':
      return { doing: 'Unacknowledging', done: 'Unacknowledged', failed: 'unacknowledge' };
    case 'resolve':
      if (action.note !== undefined) {
        return {
          doing: `Resolving${noteAfter}`,
          done: `Resolved${notePosted}`,
          failed: 'resolve (your note waits for it)',
        };
      }
      return { doing: 'Resolving', done: 'Resolved', failed: 'resolve' };
    case 'snooze': {
      const span = formatDuration(action.minutes * 60_000);
      return { doing: `Snoozing for ${span}`, done: `Snoozed for ${span}`, failed: 'snooze' };
    }
    case 'silence': {
      const span = formatDuration(action.minutes * 60_000);
      return { doing: `Silencing for ${span}`, done: `Silenced for ${span}`, failed: 'silence' };
    }
    case 'reassign': {
      const to = action.target.label || action.target.id;
      return {
        doing: `Reassigning to ${to}`,
        done: `Reassigned to ${to}`,
        failed: `reassign to ${to}`,
      };
    }
    case 'escalate': {
      const to = action.level === undefined ? '' : ` to level ${action.level}`;
      return { doing: `Escalating${to}`, done: `Escalated${to}`, failed: `escalate${to}` };
    }
    case 'note':
      return { doing: 'Adding note', done: 'Note added', failed: 'add the note' };
    case 'pause':
      return { doing: 'Pausing the check', done: 'Check paused', failed: 'pause the check' };
  }
}

export type ActionStatus = { state: ActionView['state']; text: string };

/**
 * What the responder reads about one outbox action, e.g. "Acknowledging… attempt 2, retrying
 * at 14:05: connect ECONNREFUSED". Null once a done action has been on screen long enough.
 */
export function describeAction(view: ActionView, nowMs: number): ActionStatus | null {
  const words = phrases(view.action);
  switch (view.state) {
    case 'pending': {
      const progress: string[] = [];
      if (view.attempts > 0) progress.push(`attempt ${view.attempts}`);
      if (view.nextAttemptAt) {
        const at = Date.parse(view.nextAttemptAt);
        progress.push(
          at > nowMs ? `retrying at ${formatClock(view.nextAttemptAt, nowMs)}` : 'retrying now',
        );
      }
      const text =
        `${words.doing}…` +
        (progress.length > 0 ? ` ${progress.join(', ')}` : '') +
        (view.lastError ? `: ${view.lastError}` : '');
      return { state: 'pending', text };
    }
    case 'failed': {
      const after = view.attempts > 1 ? ` after ${view.attempts} attempts` : '';
      const reason = view.lastError ?? 'the provider refused it';
      return { state: 'failed', text: `Could not ${words.failed}${after}: ${reason}` };
    }
    case 'done': {
      // Without a completion time there is nothing to time out; the main side drops it soon.
      const completed = view.completedAt ? Date.parse(view.completedAt) : nowMs;
      if (nowMs - completed > doneVisibleMs) return null;
      return { state: 'done', text: `${words.done} ✓` };
    }
  }
}

export type OutboxSummary = { pending: number; failed: number; text: string };

/** The header's outbox line: "2 actions pending", "1 failed", "1 failed, 2 pending". */
export function summarizeOutbox(actions: readonly ActionView[]): OutboxSummary | null {
  const pending = actions.filter((a) => a.state === 'pending').length;
  const failed = actions.filter((a) => a.state === 'failed').length;
  if (pending === 0 && failed === 0) return null;
  const pendingText = `${pending} ${pending === 1 ? 'action' : 'actions'} pending`;
  const text =
    failed === 0
      ? pendingText
      : pending === 0
        ? `${failed} failed`
        : `${failed} failed, ${pending} pending`;
  return { pending, failed, text };
}

/**
 * Where the outbox indicator takes the responder: the incident of the oldest failed action, or
 * failing that the oldest pending one, among incidents still on the list.
 */
export function outboxTarget(
  actions: readonly ActionView[],
  openKeys: ReadonlySet<string>,
): string | null {
  const byAge = [...actions].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  for (const state of ['failed', 'pending'] as const) {
    const hit = byAge.find((a) => a.state === state && openKeys.has(a.incidentKey));
    if (hit) return hit.incidentKey;
  }
  return null;
}
