import { useEffect } from 'react';
import { useAppStore } from '../../store/store-context.js';

/**
 * The store plays the alarm; this shows how that is going (on a hidden element, for tests) and,
 * when the browser refuses to play before a click, asks for one and retries on it.
 */
export function AlarmPlayer() {
  const state = useAppStore((s) => s.alarmPlayer.state);
  const heard = useAppStore((s) => s.alarmPlayer.heard);
  const retryAlarm = useAppStore((s) => s.retryAlarm);

  useEffect(() => {
    if (state !== 'blocked') return;
    const retry = () => retryAlarm();
    // Capture phase: a click the page handles (or stops) still counts as the user's permission.
    window.addEventListener('click', retry, true);
    window.addEventListener('keydown', retry, true);
    return () => {
      window.removeEventListener('click', retry, true);
      window.removeEventListener('keydown', retry, true);
    };
  }, [state, retryAlarm]);

  return (
    <>
      <div
        hidden
        data-testid="alarm-player"
        data-state={state}
        data-ring={heard?.ring ?? 0}
        data-sound={heard?.sound ?? ''}
      />
      {state === 'blocked' && (
        <div className="alarm-blocked" role="alert" data-testid="alarm-blocked">
          <span className="alarm-blocked-icon" aria-hidden="true">
            ♪
          </span>
          Click anywhere to let Onwatch sound the alarm
        </div>
      )}
    </>
  );
}
