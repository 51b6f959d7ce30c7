/**
 * DbusNotifier, as selectNotifier picks it, against dunst: shown, updated in place, clicked,
 * closed, fed hostile text and a storm, then disposed of. Runs inside `runInDunstSession`, watches
 * dunst over a connection of its own, and prints one JSON line for dbus-notifier-dunst.test.ts.
 * Run: node --import tsx test/support/dunst-dbus-scenario.ts (inside the session)
 */
import { setTimeout as delay } from 'node:timers/promises';
import { DbusNotifier } from '../../electron/core/notify/dbus-notifier.js';
import { commandOnPath, selectNotifier } from '../../electron/core/notify/select-notifier.js';
import type { Log } from '../../electron/core/ports/log.js';
import type { DesktopNotification } from '../../electron/core/ports/notifier.js';
import { DunstControl } from './dunst-control.js';
import {
  dunstRecords,
  eventually,
  nthRecord,
  openHandles,
  ownChildren,
} from './dunst-scenario-kit.js';

const problems: string[] = [];
const log: Log = {
  info: () => {},
  warn: (message) => problems.push(message),
  error: (message) => problems.push(message),
};
const handlesBefore = openHandles();
const childrenBefore = ownChildren();
/** Every child this process had at any look, beyond those it started with. */
const newChildren = new Set<string>();
const lookForChildren = () => {
  for (const child of ownChildren()) if (!childrenBefore.includes(child)) newChildren.add(child);
};

const dunst = await DunstControl.connect();
const liveBecomes = (count: number) =>
  eventually(
    async () => ((await dunst.live()) === count ? count : undefined),
    `${count} open at dunst`,
  );

const notifier = selectNotifier({
  platform: process.platform,
  env: process.env,
  hasCommand: (name) => commandOnPath(name, process.env),
  log,
});
if (!(notifier instanceof DbusNotifier)) throw new Error('selectNotifier chose no DbusNotifier');
const actions: [string, string][] = [];
notifier.onAction((id, actionId) => actions.push([id, actionId]));
const ack = [{ id: 'ack', label: 'Acknowledge' }];

// Shown, then escalated in place; a click on the body opens it.
const page: DesktopNotification = {
  id: 'pd:P1',
  title: '▽ LOW · checkout',
  body: 'Checkout p99 above 2 s',
  urgency: 'normal',
  actions: ack,
};
notifier.show(page);
const shown = await nthRecord(0);
notifier.show({ ...page, title: '▲ HIGH · checkout', urgency: 'critical' });
const updated = await nthRecord(1);
const liveAfterUpdate = await dunst.live();
await dunst.clickFirst();
await eventually(async () => actions.length > 0 || undefined, 'the open action');
// dunst closes a notification once its action is taken.
await liveBecomes(0);

// Shown again, acknowledged from dunst's context menu.
notifier.show(page);
const shownAgain = await nthRecord(2);
await dunst.contextMenu();
await eventually(async () => actions.length > 1 || undefined, 'the ack action');
await liveBecomes(0);

// Closed from our side; showing it again after makes a new notification, not a dead id's.
notifier.show({ ...page, id: 'pd:P2' });
const toClose = await nthRecord(3);
const liveBeforeClose = await dunst.live();
notifier.close('pd:P2');
const liveAfterClose = await liveBecomes(0);
notifier.show({ ...page, id: 'pd:P2' });
const reshown = await nthRecord(4);
notifier.close('pd:P2');
await liveBecomes(0);

// Hostile text: markup and control characters, in both title and body.
const hostile: DesktopNotification = {
  id: 'hostile',
  title: '<b>bold</b> & <i>co</i>\u0000\u001b[31m\nnext line',
  body: '<b>bold</b> & <a href="https://evil.example">link</a>\u0007\u0000\nC:\\temp\\new $(touch x)',
  urgency: 'critical',
};
notifier.show(hostile);
const hostileRecord = await nthRecord(5);
// On screen, not just queued: dunst keeps in its history only what it displayed.
await eventually(
  async () => ((await dunst.count('displayed')) === 1 ? true : undefined),
  'the hostile notification on screen',
);
notifier.close(hostile.id);
await liveBecomes(0);
// dunst files a closed notification in its history a moment after it leaves the screen.
const hostileRendered = await eventually(
  async () => (await dunst.history()).find((entry) => entry.id === hostileRecord.id),
  'the hostile notification in dunst’s history',
);

// A storm: 1,000 notifications in one go, the first of them critical.
const recordsBeforeStorm = (await dunstRecords()).length;
let maxLive = 0;
let sampling = true;
const sampler = (async () => {
  while (sampling) {
    maxLive = Math.max(maxLive, await dunst.live());
    lookForChildren();
    await delay(5);
  }
})();
const stormStartedAt = Date.now();
notifier.show({ ...page, id: 'storm:critical', title: 'storm critical', urgency: 'critical' });
for (let i = 0; i < 999; i++) {
  notifier.show({ ...page, id: `storm:${i}`, title: `storm ${i}`, body: `alert ${i}` });
  if (i % 100 === 0) lookForChildren();
}
const stormCallsMs = Date.now() - stormStartedAt;
await eventually(
  async () => (await dunstRecords()).some((r) => r.summary === 'storm 998') || undefined,
  'the storm to reach dunst',
);
await delay(300);
sampling = false;
await sampler;
const stormRecords = (await dunstRecords()).slice(recordsBeforeStorm).map((r) => r.summary);
const liveAfterStorm = await dunst.live();

// Disposed of: everything it showed comes down, and it lets go of the bus.
notifier.dispose();
const disposedAt = Date.now();
await liveBecomes(0);
const closedAfterDisposeMs = Date.now() - disposedAt;
dunst.disconnect();
const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);
const handlesAfter = await eventually(
  async () => (same(openHandles(), handlesBefore) ? openHandles() : undefined),
  'the connections to close',
  // Less than DbusNotifier's dispose timeout: closing must not wait for that safety net.
  1_000,
).catch(() => openHandles());
lookForChildren();

// Nothing else is pending: with no lingering handle, the process now exits by itself.
console.log(
  JSON.stringify({
    shown,
    updated,
    liveAfterUpdate,
    shownAgain,
    actions,
    toClose,
    liveBeforeClose,
    liveAfterClose,
    reshown,
    hostile: { sent: hostile, record: hostileRecord, rendered: hostileRendered },
    storm: { stormCallsMs, records: stormRecords, maxLive, liveAfterStorm },
    closedAfterDisposeMs,
    handlesBefore,
    handlesAfter,
    newChildren: [...newChildren],
    problems,
  }),
);
