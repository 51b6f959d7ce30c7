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

describe('live calendar feeds from the Schedule page', () => {
  it('asks for the address at the click, opens the webcal form and copies the https one', async () => {
    const { api } = fakeBridge();
    const openLink = vi.fn();
    const copyText = vi.fn(async () => {});
    const store = createAppStore(api, fakeAudio(), { openLink, copyText });
    await expect(store.getState().subscribeToFeed('pd', 'P1')).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    expect(api.calendarFeed).toHaveBeenCalledWith({ sourceId: 'pd', scheduleId: 'P1' });
    expect(openLink).toHaveBeenCalledWith('webcal://acme.pagerduty.example/private/K/feed/P1');
    await store.getState().copyFeedAddress('pd', 'P1');
    expect(copyText).toHaveBeenCalledWith('https://acme.pagerduty.example/private/K/feed/P1');
    // The store keeps no copy of the secret.
    expect(JSON.stringify(store.getState())).not.toContain('/private/K/');
  });

  it('opens and copies nothing when the main side has no feed, and says why', async () => {
    const { api } = fakeBridge();
    const refusal = new CommandError({
      code: 'failed',
      message: 'This schedule has no live feed: its provider did not offer one.',
    });
    api.calendarFeed.mockRejectedValue(refusal);
    const openLink = vi.fn();
    const copyText = vi.fn(async () => {});
    const store = createAppStore(api, fakeAudio(), { openLink, copyText });
    expect(await store.getState().subscribeToFeed('pd', 'P1')).toEqual({
      ok: false,
      error: refusal.message,
    });
    expect(await store.getState().copyFeedAddress('pd', 'P1')).toMatchObject({ ok: false });
    expect(openLink).not.toHaveBeenCalled();
    expect(copyText).not.toHaveBeenCalled();
  });
});

describe('hand off from the Schedule page', () => {
  it('"I need cover" from the tray shows the Schedule page with that shift asked for', () => {
    const { api, viewerEvents } = fakeBridge();
    const store = createAppStore(api, fakeAudio());
    const stop = store.getState().start();
    const target = { sourceId: 'pd', scheduleId: 'P1', start: '2026-12-01T09:00:00Z' };
    viewerEvents.openCover.emit(target);
    expect(store.getState()).toMatchObject({ page: 'schedule', coverAskedFor: target });
    store.getState().askForCover(null);
    expect(store.getState().coverAskedFor).toBeNull();
    stop();
  });

  it('posts the report as one note per still-open incident that takes notes, and names any refused', async () => {
    const { api } = fakeBridge();
    api.act.mockResolvedValueOnce({ actionId: 'n1' }).mockRejectedValueOnce(new Error('gone'));
    const store = createAppStore(api, fakeAudio());
    const open = (key: string, takesNotes: boolean) => ({
      key,
      title: `Page ${key}`,
      sourceName: 'PagerDuty',
      status: 'triggered' as const,
      urgency: 'high' as const,
      owners: [],
      takesNotes,
    });
    const report = {
      id: 'sr-0123456789ab',
      sourceId: 'pd',
      scheduleId: 'P1',
      scheduleName: 'Checkout',
      start: '2026-12-01T09:00:00.000Z',
      cutAt: '2026-12-01T12:00:00.000Z',
      timeZone: 'UTC',
      outgoing: 'Ana',
      pages: { total: 0, high: 0, low: 0, night: 0, day: 0 },
      incidents: [],
      stillOpen: [open('a', true), open('b', false), open('c', true)],
      posted: [],
      endingNextShift: [],
      blind: [],
      covers: [],
      notAvailable: [],
    };
    await expect(store.getState().postShiftReport(report, 'watch the queue')).resolves.toEqual({
      ok: true,
      value: { queued: 1, failed: ['Page c'] },
    });
    const requests = api.act.mock.calls as unknown as [{ key: string; action: { text: string } }][];
    expect(requests.map(([request]) => request.key)).toEqual(['a', 'c']);
    expect(requests[0]![0].action.text).toContain('- watch the queue');
  });
});
