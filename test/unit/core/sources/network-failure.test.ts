import { describe, expect, it } from 'vitest';
import { networkFailureText } from '../../../../electron/core/sources/network-failure.js';

/** As node:http passes them on: the system's error, with its code. */
const wrapped = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

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
    // A name with several addresses: one error per address tried, the first one speaks.
    const everyAddress = new AggregateError([wrapped('ECONNREFUSED'), wrapped('ECONNREFUSED')]);
    expect(networkFailureText(everyAddress, where)).toBe(
      'nothing is listening at am.example:9093 (connection refused)',
    );
  });

  it('keeps an unknown code, and a bare message, so nothing is hidden', () => {
    expect(networkFailureText(wrapped('EWEIRD'), 'h:1')).toBe('cannot connect to h:1 (EWEIRD)');
    const uncoded = new Error('request failed', { cause: new Error('bad port') });
    expect(networkFailureText(uncoded, 'h:1')).toBe('cannot connect to h:1 (bad port)');
  });
});
