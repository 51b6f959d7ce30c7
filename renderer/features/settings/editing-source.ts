import type { SourceView } from '../../../electron/contract/ipc-contract.js';
import type { AlertmanagerConfig } from '../../lib/contract-types.js';

/** The form edits Alertmanager sources only; drill has nothing worth editing. */
export type EditingSource = SourceView & { config: AlertmanagerConfig };

export function isEditable(source: SourceView): source is EditingSource {
  return source.config.kind === 'alertmanager';
}
