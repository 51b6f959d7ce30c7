import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStatuspageFake, type StatuspageFake } from '../fakes/statuspage-fake.js';
import { makeTempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

/*
 * The never-twice promise with real processes: the process that owns the Statuspage outbox is
 * killed with SIGKILL in the middle of declaring an incident, a fresh one opens the same
 * journal, and the page ends up with exactly one incident. The app's own process cannot host
 * the Statuspage outbox yet (it is wired in a later round), so a small process that owns just
 * the outbox and a real client stands in for it.
 */

const root = join(import.meta.dirname, '..', '..');
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Owner {
  events: Record<string, unknown>[];
  kill(): Promise<void>;
}

function startOwner(fake: StatuspageFake, journal: string, command?: 'declare'): Owner {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'test/support/statuspage-writes-process.ts'),
      journal,
      ...(command ? [command] : []),
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ONWATCH_SP_BASE_URL: fake.baseUrl,
        ONWATCH_SP_KEY: fake.apiKey,
        ONWATCH_SP_PAGE: fake.pages.public,
      },
    },
  );
  children.push(child);
  const events: Record<string, unknown>[] = [];
  let buffer = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines)
      if (line.trim()) events.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  child.once('exit', (code, signal) => {
    if (signal !== 'SIGKILL') events.push({ event: 'exited', code, errors });
  });
  return {
    events,
    kill: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

async function scenario() {
  const fake = await startStatuspageFake();
  cleanups.push(fake.stop);
  const dir = await makeTempDir('onwatch-statuspage-crash-');
  cleanups.push(dir.remove);
  const journal = join(dir.path, 'statuspage-outbox.jsonl');
  const ours = () =>
    fake
      .incidents(fake.pages.public)
      .filter((i) => (i.metadata.onwatch as { key?: string } | undefined)?.key);
  return { fake, journal, ours };
}

const saw = (owner: Owner, event: string) => () =>
  owner.events.some((e) => e.event === event || e.event === 'exited');

describe('a Statuspage create survives its process being killed', () => {
  it('after Statuspage made the incident but before the answer arrived: adopts it, posts nothing', async () => {
    const { fake, journal, ours } = await scenario();
    const made = fake.hangNextReply({ method: 'POST' });
    const first = startOwner(fake, journal, 'declare');
    await made;
    expect(ours()).toHaveLength(1);
    await first.kill();

    const second = startOwner(fake, journal);
    await until(saw(second, 'confirmed'), 'the restarted process to confirm the create', 20_000);
    expect(second.events).toEqual([
      { event: 'opened', pending: 1 },
      { event: 'confirmed', how: 'found', incidentId: ours()[0]!.id },
    ]);
    expect(fake.writes('POST')).toHaveLength(1);
    expect(ours()).toHaveLength(1);
  });

  it('before Statuspage saw it: posts it once after the restart', async () => {
    const { fake, journal, ours } = await scenario();
    fake.setFault('timeout', { method: 'POST' });
    const first = startOwner(fake, journal, 'declare');
    await until(() => fake.writes('POST').length === 1, 'the create to reach the fake', 20_000);
    await first.kill();
    expect(ours()).toHaveLength(0);

    fake.setFault(null);
    const second = startOwner(fake, journal);
    await until(saw(second, 'confirmed'), 'the restarted process to post the create', 20_000);
    expect(second.events).toMatchObject([
      { event: 'opened', pending: 1 },
      { event: 'confirmed', how: 'sent' },
    ]);
    expect(ours()).toHaveLength(1);
  });
});
