/** How a source is made: what every provider folder's factory takes and returns. */
import type { SourceConfig, SourceKind } from '../../common/model/source-config.js';
import type { SourceSecrets } from '../../common/model/source-secrets.js';
import type { Clock } from '../ports/clock.js';
import type { LocalAckStore } from './local-ack-store.js';
import type { SharedLimits } from './rate-limit/shared-limits.js';
import type { SourceHandover } from './source-handover.js';
import type { Source } from './source.js';

export interface SourceDependencies {
  clock: Clock;
  responderName: () => string;
  /** The provider budgets every source of one core shares, e.g. two sources with one key. */
  rateLimits: SharedLimits;
  /** State a restarted source takes over from its predecessor; absent, a restart starts afresh. */
  handover?: SourceHandover;
  /** A source's checks (see Source.checks) changed outside a poll: a probe came back. */
  checksChanged?: () => void;
  /** Where monitors without acks of their own keep Onwatch's, across restarts. */
  ackStore?: LocalAckStore;
}

/** May load the provider's code first: each provider's folder is loaded with its first source. */
export type SourceFactory = (
  config: SourceConfig,
  secrets: SourceSecrets,
  deps: SourceDependencies,
) => Source | Promise<Source>;

/** What each provider's folder exports: a source for one config of its own kind. */
export type ProviderFactory<K extends SourceKind> = (
  config: Extract<SourceConfig, { kind: K }>,
  secrets: SourceSecrets,
  deps: SourceDependencies,
) => Source;
