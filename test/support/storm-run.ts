import { join } from 'node:path';
import { commandOnPath } from '../../electron/core/notify/select-notifier.js';
import { compileBrowserHost } from './compiled-host.js';
import { runInDunstSession } from './dunst-session.js';
import { spawnCollecting } from './private-session.js';
import type { StormResult } from './storm-scenario.js';

const scenario = join(import.meta.dirname, 'storm-scenario.ts');

/** What a dunst session needs (Debian: xvfb, dunst, dbus). */
export const canRunDunst = ['Xvfb', 'dunst', 'dbus-run-session', 'dbus-send'].every((command) =>
  commandOnPath(command, process.env),
);

let compiled: Promise<string> | undefined;

/**
 * Runs test/support/storm-scenario.ts: inside a private dunst session when this machine has
 * one, so the storm's notifications go to a real notification service, and without otherwise.
 */
export async function runStorm(
  alerts: number,
): Promise<StormResult & { sessionSurvivors: string[] }> {
  compiled ??= compileBrowserHost();
  const cli = await compiled;
  const args = ['--import', 'tsx', scenario, String(alerts), cli];
  const timeoutMs = 180_000;
  // The dunst session starts from a clean environment; profiling flags still reach the scenario.
  const passedOn: Record<string, string> = process.env.STORM_NODE_ARGS
    ? { STORM_NODE_ARGS: process.env.STORM_NODE_ARGS }
    : {};
  const run = canRunDunst
    ? await runInDunstSession(process.execPath, args, {
        cwd: process.cwd(),
        timeoutMs,
        env: passedOn,
      })
    : {
        ...(await spawnCollecting(process.execPath, args, {
          cwd: process.cwd(),
          env: process.env as Record<string, string>,
          timeoutMs,
        })),
        survivors: [],
      };
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.exitCode !== 0 || !line.startsWith('{')) {
    throw new Error(`the storm scenario failed (${run.exitCode}):\n${run.stdout}\n${run.stderr}`);
  }
  return { ...(JSON.parse(line) as StormResult), sessionSurvivors: run.survivors };
}
