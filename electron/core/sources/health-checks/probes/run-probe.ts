import type { HealthCheck } from '../../../../common/providers/health-check-schema.js';
import type { Clock } from '../../../ports/clock.js';
import { probeDns, type DnsProbeOptions } from './dns-probe.js';
import { probeHttp } from './http-probe.js';
import type { ProbeResult } from './probe-result.js';
import { probeTcp } from './tcp-probe.js';
import { probeTls } from './tls-probe.js';

export type Probe = (check: HealthCheck, signal?: AbortSignal) => Promise<ProbeResult>;

/**
 * Probes one check within its own deadline, on the injected clock's timers; `signal` ends it
 * sooner (the source stopped). Never throws.
 */
export function makeProbe(clock: Clock, options: DnsProbeOptions = {}): Probe {
  const now = () => clock.monotonic?.() ?? clock.now();
  return async (check, stop) => {
    const timeoutMs = check.timeoutSeconds * 1000;
    const deadline = new AbortController();
    const timer = clock.setTimeout(() => deadline.abort(), timeoutMs);
    const onStop = () => deadline.abort();
    stop?.addEventListener('abort', onStop, { once: true });
    const ctx = { signal: deadline.signal, now, timeoutMs };
    try {
      switch (check.kind) {
        case 'http':
          return await probeHttp(check, ctx);
        case 'tcp':
          return await probeTcp(check, ctx);
        case 'dns':
          return await probeDns(check, ctx, options);
        case 'tls':
          return await probeTls(check, ctx);
      }
    } finally {
      clock.clearTimeout(timer);
      stop?.removeEventListener('abort', onStop);
    }
  };
}
