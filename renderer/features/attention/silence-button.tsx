import { formatDuration } from '../../../electron/common/time-format.js';
import { useAppStore } from '../../store/store-context.js';

// Sent explicitly, so the label stays true whatever the configured default silence is.
const silenceMinutes = 5;

export function SilenceButton({ className }: { className: string }) {
  const silenceAlarm = useAppStore((s) => s.silenceAlarm);
  return (
    <button type="button" className={className} onClick={() => void silenceAlarm(silenceMinutes)}>
      Silence alarm {formatDuration(silenceMinutes * 60_000)}
    </button>
  );
}
