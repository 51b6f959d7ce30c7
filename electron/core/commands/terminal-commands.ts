import type { CommandHandlers } from '../../common/contract/ipc-contract.js';
import type { RunAll } from '../workbench/run-all.js';
import type { RunbookDesk } from '../workbench/runbook-desk.js';
import type { TerminalService } from '../terminal/terminal-service.js';

export interface TerminalCommandContext {
  terminals: TerminalService;
  desk: RunbookDesk;
  runAll: RunAll;
}

type TerminalCommands = Pick<
  CommandHandlers,
  | 'terminalAccess'
  | 'terminalOpen'
  | 'terminalList'
  | 'terminalInput'
  | 'terminalResize'
  | 'terminalClose'
  | 'terminalAttach'
  | 'terminalDetach'
  | 'terminalAck'
  | 'terminalRunStep'
  | 'terminalRunAll'
  | 'terminalStopRunAll'
>;

/** The terminals; every command but the access question is refused to a caller without access. */
export function terminalCommands({
  terminals,
  desk,
  runAll,
}: TerminalCommandContext): TerminalCommands {
  const done = {};
  return {
    terminalAccess: async (_request, caller) => terminals.access(caller),
    terminalOpen: async (request, caller) => {
      terminals.check(caller);
      return terminals.open(request);
    },
    terminalList: async (_request, caller) => {
      terminals.check(caller);
      return terminals.list();
    },
    terminalInput: async ({ id, data }, caller) => {
      terminals.check(caller);
      terminals.input(id, data);
      return done;
    },
    terminalResize: async ({ id, cols, rows }, caller) => {
      terminals.check(caller);
      terminals.resize(id, cols, rows);
      return done;
    },
    terminalClose: async ({ id }, caller) => {
      terminals.check(caller);
      runAll.stop(id);
      await terminals.close(id);
      return done;
    },
    terminalAttach: async ({ id }, caller) => terminals.attach(id, terminals.check(caller).viewer),
    terminalDetach: async ({ id }, caller) => {
      terminals.detach(id, terminals.check(caller).viewer);
      return done;
    },
    terminalAck: async ({ id, chars }, caller) => {
      terminals.ack(id, terminals.check(caller).viewer, chars);
      return done;
    },
    terminalRunStep: async ({ id, ...run }, caller) => {
      terminals.check(caller);
      return { stepId: desk.runStep(id, run) };
    },
    terminalRunAll: async ({ id, key, runbookId }, caller) => {
      terminals.check(caller);
      return { steps: runAll.start(id, key, runbookId) };
    },
    terminalStopRunAll: async ({ id }, caller) => {
      terminals.check(caller);
      runAll.stop(id);
      return done;
    },
  };
}
