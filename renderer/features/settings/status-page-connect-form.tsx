import { useState } from 'react';
import type { StatusPageSetting } from '../../../electron/common/contract/status-page-state.js';
import {
  defaultStatusPageReminders,
  type StatusPageConfig,
} from '../../../electron/common/model/status-page-config.js';
import { FormField } from '../../components/form-field.js';
import { deriveSourceId } from '../../lib/source-id.js';
import { useAppStore } from '../../store/store-context.js';

type Props = { editing?: StatusPageSetting; existingIds: string[]; onDone(): void };
type ReachablePage = { id: string; name: string; components: number };

const statuspageApi = 'https://api.statuspage.io/v1';
const storedPlaceholder = '•••••• (stored in keychain)';

/**
 * Connects a Statuspage page: the key goes to the keychain on save and is never shown again;
 * Test connection lists the pages the key reaches, named and with their component counts,
 * and the responder picks one.
 */
export function StatusPageConnectForm({ editing, existingIds, onDone }: Props) {
  const testStatusPage = useAppStore((s) => s.testStatusPage);
  const saveStatusPage = useAppStore((s) => s.saveStatusPage);
  const config = editing?.config.kind === 'statuspage' ? editing.config : undefined;
  const [name, setName] = useState(config?.name ?? '');
  const [apiKey, setApiKey] = useState('');
  const [apiBaseUrl, setApiBaseUrl] = useState(config?.apiBaseUrl ?? '');
  const [pageId, setPageId] = useState(config?.pageId ?? '');
  const [reminders, setReminders] = useState(config?.reminders ?? defaultStatusPageReminders);
  const [pages, setPages] = useState<ReachablePage[] | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const keyStored = editing?.apiKeyConfigured ?? false;

  const connection = () => ({
    ...(config ? { id: config.id } : {}),
    ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
    ...(apiBaseUrl.trim() ? { apiBaseUrl: apiBaseUrl.trim() } : {}),
  });

  async function test() {
    setBusy(true);
    const result = await testStatusPage(connection());
    setBusy(false);
    if (!result.ok) return setStatus({ ok: false, text: result.error });
    if (!result.value.ok) return setStatus({ ok: false, text: result.value.error });
    const found = result.value.pages;
    setPages(found);
    if (!found.some((p) => p.id === pageId)) setPageId(found[0]?.id ?? '');
    const listed = found.map((p) => `${p.name} (${p.components} components)`).join(', ');
    setStatus({ ok: true, text: `Connected: ${listed}` });
  }

  async function save() {
    const chosen = pages?.find((p) => p.id === pageId);
    const next: StatusPageConfig = {
      kind: 'statuspage',
      id: config?.id ?? deriveSourceId(name || chosen?.name || 'status page', existingIds),
      name: name.trim() || chosen?.name || '',
      pageId,
      ...(apiBaseUrl.trim() ? { apiBaseUrl: apiBaseUrl.trim() } : {}),
      mappings: config?.mappings ?? [],
      reminders,
    };
    setBusy(true);
    const result = await saveStatusPage(config ? 'edit' : 'add', {
      config: next,
      ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
    });
    setBusy(false);
    if (!result.ok) return setStatus({ ok: false, text: result.error });
    setApiKey('');
    onDone();
  }

  return (
    <form
      className="source-form"
      aria-label={config ? `Edit status page ${config.name}` : 'Connect a status page'}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3>{config ? `Edit ${config.name}` : 'Connect a Statuspage page'}</h3>
      <div className="form-grid">
        <FormField label="Status page name" hint="Shown in Onwatch; the page's own name if blank.">
          {(control) => (
            <input {...control} value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </FormField>
        <FormField
          label="Statuspage key"
          hint="Your Statuspage API key, from your profile; kept in the keychain."
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="off"
              value={apiKey}
              placeholder={keyStored ? storedPlaceholder : ''}
              onChange={(e) => setApiKey(e.target.value)}
            />
          )}
        </FormField>
        <FormField
          label="Statuspage address (advanced)"
          hint="The API root; Atlassian's unless you use a proxy."
        >
          {(control) => (
            <input
              {...control}
              value={apiBaseUrl}
              placeholder={statuspageApi}
              onChange={(e) => setApiBaseUrl(e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Page" hint={pages ? undefined : 'Test the connection to list the pages.'}>
          {(control) => (
            <select {...control} value={pageId} onChange={(e) => setPageId(e.target.value)}>
              {!pages && pageId && <option value={pageId}>{pageId}</option>}
              {!pages && !pageId && <option value="">—</option>}
              {pages?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.components} components)
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          label="Resolve reminder after (minutes)"
          hint="After the page resolves while the status page still shows the incident; 0 reminds at once."
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              value={reminders.resolveGraceMinutes}
              onChange={(e) =>
                setReminders({ ...reminders, resolveGraceMinutes: Number(e.target.value) })
              }
            />
          )}
        </FormField>
        <FormField
          label="Offer to declare after (minutes)"
          hint="A high-urgency page on mapped components, with nothing on the status page."
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              value={reminders.declareAfterMinutes}
              onChange={(e) =>
                setReminders({ ...reminders, declareAfterMinutes: Number(e.target.value) })
              }
            />
          )}
        </FormField>
      </div>
      <div className="form-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void test()}>
          Test Statuspage connection
        </button>
        <button type="submit" className="button button-primary" disabled={busy || !pageId}>
          {config ? 'Save status page' : 'Connect status page'}
        </button>
        {config && (
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
      {status && (
        <p
          role="status"
          className={status.ok ? 'form-note' : 'form-error'}
          data-testid="sp-test-result"
        >
          {status.text}
        </p>
      )}
    </form>
  );
}
