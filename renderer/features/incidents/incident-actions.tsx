import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { actionWording } from '../../../electron/common/action-wording.js';
import type { IncidentAction } from '../../../electron/common/model/action.js';
import type { Incident } from '../../../electron/common/model/incident.js';
import {
  selectActionError,
  selectBusyActionTypes,
  selectIncidentActions,
} from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { ActionStatusList } from '../actions/action-status-list.js';
import { ActionPanel } from './action-panel.js';
import { availableSecondaryActions, type SecondaryAction } from './incident-action-model.js';

/**
 * Acknowledge and Resolve up front, the rest behind one small panel at a time. The status
 * shown for an action is the outbox's, so a retrying ack reads as such instead of a spinner.
 * Keyed by incident: another incident starts with every panel closed.
 */
export function IncidentActions({ incident }: { incident: Incident }) {
  const { key, capabilities, status } = incident;
  const busy = useAppStore(useShallow(selectBusyActionTypes(key)));
  const inFlight = useAppStore((s) => s.inFlight[key] ?? null);
  const actions = useAppStore(useShallow(selectIncidentActions(key)));
  const error = useAppStore(selectActionError(key));
  const ack = useAppStore((s) => s.ack);
  const resolve = useAppStore((s) => s.resolve);
  const act = useAppStore((s) => s.act);
  const panelRequest = useAppStore((s) => (s.panelRequest?.key === key ? s.panelRequest : null));
  const clearPanelRequest = useAppStore((s) => s.clearPanelRequest);
  const [open, setOpen] = useState<SecondaryAction | null>(panelRequest?.type ?? null);
  // A shortcut (`s`, `n`) asked for a panel: open it as this render's state, once per request.
  const [seenRequest, setSeenRequest] = useState(panelRequest?.seq);
  if (panelRequest && panelRequest.seq !== seenRequest) {
    setSeenRequest(panelRequest.seq);
    setOpen(panelRequest.type);
  }
  const toggles = useRef(new Map<SecondaryAction, HTMLButtonElement>());
  const returnFocusTo = useRef<SecondaryAction | null>(null);

  // The toggles come back when a panel closes; put focus back on the one that opened it.
  useEffect(() => {
    if (open !== null || returnFocusTo.current === null) return;
    toggles.current.get(returnFocusTo.current)?.focus();
    returnFocusTo.current = null;
  }, [open]);

  // Then forget it, so coming back to this incident later does not open it again.
  useEffect(() => {
    if (panelRequest) clearPanelRequest();
  }, [panelRequest, clearPanelRequest]);

  const canAck = capabilities.ack && status === 'triggered';
  const canUnack = capabilities.unack && status === 'acknowledged';
  const canResolve = capabilities.resolve && status !== 'resolved';
  const secondary = status === 'resolved' ? [] : availableSecondaryActions(capabilities);
  const hasControls = canAck || canUnack || canResolve || secondary.length > 0;
  const noteCarriers = [
    ...(canAck && !busy.includes('ack') ? (['ack'] as const) : []),
    ...(canResolve && !busy.includes('resolve') ? (['resolve'] as const) : []),
  ];

  function close() {
    returnFocusTo.current = open;
    setOpen(null);
  }
  async function submit(action: IncidentAction) {
    if (await act(key, action)) close();
  }

  return (
    <div className="incident-actions">
      {hasControls && (
        <div className="action-bar">
          {canAck && (
            <button
              type="button"
              className="button button-primary"
              disabled={busy.includes('ack')}
              onClick={() => void ack(key)}
            >
              {actionWording.ack.label}
            </button>
          )}
          {canUnack && (
            <button
              type="button"
              className="button"
              disabled={busy.includes('unack')}
              onClick={() => void act(key, { type: 'unack' })}
            >
              {actionWording.unack.label}
            </button>
          )}
          {canResolve && (
            <button
              type="button"
              className="button"
              disabled={busy.includes('resolve')}
              onClick={() => void resolve(key)}
            >
              {actionWording.resolve.label}
            </button>
          )}
          {open === null && secondary.length > 0 && (
            <span className="action-bar-more" role="group" aria-label="More actions">
              {secondary.map(({ type, label }) => (
                <button
                  key={type}
                  ref={(button) => {
                    if (button) toggles.current.set(type, button);
                    else toggles.current.delete(type);
                  }}
                  type="button"
                  className="button button-quiet"
                  // A second note is a new note; a second snooze while one is pending is a mistake.
                  disabled={type !== 'note' && busy.includes(type)}
                  onClick={() => setOpen(type)}
                >
                  {label}
                </button>
              ))}
            </span>
          )}
        </div>
      )}
      {open !== null && (
        <ActionPanel
          type={open}
          submitting={inFlight === open}
          onSubmit={(action) => void submit(action)}
          onCancel={close}
          noteCarriers={noteCarriers}
        />
      )}
      {/* Always mounted, so the first status line is announced too. */}
      <div className="action-live" aria-live="polite">
        {actions.length > 0 && <ActionStatusList actions={actions} />}
      </div>
      {error && (
        <p role="alert" className="action-error">
          Not sent: {error}
        </p>
      )}
    </div>
  );
}
