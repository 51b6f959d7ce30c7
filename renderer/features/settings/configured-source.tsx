import { useState } from 'react';
import type { SourceView } from '../../../electron/common/contract/app-state.js';
import type { SourceConfig } from '../../../electron/common/model/source-config.js';
import { providerOf } from '../../../electron/common/providers/index.js';
import { sourceMove } from '../../../electron/common/providers/opsgenie-to-jsm.js';
import { formatDuration } from '../../../electron/common/time-format.js';
import { useAppStore } from '../../store/store-context.js';
import { isEditable } from './editing-source.js';

type Props = { source: SourceView; editing: boolean; onEdit: () => void; onMove: () => void };

function describe(source: SourceView): string {
  const { config } = source;
  // Each descriptor summarises its own config; the kind picks the one that matches.
  const summary = providerOf(config.kind).summary as (c: SourceConfig) => string;
  return [
    summary(config),
    ...(isEditable(source)
      ? [`every ${formatDuration(config.pollIntervalSeconds * 1000, { smallest: 'second' })}`]
      : []),
    ...('apiBaseUrl' in config && config.apiBaseUrl ? [`via ${config.apiBaseUrl}`] : []),
  ].join(' · ');
}

/** "5 April 2027": a date only, read the same in every time zone. */
function formatDay(isoDate: string): string {
  return new Date(`${isoDate}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** Removal is confirmed in-page: window.confirm blocks the renderer and is easy to click through. */
export function ConfiguredSource({ source, editing, onEdit, onMove }: Props) {
  const removeSource = useAppStore((s) => s.removeSource);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { config } = source;
  const move = sourceMove(config);

  async function remove() {
    setRemoving(true);
    const result = await removeSource(config.id);
    setRemoving(false);
    setConfirming(false);
    if (!result.ok) setError(result.error);
  }

  return (
    <li
      className={`configured-source${editing ? ' is-editing' : ''}`}
      data-testid="configured-source"
      data-source-id={config.id}
    >
      <div className="configured-source-info">
        <span className="configured-source-name">{config.name}</span>
        <span className="source-badge">{config.kind}</span>
        <span className="configured-source-detail">{describe(source)}</span>
        {move && (
          <span className="configured-source-detail" data-testid="api-ends">
            {providerOf(config.kind).label}’s API ends on {formatDay(move.endsOn)}, and a migrated
            account is switched off 120 days after its migration: move to {move.to.name} before
            then.
          </span>
        )}
      </div>
      {confirming ? (
        <div className="confirm" role="group" aria-label={`Confirm removal of ${config.name}`}>
          <span>Remove “{config.name}”? Its incidents leave Onwatch.</span>
          <button
            type="button"
            className="button button-danger button-small"
            disabled={removing}
            onClick={() => void remove()}
          >
            Yes, remove
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => setConfirming(false)}
          >
            Cancel
          </button>
        </div>
      ) : (
        <div className="configured-source-actions">
          {isEditable(source) && (
            <button type="button" className="button button-small" onClick={onEdit}>
              Edit
            </button>
          )}
          {move && (
            <button type="button" className="button button-small" onClick={onMove}>
              Move to {move.to.name}
            </button>
          )}
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setError(null);
              setConfirming(true);
            }}
          >
            Remove
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </li>
  );
}
