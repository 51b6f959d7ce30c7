import { CommandError } from '../../common/contract/command-error.js';
import type { CommandHandlers, ConnectionTestResult } from '../../common/contract/ipc-contract.js';
import { quotedExcerpt } from '../../common/excerpt.js';
import type { SourceConfig } from '../../common/model/source-config.js';
import type { SourceSecrets } from '../../common/model/source-secrets.js';
import type { SourceSupervisor } from '../engine/source-supervisor.js';
import { withTimeout } from '../engine/with-timeout.js';
import type { Clock } from '../ports/clock.js';
import type { LiveSettings } from '../settings/live-settings.js';
import type { SourceRegistry } from '../engine/source-registry.js';
import { toSourceError } from '../sources/source-error.js';

export interface SourceCommandContext {
  clock: Clock;
  settings: LiveSettings;
  registry: SourceRegistry;
  supervisor: SourceSupervisor;
  /** Brings the running sources in step with the settings, restarting those named. */
  reconcile(restart?: ReadonlySet<string>): Promise<void>;
}

type SourceCommands = Pick<
  CommandHandlers,
  'refresh' | 'addSource' | 'editSource' | 'removeSource' | 'testSource'
>;

/** Configuring sources: secrets go to the keychain first, then the settings, then the pollers. */
export function sourceCommands(context: SourceCommandContext): SourceCommands {
  const { settings, registry, supervisor, reconcile } = context;
  const configured = (id: string) => settings.current.sources.some((s) => s.id === id);
  const noSuchSource = (id: string) =>
    new CommandError({
      code: 'failed',
      message: `There is no source with the id ${quotedExcerpt(id)}.`,
    });

  return {
    refresh: async ({ sourceId }) => {
      await supervisor.refresh(sourceId);
      return {};
    },
    addSource: async ({ config, secrets }) => {
      if (configured(config.id)) {
        const message = `A source with the id "${config.id}" already exists; choose another name.`;
        throw new CommandError({
          code: 'invalid-request',
          message,
          issues: [{ path: ['config', 'id'], message }],
        });
      }
      await registry.storeSecrets(config, secrets);
      await settings.save({ ...settings.current, sources: [...settings.current.sources, config] });
      await reconcile(new Set([config.id]));
      return { id: config.id };
    },
    editSource: async ({ config, secrets }) => {
      if (!configured(config.id)) throw noSuchSource(config.id);
      await registry.storeSecrets(config, secrets);
      const sources = settings.current.sources.map((s) => (s.id === config.id ? config : s));
      await settings.save({ ...settings.current, sources });
      await reconcile(new Set([config.id]));
      return { id: config.id };
    },
    removeSource: async ({ id }) => {
      if (!configured(id)) throw noSuchSource(id);
      const sources = settings.current.sources.filter((s) => s.id !== id);
      await settings.save({ ...settings.current, sources });
      await registry.forgetSecrets(id);
      await reconcile();
      return {};
    },
    testSource: async ({ config, secrets }) => testSource(context, config, secrets),
  };
}

/**
 * One connection test with a source built for it alone; its failure is a result, not an error.
 * The running source of that id is polled at once as well, so one that was fixed at the provider
 * (a key re-enabled) turns green now rather than at its next, perhaps slow, probe.
 */
async function testSource(
  { clock, registry, supervisor }: SourceCommandContext,
  config: SourceConfig,
  secrets?: SourceSecrets,
): Promise<ConnectionTestResult> {
  if (supervisor.get(config.id)) void supervisor.refresh(config.id);
  try {
    const source = await registry.createDetached(config, secrets);
    try {
      const report = await withTimeout(clock, config.timeoutSeconds * 1000, (signal) =>
        source.testConnection(signal),
      );
      return { ok: true, ...report };
    } finally {
      source.dispose?.();
    }
  } catch (error) {
    return { ok: false, error: toSourceError(error).message };
  }
}
