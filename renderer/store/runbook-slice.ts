import type { OnwatchBridge } from '../bridge/connection.js';
import { outcome } from './command-results.js';
import { errorMessage } from './error-message.js';
import type { RunbookPanelState, RunbookSlice, SliceCreator } from './types.js';

type OpenPanel = Extract<RunbookPanelState, { status: 'open' }>;

export const createRunbookSlice =
  (api: OnwatchBridge): SliceCreator<RunbookSlice> =>
  (set, get) => {
    const panelFor = (key: string) => {
      const panel = get().runbookPanel;
      return panel.status !== 'idle' && panel.key === key ? panel : null;
    };
    const openPanel = (): OpenPanel => {
      const panel = get().runbookPanel;
      if (panel.status !== 'open') throw new Error('No runbook is open.');
      return panel;
    };
    /** The open runbook's incident terminal, opened if needed; the panel then shows it. */
    async function incidentTerminal(key: string) {
      const terminal = await get().openTerminal(key);
      if (!terminal) throw new Error(get().terminalErrors[key] ?? 'The terminal did not open.');
      set({ terminalTab: 'incident' }, false, 'runbooks/showTerminal');
      return terminal;
    }
    /** Runs `command`; a failure is shown in the panel. */
    async function attempt(name: string, command: () => Promise<unknown>): Promise<boolean> {
      set({ runbookError: null }, false, name);
      try {
        await command();
        return true;
      } catch (error) {
        set({ runbookError: errorMessage(error) }, false, `${name}Failed`);
        return false;
      }
    }

    return {
      runbookPanel: { status: 'idle' },
      chosenRunbooks: {},
      runbookError: null,
      runbookLibrary: null,
      runbookLibraryError: null,

      async showRunbookFor(key, quiet = false) {
        if (!quiet || !panelFor(key)) {
          set(
            { runbookPanel: { status: 'loading', key }, runbookError: null },
            false,
            'runbooks/load',
          );
        }
        try {
          const match = await api.matchRunbooks({ key });
          if (!panelFor(key)) return; // another incident was selected meanwhile
          const chosenId = get().chosenRunbooks[key];
          const chosen =
            match.candidates.find((candidate) => candidate.runbookId === chosenId) ??
            (match.candidates.length === 1 ? match.candidates[0] : undefined);
          if (match.candidates.length === 0) {
            set({ runbookPanel: { status: 'none', key, match } }, false, 'runbooks/none');
          } else if (!chosen) {
            set({ runbookPanel: { status: 'choose', key, match } }, false, 'runbooks/choose');
          } else {
            const view = await api.renderRunbook({ key, runbookId: chosen.runbookId });
            if (!panelFor(key)) return;
            set(
              { runbookPanel: { status: 'open', key, match, chosen, view } },
              false,
              'runbooks/open',
            );
          }
        } catch (error) {
          if (!panelFor(key)) return;
          set(
            { runbookPanel: { status: 'failed', key, error: errorMessage(error) } },
            false,
            'runbooks/loadFailed',
          );
        }
      },

      async chooseRunbook(runbookId) {
        const panel = get().runbookPanel;
        if (panel.status === 'idle') return;
        set(
          (s) => ({ chosenRunbooks: { ...s.chosenRunbooks, [panel.key]: runbookId } }),
          false,
          'runbooks/chosen',
        );
        await get().showRunbookFor(panel.key);
      },

      showRunbookChoice() {
        const panel = get().runbookPanel;
        if (panel.status !== 'open' || panel.match.candidates.length < 2) return;
        set(
          (s) => ({
            chosenRunbooks: Object.fromEntries(
              Object.entries(s.chosenRunbooks).filter(([key]) => key !== panel.key),
            ),
            runbookPanel: { status: 'choose', key: panel.key, match: panel.match },
          }),
          false,
          'runbooks/showChoice',
        );
      },

      tickChecklistItem: async (step, itemId, ticked) =>
        void (await attempt('runbooks/tick', async () => {
          const { key, chosen } = openPanel();
          const progress = await api.tickChecklistItem({
            key,
            runbookId: chosen.runbookId,
            step,
            itemId,
            ticked,
          });
          const panel = get().runbookPanel;
          if (panel.status === 'open' && panel.key === key) {
            set(
              { runbookPanel: { ...panel, view: { ...panel.view, progress } } },
              false,
              'runbooks/ticked',
            );
          }
        })),

      runStep: (step, confirmation) =>
        attempt('runbooks/runStep', async () => {
          const { key, chosen } = openPanel();
          const terminal = await incidentTerminal(key);
          await api.terminalRunStep({
            id: terminal.id,
            key,
            runbookId: chosen.runbookId,
            step,
            ...(confirmation && { confirmed: true }),
            ...(confirmation?.typed !== undefined && { typed: confirmation.typed }),
          });
        }),

      runAllSteps: async () =>
        void (await attempt('runbooks/runAll', async () => {
          const { key, chosen } = openPanel();
          const terminal = await incidentTerminal(key);
          await api.terminalRunAll({ id: terminal.id, key, runbookId: chosen.runbookId });
        })),

      stopRunAll: async () =>
        void (await attempt('runbooks/stopRunAll', async () => {
          const terminal = get().terminals[openPanel().key];
          if (terminal) await api.terminalStopRunAll({ id: terminal.id });
        })),

      async createRunbookDraft() {
        const panel = get().runbookPanel;
        if (panel.status === 'idle') return { ok: false, error: 'No incident is selected.' };
        const created = await outcome(() => api.createRunbookDraft({ key: panel.key }));
        if (created.ok) await get().showRunbookFor(panel.key, true);
        return created;
      },

      async loadRunbookLibrary() {
        try {
          const runbookLibrary = await api.listRunbooks({});
          set({ runbookLibrary, runbookLibraryError: null }, false, 'runbooks/library');
        } catch (error) {
          set({ runbookLibraryError: errorMessage(error) }, false, 'runbooks/libraryFailed');
        }
      },

      previewTranscript: () =>
        outcome(() => {
          const { key, chosen } = openPanel();
          return api.previewTranscript({ key, runbookId: chosen.runbookId });
        }),

      postTranscript: (text) =>
        outcome(() => {
          const { key, chosen } = openPanel();
          return api.postTranscript({ key, runbookId: chosen.runbookId, text });
        }),

      updateRunbookSettings: (request) =>
        outcome(async () => void (await api.updateRunbookSettings(request))),

      followRunbooks() {
        const stops = [
          api.onRunbookProgress(({ key, runbookId, progress }) => {
            const panel = get().runbookPanel;
            if (
              panel.status !== 'open' ||
              panel.key !== key ||
              panel.chosen.runbookId !== runbookId
            ) {
              return;
            }
            set(
              { runbookPanel: { ...panel, view: { ...panel.view, progress } } },
              false,
              'runbooks/progress',
            );
          }),
          api.onRunbooksChanged(() => {
            const panel = get().runbookPanel;
            if (panel.status !== 'idle') void get().showRunbookFor(panel.key, true);
            if (get().runbookLibrary) void get().loadRunbookLibrary();
          }),
          api.onTerminalRunAll((state) =>
            set(
              (s) => ({ runAllStates: { ...s.runAllStates, [state.id]: state } }),
              false,
              'runbooks/runAll',
            ),
          ),
          api.onTerminalExit(({ id, exitCode }) => get().terminalExited(id, exitCode)),
        ];
        return () => stops.forEach((stop) => stop());
      },
    };
  };
