import type { Teammate } from '../../../common/model/cover.js';
import type { Shift } from '../../../common/model/shift.js';
import type { CoverageProvider, CoverMade, CoverTarget } from '../coverage.js';

/** Practice teammates: nobody real is asked to cover a drill shift. */
const practiceTeammates: Teammate[] = [
  { id: 'practice-sam', name: 'Sam Okafor (practice)', detail: 'drill' },
  { id: 'practice-lee', name: 'Lee Chen (practice)', detail: 'drill' },
  { id: 'practice-ana', name: 'Ana Silva (practice)', detail: 'drill' },
];

interface HeldCover {
  start: number;
  end: number;
  coverUser: { id: string; name: string };
}

/**
 * Cover on the drill's practice rotation, kept in memory like the drill's acks: Get cover, the
 * dashed pending block, the confirmation by the next schedule poll and Remove can all be tried
 * without an account. The rotation shows each cover as an override of the responder's turn.
 */
export class DrillCover implements CoverageProvider {
  private readonly covers = new Map<string, HeldCover>();

  async whyNot(): Promise<string | undefined> {
    return undefined;
  }

  async teammates(): Promise<Teammate[]> {
    return practiceTeammates;
  }

  async findCover(target: CoverTarget): Promise<CoverMade | undefined> {
    return this.covers.has(target.coverId) ? {} : undefined;
  }

  async createCover(target: CoverTarget): Promise<CoverMade> {
    const { start, end, coverUser } = target;
    this.covers.set(target.coverId, { start, end, coverUser });
    return {};
  }

  async removeCover(target: CoverTarget, now: number): Promise<void> {
    const held = this.covers.get(target.coverId);
    if (!held) return;
    if (held.start >= now) this.covers.delete(target.coverId);
    else held.end = Math.min(held.end, now);
  }

  /** `shifts` with each cover cut out of the responder's turns and drawn as the teammate's. */
  laidOver(shifts: Shift[]): Shift[] {
    const covers = [...this.covers.values()].sort((a, b) => a.start - b.start);
    return shifts.flatMap((shift) => {
      if (!shift.isMe || shift.end === undefined) return [shift];
      const pieces: Shift[] = [];
      let from = Date.parse(shift.start);
      const to = Date.parse(shift.end);
      for (const cover of covers) {
        const start = Math.max(cover.start, from);
        const end = Math.min(cover.end, to);
        if (start >= end) continue;
        if (start > from) pieces.push(stretch(shift, from, start));
        pieces.push({
          ...stretch(shift, start, end),
          userName: cover.coverUser.name,
          userId: cover.coverUser.id,
          isMe: false,
          override: { forUserName: shift.userName },
        });
        from = end;
      }
      if (from < to) pieces.push(stretch(shift, from, to));
      return pieces;
    });
  }
}

function stretch(shift: Shift, from: number, to: number): Shift {
  return { ...shift, start: new Date(from).toISOString(), end: new Date(to).toISOString() };
}
