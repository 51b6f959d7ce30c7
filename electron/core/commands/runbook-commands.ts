import { CommandError } from '../../common/contract/command-error.js';
import type { CommandHandlers } from '../../common/contract/ipc-contract.js';
import type { RunbookDesk } from '../workbench/runbook-desk.js';
import type { RunbookTranscripts } from '../workbench/runbook-transcripts.js';
import type { LiveSettings } from '../settings/live-settings.js';
import type { TerminalService } from '../terminal/terminal-service.js';
import type { Settings } from '../settings/settings-schema.js';

export interface RunbookCommandContext {
  desk: RunbookDesk;
  transcripts: RunbookTranscripts;
  settings: LiveSettings;
  /** Transcripts are terminal output: only a caller that may use terminals reads them. */
  terminals: Pick<TerminalService, 'check'>;
}

function withoutBrowserFlag(terminal: Settings['terminal']) {
  const { allowInBrowserHost: _flag, ...rest } = terminal ?? {};
  return rest;
}

type RunbookCommands = Pick<
  CommandHandlers,
  | 'listRunbooks'
  | 'matchRunbooks'
  | 'renderRunbook'
  | 'createRunbookDraft'
  | 'tickChecklistItem'
  | 'previewTranscript'
  | 'postTranscript'
  | 'updateRunbookSettings'
>;

/** Runbooks for incidents, progress through them, their transcripts, and where they come from. */
export function runbookCommands({
  desk,
  transcripts,
  settings,
  terminals,
}: RunbookCommandContext): RunbookCommands {
  return {
    listRunbooks: async () => desk.list(),
    matchRunbooks: async ({ key }) => desk.match(key),
    renderRunbook: ({ key, runbookId }) => desk.render(key, runbookId),
    createRunbookDraft: ({ key }) => desk.createDraft(key),
    tickChecklistItem: ({ key, runbookId, step, itemId, ticked }) =>
      desk.tick(key, runbookId, step, itemId, ticked),
    previewTranscript: async ({ key, runbookId }, caller) => {
      terminals.check(caller);
      return transcripts.preview(key, runbookId);
    },
    postTranscript: async ({ key, runbookId, text }, caller) => {
      terminals.check(caller);
      return transcripts.post(key, runbookId, text);
    },
    updateRunbookSettings: async ({ folders, terminal, terminalInBrowser }, caller) => {
      const current = settings.current;
      const allowInBrowserHost = current.terminal?.allowInBrowserHost ?? false;
      if (
        terminalInBrowser !== undefined &&
        terminalInBrowser !== allowInBrowserHost &&
        caller?.transport !== 'electron'
      ) {
        // Otherwise any page holding the browser host's address could give itself a shell.
        throw new CommandError({
          code: 'forbidden',
          message:
            'The browser host’s terminal can be turned on only from the desktop app, the settings file or --allow-terminal.',
        });
      }
      await settings.save({
        ...current,
        // An empty list is the default folder again.
        ...(folders && { runbookFolders: folders.length > 0 ? folders : undefined }),
        terminal: {
          ...(terminal ?? withoutBrowserFlag(current.terminal)),
          allowInBrowserHost: terminalInBrowser ?? allowInBrowserHost,
        },
      });
      return {};
    },
  };
}
