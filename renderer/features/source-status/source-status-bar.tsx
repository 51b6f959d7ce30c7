import { useState } from 'react';
import { useNow } from '../../lib/use-now.js';
import { selectSourceStatuses } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { SourceChip } from './source-chip.js';

export function SourceStatusBar() {
  const sources = useAppStore(selectSourceStatuses);
  const refresh = useAppStore((s) => s.refresh);
  const [refreshing, setRefreshing] = useState(false);
  const now = useNow(30_000);

  async function refreshAll() {
    setRefreshing(true);
    await refresh();
    setRefreshing(false);
  }

  return (
    <footer className="status-bar">
      <ul className="source-chips" aria-label="Sources">
        {sources.map((source) => (
          <SourceChip key={source.id} source={source} now={now} />
        ))}
      </ul>
      <button
        type="button"
        className="button button-small"
        aria-busy={refreshing}
        disabled={refreshing}
        onClick={() => void refreshAll()}
      >
        Refresh all
      </button>
    </footer>
  );
}
