import { selectDrillIsDefault, selectNotices } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { BlindSourceBanners } from './blind-source-banner.js';
import { ReminderBanners } from '../status-page/reminder-banners.js';
import { NoticeBanner } from './notice-banner.js';

/** Everything the responder must not miss, above whichever page is open. */
export function Banners() {
  const reconnecting = useAppStore((s) => s.connection === 'reconnecting');
  const drillIsDefault = useAppStore(selectDrillIsDefault);
  const notices = useAppStore(selectNotices);
  const commandError = useAppStore((s) => s.commandError);
  const clearCommandError = useAppStore((s) => s.clearCommandError);
  const dismissNotice = useAppStore((s) => s.dismissNotice);

  return (
    <div className="banners" aria-live="polite">
      {reconnecting && (
        <div className="banner banner-error" data-testid="connection-banner">
          <span className="banner-text">Disconnected from Onwatch — reconnecting…</span>
        </div>
      )}
      <BlindSourceBanners />
      {drillIsDefault && (
        <div className="banner banner-info" data-testid="drill-banner">
          <span className="banner-text">
            Practice mode: these are drill incidents. Add a source in Settings to watch real pages.
          </span>
        </div>
      )}
      <ReminderBanners />
      {notices.map((notice) => (
        <NoticeBanner
          key={notice.id}
          level={notice.level}
          message={notice.message}
          onDismiss={() => void dismissNotice(notice.id)}
        />
      ))}
      {commandError && (
        <NoticeBanner level="error" message={commandError} onDismiss={clearCommandError} />
      )}
    </div>
  );
}
