import { describe, expect, it } from 'vitest';
import { jsmLogToTimeline } from '../../../../../electron/core/sources/jsm-ops/jsm-timeline.js';

describe('jsmLogToTimeline', () => {
  it('reads a line as Opsgenie wrote them, with its owner and UTC time', () => {
    expect(
      jsmLogToTimeline({
        logTime: '2026-12-01T10:00:00+01:00',
        logType: 'alertAction',
        log: 'Alert acknowledged via Web',
        owner: 'Sam Rivera',
      }),
    ).toEqual({
      at: '2026-12-01T09:00:00.000Z',
      kind: 'acknowledged',
      text: 'Alert acknowledged via Web',
      by: 'Sam Rivera',
    });
  });

  it('reads a recipient line as a notification, and an unknown one as other', () => {
    const at = '2026-12-01T09:00:00Z';
    expect(
      jsmLogToTimeline({ logTime: at, logType: 'alertRecipient', log: 'sam: push' })?.kind,
    ).toBe('notified');
    expect(jsmLogToTimeline({ logTime: at, log: 'Priority changed to P2' })?.kind).toBe('other');
  });

  it('skips a line without words or time, and keeps hostile text as text', () => {
    expect(jsmLogToTimeline({ logTime: '2026-12-01T09:00:00Z', log: '' })).toBeUndefined();
    expect(jsmLogToTimeline({ log: 'Alert closed' })).toBeUndefined();
    const markup = '<a href="javascript:alert(1)">closed</a>';
    expect(jsmLogToTimeline({ logTime: '2026-12-01T09:00:00Z', log: markup })?.text).toBe(markup);
  });
});
