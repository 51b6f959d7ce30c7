import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DbusNotifier } from '../../../../electron/core/notify/dbus-notifier.js';
import { NodeNotifierNotifier } from '../../../../electron/core/notify/node-notifier-notifier.js';
import { commandOnPath, selectNotifier } from '../../../../electron/core/notify/select-notifier.js';
import { FakeNotifier } from '../../../support/fake-notifier.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { until } from '../../../support/until.js';

const bus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' };
const everything = () => true;

describe('selectNotifier', () => {
  it('talks to the session bus itself on Linux, with notify-send on PATH or not', () => {
    for (const hasCommand of [everything, () => false]) {
      const notifier = selectNotifier({ platform: 'linux', env: bus, hasCommand });
      expect(notifier).toBeInstanceOf(DbusNotifier);
      // Assumed until the server says otherwise; it connects only once there is something to show.
      expect(notifier?.supportsActions).toBe(true);
    }
  });

  it('leaves Linux without a session bus to the caller’s fallback, or to none', () => {
    const fallback = new FakeNotifier();
    for (const env of [{}, { DBUS_SESSION_BUS_ADDRESS: '' }]) {
      expect(selectNotifier({ platform: 'linux', env, hasCommand: everything })).toBe(undefined);
      expect(
        selectNotifier({
          platform: 'linux',
          env,
          hasCommand: everything,
          fallback: () => fallback,
        }),
      ).toBe(fallback);
    }
  });

  it('hands over to the caller’s fallback when the bus fails and notify-send is missing', async () => {
    const temp = await makeTempDir('onwatch-bus-');
    try {
      const fallback = new FakeNotifier();
      const notifier = selectNotifier({
        platform: 'linux',
        env: { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(temp.path, 'no-bus')}` },
        hasCommand: () => false,
        fallback: () => fallback,
      });
      const notification = {
        id: 'pd:P1',
        title: 'down',
        body: 'checkout',
        urgency: 'critical' as const,
      };
      notifier?.show(notification);
      await until(() => fallback.history.length > 0, 'the fallback to take over');
      expect(fallback.history).toEqual([notification]);
      notifier?.dispose();
    } finally {
      await temp.remove();
    }
  });

  it('connects to the address in the environment, and says so when nothing is there', async () => {
    const temp = await makeTempDir('onwatch-bus-');
    try {
      const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
      const notifier = selectNotifier({
        platform: 'linux',
        env: { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(temp.path, 'no-bus')}` },
        // Without notify-send, so no process is started in its place.
        hasCommand: () => false,
        log,
      });
      notifier?.show({ id: 'pd:P1', title: 'down', body: 'checkout', urgency: 'critical' });
      await until(() => log.warn.mock.calls.length > 0, 'the failure to be logged');
      expect(log.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /over D-Bus are unavailable \(.*ENOENT.*no-bus\); none will be shown$/,
        ),
      );
      notifier?.dispose();
    } finally {
      await temp.remove();
    }
  });

  it('uses node-notifier on macOS and Windows, whatever is on PATH', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const notifier = selectNotifier({ platform, env: {}, hasCommand: () => false });
      expect(notifier, platform).toBeInstanceOf(NodeNotifierNotifier);
    }
  });

  it('has nothing of its own for other platforms', () => {
    const fallback = new FakeNotifier();
    for (const platform of ['freebsd', 'openbsd', 'aix'] as const) {
      expect(selectNotifier({ platform, env: bus, hasCommand: everything }), platform).toBe(
        undefined,
      );
      expect(
        selectNotifier({ platform, env: bus, hasCommand: everything, fallback: () => fallback }),
      ).toBe(fallback);
    }
  });
});

describe('commandOnPath', () => {
  let remove: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await remove?.();
  });

  it('finds only executable files, in any PATH directory', async () => {
    const temp = await makeTempDir('onwatch-path-');
    remove = temp.remove;
    const [first, second] = [join(temp.path, 'a'), join(temp.path, 'b')];
    await mkdir(first);
    await mkdir(second);
    await writeFile(join(second, 'notify-send'), '#!/bin/sh\n');
    await chmod(join(second, 'notify-send'), 0o755);
    await writeFile(join(first, 'not-executable'), '');
    await mkdir(join(first, 'a-directory'));
    const env = { PATH: ['', first, second].join(delimiter) };

    expect(commandOnPath('notify-send', env)).toBe(true);
    expect(commandOnPath('not-executable', env)).toBe(false);
    expect(commandOnPath('a-directory', env)).toBe(false);
    expect(commandOnPath('missing', env)).toBe(false);
    expect(commandOnPath('notify-send', {})).toBe(false);
  });
});
