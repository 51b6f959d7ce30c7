import { useState } from 'react';
import { sourceMove } from '../../../electron/common/providers/opsgenie-to-jsm.js';
import {
  selectAckShortcut,
  selectConfiguredSources,
  selectResponderName,
} from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { AckShortcutForm } from './ack-shortcut-form.js';
import { AlarmSoundForm } from './alarm-sound-form.js';
import { FastLaneForm } from './fast-lane-form.js';
import { ShiftReminderForm } from './shift-reminder-form.js';
import { isEditable } from './editing-source.js';
import { ResponderNameForm } from './responder-name-form.js';
import { RunbookSettingsForm } from './runbook-settings-form.js';
import { SourceForm } from './source-form.js';
import { formValuesForMove } from './source-form-model.js';
import { SourceList } from './source-list.js';
import { StatusPageSettings } from './status-page-settings.js';
import { TestPageForm } from './test-page-form.js';

export function SettingsPage() {
  const sources = useAppStore(selectConfiguredSources);
  const responderName = useAppStore(selectResponderName);
  const ackShortcut = useAppStore(selectAckShortcut);
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = sources.filter(isEditable).find((s) => s.config.id === editingId);
  const [movingId, setMovingId] = useState<string | null>(null);
  const moving = editing ? undefined : sources.find((s) => s.config.id === movingId)?.config;
  const move = moving && sourceMove(moving);
  const prefill = move && {
    values: formValuesForMove(move),
    heading: `Move “${moving.name}” to ${move.to.name}`,
  };

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
        <ShiftReminderForm />
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
          onEdit={(id) => {
            setMovingId(null);
            setEditingId(id);
          }}
          onMove={(id) => {
            setEditingId(null);
            setMovingId(id);
          }}
        />
      </section>

      <section className="settings-section">
        {/* Keyed so switching sources (or back to "add") starts from a clean form, secrets included. */}
        <SourceForm
          key={editing?.config.id ?? (prefill ? `move-${movingId}` : 'new')}
          editing={editing}
          prefill={prefill}
          existingIds={sources.map((s) => s.config.id)}
          onDone={() => {
            setEditingId(null);
            setMovingId(null);
          }}
        />
      </section>

      <section className="settings-section" aria-labelledby="status-pages-heading">
        <h2 id="status-pages-heading">Status pages</h2>
        <StatusPageSettings />
      </section>
    </div>
  );
}
