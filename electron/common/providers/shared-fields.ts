import type { SecretName } from '../model/source-secrets.js';
import { regions, type Region } from '../model/source-fields.js';
import type { ProviderField } from './provider-descriptor.js';

// Form fields several providers share, written once.

export const nameField = (placeholder: string) =>
  ({
    path: 'config.name',
    label: 'Name',
    input: 'text',
    placeholder,
    required: 'A name is required',
  }) as const;

export const pollIntervalField = {
  path: 'config.pollIntervalSeconds',
  label: 'Poll interval (seconds)',
  input: 'number',
  required: 'A poll interval is required',
} as const;

export const secretField = (name: SecretName, label: string, hint?: string) =>
  ({
    path: `secrets.${name}`,
    label,
    input: 'secret',
    ...(hint && { hint }),
    required: `${label} is required`,
  }) as const;

/** The region menu names each region's API host, so the choice is never a guess. */
export const regionField = (hosts: Readonly<Record<Region, string>>) =>
  ({
    path: 'config.region',
    label: 'Region',
    input: 'select',
    options: regions.map((region) => ({
      value: region,
      label: `${region.toUpperCase()} (${new URL(hosts[region]).host})`,
    })),
  }) as const;

/** Shows the public host it would replace, so "advanced" says what it does. */
export function apiBaseUrlField<Config>(
  publicApi: (config: Config) => string,
): ProviderField<Config> {
  return {
    path: 'config.apiBaseUrl',
    label: 'API URL (advanced)',
    input: 'url',
    placeholder: publicApi,
    hint: 'Leave empty for the public API; set it for a proxy.',
  };
}
