import { useState } from 'react';
import { selectStatusPages, selectStatusPageSettings } from '../../store/status-page-selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { MappingRulesEditor } from './mapping-rules-editor.js';
import { StatusPageConnectForm } from './status-page-connect-form.js';

/** Connected status pages, each with its component rules, and the form to connect another. */
export function StatusPageSettings() {
  const settings = useAppStore(selectStatusPageSettings);
  const pages = useAppStore(selectStatusPages);
  const removeStatusPage = useAppStore((s) => s.removeStatusPage);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editing = settings.find((s) => s.config.id === editingId);

  async function remove(id: string) {
    const result = await removeStatusPage(id);
    setError(result.ok ? null : result.error);
  }

  return (
    <>
      <ul className="configured-sources" aria-label="Connected status pages">
        {settings.map((setting) => {
          const { config } = setting;
          const page = pages.find((p) => p.id === config.id);
          return (
            <li key={config.id} className="configured-source" data-testid="configured-status-page">
              <div className="configured-source-info">
                <span className="configured-source-name">{config.name}</span>
                <span className="configured-source-detail">
                  {page?.view ? `${page.view.pageName}, ` : ''}
                  {config.mappings.length} component rule{config.mappings.length === 1 ? '' : 's'}
                  {!setting.apiKeyConfigured && ' · API key missing'}
                  {page?.health === 'failed' && ` · ${page.error ?? 'not reachable'}`}
                </span>
              </div>
              <div className="configured-source-actions">
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setEditingId(config.id)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={() => void remove(config.id)}
                >
                  Remove
                </button>
              </div>
              <MappingRulesEditor
                key={JSON.stringify(config.mappings)}
                setting={setting}
                catalog={page?.view?.catalog}
              />
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <StatusPageConnectForm
        key={editing?.config.id ?? 'new'}
        {...(editing ? { editing } : {})}
        existingIds={settings.map((s) => s.config.id)}
        onDone={() => setEditingId(null)}
      />
    </>
  );
}
