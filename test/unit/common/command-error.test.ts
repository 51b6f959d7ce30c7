import { describe, expect, it } from 'vitest';
import { CommandError } from '../../../electron/common/contract/command-error.js';

describe('CommandError', () => {
  it('crosses the bridge as data and comes back with its code and field issues', () => {
    const sent = new CommandError({
      code: 'invalid-request',
      message: 'invalid addSource request',
      issues: [{ path: ['config', 'baseUrl'], message: 'must be a URL' }],
    });
    const received = CommandError.fromData(JSON.parse(JSON.stringify(sent.toData())));
    expect(received).toBeInstanceOf(CommandError);
    expect(received.code).toBe('invalid-request');
    expect(received.message).toBe('invalid addSource request');
    expect(received.issues).toEqual([{ path: ['config', 'baseUrl'], message: 'must be a URL' }]);
  });

  it('turns a handler’s plain error into a failure with its message', () => {
    expect(CommandError.dataOf(new Error('That incident is no longer open.'))).toEqual({
      code: 'failed',
      message: 'That incident is no longer open.',
    });
    expect(CommandError.dataOf('boom')).toEqual({ code: 'failed', message: 'boom' });
  });

  it('still says something when a reply is not error data', () => {
    const error = CommandError.fromData('socket said no');
    expect(error.code).toBe('failed');
    expect(error.message).toBe('socket said no');
  });
});
