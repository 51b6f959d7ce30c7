import type { Notice } from '../../../electron/common/contract/app-state.js';

type Props = { level: Notice['level']; message: string; onDismiss: () => void };

export function NoticeBanner({ level, message, onDismiss }: Props) {
  return (
    <div className={`banner banner-${level}`} data-testid="notice">
      <span className="banner-text">{message}</span>
      <button type="button" className="banner-dismiss" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
