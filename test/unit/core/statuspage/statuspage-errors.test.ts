import { describe, expect, it } from 'vitest';
import { statuspageRefusal } from '../../../../electron/core/statuspage/statuspage-errors.js';

const refusal = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  body,
  where: 'api.statuspage.io:443',
  clean: (text: string) => text.replace(/\s+/g, ' ').trim(),
});

describe('Statuspage refusals in plain words', () => {
  it('treats 420 and 429 alike, waiting as long as Retry-After asks', () => {
    expect(statuspageRefusal(refusal(420, {}, { 'Retry-After': '7' }), 'POST')).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 7_000,
      message: 'Statuspage asked us to slow down (HTTP 420); trying again in 7 s',
    });
    expect(statuspageRefusal(refusal(429, {}), 'GET')).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 3_000,
    });
  });

  it("passes Statuspage's own explanation on, in either shape it uses", () => {
    expect(
      statuspageRefusal(refusal(422, { message: "Name can't be blank" }), 'POST'),
    ).toMatchObject({
      kind: 'rejected',
      message: "Statuspage refused it: Name can't be blank",
    });
    expect(
      statuspageRefusal(refusal(422, { error: ['Body is too long', 'Name is too long'] }), 'POST')
        .message,
    ).toBe('Statuspage refused it: Body is too long; Name is too long');
    expect(statuspageRefusal(refusal(400, 'not json'), 'POST').message).toBe(
      'Statuspage refused it (HTTP 400)',
    );
  });

  it('tells a bad key from a key that may only read, and a missing incident', () => {
    expect(statuspageRefusal(refusal(401, {}), 'GET')).toMatchObject({ kind: 'auth' });
    expect(statuspageRefusal(refusal(403, {}), 'PATCH')).toMatchObject({
      kind: 'rejected',
      message: 'This API key may not change the status page',
    });
    expect(statuspageRefusal(refusal(403, {}), 'GET')).toMatchObject({ kind: 'auth' });
    expect(statuspageRefusal(refusal(404, {}), 'PATCH')).toMatchObject({
      kind: 'rejected',
      message: expect.stringMatching(/no such page or incident: it may have been deleted/),
    });
  });

  it('retries what is Statuspage’s trouble, not the draft’s', () => {
    expect(statuspageRefusal(refusal(503, {}), 'POST')).toMatchObject({
      kind: 'server',
      message: 'Statuspage is having trouble (HTTP 503); trying again',
    });
  });
});
