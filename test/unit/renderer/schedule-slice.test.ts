import { describe, expect, it, vi } from 'vitest';
import { CommandError } from '../../../electron/common/contract/command-error.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { fakeAudio, fakeBridge } from './fake-bridge.js';

describe('calendar export from the Schedule page', () => {
  it('saves the main side’s file as text/calendar and says how many shifts went out', async () => {
    const { api } = fakeBridge();
    api.exportCalendar.mockResolvedValueOnce({
      fileName: 'onwatch-my-shifts.ics',
      text: 'ICS',
      events: 3,
    });
    const saveFile = vi.fn();
    const store = createAppStore(api, fakeAudio(), { saveFile });
    await expect(store.getState().exportCalendar({ kind: 'mine' })).resolves.toEqual({
      ok: true,
      value: { fileName: 'onwatch-my-shifts.ics', events: 3 },
    });
    expect(api.exportCalendar).toHaveBeenCalledWith({ scope: { kind: 'mine' } });
    expect(saveFile).toHaveBeenCalledWith(
      'onwatch-my-shifts.ics',
      'ICS',
      'text/calendar;charset=utf-8',
    );
  });

  it('saves nothing when the main side refuses, and passes its reason on', async () => {
    const { api } = fakeBridge();
    api.exportCalendar.mockRejectedValueOnce(
      new CommandError({
        code: 'failed',
        message: 'That schedule has no shifts in the next 14 days.',
      }),
    );
    const saveFile = vi.fn();
    const store = createAppStore(api, fakeAudio(), { saveFile });
    const scope = { kind: 'schedule', sourceId: 'pd', scheduleId: 'X' } as const;
    await expect(store.getState().exportCalendar(scope)).resolves.toEqual({
      ok: false,
      error: 'That schedule has no shifts in the next 14 days.',
    });
    expect(saveFile).not.toHaveBeenCalled();
  });
});
