/**
 * Acknowledges a drill page from a real notification, end to end: OnwatchCore with the default
 * drill, IncidentNotifications on the notifier `selectNotifier` picks (DbusNotifier here), and
 * dunst, driven through its control interface as a responder's clicks would. Runs inside
 * `runInDunstSession` and prints one JSON line of what it saw, for dbus-notifier-dunst.test.ts.
 * Run: node --import tsx test/support/dunst-ack-scenario.ts (inside the session)
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IncidentNotifications } from '../../electron/core/attention/incident-notifications.js';
import type { Incident } from '../../electron/common/model/incident.js';
import { DbusNotifier } from '../../electron/core/notify/dbus-notifier.js';
import { commandOnPath, selectNotifier } from '../../electron/core/notify/select-notifier.js';
import { OnwatchCore } from '../../electron/core/onwatch-core.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import type { Log } from '../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store.js';
import { createSource } from '../../electron/core/sources/create-source.js';
import type { Source } from '../../electron/core/sources/source.js';
import { DunstControl } from './dunst-control.js';
import { dunstSessionFiles } from './dunst-session.js';
import { eventually, nthRecord, ownChildren, sessionDir } from './dunst-scenario-kit.js';
import { until } from './until.js';

const childrenBefore = ownChildren();
const dunst = await DunstControl.connect();
const displayedBecomes = (count: number) =>
  eventually(
    async () => ((await dunst.count('displayed')) === count ? count : undefined),
    `${count} shown`,
  );

const problems: string[] = [];
const log: Log = {
  info: () => {},
  warn: (message) => problems.push(message),
  error: (message) => problems.push(message),
};

const dataDir = await mkdtemp(join(tmpdir(), 'onwatch-dunst-core-'));
let drill: Source | undefined;
const core = await OnwatchCore.start({
  settingsPath: join(dataDir, 'settings.json'),
  secrets: new MemorySecretStore(),
  log,
  createSource: async (config, secrets, deps) => {
    const source = await createSource(config, secrets, deps);
    if (config.kind === 'drill') drill = source;
    return source;
  },
});

const page = (): Incident | undefined =>
  core
    .getState()
    .incidents.find((i) => i.status === 'triggered' && i.urgency === 'high' && i.capabilities.ack);
await until(() => page() !== undefined, 'a triggered high-urgency drill page', 10_000);
const incident = page()!;

const notifier = selectNotifier({
  platform: process.platform,
  env: process.env,
  hasCommand: (name) => commandOnPath(name, process.env),
  log,
});
if (!(notifier instanceof DbusNotifier)) throw new Error('selectNotifier chose no DbusNotifier');
const opened: string[] = [];
const notifications = new IncidentNotifications({
  notifier,
  handlers: { ack: (key) => core.handlers.ack({ key }), open: (key) => opened.push(key) },
  log,
  clock: systemClock,
  sourceName: () => undefined,
});
/** As the ladder does: ask, then flush the batch. */
const notify = (incident: Incident, level: 'normal' | 'critical') => {
  notifications.show(incident, level);
  notifications.flush();
};

// Hostile text straight through the notifier: it must arrive as inert text.
const pwned = join(dataDir, 'pwned');
const hostile = {
  id: 'hostile',
  title: `--urgency=low $(touch ${pwned}) \`touch ${pwned}\``,
  body: `<b>bold</b> & <a href="x">link</a>\nC:\\temp\\new $(touch ${pwned})`,
  urgency: 'critical' as const,
};
notifier.show(hostile);
const hostileRecord = await nthRecord(0);
await displayedBecomes(1);
notifier.close(hostile.id);
const hostileClosed = await displayedBecomes(0);

// The ladder's first two rungs: a normal notification, then a critical one in its place.
notify(incident, 'normal');
const normalRung = await nthRecord(1);
notify(incident, 'critical');
const criticalRung = await nthRecord(2);
const displayedAfterEscalation = await displayedBecomes(1);

// A click on the body: dunst invokes the default action of the first notification shown.
await dunst.clickFirst();
await until(() => opened.length > 0, 'the incident to open');
await displayedBecomes(0);

// Shown again, acknowledged from dunst's context menu.
notify(incident, 'critical');
const shownAgain = await nthRecord(3);
await displayedBecomes(1);
await dunst.contextMenu();
const ackAction = () =>
  core.getState().actions.find((a) => a.incidentKey === incident.key && a.action.type === 'ack');
await until(() => ackAction()?.state === 'done', 'the ack to be confirmed', 10_000);
const displayedAfterAck = await displayedBecomes(0);
const inSource = (await drill!.fetchIncidents(new AbortController().signal)).find(
  (i) => i.key === incident.key,
);
const coreStatus = core.getState().incidents.find((i) => i.key === incident.key)?.status;
const menu = (await readFile(join(sessionDir(), dunstSessionFiles.menu), 'utf8'))
  .split('\n')
  .filter(Boolean);

notifier.dispose();
await core.stop();
dunst.disconnect();
// No process per notification: the children are those tsx started with.
const newChildren = ownChildren().filter((child) => !childrenBefore.includes(child));
await rm(dataDir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    incident: { key: incident.key, title: incident.title, service: incident.service },
    hostile: { sent: hostile, record: hostileRecord, closed: hostileClosed === 0 },
    pwned: existsSync(pwned),
    normalRung,
    criticalRung,
    displayedAfterEscalation,
    opened,
    shownAgain,
    menu,
    ackAction: ackAction(),
    coreStatus,
    inSource: inSource && { status: inSource.status, acknowledgedAt: inSource.acknowledgedAt },
    displayedAfterAck,
    newChildren,
    problems,
  }),
);
