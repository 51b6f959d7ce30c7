import { useState } from 'react';
import type { SourceView } from '../../../electron/common/contract/app-state.js';
import type { SourceConfig } from '../../../electron/common/model/source-config.js';
import { providerOf } from '../../../electron/common/providers/index.js';
import { formatDuration } from '../../../electron/common/time-format.js';
import { useAppStore } from '../../store/store-context.js';
import { isEditable } from './editing-source.js';

type Props = { source: SourceView; editing: boolean; onEdit: () => void };

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

/** Removal is confirmed in-page: window.confirm blocks the renderer and is easy to click through. */
export function ConfiguredSource({ source, editing, onEdit }: Props) {
  const removeSource = useAppStore((s) => s.removeSource);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { config } = source;

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
