import { describe, expect, it } from 'vitest';
import { isTrue, parseFenceInfo } from '../../../../electron/core/runbooks/fence-attributes.js';

describe('parseFenceInfo (Runme attribute syntax)', () => {
  it('reads JSON attributes, keeping unknown keys and writing non-strings as JSON', () => {
    expect(
      parseFenceInfo(
        'sh {"name":"restart","interactive":false,"terminalRows":20,"x-team":"sre","onwatch.danger":"deletes the pod"}',
      ),
    ).toEqual({
      language: 'sh',
      syntax: 'json',
      attributes: {
        name: 'restart',
        interactive: 'false',
        terminalRows: '20',
        'x-team': 'sre',
        'onwatch.danger': 'deletes the pod',
      },
    });
  });

  it('falls back to HTML-style attributes, split on spaces at the first "="', () => {
    expect(
      parseFenceInfo(
        'bash { name=restart excludeFromRunAll=true onwatch.confirm=labels.pod flag }',
      ),
    ).toEqual({
      language: 'bash',
      syntax: 'html',
      attributes: { name: 'restart', excludeFromRunAll: 'true', 'onwatch.confirm': 'labels.pod' },
    });
    expect(parseFenceInfo('sh {name=tight}').attributes).toEqual({ name: 'tight' });
  });

  it('reads a language alone, or nothing', () => {
    expect(parseFenceInfo('sh')).toEqual({ language: 'sh', attributes: {}, syntax: 'none' });
    expect(parseFenceInfo('sh {}')).toEqual({ language: 'sh', attributes: {}, syntax: 'none' });
    expect(parseFenceInfo('')).toEqual({ language: '', attributes: {}, syntax: 'none' });
  });

  it('refuses a "}" inside a value, where Runme would lose the step\'s attributes', () => {
    expect(() => parseFenceInfo('sh {"name":"x","onwatch.confirm":"{{labels.pod}}"}')).toThrow(
      /cannot contain "\}".*"onwatch.confirm":"labels.pod"/,
    );
    expect(() => parseFenceInfo('sh {"name":"x"')).toThrow(/no closing/);
  });

  it('reads yes/no attributes as Runme does', () => {
    expect(['true', 'TRUE', 'yes', '1'].map(isTrue)).toEqual([true, true, true, true]);
    expect(['false', '0', '', undefined].map(isTrue)).toEqual([false, false, false, false]);
  });
});
