import { lookup } from 'node:dns/promises';
import { Resolver } from 'node:dns/promises';
import type { DnsCheck } from '../../../../common/providers/health-check-schema.js';
import { PhaseTimer } from './phase-timer.js';
import type { DnsFacts, ProbeContext, ProbeResult } from './probe-result.js';
import { resolverSetup, searchDelayText } from './search-delay.js';
import { failure, formatMs, onDeadline } from './socket-events.js';

export interface DnsProbeOptions {
  /** Where the search and options lines are read from; the system's file by default. */
  resolvConfPath?: string;
}

/**
 * Asks the name server directly for the fully qualified name (c-ares: no search domains) and,
 * when the check uses the system's name servers, times the system lookup of the same name as
 * applications do it, so a search-domain or ndots delay is told apart from a slow server.
 */
export async function probeDns(
  check: DnsCheck,
  ctx: ProbeContext,
  options: DnsProbeOptions = {},
): Promise<ProbeResult> {
  const timer = new PhaseTimer(ctx.now, ['dns']);
  const resolver = new Resolver({ timeout: ctx.timeoutMs, tries: 1 });
  if (check.resolver) resolver.setServers([check.resolver]);
  const started = ctx.now();
  const system = check.resolver ? undefined : timeSystemLookup(check.query, ctx, started);
  const direct = query(resolver, check, ctx);
  const answered = await direct;
  timer.end('dns');
  const directMs = ctx.now() - started;
  resolver.cancel();
  if (answered.error !== undefined) {
    const name = `${check.query} ${check.recordType}`;
    return failure(`${name}: ${answered.error}`, 'dns', timer, { dns: { answers: [], directMs } });
  }
  const facts: DnsFacts = { answers: answered.answers, directMs };
  if (system) {
    facts.systemLookupMs = await system;
    const delay = searchDelayText(directMs, facts.systemLookupMs, ctx.timeoutMs);
    if (delay) {
      facts.searchDelay = { text: delay, resolvConf: await resolverSetup(options.resolvConfPath) };
      return failure(delay, 'dns', timer, { dns: facts });
    }
  }
  timer.finish();
  const wrong = wrongAnswers(answered.answers, check.expectAnswers);
  const result = { phases: timer.timings(), dns: facts };
  if (wrong) return { ...result, ok: false, summary: wrong, failedPhase: 'expectation' };
  return {
    ...result,
    ok: true,
    summary: `${answered.answers.join(', ')} in ${formatMs(directMs)}`,
  };
}

type Answer = { answers: string[]; error?: undefined } | { answers?: undefined; error: string };

function query(resolver: Resolver, check: DnsCheck, ctx: ProbeContext): Promise<Answer> {
  const fqdn = check.query.endsWith('.') ? check.query : `${check.query}.`;
  return new Promise((resolve) => {
    const undo = onDeadline(ctx.signal, () => {
      resolver.cancel();
      resolve({ error: `no answer within ${formatMs(ctx.timeoutMs)} (stuck in DNS)` });
    });
    answersOf(resolver, fqdn, check.recordType).then(
      (answers) => {
        undo();
        resolve({ answers });
      },
      (error: NodeJS.ErrnoException) => {
        undo();
        resolve({ error: dnsErrorWords[error.code ?? ''] ?? error.message });
      },
    );
  });
}

async function answersOf(resolver: Resolver, name: string, type: DnsCheck['recordType']) {
  switch (type) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'NS':
      return resolver.resolveNs(name);
    case 'MX':
      return (await resolver.resolveMx(name)).map((mx) => `${mx.priority} ${mx.exchange}`);
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
    case 'SRV':
      return (await resolver.resolveSrv(name)).map(
        (srv) => `${srv.priority} ${srv.weight} ${srv.port} ${srv.name}`,
      );
  }
}

/** The system lookup's time, or undefined when it had not answered by the deadline. */
function timeSystemLookup(
  name: string,
  ctx: ProbeContext,
  started: number,
): Promise<number | undefined> {
  return new Promise((resolve) => {
    const undo = onDeadline(ctx.signal, () => resolve(undefined));
    // getaddrinfo cannot be cancelled; its late answer is simply not waited for.
    const done = () => {
      undo();
      resolve(ctx.now() - started);
    };
    lookup(name.replace(/\.$/, '')).then(done, done);
  });
}

const dnsErrorWords: Record<string, string> = {
  ENOTFOUND: 'no such name (NXDOMAIN)',
  ENODATA: 'the name exists but has no records of this type',
  ESERVFAIL: 'the name server failed to answer (SERVFAIL)',
  EREFUSED: 'the name server refused the query (REFUSED)',
  ETIMEOUT: 'the name server did not answer in time',
  ECONNREFUSED: 'nothing answers DNS at the resolver address (connection refused)',
  EBADRESP: 'the name server sent a malformed answer',
};

const normalise = (answer: string) => answer.trim().toLowerCase().replace(/\.$/, '');

/** What differs from the expected answers, in words; undefined when they match as sets. */
export function wrongAnswers(answers: string[], expected?: string[]): string | undefined {
  if (answers.length === 0) return 'no answers';
  if (!expected) return undefined;
  const got = [...new Set(answers.map(normalise))].sort();
  const want = [...new Set(expected.map(normalise))].sort();
  if (got.join('\n') === want.join('\n')) return undefined;
  return `answered ${got.join(', ')}, expected ${want.join(', ')}`;
}
