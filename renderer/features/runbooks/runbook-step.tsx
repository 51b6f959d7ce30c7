import { useState } from 'react';
import type { RenderedStep } from '../../../electron/common/model/runbook.js';
import {
  checklistKey,
  type RunbookProgress,
} from '../../../electron/common/model/runbook-progress.js';
import { useAppStore } from '../../store/store-context.js';
import { ConfirmStepDialog } from './confirm-step-dialog.js';
import { InlineMarkdown } from './runbook-markdown.js';
import { stepOutcome } from './step-outcome.js';

type Props = {
  step: RenderedStep;
  progress: RunbookProgress;
  values: Readonly<Record<string, string>>;
  canRun: boolean;
};

/** A step: its command filled in for the incident, Run, Copy, its checklist and its last run. */
export function RunbookStep({ step, progress, values, canRun }: Props) {
  const runStep = useAppStore((s) => s.runStep);
  const tick = useAppStore((s) => s.tickChecklistItem);
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const dangerous = step.danger.length > 0;
  const blocked = step.command === undefined;
  const outcome = stepOutcome(progress.steps[step.name]);

  const copy = async () => {
    if (!step.command) return;
    try {
      await navigator.clipboard.writeText(step.command);
      setCopied('Copied');
    } catch {
      setCopied('Could not copy; select the command instead');
    }
  };

  return (
    <section
      className={`runbook-step${dangerous ? ' step-dangerous' : ''}`}
      data-testid="runbook-step"
      data-step={step.name}
      aria-label={`Step ${step.name}`}
    >
      <header className="step-header">
        <span className="step-name">{step.name}</span>
        {dangerous && (
          <span className="pill step-danger-pill" title={step.danger.join('; ')}>
            dangerous
          </span>
        )}
        {!step.inRunAll && !dangerous && !blocked && (
          <span className="pill step-pill" title="Not part of Run all">
            run by hand
          </span>
        )}
        <span className={`step-outcome outcome-${outcome.tone}`} data-testid="step-outcome">
          {outcome.text}
        </span>
      </header>
      {/* Focusable: a long command scrolls sideways, and a keyboard must be able to scroll it. */}
      <pre className="step-command" tabIndex={0}>
        <code>{step.command ?? step.template}</code>
      </pre>
      {blocked && (
        <p className="step-blocked" role="note">
          Cannot run: {step.blockedBy.join('; ')}.
        </p>
      )}
      {dangerous && <p className="step-why">Dangerous: {step.danger.join('; ')}.</p>}
      <div className="step-actions">
        <button
          type="button"
          className={`button button-small${dangerous ? '' : ' button-primary'}`}
          disabled={blocked || !canRun}
          onClick={() => (dangerous ? setConfirming(true) : void runStep(step.name))}
        >
          Run
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={blocked}
          onClick={() => void copy()}
        >
          Copy
        </button>
        <span className="form-note" aria-live="polite">
          {copied}
        </span>
      </div>
      {step.checklist.length > 0 && (
        <ul className="step-checklist">
          {step.checklist.map((item) => {
            const ticked = progress.ticked.includes(checklistKey(step.name, item.id));
            return (
              <li key={item.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={ticked}
                    onChange={(event) => void tick(step.name, item.id, event.target.checked)}
                  />{' '}
                  <InlineMarkdown markdown={item.text} values={values} />
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {confirming && (
        <ConfirmStepDialog
          step={step}
          onCancel={() => setConfirming(false)}
          onConfirm={(typed) => {
            setConfirming(false);
            void runStep(step.name, { ...(typed !== undefined && { typed }) });
          }}
        />
      )}
    </section>
  );
}
