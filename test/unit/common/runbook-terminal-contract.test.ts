import { describe, expect, it, vi } from 'vitest';
import { CommandError } from '../../../electron/common/contract/command-error.js';
import {
  commandNames,
  dispatchCommand,
  type Caller,
  type CommandHandlers,
} from '../../../electron/common/contract/ipc-contract.js';
import { maxNoteChars } from '../../../electron/common/model/action.js';
import { terminalLimits } from '../../../electron/common/terminal-limits.js';
import { anAppState } from '../../support/app-state.js';

const caller: Caller = { viewer: 'browser-3', transport: 'browser' };

function server() {
  const handlers = Object.fromEntries(
    commandNames.map((name) => [name, vi.fn(async () => ({}))]),
  ) as unknown as CommandHandlers & Record<string, ReturnType<typeof vi.fn>>;
  return { handlers, getSnapshot: () => ({ seq: 0, state: anAppState() }) };
}

/** The CommandError a request gets, or undefined when it reaches its handler. */
async function refusal(name: string, payload: unknown) {
  const served = server();
  try {
    await dispatchCommand(served, name, payload, caller);
  } catch (error) {
    expect(error).toBeInstanceOf(CommandError);
    expect(served.handlers[name as keyof CommandHandlers]).not.toHaveBeenCalled();
    return error as CommandError;
  }
  return undefined;
}

describe('the runbook and terminal commands of the contract', () => {
  it('hand a valid request to the handler with who sent it', async () => {
    const served = server();
    await dispatchCommand(served, 'terminalInput', { id: 't1', data: 'ls\r' }, caller);
    expect(served.handlers.terminalInput).toHaveBeenCalledWith({ id: 't1', data: 'ls\r' }, caller);
  });

  it.each([
    ['terminalInput', { id: 't1', data: 'x'.repeat(terminalLimits.maxInputChars + 1) }, 'data'],
    ['terminalOpen', { cols: terminalLimits.maxCols + 1, rows: 24 }, 'cols'],
    ['terminalResize', { id: 't1', cols: 80, rows: 0 }, 'rows'],
    ['terminalResize', { id: 't1', cols: 80.5, rows: 24 }, 'cols'],
    ['terminalAck', { id: 't1', chars: -5 }, 'chars'],
    ['terminalRunStep', { id: 't1', key: 'pd:1', runbookId: 'rb', step: '' }, 'step'],
    ['terminalAttach', { id: '' }, 'id'],
    [
      'postTranscript',
      { key: 'pd:1', runbookId: 'rb', text: 'x'.repeat(maxNoteChars + 1) },
      'text',
    ],
    ['postTranscript', { key: 'pd:1', runbookId: 'rb', text: '   ' }, 'text'],
    ['tickChecklistItem', { key: 'pd:1', runbookId: 'rb', step: 's', itemId: 'i' }, 'ticked'],
    ['updateRunbookSettings', { folders: [{ path: 'relative/runbooks' }] }, 'folders'],
    ['updateRunbookSettings', { folders: [{ path: '/rb', repo: 'not a repo' }] }, 'folders'],
  ])('refuse %s with a bad %j, naming the field', async (name, payload, field) => {
    const error = await refusal(name, payload);
    expect(error?.code).toBe('invalid-request');
    expect(error?.issues?.[0]?.path[0]).toBe(field);
  });

  it('refuse settings they do not know and an empty update', async () => {
    expect((await refusal('updateRunbookSettings', { shell: '/bin/zsh' }))?.code).toBe(
      'invalid-request',
    );
    expect((await refusal('updateRunbookSettings', {}))?.message).toMatch(/nothing to update/);
    expect(
      await refusal('updateRunbookSettings', {
        folders: [{ path: '~/runbooks', repo: 'prometheus-operator/runbooks' }],
        terminal: { incidentDirectory: '/srv/incidents' },
      }),
    ).toBeUndefined();
  });
});
