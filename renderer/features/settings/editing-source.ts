import type { SourceView } from '../../../electron/common/contract/app-state.js';
import type { EditableConfig } from '../../lib/contract-types.js';

/** The form edits every configured source but the built-in drill, which has nothing to edit. */
export type EditingSource = SourceView & { config: EditableConfig };

export function isEditable(source: SourceView): source is EditingSource {
  return source.config.kind !== 'drill';
}
