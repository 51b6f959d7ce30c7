import type { Incident } from '../../common/model/incident.js';
import type { Shift } from '../../common/model/shift.js';
import type { SourceStatus } from '../../common/model/source-status.js';
import { formatClockTime, wallTime, weekdayNames } from '../../common/time-format.js';

export interface ShiftStartNotice {
  title: string;
  body: string;
  /** Every source healthy and every credential accepted. */
  ok: boolean;
}

export interface ShiftStartCheckInput {
  shift: Shift;
  sources: readonly Pick<SourceStatus, 'id' | 'name' | 'health' | 'lastError'>[];
  /** Asks the provider whether the source's credential still works; rejects when it does not. */
  testCredential(sourceId: string): Promise<unknown>;
  openIncidents(): readonly Incident[];
  timeZone?: string;
}

/**
 * "You're on call for Checkout until Thu 09:00", said only once every source has been asked
 * afresh: a green dot from the last poll does not prove a token has not expired since, so each
 * credential is tested, and whatever is not OK is named in the notice.
 */
export async function checkShiftStart(input: ShiftStartCheckInput): Promise<ShiftStartNotice> {
  const { shift, sources, timeZone } = input;
  const tests = await Promise.allSettled(sources.map((source) => input.testCredential(source.id)));
  // One line per source that is not OK, naming it: the notice must say what to fix.
  const problems: string[] = [];
  sources.forEach((source, index) => {
    const test = tests[index]!;
    if (test.status === 'rejected') {
      problems.push(`${source.name}: the credential check failed (${reasonOf(test.reason)})`);
    } else if (source.health !== 'ok') {
      problems.push(
        `${source.name} is ${source.health}${source.lastError ? ` (${source.lastError})` : ''}`,
      );
    }
  });
  const until = shift.end
    ? ` until ${weekdayNames[wallTime(Date.parse(shift.end), timeZone).weekday]} ${formatClockTime(Date.parse(shift.end), timeZone)}`
    : '';
  const onCall = `You're on call for ${shift.scheduleName}${until}`;
  const open = openLine(input.openIncidents());
  if (sources.length === 0) {
    return {
      ok: false,
      title: `${onCall}, but no source is watched`,
      body: `Add a source in Settings. ${open}`,
    };
  }
  if (problems.length === 0) {
    const every = sources.length === 1 ? 'Its one source is' : `All ${sources.length} sources are`;
    return {
      ok: true,
      title: onCall,
      body: `${every} healthy and every credential works. ${open}`,
    };
  }
  return {
    ok: false,
    title: `${onCall}, but ${problems.length === 1 ? 'a source is' : `${problems.length} sources are`} not OK`,
    body: `${problems.join('; ')}. ${open}`,
  };
}

function openLine(incidents: readonly Incident[]): string {
  const triggered = incidents.filter((i) => i.status === 'triggered').length;
  const acknowledged = incidents.filter((i) => i.status === 'acknowledged').length;
  if (triggered + acknowledged === 0) return 'Nothing is open right now.';
  const parts = [
    triggered > 0 ? `${triggered} triggered` : '',
    acknowledged > 0 ? `${acknowledged} acknowledged` : '',
  ].filter(Boolean);
  return `Open right now: ${parts.join(', ')}.`;
}

function reasonOf(reason: unknown): string {
  const text = reason instanceof Error ? reason.message : String(reason);
  return text.length <= 120 ? text : `${text.slice(0, 119)}…`;
}
