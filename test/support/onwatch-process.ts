import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { AppState } from '../../electron/common/contract/app-state.js';
import { CommandError } from '../../electron/common/contract/command-error.js';
import { applyStateChange } from '../../electron/common/contract/state-changes.js';
import type { WebServerMessage } from '../../electron/common/contract/web-protocol.js';

const root = join(import.meta.dirname, '..', '..');

/**
 * The browser host run from source as its own process, as a user runs it, so a test can kill
 * it with SIGKILL and start it again on the same settings and journal.
 */
export interface OnwatchProcess {
  pid: number;
  url: string;
  output(): string;
  /** False once the process has exited, for whatever reason. */
  alive(): boolean;
  /** Sends a command over the WebSocket and returns its result (or throws its error). */
  command(name: string, payload: unknown): Promise<unknown>;
  /** Calls `listener` with every state from now on; returns the unsubscribe function. */
  onState(listener: (state: AppState) => void): () => void;
  /** Resolves with the first state (snapshot, or after a change) that satisfies `predicate`. */
  waitForState(predicate: (state: AppState) => boolean, timeoutMs?: number): Promise<AppState>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

type Answer = Extract<WebServerMessage, { type: 'result' }> | { type: 'closed'; code: number };

export interface OnwatchProcessOptions {
  /**
   * The compiled browser host to run (see compiled-host.ts) instead of the sources through tsx,
   * whose loader would add its own memory and processes to what a test measures.
   */
  compiledCli?: string;
  /** Node flags for the process, such as --cpu-prof to profile it. */
  nodeArgs?: string[];
  /** Added to this process's environment, e.g. a private session bus. */
  env?: Record<string, string>;
}

export async function startOnwatchProcess(
  settingsPath: string,
  { compiledCli, nodeArgs = [], env }: OnwatchProcessOptions = {},
): Promise<OnwatchProcess> {
  const entry = compiledCli
    ? [compiledCli]
    : ['--import', 'tsx', join(root, 'electron/host/cli.ts')];
  const child = spawn(
    process.execPath,
    [...nodeArgs, ...entry, '--settings', settingsPath, '--ephemeral-secrets'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = /running in your browser at (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`Onwatch exited (${code}):\n${output}`)));
  });

  const page = new URL(url);
  const ws = new WebSocket(`ws://${page.host}/api/ws${page.search}`, {
    headers: { origin: page.origin },
  });
  let latest: AppState | undefined;
  const stateListeners = new Set<() => void>();
  const observers = new Set<(state: AppState) => void>();
  const results = new Map<number, (answer: Answer) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as WebServerMessage;
    if (
      message.type === 'event' &&
      (message.name === 'stateSnapshot' || message.name === 'stateChange')
    ) {
      latest =
        message.name === 'stateSnapshot'
          ? message.payload.state
          : applyStateChange(latest!, message.payload);
      for (const observer of observers) observer(latest);
      for (const listener of stateListeners) listener();
    } else if (message.type === 'result') {
      results.get(message.id)?.(message);
    }
  });
  // A command still waiting when the socket drops fails at once instead of hanging the test.
  ws.on('close', (code) => {
    for (const settle of results.values()) settle({ type: 'closed', code });
  });
  // Listening before the socket opens: the snapshot can arrive in the same tick as 'open'.
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  let nextId = 1;
  return {
    pid: child.pid!,
    url,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    command: (name, payload) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        results.set(id, (answer) => {
          results.delete(id);
          if (answer.type === 'closed') {
            reject(new Error(`the socket closed (${answer.code}) before ${name} was answered`));
          } else if (answer.ok) resolve(answer.result);
          else reject(CommandError.fromData(answer.error));
        });
        ws.send(JSON.stringify({ type: 'command', id, name, payload }));
      }),
    onState: (observer) => {
      observers.add(observer);
      return () => observers.delete(observer);
    },
    waitForState: (predicate, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          stateListeners.delete(check);
          reject(
            new Error(
              `no matching state within ${timeoutMs} ms; last: ${JSON.stringify(latest)?.slice(0, 2000)}`,
            ),
          );
        }, timeoutMs);
        function check() {
          if (latest && predicate(latest)) {
            clearTimeout(timer);
            stateListeners.delete(check);
            resolve(latest);
          }
        }
        stateListeners.add(check);
        check();
      }),
    kill: (signal = 'SIGTERM') => stop(child, ws, signal),
  };
}

async function stop(child: ChildProcess, ws: WebSocket, signal: NodeJS.Signals): Promise<void> {
  ws.terminate();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid!, signal);
  await exited;
}
