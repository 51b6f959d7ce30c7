import { useState } from 'react';
import type { StatusPageSetting } from '../../../electron/common/contract/status-page-state.js';
import type { ComponentMappingRule } from '../../../electron/common/model/status-page-config.js';
import type { ComponentCatalog } from '../../../electron/common/model/status-page-view.js';
import { FormField } from '../../components/form-field.js';
import { selectSourceStatuses } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { labelMatchersText, parseLabelMatchers } from './label-matcher-text.js';

/** A rule as the form holds it: labels as text until saved. */
interface RuleRow {
  sourceId: string;
  service: string;
  labels: string;
  componentIds: string[];
}

const toRow = (rule: ComponentMappingRule): RuleRow => ({
  sourceId: rule.sourceId ?? '',
  service: rule.service ?? '',
  labels: labelMatchersText(rule.labels),
  componentIds: rule.componentIds,
});

/** The rules back, or the first row that does not make one. */
function toRules(rows: RuleRow[]): { rules: ComponentMappingRule[] } | { error: string } {
  const rules: ComponentMappingRule[] = [];
  for (const [index, row] of rows.entries()) {
    const labels = parseLabelMatchers(row.labels);
    const which = `Rule ${index + 1}`;
    if (!labels.ok) return { error: `${which}: ${labels.error}` };
    if (row.componentIds.length === 0) return { error: `${which}: choose at least one component` };
    if (!row.sourceId && !row.service.trim() && labels.matchers.length === 0) {
      return { error: `${which}: match by source, service or at least one label` };
    }
    rules.push({
      componentIds: row.componentIds,
      ...(row.sourceId ? { sourceId: row.sourceId } : {}),
      ...(row.service.trim() ? { service: row.service.trim() } : {}),
      ...(labels.matchers.length > 0 ? { labels: labels.matchers } : {}),
    });
  }
  return { rules };
}

type Props = { setting: StatusPageSetting; catalog: ComponentCatalog | undefined };

/**
 * Which components an incident touches, by source, service and label matchers (every condition
 * given must hold), so the form preselects them. A group stands for its components.
 */
export function MappingRulesEditor({ setting, catalog }: Props) {
  const saveStatusPage = useAppStore((s) => s.saveStatusPage);
  const sources = useAppStore(selectSourceStatuses);
  const [rows, setRows] = useState(() => setting.config.mappings.map(toRow));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  if (!catalog)
    return <p className="muted">The rules can be edited once the page has been read.</p>;
  const choices = [
    ...catalog.groups.map((g) => ({ id: g.id, name: `${g.name} (group)` })),
    ...catalog.components.map((c) => ({ id: c.id, name: c.name })),
  ];
  const change = (index: number, patch: Partial<RuleRow>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  async function save() {
    const parsed = toRules(rows);
    if ('error' in parsed) return setStatus({ ok: false, text: parsed.error });
    const result = await saveStatusPage('edit', {
      config: { ...setting.config, mappings: parsed.rules },
    });
    setStatus(result.ok ? { ok: true, text: 'Rules saved.' } : { ok: false, text: result.error });
  }

  return (
    <form
      className="source-form"
      aria-label={`Component rules of ${setting.config.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3>Component rules</h3>
      {rows.length === 0 && (
        <p className="muted">No rule yet: the form starts with no component chosen.</p>
      )}
      {rows.map((row, index) => (
        <fieldset key={index} className="sp-rule" aria-label={`Rule ${index + 1}`}>
          <legend>Rule {index + 1}</legend>
          <div className="form-grid">
            <FormField label="Source">
              {(control) => (
                <select
                  {...control}
                  value={row.sourceId}
                  onChange={(e) => change(index, { sourceId: e.target.value })}
                >
                  <option value="">Any source</option>
                  {sources.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField label="Service">
              {(control) => (
                <input
                  {...control}
                  value={row.service}
                  onChange={(e) => change(index, { service: e.target.value })}
                />
              )}
            </FormField>
            <FormField label="Labels" hint="e.g. team=payments, env!=staging, alertname=~Api.*">
              {(control) => (
                <input
                  {...control}
                  value={row.labels}
                  onChange={(e) => change(index, { labels: e.target.value })}
                />
              )}
            </FormField>
          </div>
          <div className="sp-picker">
            {choices.map((choice) => (
              <label key={choice.id} className="sp-choice">
                <input
                  type="checkbox"
                  checked={row.componentIds.includes(choice.id)}
                  onChange={(e) =>
                    change(index, {
                      componentIds: e.target.checked
                        ? [...row.componentIds, choice.id]
                        : row.componentIds.filter((id) => id !== choice.id),
                    })
                  }
                />{' '}
                {choice.name}
              </label>
            ))}
          </div>
          <button
            type="button"
            className="button button-small"
            onClick={() => setRows(rows.filter((_, i) => i !== index))}
          >
            Remove rule
          </button>
        </fieldset>
      ))}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() =>
            setRows([...rows, { sourceId: '', service: '', labels: '', componentIds: [] }])
          }
        >
          Add rule
        </button>
        <button type="submit" className="button button-primary">
          Save rules
        </button>
      </div>
      {status && (
        <p role="status" className={status.ok ? 'form-note' : 'form-error'}>
          {status.text}
        </p>
      )}
    </form>
  );
}
