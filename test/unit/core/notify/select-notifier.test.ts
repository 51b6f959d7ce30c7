import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeNotifierNotifier } from '../../../../electron/core/notify/node-notifier-notifier.js';
import { NotifySendNotifier } from '../../../../electron/core/notify/notify-send-notifier.js';
import { commandOnPath, selectNotifier } from '../../../../electron/core/notify/select-notifier.js';
import { makeTempDir } from '../../../support/temp-dir.js';

const bus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' };
const everything = () => true;

describe('selectNotifier', () => {
  it('uses notify-send on Linux with a session bus', () => {
    const notifier = selectNotifier({ platform: 'linux', env: bus, hasCommand: everything });
    expect(notifier).toBeInstanceOf(NotifySendNotifier);
    expect(notifier?.supportsActions).toBe(true);
  });

  it('still uses notify-send on Linux without stdbuf', () => {
    const notifier = selectNotifier({
      platform: 'linux',
      env: bus,
      hasCommand: (name) => name === 'notify-send',
    });
    expect(notifier).toBeInstanceOf(NotifySendNotifier);
  });

  it('leaves Linux without notify-send or without a session bus to the fallback', () => {
    const noNotifySend = (name: string) => name !== 'notify-send';
    expect(selectNotifier({ platform: 'linux', env: bus, hasCommand: noNotifySend })).toBe(
      undefined,
    );
    expect(selectNotifier({ platform: 'linux', env: {}, hasCommand: everything })).toBe(undefined);
    expect(
      selectNotifier({
        platform: 'linux',
        env: { DBUS_SESSION_BUS_ADDRESS: '' },
        hasCommand: everything,
      }),
    ).toBe(undefined);
  });

  it('uses node-notifier on macOS and Windows, whatever is on PATH', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const notifier = selectNotifier({ platform, env: {}, hasCommand: () => false });
      expect(notifier, platform).toBeInstanceOf(NodeNotifierNotifier);
    }
  });

  it('has nothing for other platforms', () => {
    for (const platform of ['freebsd', 'openbsd', 'aix'] as const) {
      expect(selectNotifier({ platform, env: bus, hasCommand: everything }), platform).toBe(
        undefined,
      );
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
