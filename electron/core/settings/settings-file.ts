import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomically } from '../files/atomic-write.js';
import type { Log } from '../ports/log.js';
import { migrateSettings } from './settings-migration.js';
import { defaultSettings, settingsSchema, type Settings } from './settings-schema.js';

export interface LoadedSettings {
  settings: Settings;
  /** Plain words for the responder when the file had to be set aside. */
  notice?: string;
}

export interface LoadSettingsOptions {
  log: Log;
  /** Milliseconds since the epoch (a Clock's `now`); names the moved-aside file. */
  now: () => number;
}

/**
 * Reads the settings file. A file that cannot be used is renamed aside, never deleted, so
 * the responder can recover it; Onwatch then starts with defaults instead of refusing to run.
 */
export async function loadSettings(
  path: string,
  options: LoadSettingsOptions,
): Promise<LoadedSettings> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { settings: defaultSettings() };
    return setAside(
      path,
      `it could not be opened: ${errorCode(error) ?? 'unknown error'}`,
      options,
    );
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse quotes the input in its message, which could echo a pasted token.
    return setAside(path, 'it is not valid JSON', options);
  }

  const migrated = migrateSettings(json);
  if (!migrated.ok) {
    return setAside(path, `it does not match the expected format: ${migrated.problem}`, options);
  }
  const parsed = settingsSchema.safeParse(migrated.json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`)
      .join('; ');
    return setAside(path, `it does not match the expected format: ${problems}`, options);
  }
  return { settings: parsed.data };
}

async function setAside(
  path: string,
  reason: string,
  { log, now }: LoadSettingsOptions,
): Promise<LoadedSettings> {
  const asidePath = `${path}.corrupt-${new Date(now()).toISOString().replaceAll(':', '-')}`;
  let notice: string;
  try {
    await rename(path, asidePath);
    notice = `Your settings file could not be read (${reason}); it was moved to ${asidePath} and Onwatch started with defaults.`;
  } catch (error) {
    notice = `Your settings file could not be read (${reason}) and could not be moved aside (${errorCode(error) ?? 'unknown error'}); Onwatch started with defaults and left it at ${path}.`;
  }
  log.warn(notice);
  return { settings: defaultSettings(), notice };
}

/**
 * Writes the settings atomically: a crash leaves either the old file or the new one, never
 * half of each. Parsing first drops any key the schema does not know, secrets included.
 */
export async function saveSettings(path: string, settings: Settings): Promise<void> {
  const text = `${JSON.stringify(settingsSchema.parse(settings), null, 2)}\n`;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomically(path, text);
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : undefined;
}
