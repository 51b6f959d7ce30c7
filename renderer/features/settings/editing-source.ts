import type { SourceView } from '../../../electron/common/contract/app-state.js';
import { providerOf } from '../../../electron/common/providers/index.js';
import type { EditableConfig } from './source-form-model.js';

/** The form edits every source whose provider has a form: all but the built-in drill. */
export type EditingSource = SourceView & { config: EditableConfig };

export function isEditable(source: SourceView): source is EditingSource {
  return 'form' in providerOf(source.config.kind);
}
