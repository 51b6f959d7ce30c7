import type { SourceView } from '../../../electron/common/contract/app-state.js';
import { ConfiguredSource } from './configured-source.js';

type Props = {
  sources: SourceView[];
  editingId: string | null;
  onEdit: (id: string) => void;
  /** Starts a Jira Service Management source from an Opsgenie one's settings. */
  onMove: (id: string) => void;
};

export function SourceList({ sources, editingId, onEdit, onMove }: Props) {
  if (sources.length === 0) {
    return (
      <p className="muted">No sources yet. Until you add one, Onwatch plays drill incidents.</p>
    );
  }
  return (
    <ul className="configured-sources">
      {sources.map((source) => (
        <ConfiguredSource
          key={source.config.id}
          source={source}
          editing={source.config.id === editingId}
          onEdit={() => onEdit(source.config.id)}
          onMove={() => onMove(source.config.id)}
        />
      ))}
    </ul>
  );
}
