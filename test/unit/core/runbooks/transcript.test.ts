import { describe, expect, it } from 'vitest';
import { goRegex } from '../../../../electron/core/runbooks/go-regex.js';
import {
  fullTranscript,
  redactText,
  transcriptNote,
  type StepRecord,
} from '../../../../electron/core/runbooks/transcript.js';

const options = { runbookId: 'rb', runbookTitle: 'Pods', redact: [] };

const record = (overrides: Partial<StepRecord> = {}): StepRecord => ({
  step: 'describe-pod',
  command: "kubectl -n 'shop' describe pod 'web-1'",
  startedAt: '2026-11-22T09:00:00.000Z',
  endedAt: '2026-11-22T09:00:01.200Z',
  exitCode: 0,
  output: 'Name: web-1\nStatus: Running\n',
  ...overrides,
});

describe('redactText', () => {
  it.each([
    ['AWS key AKIAIOSFODNN7EXAMPLE here', 'AWS key [redacted] here'],
    [
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_secret_access_key = [redacted]',
    ],
    ['token ghp_0123456789abcdefghijABCDEFGHIJ012345', 'token [redacted]'],
    ['Authorization: Bearer abc.def.ghi', 'Authorization: Bearer [redacted]'],
    ['Authorization: Token token=y_NbAkKc66ryYTWUXYEu', 'Authorization: Token [redacted]'],
    ['curl https://ops:hunter2@db.internal/x', 'curl https://ops:[redacted]@db.internal/x'],
    ['DB_PASSWORD=s3cr3t other=fine', 'DB_PASSWORD=[redacted] other=fine'],
    ['"api_key": "abcd1234"', '"api_key": "[redacted]"'],
    ['mysql --password hunter2 -e x', 'mysql --password [redacted] -e x'],
    ['xoxb-123456789012-abcdefghijkl', '[redacted]'],
    [
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      '[redacted]',
    ],
    [
      '-----BEGIN RSA PRIVATE KEY-----\nMIIE\nabc\n-----END RSA PRIVATE KEY-----\nafter',
      '[redacted]\nafter',
    ],
  ])('redacts %j', (text, expected) => {
    expect(redactText(text, [])).toBe(expected);
  });

  it("applies the runbook's own patterns, their secret group where they have one", () => {
    const patterns = [
      goRegex('(?i)(token|password)=\\S+', { anchored: false, global: true }),
      goRegex('session (?P<secret>[0-9a-f]{8})', { anchored: false, global: true }),
      goRegex('x*', { anchored: false, global: true }),
    ];
    expect(redactText('TOKEN=abc; session deadbeef ok', patterns)).toBe(
      '[redacted] session [redacted] ok',
    );
  });

  it('leaves ordinary output alone', () => {
    const text =
      'NAME READY STATUS RESTARTS\nweb-1 1/1 Running 0\ntokens used: 5\nsecret-store ok\n';
    expect(redactText(text, [])).toBe(text);
  });
});

describe('transcriptNote', () => {
  it('lists each step with its command, times, exit and output', () => {
    const { text, shortened } = transcriptNote(
      [
        record(),
        record({
          step: 'logs',
          command: 'kubectl logs web-1',
          exitCode: null,
          endedAt: undefined,
          output: 'boom\r\n\u001b[31mred\u0007',
        }),
        record({ step: 'running', exitCode: undefined, endedAt: undefined, output: '' }),
      ],
      options,
    );
    expect(shortened).toBe(false);
    expect(text).toBe(
      [
        'Runbook transcript: Pods (rb), 3 steps',
        '',
        '## describe-pod: exit 0, 2026-11-22T09:00:00.000Z to 2026-11-22T09:00:01.200Z',
        "$ kubectl -n 'shop' describe pod 'web-1'",
        'Name: web-1\nStatus: Running',
        '',
        '## logs: end unknown (the shell reports no exit code), from 2026-11-22T09:00:00.000Z',
        '$ kubectl logs web-1',
        'boom\n[31mred',
        '',
        '## running: still running, from 2026-11-22T09:00:00.000Z',
        "$ kubectl -n 'shop' describe pod 'web-1'",
        '',
      ].join('\n'),
    );
  });

  it('redacts commands and output before cutting anything', () => {
    const secret = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
    const { text } = transcriptNote(
      [
        record({
          command: `curl -H "Authorization: Bearer ${secret}" x`,
          output: `${'x\n'.repeat(300)}${secret}\n`,
        }),
      ],
      options,
    );
    expect(text).not.toContain(secret);
    expect(text).not.toContain('ghp_');
  });

  it('caps each step at 200 lines, keeping its start and end', () => {
    const output = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const { text, shortened } = transcriptNote([record({ output })], options);
    expect(shortened).toBe(true);
    const lines = text.split('\n');
    expect(lines).toContain('line 0');
    expect(lines).toContain('line 999');
    expect(lines).toContain('[… 801 lines left out …]');
    expect(lines.filter((l) => l.startsWith('line '))).toHaveLength(199);
    expect(text.length).toBeLessThanOrEqual(10_000);
    expect(text).toMatch(/\[shortened; the full transcript is kept in Onwatch\]$/);
  });

  it('keeps the whole note within 10 000 characters, sharing the room between steps', () => {
    const long = 'y'.repeat(80) + '\n';
    const records = [
      record({ step: 'short', output: 'tiny' }),
      record({ step: 'long-1', output: long.repeat(190) }),
      record({ step: 'long-2', output: long.repeat(190) }),
    ];
    const { text } = transcriptNote(records, options);
    expect(text.length).toBeLessThanOrEqual(10_000);
    expect(text.length).toBeGreaterThan(9_000);
    expect(text).toContain('tiny');
    const sizes = text
      .split('## ')
      .slice(2)
      .map((part) => part.length);
    expect(Math.abs(sizes[0]! - sizes[1]!)).toBeLessThan(200);
  });

  it('stays within the limit even with very many steps', () => {
    const records = Array.from({ length: 300 }, (_, i) => record({ step: `s${i}` }));
    expect(transcriptNote(records, options).text.length).toBeLessThanOrEqual(10_000);
  });

  it('keeps everything, redacted, in the full local copy', () => {
    const output = Array.from({ length: 1000 }, (_, i) => `line ${i} password=p${i}`).join('\n');
    const full = fullTranscript([record({ output })], options);
    expect(full.split('\n').filter((l) => l.startsWith('line '))).toHaveLength(1000);
    expect(full).not.toMatch(/password=p\d/);
  });
});
