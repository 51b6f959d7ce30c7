import type { z } from 'zod';
import type { SecretName } from '../model/source-secrets.js';
import type { AssignmentKnowledge } from './ring-for.js';

/** Where a form field's value goes in an addSource request. */
export type FieldPath = `config.${string}` | `secrets.${SecretName}`;

interface FieldOption {
  readonly value: string;
  readonly label: string;
}

/**
 * One box of the settings form, in the form's order. `Config` is what the form holds while it
 * is being filled in: the config schema's input.
 */
export interface ProviderField<Config> {
  readonly path: FieldPath;
  readonly label: string;
  /**
   * `secret` is a password box whose value goes to the keychain, never to settings;
   * `url-list` is a box of URLs, one per line, held in the config as a list; `yaml` is a box of
   * YAML held in the config as the list or object it describes (the local health checks).
   */
  readonly input: 'text' | 'url' | 'email' | 'number' | 'select' | 'secret' | 'url-list' | 'yaml';
  /** A function when the example depends on another field, e.g. the region's API host. */
  readonly placeholder?: string | ((config: Config) => string | undefined);
  readonly hint?: string;
  /**
   * What the form says when the box is left empty. Without it, empty means "leave it out". A
   * secret needs it only while `requiredSecrets` names it and the keychain does not hold it.
   */
  readonly required?: string;
  readonly options?: readonly FieldOption[];
  /** Shown only while this holds, e.g. a username for basic auth. Secrets show when required. */
  readonly shownWhen?: (config: Config) => boolean;
}

/**
 * Everything the layers must agree on about one provider. Its source (the adapter) lives in
 * electron/core/sources/<kind>/; this is the part the window needs too.
 */
export interface ProviderDescriptor<Schema extends z.ZodObject> {
  readonly kind: z.output<Schema>['kind'];
  /** What the responder reads, e.g. in the Source type menu. */
  readonly label: string;
  readonly configSchema: Schema;
  /** Who its pages are for, as far as it can tell: decides the "Ring for" choices. */
  readonly assignment: AssignmentKnowledge;
  /** Which secrets this config needs from the keychain; the registry stores and asks for these. */
  requiredSecrets(config: z.input<Schema>): readonly SecretName[];
  /** The public API root this config talks to, unless its `apiBaseUrl` replaces it. */
  publicApi?(config: z.input<Schema>): string;
  /**
   * The largest answer one request of this kind may bring, in bytes: a larger one is refused
   * before it is buffered, and the source says so. Absent for a source that makes no requests.
   */
  readonly maxResponseBytes?: number;
  /**
   * The poll interval while the fast lane is on (the responder on call, or opted in): where
   * polling costs no rate budget (a self-hosted server), or the source takes a cheap look for
   * changes between full reads (ChangeCheck), or it fits a twentieth of the provider's limit.
   */
  readonly fastLaneSeconds?: number;
  /**
   * The label naming the rule an alert came from, where one rule fires many alerts at once
   * (Alertmanager's `alertname`): the incident list collapses such siblings into one row.
   */
  readonly siblingLabel?: string;
  /** One line for the settings list, e.g. "EU · dana@example.com". */
  summary(config: z.output<Schema>): string;
  /** Absent for a source nobody adds by hand (the built-in drill). */
  readonly form?: { readonly fields: readonly ProviderField<z.input<Schema>>[] };
}

/** Response caps are written in these. */
export const mebibyte = 1024 * 1024;
