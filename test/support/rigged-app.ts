import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppState } from '../../electron/common/contract/app-state.js';
import type { SourceStatus } from '../../electron/common/model/source-status.js';
import { dnsSwitch, switchedHost } from './dns-switch.js';
import type { FaultControls, Reach } from './fault-catalogue.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { startNotificationBus, type NotificationBus } from './notification-bus.js';
import { startOnwatchProcess, type OnwatchProcess } from './onwatch-process.js';
import type { RigService, SourceRig } from './source-rigs.js';
import { makeTempDir } from './temp-dir.js';
import { makeTestCertificate } from './test-certificates.js';

export const sourceId = 'src';

export interface RiggedAppOptions {
  /** The compiled browser host (compiled-host.ts): what a user runs. */
  compiledCli: string;
  reach: Reach;
  pollIntervalSeconds: number;
  timeoutSeconds: number;
}

/** Onwatch polling one source through a fault proxy, with a desktop notification bus of its own. */
export interface RiggedApp {
  app: OnwatchProcess;
  proxy: FaultProxy;
  service: RigService;
  bus: NotificationBus;
  controls: FaultControls;
  /** The source's status in the latest state. */
  source(): SourceStatus | undefined;
  /**
   * Resolves right after the source's next good poll. The window is not sent routine good polls
   * (nothing it shows changes), so this asks for the whole state every 100 ms.
   */
  nextGoodPoll(timeoutMs: number): Promise<AppState>;
  latest(): AppState | undefined;
  stop(): Promise<void>;
}

const sourceIn = (state: AppState | undefined) => state?.sources.find((s) => s.id === sourceId);

/** Nothing climbs past the first notification, so any second one for a page is a repeat. */
const firstNoticeOnly = {
  criticalAfterSeconds: null,
  repeatAfterSeconds: null,
  takeoverAfterSeconds: null,
};

/**
 * The compiled browser host as its own process, polling `rig`'s provider through a fault proxy:
 * over HTTPS with a certificate it trusts, or by a host name whose DNS can fail, as `reach`
 * says. Its notifications go to a private session bus; its credentials are saved over the
 * contract, as the settings window saves them, and it resolves once the source has answered.
 */
export async function startRiggedApp(
  rig: SourceRig,
  { compiledCli, reach, pollIntervalSeconds, timeoutSeconds }: RiggedAppOptions,
): Promise<RiggedApp> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const each of stops.splice(0).reverse()) await each().catch(() => {});
  };
  try {
    const dir = await makeTempDir('onwatch-faults-');
    stops.push(dir.remove);
    const tls =
      reach === 'https'
        ? {
            trusted: await makeTestCertificate(dir.path, 'trusted'),
            untrusted: await makeTestCertificate(dir.path, 'untrusted'),
          }
        : undefined;
    const proxy = await startFaultProxy({ tls });
    stops.push(proxy.stop);
    const baseUrl = reach === 'dns' ? `http://${switchedHost}:${proxy.port}` : proxy.url;
    const service = await rig.start(baseUrl);
    stops.push(service.stop);
    proxy.setUpstream(service.upstream);
    const bus = await startNotificationBus(dir.path);
    stops.push(bus.stop);
    const dns = await dnsSwitch(dir.path);

    const config = {
      ...service.config(baseUrl),
      id: sourceId,
      name: rig.name,
      pollIntervalSeconds,
      timeoutSeconds,
    };
    const settingsPath = join(dir.path, 'settings.json');
    await writeFile(
      settingsPath,
      JSON.stringify({
        version: 1,
        responderName: 'jane',
        attention: { high: firstNoticeOnly, low: firstNoticeOnly },
        sources: [config],
      }),
    );
    const app = await startOnwatchProcess(settingsPath, {
      compiledCli,
      nodeArgs: reach === 'dns' ? dns.nodeArgs : [],
      env: {
        DBUS_SESSION_BUS_ADDRESS: bus.address,
        ...(tls && { NODE_EXTRA_CA_CERTS: tls.trusted.certPath }),
        ...(reach === 'dns' && dns.env),
      },
    });
    stops.push(() => app.kill('SIGKILL'));
    let latest: AppState | undefined;
    app.onState((state) => (latest = state));
    const source = () => sourceIn(latest);
    const saveCredentials = async () => {
      await app.command('editSource', { config, secrets: service.secrets });
    };
    await saveCredentials();
    latest = await app.waitForState((state) => state.sources[0]?.health === 'ok', 30_000);

    const snapshot = async () => ((await app.command('getState', {})) as { state: AppState }).state;
    const nextGoodPoll = async (timeoutMs: number) => {
      const before = sourceIn(await snapshot())?.lastSuccessAt;
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
        const state = await snapshot();
        const now = sourceIn(state);
        if (now?.health === 'ok' && now.lastSuccessAt !== before) return state;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no good poll of ${rig.name} within ${timeoutMs} ms`);
    };

    return {
      app,
      proxy,
      service,
      bus,
      controls: { rig, proxy, failDns: dns.fail, saveCredentials },
      source,
      nextGoodPoll,
      latest: () => latest,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
