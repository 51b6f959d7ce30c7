import { describe, expect, it } from 'vitest';
import {
  labelMatchersText,
  parseLabelMatchers,
} from '../../../renderer/features/settings/label-matcher-text.js';

describe('label matchers as text', () => {
  it('reads each operator, and writes back what it read', () => {
    const text = 'team=payments, env!=staging, alertname=~Api.*, region !~ eu-.*';
    const parsed = parseLabelMatchers(text);
    expect(parsed).toEqual({
      ok: true,
      matchers: [
        { name: 'team', op: '=', value: 'payments' },
        { name: 'env', op: '!=', value: 'staging' },
        { name: 'alertname', op: '=~', value: 'Api.*' },
        { name: 'region', op: '!~', value: 'eu-.*' },
      ],
    });
    expect(labelMatchersText(parsed.ok ? parsed.matchers : [])).toBe(
      'team=payments, env!=staging, alertname=~Api.*, region!~eu-.*',
    );
  });

  it('takes nothing from a blank line, and names the part that is not a matcher', () => {
    expect(parseLabelMatchers('  ')).toEqual({ ok: true, matchers: [] });
    expect(parseLabelMatchers('team=payments, payments')).toEqual({
      ok: false,
      error: '“payments” is not name=value (or !=, =~, !~)',
    });
  });
});
