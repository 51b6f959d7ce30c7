import { describe, expect, it } from 'vitest';
import type { Log } from '../../../../electron/core/ports/log.js';
import type { SecretStore } from '../../../../electron/core/ports/secret-store.js';
import { CalendarFeeds } from '../../../../electron/core/schedule/calendar-feeds.js';
import { MemorySecretStore } from '../../../../electron/core/secrets/memory-secret-store.js';

const feedOf = (key: string, scheduleId: string) => ({
  webcalUrl: `webcal://acme.pagerduty.com/private/${key}/feed/${scheduleId}`,
  httpsUrl: `https://acme.pagerduty.com/private/${key}/feed/${scheduleId}`,
});

/** A keychain that counts its writes, and refuses them while `refusing`. */
class CountingStore extends MemorySecretStore implements SecretStore {
  writes = 0;
  refusing = false;
  override async set(account: string, value: string): Promise<void> {
    if (this.refusing) throw new Error('The OS keychain is unavailable: locked');
    this.writes++;
    await super.set(account, value);
  }
}

function setup() {
  const secrets = new CountingStore();
  const lines: string[] = [];
  const log: Log = {
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
  };
  const feeds = new CalendarFeeds(secrets, log);
  let changes = 0;
  feeds.changed.on(() => changes++);
  return { secrets, lines, feeds, changes: () => changes };
}

describe('CalendarFeeds', () => {
  it('keeps each feed in the keychain, lists only which schedules have one, and reads it back', async () => {
    const { secrets, feeds, changes } = setup();
    await feeds.record('pd', new Map([['PS1', feedOf('SECRETKEY1', 'PS1')]]));

    expect(await secrets.get('source:pd:calendar-feed:PS1')).toBe(
      JSON.stringify(feedOf('SECRETKEY1', 'PS1')),
    );
    expect(feeds.list()).toEqual([{ sourceId: 'pd', scheduleId: 'PS1' }]);
    expect(JSON.stringify(feeds.list())).not.toContain('SECRETKEY1');
    expect(await feeds.get('pd', 'PS1')).toEqual(feedOf('SECRETKEY1', 'PS1'));
    expect(await feeds.get('pd', 'PS2')).toBeUndefined();
    expect(changes()).toBe(1);
  });

  it('writes again only when a feed changed, and deletes one that is gone', async () => {
    const { secrets, feeds, changes } = setup();
    await feeds.record('pd', new Map([['PS1', feedOf('K1', 'PS1')]]));
    await feeds.record('pd', new Map([['PS1', feedOf('K1', 'PS1')]]));
    expect(secrets.writes).toBe(1);
    expect(changes()).toBe(1);

    // Regenerated at PagerDuty: the new address replaces the old one; the list did not change.
    await feeds.record('pd', new Map([['PS1', feedOf('K2', 'PS1')]]));
    expect(secrets.writes).toBe(2);
    expect(changes()).toBe(1);
    expect((await feeds.get('pd', 'PS1'))?.webcalUrl).toContain('/K2/');

    await feeds.record('pd', new Map());
    expect(await secrets.get('source:pd:calendar-feed:PS1')).toBeUndefined();
    expect(feeds.list()).toEqual([]);
    expect(changes()).toBe(2);
  });

  it('forgets a removed source’s feeds, keychain entries included', async () => {
    const { secrets, feeds } = setup();
    await feeds.record('pd', new Map([['PS1', feedOf('K1', 'PS1')]]));
    await feeds.record('other', new Map([['PS9', feedOf('K9', 'PS9')]]));
    await feeds.forget('pd');
    expect(await secrets.get('source:pd:calendar-feed:PS1')).toBeUndefined();
    expect(feeds.list()).toEqual([{ sourceId: 'other', scheduleId: 'PS9' }]);
    expect(await feeds.get('pd', 'PS1')).toBeUndefined();
  });

  it('leaves out a feed the keychain refuses, and logs why without the address', async () => {
    const { secrets, feeds, lines } = setup();
    secrets.refusing = true;
    await feeds.record('pd', new Map([['PS1', feedOf('SECRETKEY1', 'PS1')]]));
    expect(feeds.list()).toEqual([]);
    expect(lines).toEqual([
      'calendar feed of PS1 not kept: The OS keychain is unavailable: locked',
    ]);
    secrets.refusing = false;
    await feeds.record('pd', new Map([['PS1', feedOf('SECRETKEY1', 'PS1')]]));
    expect(feeds.list()).toHaveLength(1);
  });

  it('ignores a feed that is not webcal, and a keychain entry it cannot read', async () => {
    const { secrets, feeds } = setup();
    await feeds.record('pd', new Map([['PS1', { webcalUrl: 'javascript:alert(1)' }]]));
    expect(feeds.list()).toEqual([]);
    await feeds.record('pd', new Map([['PS2', feedOf('K', 'PS2')]]));
    await secrets.set('source:pd:calendar-feed:PS2', 'not json');
    expect(await feeds.get('pd', 'PS2')).toBeUndefined();
  });
});
