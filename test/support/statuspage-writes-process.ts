import { systemClock } from '../../electron/core/ports/clock.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { SharedLimits } from '../../electron/core/sources/rate-limit/shared-limits.js';
import { readStatusPage } from '../../electron/core/statuspage/status-page-reader.js';
import { StatusPageWrites } from '../../electron/core/statuspage/status-page-writes.js';
import { StatuspageClient } from '../../electron/core/statuspage/statuspage-client.js';

/*
 * A process that owns a Statuspage outbox, for crash tests: it opens the journal, resumes
 * what a killed predecessor left, and with `declare` posts one incident. It reports on stdout,
 * one JSON line per event, and runs until it is killed.
 *
 *   ONWATCH_SP_BASE_URL=… ONWATCH_SP_KEY=… ONWATCH_SP_PAGE=… \
 *     node --import tsx test/support/statuspage-writes-process.ts <journal> [declare]
 */

const [journal, command] = process.argv.slice(2);
const {
  ONWATCH_SP_BASE_URL: baseUrl,
  ONWATCH_SP_KEY: apiKey,
  ONWATCH_SP_PAGE: pageId,
} = process.env;
if (!journal || !baseUrl || !apiKey || !pageId) throw new Error('usage: see the file header');

const report = (event: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify(event)}\n`);

const client = new StatuspageClient({
  apiKey,
  baseUrl,
  clock: systemClock,
  limits: new SharedLimits(),
  budget: { perSecond: 20, burst: 3, windowMs: 1_000, marginMs: 50 },
});
const writes = await StatusPageWrites.open({
  path: journal,
  clock: systemClock,
  log: silentLog,
  apiFor: () => client,
  onChange: () => {},
  onConfirmed: ({ incident, how }) =>
    void report({ event: 'confirmed', how, incidentId: incident.id }),
  firstRetryMs: 50,
  timeoutMs: 60_000,
});
report({ event: 'opened', pending: writes.list().filter((w) => w.state === 'pending').length });
writes.resume();

if (command === 'declare') {
  const view = await readStatusPage(
    client,
    { statusPageId: 'acme', pageId },
    AbortSignal.timeout(10_000),
    Date.now(),
  );
  const queued = await writes.declare(
    { statusPageId: 'acme', pageId, catalog: view.catalog },
    {
      name: 'Elevated errors on Checkout',
      status: 'investigating',
      body: 'We are investigating elevated errors on Checkout.',
      components: { cmpcheckout1: 'partial_outage' },
      deliverNotifications: true,
    },
    { key: 'pd:PINC001', title: 'Checkout API 5xx rate above 5%' },
  );
  report({ event: 'queued', id: queued.id });
}
