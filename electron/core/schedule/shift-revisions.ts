import type { Shift } from '../../common/model/shift.js';

/** What names one shift across polls: its schedule, its person and when it starts. */
function shiftIdentity(shift: Shift): string {
  return JSON.stringify([
    shift.sourceId,
    shift.scheduleId,
    shift.userId ?? shift.userName,
    shift.start,
  ]);
}

const contentOf = (shift: Shift) =>
  JSON.stringify([shift.end ?? null, shift.scheduleName, shift.userName, shift.escalationLevel]);

/**
 * When each shift was last seen to change (appear, move its end, be renamed). A calendar
 * export stamps its events with this (RFC 5545 DTSTAMP without METHOD is "last revised"), so
 * exporting twice does not make every calendar think every shift was edited.
 */
export class ShiftRevisions {
  private readonly seen = new Map<string, { content: string; at: number }>();

  /** A source's shifts as just read; those it no longer has are forgotten. */
  note(sourceId: string, shifts: readonly Shift[], now: number): void {
    const current = new Set<string>();
    for (const shift of shifts) {
      const id = shiftIdentity(shift);
      current.add(id);
      const content = contentOf(shift);
      if (this.seen.get(id)?.content !== content) this.seen.set(id, { content, at: now });
    }
    for (const id of this.seen.keys()) {
      if (JSON.parse(id)[0] === sourceId && !current.has(id)) this.seen.delete(id);
    }
  }

  forget(sourceId: string): void {
    this.note(sourceId, [], 0);
  }

  revisedAt(shift: Shift): number | undefined {
    return this.seen.get(shiftIdentity(shift))?.at;
  }
}
