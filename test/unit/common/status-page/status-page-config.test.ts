import { describe, expect, it } from 'vitest';
import { statusPageConfigSchema } from '../../../../electron/common/model/status-page-config.js';
import { practiceStatusPage } from '../../../../electron/core/statuspage/practice-page.js';

const acme = {
  kind: 'statuspage',
  id: 'acme',
  name: 'Acme public',
  pageId: 'acmepublic01',
  mappings: [{ componentIds: ['cmpcheckout1'], service: 'checkout-api' }],
  reminders: { resolveGraceMinutes: 10, declareAfterMinutes: 15 },
};

const problems = (config: unknown) => {
  const parsed = statusPageConfigSchema.safeParse(config);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('a status page in settings', () => {
  it('takes a connected page and the practice page', () => {
    expect(problems(acme)).toEqual([]);
    expect(problems(practiceStatusPage)).toEqual([]);
  });

  it('wants every mapping rule to match on something, and a component to map to', () => {
    expect(problems({ ...acme, mappings: [{ componentIds: ['cmpcheckout1'] }] })).toEqual([
      'mappings.0: match by source, service or at least one label',
    ]);
    expect(problems({ ...acme, mappings: [{ componentIds: [], service: 'x' }] })).toEqual([
      'mappings.0.componentIds: choose at least one component',
    ]);
  });

  it('refuses a label pattern that is not a regular expression', () => {
    const labels = [{ name: 'alertname', op: '=~', value: 'Checkout(' }];
    expect(problems({ ...acme, mappings: [{ componentIds: ['c'], labels }] })).toEqual([
      'mappings.0.labels.0.value: not a valid regular expression',
    ]);
  });

  it('takes only an http(s) API root', () => {
    expect(problems({ ...acme, apiBaseUrl: 'http://127.0.0.1:4010/v1' })).toEqual([]);
    expect(problems({ ...acme, apiBaseUrl: 'file:///etc/passwd' })).toHaveLength(1);
  });
});
