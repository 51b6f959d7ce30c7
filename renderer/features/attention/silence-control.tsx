import { formatUpcoming } from '../../lib/format-time.js';
import { useNow } from '../../lib/use-now.js';
import { selectAlarmIsLoud, selectSilencedUntil } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { SilenceButton } from './silence-button.js';

/** The header's way to hush every alarm without acknowledging, and to undo it. */
export function SilenceControl() {
  const silencedUntil = useAppStore(selectSilencedUntil);
  const loud = useAppStore(selectAlarmIsLoud);
  const unsilenceAlarm = useAppStore((s) => s.unsilenceAlarm);
  const now = useNow(30_000);
  if (silencedUntil) {
    return (
      <span className="silence-control" data-testid="silence-control">
        <span className="silenced-text">
          Alarm silenced until {formatUpcoming(silencedUntil, now)}
        </span>
        <button type="button" className="button button-small" onClick={() => void unsilenceAlarm()}>
          Unsilence
        </button>
      </span>
    );
  }
  return loud ? <SilenceButton className="button button-small button-alarm" /> : null;
}
