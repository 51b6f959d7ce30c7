import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInKeyringSession } from '../support/keyring-session.js';
import { isRunning } from '../support/private-session.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const storeModule = join(repoRoot, 'electron/core/secrets/keytar-secret-store.ts');
const account = 'source:am-prod:token';
const secret = 'integration-secret-9f3c';

// Each probe runs in a fresh Node process: libsecret keeps its first D-Bus connection for the
// life of the process, so the keychain under test must exist before keytar is loaded.
const roundTripProbe = `
import { spawnSync } from 'node:child_process';
const { KeytarSecretStore } = await import(process.env.STORE_MODULE);
const { ACCOUNT: account, SECRET: secret } = process.env;
const lookup = () => {
  const result = spawnSync('secret-tool', ['lookup', 'service', 'onwatch', 'account', account], {
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout };
};
const store = new KeytarSecretStore();
await store.set(account, secret);
const afterSet = await store.get(account);
const keyringAfterSet = lookup();
await store.delete(account);
const afterDelete = await store.get(account) ?? null;
const keyringAfterDelete = lookup();
console.log(JSON.stringify({ afterSet, keyringAfterSet, afterDelete, keyringAfterDelete }));
`;

const unavailableProbe = `
const { KeytarSecretStore } = await import(process.env.STORE_MODULE);
const store = new KeytarSecretStore();
const outcomes = [];
for (const attempt of [() => store.set(process.env.ACCOUNT, process.env.SECRET),
    () => store.get(process.env.ACCOUNT), () => store.delete(process.env.ACCOUNT)]) {
  try {
    await attempt();
    outcomes.push({ ok: true });
  } catch (error) {
    outcomes.push({ name: error.name, message: error.message });
  }
}
console.log(JSON.stringify(outcomes));
`;

// A schedule's calendar feed through CalendarFeeds into the real keychain, and out again.
const feedsModule = join(repoRoot, 'electron/core/schedule/calendar-feeds.ts');
const feedProbe = `
import { spawnSync } from 'node:child_process';
const { KeytarSecretStore } = await import(process.env.STORE_MODULE);
const { CalendarFeeds } = await import(process.env.FEEDS_MODULE);
const account = 'source:pd:calendar-feed:PS1';
const lookup = () =>
  spawnSync('secret-tool', ['lookup', 'service', 'onwatch', 'account', account], {
    encoding: 'utf8',
  }).stdout;
const log = { info() {}, warn: (m) => console.error(m), error: (m) => console.error(m) };
const feed = {
  webcalUrl: 'webcal://acme.pagerduty.com/private/' + process.env.SECRET + '/feed/PS1',
  httpsUrl: 'https://acme.pagerduty.com/private/' + process.env.SECRET + '/feed/PS1',
};
await new CalendarFeeds(new KeytarSecretStore(), log).record('pd', new Map([['PS1', feed]]));
const inKeyring = JSON.parse(lookup());
// A second keeper, as after a restart: it lists nothing until a poll finds the feed again.
const restarted = new CalendarFeeds(new KeytarSecretStore(), log);
const beforePoll = restarted.list();
await restarted.record('pd', new Map([['PS1', feed]]));
const readBack = await restarted.get('pd', 'PS1');
await restarted.forget('pd');
console.log(JSON.stringify({ inKeyring, beforePoll, readBack, afterForget: lookup() }));
`;

function nodeArgs(probe: string): string[] {
  return ['--import', 'tsx', '--input-type=module', '--eval', probe];
}

const probeEnv = { STORE_MODULE: storeModule, ACCOUNT: account, SECRET: secret };

describe('KeytarSecretStore against gnome-keyring', () => {
  beforeAll(() => {
    const which = spawnSync('sh', ['-c', 'command -v secret-tool gnome-keyring-daemon']);
    expect(which.status, 'needs secret-tool (libsecret-tools) and gnome-keyring').toBe(0);
  });

  it('stores, reads and deletes a secret under the service "onwatch"', async () => {
    const run = await runInKeyringSession(process.execPath, nodeArgs(roundTripProbe), {
      cwd: repoRoot,
      env: probeEnv,
    });

    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      afterSet: secret,
      keyringAfterSet: { status: 0, stdout: secret },
      afterDelete: null,
      keyringAfterDelete: { status: 1, stdout: '' },
    });
    expect(isRunning(run.daemonPids.keyring)).toBe(false);
    expect(isRunning(run.daemonPids.dbus)).toBe(false);
  });

  it('keeps a calendar feed there, reads it back and removes it with its source', async () => {
    const run = await runInKeyringSession(process.execPath, nodeArgs(feedProbe), {
      cwd: repoRoot,
      env: { ...probeEnv, FEEDS_MODULE: feedsModule },
    });

    expect(run.exitCode, run.stderr).toBe(0);
    const feed = {
      webcalUrl: `webcal://acme.pagerduty.com/private/${secret}/feed/PS1`,
      httpsUrl: `https://acme.pagerduty.com/private/${secret}/feed/PS1`,
    };
    expect(JSON.parse(run.stdout)).toEqual({
      inKeyring: feed,
      beforePoll: [],
      readBack: feed,
      afterForget: '',
    });
    // The keeper logged nothing (dbus-daemon's own start-up lines may be there).
    expect(run.stderr).not.toContain('calendar feed');
    expect(isRunning(run.daemonPids.keyring)).toBe(false);
  });

  it('says the keychain is unavailable, without the secret, when there is no D-Bus session', async () => {
    // An empty runtime dir and no DISPLAY: no session bus to find and none to autolaunch.
    const home = await mkdtemp(join(tmpdir(), 'onwatch-no-dbus-'));
    try {
      const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
        (resolve, reject) => {
          const child = spawn(process.execPath, nodeArgs(unavailableProbe), {
            cwd: repoRoot,
            env: { PATH: process.env.PATH ?? '', HOME: home, XDG_RUNTIME_DIR: home, ...probeEnv },
          });
          let stdout = '';
          let stderr = '';
          child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
          child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
          child.on('error', reject);
          child.on('close', (code) => resolve({ code, stdout, stderr }));
        },
      );

      expect(run.code, run.stderr).toBe(0);
      const outcomes = JSON.parse(run.stdout) as { name?: string; message?: string }[];
      expect(outcomes).toHaveLength(3);
      for (const outcome of outcomes) {
        expect(outcome.name).toBe('KeychainUnavailableError');
        expect(outcome.message).toMatch(/^The OS keychain is unavailable: \S/);
      }
      expect(run.stdout + run.stderr).not.toContain(secret);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
