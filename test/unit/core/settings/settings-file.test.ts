import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLog, type Log } from '../../../../electron/core/ports/log.js';
import { loadSettings, saveSettings } from '../../../../electron/core/settings/settings-file.js';
import {
  defaultSettings,
  settingsSchema,
  type Settings,
} from '../../../../electron/core/settings/settings-schema.js';

const now = () => Date.parse('2025-03-04T05:06:07.089Z');
const asideName = 'settings.json.corrupt-2025-03-04T05-06-07.089Z';

const drill = { kind: 'drill', id: 'drill', name: 'Practice' } as const;
const alertmanager = {
  kind: 'alertmanager',
  id: 'am-prod',
  name: 'Prod Alertmanager',
  baseUrl: 'http://127.0.0.1:9093',
  auth: { type: 'basic', username: 'oncall' },
} as const;

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onwatch-settings-'));
  path = join(dir, 'settings.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function recordingLog(): Log & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...silentLog, warn: (message) => warnings.push(message), warnings };
}

describe('loadSettings', () => {
  it('starts from defaults without a notice when there is no file', async () => {
    const loaded = await loadSettings(path, { log: silentLog, now });

    expect(loaded).toEqual({
      settings: { version: 1, responderName: userInfo().username, sources: [], statusPages: [] },
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reads back what was saved', async () => {
    const settings = settingsSchema.parse({ responderName: 'Ada', sources: [drill, alertmanager] });

    await saveSettings(path, settings);
    const loaded = await loadSettings(path, { log: silentLog, now });

    expect(loaded).toEqual({ settings });
    expect(loaded.settings.sources[1]).toMatchObject({
      pollIntervalSeconds: 30,
      auth: { type: 'basic' },
    });
  });

  it('reads an Alertmanager source from before replicas as one replica, and keeps listed ones', async () => {
    const ha = { ...alertmanager, id: 'am-ha', replicaUrls: ['http://127.0.0.1:9094'] };
    await writeFile(path, JSON.stringify({ version: 1, sources: [alertmanager, ha] }));

    const { settings, notice } = await loadSettings(path, { log: silentLog, now });

    expect(notice).toBeUndefined();
    expect(settings.sources[0]).toMatchObject({ baseUrl: 'http://127.0.0.1:9093' });
    expect(settings.sources[0]).not.toHaveProperty('replicaUrls');
    expect(settings.sources[1]).toMatchObject({ replicaUrls: ['http://127.0.0.1:9094'] });
  });

  it('moves a file that is not JSON aside, byte for byte, and says where', async () => {
    const original = Buffer.from('{"responderName": "Ada", "token": "tok-123"');
    await writeFile(path, original);
    const log = recordingLog();

    const loaded = await loadSettings(path, { log, now });

    const asidePath = join(dir, asideName);
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.notice).toBe(
      `Your settings file could not be read (it is not valid JSON); it was moved to ${asidePath} and Onwatch started with defaults.`,
    );
    expect(loaded.notice).not.toContain('tok-123');
    expect(await readFile(asidePath)).toEqual(original);
    expect(await readdir(dir)).toEqual([asideName]);
    expect(log.warnings).toEqual([loaded.notice]);
  });

  it('moves a file that does not match the schema aside and names the problem', async () => {
    const original = JSON.stringify({ version: 1, sources: [{ ...drill, id: 'Not Valid' }] });
    await writeFile(path, original);

    const loaded = await loadSettings(path, { log: silentLog, now });

    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.notice).toMatch(
      /^Your settings file could not be read \(it does not match the expected format: sources\.0\.id: lowercase letters, digits and dashes, at most 40\); it was moved to .*settings\.json\.corrupt-2025-03-04T05-06-07\.089Z and Onwatch started with defaults\.$/,
    );
    expect(await readFile(join(dir, asideName), 'utf8')).toBe(original);
  });

  it('names a reminder lead time out of bounds, and gives an older file the default', async () => {
    await writeFile(path, JSON.stringify({ version: 1, attention: { sound: 'chime' } }));
    const older = await loadSettings(path, { log: silentLog, now });
    expect(older.notice).toBeUndefined();
    expect(older.settings.attention).toMatchObject({
      sound: 'chime',
      shiftReminderLeadMinutes: 30,
    });

    await writeFile(
      path,
      JSON.stringify({ version: 1, attention: { shiftReminderLeadMinutes: 2000 } }),
    );
    const loaded = await loadSettings(path, { log: silentLog, now });
    expect(loaded.notice).toContain(
      'attention.shiftReminderLeadMinutes: the reminder before a shift can be at most 1440 minutes (a day) ahead',
    );
    expect(loaded.settings).toEqual(defaultSettings());
  });

  it('rejects two sources with the same id', async () => {
    await writeFile(
      path,
      JSON.stringify({ version: 1, sources: [drill, { ...drill, name: 'Again' }] }),
    );

    const loaded = await loadSettings(path, { log: silentLog, now });

    expect(loaded.notice).toContain(
      'sources.1.id: source id "drill" is used by more than one source',
    );
    expect(loaded.settings.sources).toEqual([]);
  });

  it('drops secrets found anywhere in the file and never writes them back', async () => {
    await writeFile(
      path,
      JSON.stringify({
        version: 1,
        responderName: 'Ada',
        token: 'top-level-token',
        sources: [
          {
            ...alertmanager,
            password: 'source-password',
            auth: { ...alertmanager.auth, password: 'auth-password' },
          },
        ],
      }),
    );

    const loaded = await loadSettings(path, { log: silentLog, now });
    expect(loaded.notice).toBeUndefined();
    await saveSettings(path, loaded.settings);

    const written = await readFile(path, 'utf8');
    for (const secret of [
      'top-level-token',
      'source-password',
      'auth-password',
      'token',
      'password',
    ]) {
      expect(written).not.toContain(secret);
    }
    expect(JSON.parse(written)).toEqual(loaded.settings);
  });
});

