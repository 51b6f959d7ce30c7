import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsmOpsSourceConfigSchema } from '../../../../../electron/common/providers/jsm-ops.js';
import { systemClock } from '../../../../../electron/core/ports/clock.js';
import { JsmClient } from '../../../../../electron/core/sources/jsm-ops/jsm-client.js';
import { SharedLimits } from '../../../../../electron/core/sources/rate-limit/shared-limits.js';
import { startJsmOpsFake, type JsmFake } from '../../../../fakes/jsm-ops-fake.js';
import { sourceFailure } from '../../../../support/source-failure.js';

let fake: JsmFake;
beforeAll(async () => {
  fake = await startJsmOpsFake();
});
afterAll(() => fake.stop());

function client(config: Record<string, unknown> = {}, token = fake.token) {
  const parsed = jsmOpsSourceConfigSchema.parse({
    kind: 'jsm-ops',
    id: 'jsm',
    name: 'JSM',
    siteUrl: fake.url,
    email: fake.email,
    ...config,
  });
  return new JsmClient(parsed, token, systemClock, new SharedLimits());
}

const signal = () => AbortSignal.timeout(5_000);

describe('JsmClient URLs', () => {
  it('puts the API under api.atlassian.com and the site’s cloudId by default', async () => {
    const url = await client().opsUrl('/v1/alerts', signal(), { size: '1' });
    expect(url.href).toBe(`https://api.atlassian.com/jsm/ops/api/${fake.cloudId}/v1/alerts?size=1`);
  });

  it('uses the Compass base path for a Compass site, and keeps a proxy’s path prefix', async () => {
    const compass = await client({ product: 'compass' }).opsUrl('/v1/alerts', signal());
    expect(compass.href).toBe(
      `https://api.atlassian.com/compass/cloud/${fake.cloudId}/ops/v1/alerts`,
    );
    const proxied = await client({ apiBaseUrl: 'https://proxy.example/atlassian/' }).opsUrl(
      '/v1/alerts',
      signal(),
    );
    expect(proxied.href).toBe(
      `https://proxy.example/atlassian/jsm/ops/api/${fake.cloudId}/v1/alerts`,
    );
  });

  it('refuses credentials written into the site URL, and a missing token', async () => {
    const inUrl = client({ siteUrl: 'https://dana:secret@acme.atlassian.net' });
    const error = await sourceFailure(inUrl.lookUpCloudId(signal()));
    expect(error).toMatchObject({ kind: 'config' });
    expect(error.message).not.toContain('secret');
    const none = await sourceFailure(client({}, '').myself(signal()));
    expect(none.message).toBe('JSM needs an Atlassian API token');
  });
});
