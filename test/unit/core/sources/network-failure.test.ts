import { describe, expect, it } from 'vitest';
import { networkFailureText } from '../../../../electron/core/sources/network-failure.js';

/** As undici throws them: a TypeError whose cause (sometimes twice removed) has the code. */
const wrapped = (code: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error('inner'), { code }) });

describe('networkFailureText', () => {
  it('says what a known failure means, without the raw code', () => {
    const where = 'am.example:9093';
    expect(networkFailureText(wrapped('ENOTFOUND'), where)).toBe(
      'cannot resolve am.example: no such host in DNS',
    );
    expect(networkFailureText(wrapped('DEPTH_ZERO_SELF_SIGNED_CERT'), where)).toBe(
      'am.example:9093 sent a self-signed certificate, not trusted',
    );
    expect(networkFailureText(wrapped('ERR_SSL_WRONG_VERSION_NUMBER'), where)).toMatch(
      /did not answer with TLS/,
    );
    const twice = new TypeError('fetch failed', {
      cause: new Error('x', { cause: wrapped('ECONNRESET') }),
    });
    expect(networkFailureText(twice, where)).toBe(
      'the connection to am.example:9093 was reset before it answered',
    );
  });

  it('keeps an unknown code, and a bare message, so nothing is hidden', () => {
    expect(networkFailureText(wrapped('EWEIRD'), 'h:1')).toBe('cannot connect to h:1 (EWEIRD)');
    const blocked = new TypeError('fetch failed', { cause: new Error('bad port') });
    expect(networkFailureText(blocked, 'h:1')).toBe('cannot connect to h:1 (bad port)');
  });
});
