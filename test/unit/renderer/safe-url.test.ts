import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from '../../../renderer/lib/safe-url.js';

describe('safeHttpUrl', () => {
  it.each([
    'https://runbooks.example.com/disk-full',
    'http://grafana:3000/d/abc?var-host=web-1',
    '  https://example.com/padded  ',
  ])('allows %s', (url) => {
    expect(safeHttpUrl(url)).toBe(new URL(url.trim()).href);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'vbscript:msgbox(1)',
    '/relative/path',
    '//evil.example.com',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(safeHttpUrl(url)).toBeNull();
  });
});
