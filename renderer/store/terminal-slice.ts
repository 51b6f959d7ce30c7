import type { OnwatchBridge } from '../bridge/connection.js';
import { linkTerminal, sendInput } from '../bridge/terminal-link.js';
import { errorMessage } from './error-message.js';
import type { SliceCreator, TerminalSlice } from './types.js';

/** The free terminal's slot; every other slot is an incident key. */
export const freeTerminalSlot = '';

/** Until the view has measured itself; it resizes the terminal right after. */
const defaultSize = { cols: 80, rows: 24 };

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  const rest = { ...record };
  delete rest[key];
  return rest;
};

export const createTerminalSlice =
  (api: OnwatchBridge): SliceCreator<TerminalSlice> =>
  (set, get) => {
    /** Opens under way by slot, so a Run and the panel opening at once share one. */
    const opening = new Map<string, ReturnType<TerminalSlice['openTerminal']>>();

    return {
      terminalAccess: null,
      terminals: {},
      terminalErrors: {},
      runAllStates: {},
      terminalTab: 'incident',
      showTerminalTab: (terminalTab) => set({ terminalTab }, false, 'terminal/showTab'),
      async loadTerminalAccess() {
        try {
          const terminalAccess = await api.terminalAccess({});
          set({ terminalAccess }, false, 'terminal/access');
        } catch (error) {
          set(
            { terminalAccess: { enabled: false, reason: errorMessage(error) } },
            false,
            'terminal/accessFailed',
          );
        }
      },
      openTerminal(slot, size = defaultSize) {
        const existing = get().terminals[slot];
        if (existing && !existing.exit) return Promise.resolve(existing);
        const underWay = opening.get(slot);
        if (underWay) return underWay;
        const opened = (async () => {
          try {
            const info = await api.terminalOpen({
              ...(slot !== freeTerminalSlot && { incidentKey: slot }),
              ...size,
            });
            set(
              (s) => ({
                terminals: { ...s.terminals, [slot]: info },
                terminalErrors: without(s.terminalErrors, slot),
              }),
              false,
              'terminal/opened',
            );
            return info;
          } catch (error) {
            set(
              (s) => ({ terminalErrors: { ...s.terminalErrors, [slot]: errorMessage(error) } }),
              false,
              'terminal/openFailed',
            );
            return null;
          } finally {
            opening.delete(slot);
          }
        })();
        opening.set(slot, opened);
        return opened;
      },
      async closeTerminal(slot) {
        const info = get().terminals[slot];
        if (!info) return;
        set((s) => ({ terminals: without(s.terminals, slot) }), false, 'terminal/closing');
        try {
          await api.terminalClose({ id: info.id });
        } catch (error) {
          set(
            (s) => ({ terminalErrors: { ...s.terminalErrors, [slot]: errorMessage(error) } }),
            false,
            'terminal/closeFailed',
          );
        }
      },
      linkTerminalView: (id, screen, onError) => linkTerminal(api, id, screen, onError),
      sendTerminalInput: (id, data, onError) => sendInput(api, id, data, onError),
      resizeTerminal(id, cols, rows) {
        api.terminalResize({ id, cols, rows }).catch(() => {
          // A terminal closed meanwhile; its view is about to go.
        });
      },
      terminalExited(id, exitCode) {
        const entry = Object.entries(get().terminals).find(([, info]) => info.id === id);
        if (!entry) return;
        const [slot, info] = entry;
        set(
          (s) => ({ terminals: { ...s.terminals, [slot]: { ...info, exit: { exitCode } } } }),
          false,
          'terminal/exited',
        );
      },
    };
  };