describe('loading a file from before “Ring for”', () => {
  const pagerDuty = { kind: 'pagerduty', id: 'pd', name: 'PagerDuty', email: 'sam@example.com' };
  const file = (onlyMine: unknown, sources: unknown[] = [alertmanager, pagerDuty]) =>
    JSON.stringify({
      version: 1,
      responderName: 'Sam',
      sources,
      attention: { silenceMinutes: 10, sound: 'chime', onlyMine },
    });

  it('keeps “only mine” as “My pages” on each source that knows assignment, and the rest', async () => {
    const kept = { ...pagerDuty, id: 'pd-eu', ringFor: 'everything' };
    await writeFile(path, file(true, [alertmanager, pagerDuty, kept]));

    const loaded = await loadSettings(path, { log: silentLog, now });

    expect(loaded.notice).toBeUndefined();
    expect(loaded.settings.responderName).toBe('Sam');
    expect(loaded.settings.attention).toMatchObject({ silenceMinutes: 10, sound: 'chime' });
    expect(loaded.settings.attention).not.toHaveProperty('onlyMine');
    expect(loaded.settings.sources.map((s) => [s.id, s.ringFor])).toEqual([
      ['am-prod', undefined],
      ['pd', 'mine'],
      // A choice already made per source is the responder's, and stays.
      ['pd-eu', 'everything'],
    ]);
  });

  it('lets the old default, “every page”, give way to each kind’s default', async () => {
    await writeFile(path, file(false));

    const loaded = await loadSettings(path, { log: silentLog, now });

    expect(loaded.notice).toBeUndefined();
    expect(loaded.settings.sources.map((s) => s.ringFor)).toEqual([undefined, undefined]);
    expect(loaded.settings.attention).toMatchObject({ silenceMinutes: 10, sound: 'chime' });
  });

  it('writes the migrated settings back without the old switch', async () => {
    await writeFile(path, file(true));
    const { settings } = await loadSettings(path, { log: silentLog, now });

    await saveSettings(path, settings);

    const written = await readFile(path, 'utf8');
    expect(written).not.toContain('onlyMine');
    expect(JSON.parse(written).sources[1]).toMatchObject({ id: 'pd', ringFor: 'mine' });
  });

  it('moves aside, whole, a file whose old switch or “Ring for” it cannot read, and says which', async () => {
    const corrupt = file('sometimes');
    await writeFile(path, corrupt);

    const loaded = await loadSettings(path, { log: silentLog, now });

    expect(loaded.notice).toContain(
      'it does not match the expected format: attention.onlyMine: must be true or false',
    );
    expect(await readFile(join(dir, asideName), 'utf8')).toBe(corrupt);

    const unknown = JSON.stringify({ sources: [{ ...alertmanager, ringFor: 'mine' }] });
    await writeFile(path, unknown);
    const again = await loadSettings(path, { log: silentLog, now: () => now() + 1 });
    expect(again.notice).toContain('sources.0.ringFor: must be one of: everything, while-on-call');
  });
});

describe('saveSettings', () => {
  it('creates the directory and writes a file only its owner can read', async () => {
    const nested = join(dir, 'config', 'onwatch', 'settings.json');

    await saveSettings(nested, defaultSettings());

    expect((await stat(nested)).mode & 0o777).toBe(0o600);
  });

  it('replaces the file atomically and leaves no temp files behind', async () => {
    await writeFile(path, '{}', { mode: 0o644 });
    const names = ['Ada', 'Grace', 'Linus'];

    await Promise.all(
      names.map((responderName) => saveSettings(path, { ...defaultSettings(), responderName })),
    );

    expect(await readdir(dir)).toEqual(['settings.json']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const { settings } = await loadSettings(path, { log: silentLog, now });
    expect(names).toContain(settings.responderName);
  });

  it('strips keys the schema does not know before writing', async () => {
    const withSecret = { ...defaultSettings(), token: 'runtime-token' } as Settings;

    await saveSettings(path, withSecret);

    expect(await readFile(path, 'utf8')).not.toContain('runtime-token');
  });

  it('refuses to write invalid settings and leaves the old file in place', async () => {
    await saveSettings(path, defaultSettings());
    const before = await readFile(path, 'utf8');
    const duplicate = settingsSchema.parse({ sources: [drill] });
    duplicate.sources.push(duplicate.sources[0]!);

    await expect(saveSettings(path, duplicate)).rejects.toThrow(/used by more than one source/);

    expect(await readFile(path, 'utf8')).toBe(before);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });
});
