import { CommandError } from '../../common/contract/command-error.js';
import type { CommandHandlers } from '../../common/contract/ipc-contract.js';
import type { StatusPageTestResult } from '../../common/contract/status-page-contract.js';
import { quotedExcerpt } from '../../common/excerpt.js';
import type { StatusPageConfig } from '../../common/model/status-page-config.js';
import { withTimeout } from '../engine/with-timeout.js';
import type { Clock } from '../ports/clock.js';
import type { LiveSettings } from '../settings/live-settings.js';
import { toSourceError } from '../sources/source-error.js';
import { reachablePages } from '../statuspage/status-page-reader.js';
import type { StatusPageService } from '../statuspage/status-page-service.js';

export interface StatusPageCommandContext {
  clock: Clock;
  settings: LiveSettings;
  statusPages: StatusPageService;
}

type StatusPageCommands = Pick<
  CommandHandlers,
  | 'testStatusPage'
  | 'addStatusPage'
  | 'editStatusPage'
  | 'removeStatusPage'
  | 'refreshStatusPages'
  | 'declareStatusPageIncident'
  | 'updateStatusPageIncident'
  | 'resolveStatusPageIncident'
  | 'scheduleMaintenance'
  | 'advanceMaintenance'
  | 'retryStatusPageWrite'
  | 'dismissStatusPageWrite'
>;

/** Test connection lists pages and counts components: a handful of one-per-second calls. */
const testTimeoutMs = 30_000;

/**
 * Connecting status pages (the key to the keychain first, then the settings, then the
 * connection) and every write to them, which the Statuspage outbox answers for.
 */
export function statusPageCommands(context: StatusPageCommandContext): StatusPageCommands {
  const { clock, settings, statusPages } = context;
  const configured = () => settings.current.statusPages;
  const exists = (id: string) => configured().some((p) => p.id === id);
  const noSuchPage = (id: string) =>
    new CommandError({
      code: 'failed',
      message: `There is no status page with the id ${quotedExcerpt(id)}.`,
    });
  const save = async (next: StatusPageConfig[]) => {
    await settings.save({ ...settings.current, statusPages: next });
    await statusPages.reconcile();
  };
  const storeKey = async (config: StatusPageConfig, apiKey: string | undefined) => {
    if (config.kind === 'practice') return;
    try {
      await statusPages.connections.storeKey(config.id, apiKey);
    } catch (error) {
      const message = toSourceError(error).message;
      throw new CommandError({
        code: 'invalid-request',
        message,
        issues: [{ path: ['apiKey'], message }],
      });
    }
  };

  return {
    testStatusPage: async (request): Promise<StatusPageTestResult> => {
      try {
        const client = await statusPages.connections.detachedClient(request);
        try {
          const pages = await withTimeout(clock, testTimeoutMs, (signal) =>
            reachablePages(client, signal),
          );
          if (pages.length === 0) return { ok: false, error: 'This API key reaches no page.' };
          return { ok: true, pages };
        } finally {
          client.dispose();
        }
      } catch (error) {
        return { ok: false, error: toSourceError(error).message };
      }
    },
    addStatusPage: async ({ config, apiKey }) => {
      if (exists(config.id)) {
        const message = `A status page with the id "${config.id}" already exists; choose another name.`;
        throw new CommandError({
          code: 'invalid-request',
          message,
          issues: [{ path: ['config', 'id'], message }],
        });
      }
      await storeKey(config, apiKey);
      await save([...configured(), config]);
      return { id: config.id };
    },
    editStatusPage: async ({ config, apiKey }) => {
      if (!exists(config.id)) throw noSuchPage(config.id);
      await storeKey(config, apiKey);
      await save(configured().map((p) => (p.id === config.id ? config : p)));
      return { id: config.id };
    },
    removeStatusPage: async ({ id }) => {
      if (!exists(id)) throw noSuchPage(id);
      await save(configured().filter((p) => p.id !== id));
      await statusPages.connections.forgetKey(id);
      return {};
    },
    refreshStatusPages: async ({ id }) => {
      await statusPages.refresh(id);
      return {};
    },
    declareStatusPageIncident: ({ statusPageId, draft, pagingIncident }) =>
      statusPages.declare(statusPageId, draft, pagingIncident),
    updateStatusPageIncident: ({ statusPageId, incidentId, draft }) =>
      statusPages.postUpdate(statusPageId, incidentId, draft),
    resolveStatusPageIncident: ({ statusPageId, incidentId }) =>
      statusPages.resolve(statusPageId, incidentId),
    scheduleMaintenance: ({ statusPageId, draft }) =>
      statusPages.scheduleMaintenance(statusPageId, draft),
    advanceMaintenance: ({ statusPageId, incidentId, step }) =>
      statusPages.advanceMaintenance(statusPageId, incidentId, step),
    retryStatusPageWrite: async ({ id }) => {
      await statusPages.retryWrite(id);
      return {};
    },
    dismissStatusPageWrite: async ({ id }) => {
      await statusPages.dismissWrite(id);
      return {};
    },
  };
}
