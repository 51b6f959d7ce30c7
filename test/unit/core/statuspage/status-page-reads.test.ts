import { describe, expect, it } from 'vitest';
import type { StatusPageView } from '../../../../electron/common/model/status-page-view.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { PracticeStatusPage } from '../../../../electron/core/statuspage/practice-page.js';
import type { StatuspageApi } from '../../../../electron/core/statuspage/statuspage-api.js';
import { StatusPageReads } from '../../../../electron/core/statuspage/status-page-reads.js';
import { FakeClock, settle } from '../../../support/fake-clock.js';

const practice = { id: 'practice', name: 'Practice', practice: true, pageId: 'practice' };
const intervals = { idleMs: 120_000, linkedMs: 60_000 };

function setup(options: { linked?: boolean; api?: StatuspageApi | undefined } = {}) {
  const clock = new FakeClock();
  const page = new PracticeStatusPage(clock);
  const views: StatusPageView[] = [];
  let reads = 0;
  const api: StatuspageApi | undefined =
    'api' in options
      ? options.api
      : new Proxy(page, {
          get: (target, name, receiver) => {
            if (name === 'listPages') reads++;
            const value = Reflect.get(target, name, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
  const subject = new StatusPageReads({
    clock,
    log: silentLog,
    apiFor: () => api,
    problemOf: () => 'The API key is missing from the keychain.',
    hasOpenLinks: () => options.linked ?? false,
    onView: async (view) => void views.push(view),
    onChange: () => {},
    intervals,
  });
  return { clock, subject, views, reads: () => reads };
}

describe('StatusPageReads', () => {
  it('reads a page when asked, then again on the slow schedule', async () => {
    const { clock, subject, views, reads } = setup();
    expect(subject.setPages([practice])).toEqual(['practice']);
    expect(subject.list()).toEqual([
      { id: 'practice', name: 'Practice', practice: true, health: 'reading' },
    ]);

    await subject.refresh('practice');
    expect(subject.list()[0]).toMatchObject({ health: 'ok', view: { pageId: 'practice' } });
    expect(views).toHaveLength(1);

    await clock.advance(intervals.idleMs - 1);
    expect(reads()).toBe(1);
    await clock.advance(1);
    expect(reads()).toBe(2);
  });

  it('reads faster while one of its incidents speaks for a paging incident', async () => {
    const { clock, subject, reads } = setup({ linked: true });
    subject.setPages([practice]);
    await subject.refresh();
    await clock.advance(intervals.linkedMs);
    expect(reads()).toBe(2);
  });

  it('says why a page cannot be read, and reads a page asked twice at once only twice', async () => {
    const missing = setup({ api: undefined });
    missing.subject.setPages([practice]);
    await missing.subject.refresh();
    expect(missing.subject.list()[0]).toMatchObject({
      health: 'failed',
      error: 'The API key is missing from the keychain.',
    });

    const { subject, reads } = setup();
    subject.setPages([practice]);
    await Promise.all([subject.refresh(), subject.refresh(), subject.refresh()]);
    await settle();
    expect(reads()).toBe(2);
  });

  it('forgets a page no longer configured, timers included', async () => {
    const { clock, subject } = setup();
    subject.setPages([practice]);
    await subject.refresh();
    expect(subject.setPages([])).toEqual([]);
    expect(subject.list()).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });
});
