import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { commandOnPath, selectNotifier } from '../core/notify/select-notifier.js';
import { OnwatchCore } from '../core/onwatch-core.js';
import { consoleLog } from '../core/ports/log.js';
import type { SecretStore } from '../core/ports/secret-store.js';
import { KeytarSecretStore } from '../core/secrets/keytar-secret-store.js';
import { MemorySecretStore } from '../core/secrets/memory-secret-store.js';
import { appRoot, userDataDir } from './app-paths.js';
import { startBrowserHost } from './browser-host.js';

const usage = `Usage: onwatch-browser [--port N] [--settings FILE] [--ephemeral-secrets] [--allow-terminal]

  --port N              listen on 127.0.0.1:N (default: a free port)
  --settings FILE       settings file (default: ${join(userDataDir(), 'settings.json')})
  --ephemeral-secrets   keep credentials in memory instead of the OS keychain
  --allow-terminal      let the page open terminals (a shell as you); off by default
  --why TEXT            say why the browser host was started (used by npm start)`;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      settings: { type: 'string' },
      'ephemeral-secrets': { type: 'boolean', default: false },
      'allow-terminal': { type: 'boolean', default: false },
      why: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, not ${values.port}`);

  const secrets: SecretStore = values['ephemeral-secrets']
    ? new MemorySecretStore()
    : new KeytarSecretStore();
  const core = await OnwatchCore.start({
    settingsPath: values.settings ?? join(userDataDir(), 'settings.json'),
    secrets,
    log: consoleLog,
    appRoot: appRoot(),
    terminal: { allowInBrowserHost: values['allow-terminal'] },
    // Without Electron there is no fallback notifier: where none fits, the window carries alerts.
    notifier: selectNotifier({
      platform: process.platform,
      env: process.env,
      hasCommand: (name) => commandOnPath(name, process.env),
      log: consoleLog,
    }),
  });
  const host = await startBrowserHost({
    core,
    rendererDir: join(appRoot(), 'dist', 'renderer'),
    log: consoleLog,
    port,
  });
  // One line, so whoever started us (npm start's fallback included) can say why and where.
  const where = `Onwatch is running in your browser at ${host.url}`;
  console.log(values.why ? `${values.why}, so ${where}` : where);

  const shutdown = async () => {
    await host.close();
    await core.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(
    `Onwatch could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
