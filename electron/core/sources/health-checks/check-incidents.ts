import { incidentKey, noCapabilities, type Incident } from '../../../common/model/incident.js';
import { checkTarget } from '../../../common/providers/health-check-schema.js';
import { certificateExpiry } from './certificate-expiry.js';
import type { CheckStatus } from './check-status.js';
import { flapWindowMs } from './flap-control.js';
import { probePhases, type ProbeResult } from './probes/probe-result.js';
import { formatMs, phaseWords } from './probes/socket-events.js';

interface Context {
  sourceId: string;
  now: number;
  responderName: string;
}

/** A check's open incidents: its outage, and its certificate's expiry, each its own. */
export function incidentsOf(status: CheckStatus, context: Context): Incident[] {
  return [outageIncident(status, context), certificateIncident(status, context)].filter(
    (incident): incident is Incident => incident !== undefined,
  );
}

function outageIncident(status: CheckStatus, context: Context): Incident | undefined {
  const externalId = status.outageId();
  const failure = status.lastFailure?.result;
  if (!externalId || !failure) return undefined;
  const { check, flap } = status;
  const verb = flap.flapping ? 'is flapping' : 'is failing';
  const phase = failure.failedPhase ?? 'expectation';
  return {
    ...base(status, externalId, flap.outageSince!, context),
    title: `${check.name} ${verb}: ${failure.summary}`,
    urgency: check.urgency,
    labels: {
      ...labelsOf(status),
      phase,
      ...(flap.flapping && { flapping: 'true' }),
    },
    annotations: {
      summary: failure.summary,
      state: stateWords(status),
      'failed phase': phaseWords[phase],
      ...resultFacts(failure),
    },
  };
}

function certificateIncident(status: CheckStatus, context: Context): Incident | undefined {
  const externalId = status.certificateId();
  const { check, certificate } = status;
  if (!externalId || !certificate || !('certExpiry' in check)) return undefined;
  const { daysLeft, urgency } = certificateExpiry(
    certificate.notAfter,
    context.now,
    check.certExpiry,
  );
  if (!urgency) return undefined;
  const date = certificate.notAfter.slice(0, 10);
  const when =
    daysLeft < 0
      ? `expired on ${date}`
      : `expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${date})`;
  return {
    ...base(status, externalId, certificate.expiringSince ?? context.now, context),
    title: `${check.name}: certificate ${when}`,
    urgency,
    labels: { ...labelsOf(status), phase: 'tls', certificate: 'expiry' },
    annotations: {
      'not after': certificate.notAfter,
      'days left': String(daysLeft),
      ...(certificate.issuer && { issuer: certificate.issuer }),
    },
  };
}

function base(status: CheckStatus, externalId: string, since: number, context: Context) {
  const ackedAt = status.acknowledgedAt(externalId);
  return {
    key: incidentKey(context.sourceId, externalId),
    sourceId: context.sourceId,
    externalId,
    service: status.check.name,
    status: ackedAt === undefined ? ('triggered' as const) : ('acknowledged' as const),
    createdAt: new Date(since).toISOString(),
    ...(ackedAt !== undefined && { acknowledgedAt: new Date(ackedAt).toISOString() }),
    assignedToMe: true,
    assignees: ackedAt === undefined ? [] : [context.responderName],
    links: [],
    // Resolving is the check's to do, when it passes again.
    capabilities: { ...noCapabilities, ack: true },
  };
}

function labelsOf({ check }: CheckStatus): Record<string, string> {
  return { check: check.name, kind: check.kind, target: checkTarget(check) };
}

/** "recovering (1 of 2 passes), flapping: 5 changes in 30 min". */
function stateWords({ flap, settings }: CheckStatus): string {
  const counts =
    flap.state === 'recovering'
      ? ` (${flap.successesInARow} of ${settings.recoverAfter} passes)`
      : flap.state === 'pending'
        ? ` (${flap.failuresInARow} of ${settings.failAfter} failures)`
        : '';
  const flapping = flap.flapping
    ? `, flapping: ${flap.changes.length} changes in ${flapWindowMs / 60_000} min`
    : '';
  return `${flap.state}${counts}${flapping}`;
}

/** Everything a probe measured, as facts for the incident's detail. */
function resultFacts(result: ProbeResult): Record<string, string> {
  const facts: Record<string, string> = { timings: timingsLine(result) };
  if (result.address) facts.address = `${result.address} (${result.family ?? 'unknown family'})`;
  if (result.status !== undefined) facts['http status'] = String(result.status);
  const tls = result.tls;
  if (tls?.protocol) facts['tls protocol'] = tls.protocol;
  if (tls?.notAfter) facts['certificate not after'] = tls.notAfter;
  if (tls?.issuer) facts['certificate issuer'] = tls.issuer;
  if (tls?.authorizationError) facts['authorization error'] = tls.authorizationError;
  const dns = result.dns;
  if (dns?.answers.length) facts['dns answers'] = dns.answers.join(', ');
  if (dns?.systemLookupMs !== undefined) facts['system lookup'] = formatMs(dns.systemLookupMs);
  if (dns?.searchDelay)
    facts['resolv.conf'] = dns.searchDelay.resolvConf.join('\n') || '(no search or options lines)';
  return facts;
}

/** "dns 1.2 ms · connect 0.3 ms · … · total 5 ms", the phases the probe reached. */
function timingsLine({ phases }: ProbeResult): string {
  const reached = probePhases
    .filter((phase) => phases[phase] !== undefined)
    .map((phase) => `${phase} ${formatMs(phases[phase]!)}`);
  return [...reached, `total ${formatMs(phases.total)}`].join(' · ');
}
