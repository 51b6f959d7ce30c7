import { useState } from 'react';
import {
  selectAckShortcut,
  selectConfiguredSources,
  selectResponderName,
} from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { AckShortcutForm } from './ack-shortcut-form.js';
import { AlarmSoundForm } from './alarm-sound-form.js';
import { FastLaneForm } from './fast-lane-form.js';
import { isEditable } from './editing-source.js';
import { ResponderNameForm } from './responder-name-form.js';
import { RunbookSettingsForm } from './runbook-settings-form.js';
import { SourceForm } from './source-form.js';
import { SourceList } from './source-list.js';
import { StatusPageSettings } from './status-page-settings.js';
import { TestPageForm } from './test-page-form.js';

export function SettingsPage() {
  const sources = useAppStore(selectConfiguredSources);
  const responderName = useAppStore(selectResponderName);
  const ackShortcut = useAppStore(selectAckShortcut);
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = sources.filter(isEditable).find((s) => s.config.id === editingId);

  return (
    <div className="settings-page">
      <section className="settings-section" aria-labelledby="responder-heading">
        <h2 id="responder-heading">Responder</h2>
        {/* Keyed so a name saved elsewhere replaces what the box shows. */}
        <ResponderNameForm key={responderName} initialName={responderName} />
      </section>

      <section className="settings-section" aria-labelledby="alarm-heading">
        <h2 id="alarm-heading">Alarm</h2>
        <AlarmSoundForm />
        <FastLaneForm />
        <TestPageForm />
        {/* Keyed so a shortcut saved elsewhere replaces what the box shows. */}
        <AckShortcutForm key={ackShortcut ?? ''} initial={ackShortcut} />
      </section>

      <section className="settings-section" aria-labelledby="runbook-settings-heading">
        <h2 id="runbook-settings-heading">Runbooks and terminal</h2>
        <RunbookSettingsForm />
      </section>

      <section className="settings-section" aria-labelledby="sources-heading">
        <h2 id="sources-heading">Sources</h2>
        <SourceList
          sources={sources}
          editingId={editing?.config.id ?? null}
          onEdit={setEditingId}
        />
      </section>

      <section className="settings-section">
        {/* Keyed so switching sources (or back to "add") starts from a clean form, secrets included. */}
        <SourceForm
          key={editing?.config.id ?? 'new'}
          editing={editing}
          existingIds={sources.map((s) => s.config.id)}
          onDone={() => setEditingId(null)}
        />
      </section>

      <section className="settings-section" aria-labelledby="status-pages-heading">
        <h2 id="status-pages-heading">Status pages</h2>
        <StatusPageSettings />
      </section>
    </div>
  );
}
