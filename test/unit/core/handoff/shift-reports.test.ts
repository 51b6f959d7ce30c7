import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScheduleView } from '../../../../electron/common/contract/app-state.js';
import type { Shift } from '../../../../electron/common/model/shift.js';
import { ShiftLog } from '../../../../electron/core/handoff/shift-log.js';
import { ShiftReports } from '../../../../electron/core/handoff/shift-reports.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { anIncident } from '../../../support/incidents.js';
import { makeTempDir } from '../../../support/temp-dir.js';

const hour = 3_600_000;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('ShiftReports', () => {
  it('at the end of my shift, saves its report with the incoming responder and tells me', async () => {
    const dir = await makeTempDir();
    cleanup = dir.remove;
    const clock = new FakeClock(Date.parse('2026-12-01T09:00:00Z'));
    const shiftLog = await ShiftLog.open({
      path: join(dir.path, 'log.jsonl'),
      clock,
      log: silentLog,
    });
    const mine: Shift = {
      sourceId: 'drill',
      scheduleId: 'drill-rotation',
      scheduleName: 'Drill rotation',
      userName: 'Ana',
      isMe: true,
      start: new Date(clock.now()).toISOString(),
      end: new Date(clock.now() + 12 * hour).toISOString(),
    };
    const next: Shift = {
      ...mine,
      userName: 'Sam Okafor (practice)',
      isMe: false,
      start: mine.end!,
      end: new Date(clock.now() + 24 * hour).toISOString(),
    };
    const page = anIncident({ sourceId: 'drill', createdAt: new Date(clock.now()).toISOString() });
    shiftLog.incidentEvents([{ type: 'new', incident: page }]);
    shiftLog.myShifts([mine]);
    const told: string[] = [];
    const schedule = { myShifts: [mine], timeline: [mine, next] } as unknown as ScheduleView;
    const reports = new ShiftReports({
      shiftLog,
      clock,
      log: silentLog,
      timeZone: 'UTC',
      responderName: () => 'Ana',
      schedule: () => schedule,
      openIncidents: () => [page],
      sourceName: () => 'Drill',
      covers: () => [],
      maintenances: () => undefined,
      dir: join(dir.path, 'shift-reports'),
      notify: (notice) => told.push(notice.title),
    });
    await clock.advance(12 * hour);
    expect(reports.recentShifts()).toEqual([
      expect.objectContaining({ scheduleId: 'drill-rotation', start: mine.start }),
    ]);
    await reports.shiftEnded(mine);
    const [file] = await readdir(join(dir.path, 'shift-reports'));
    expect(file).toBe('shift-report-2026-12-01T0900Z-drill-rotation.md');
    const text = await readFile(join(dir.path, 'shift-reports', file!), 'utf8');
    expect(text).toContain('- **Incoming:** Sam Okafor \\(practice\\)');
    expect(text).toContain(page.title);
    expect(told).toEqual(['Your shift on Drill rotation has ended: the shift report is ready']);
    await shiftLog.stop();
  });
});
