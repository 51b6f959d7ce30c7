import { useShallow } from 'zustand/react/shallow';
import { selectBlindSources } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';

/**
 * A blind source is the most important thing on screen: pages may be arriving that nobody sees.
 * One banner per source, at the top of every page, with the reason and a Retry.
 */
export function BlindSourceBanners() {
  const blind = useAppStore(useShallow(selectBlindSources));
  const refreshSource = useAppStore((s) => s.refreshSource);
  return blind.map((source) => (
    <div
      key={source.id}
      className="banner banner-error banner-blind"
      data-testid="blind-banner"
      data-source-id={source.id}
    >
      <span className="banner-text">
        <strong>Onwatch cannot see {source.name}</strong> — you may be missing pages.
        {source.lastError && <> {source.lastError}</>}
      </span>
      <button
        type="button"
        className="button button-small"
        disabled={source.polling}
        onClick={() => void refreshSource(source.id)}
      >
        {source.polling ? 'Retrying…' : 'Retry'}
      </button>
    </div>
  ));
}
