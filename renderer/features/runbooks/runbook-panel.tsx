import { useEffect, useState } from 'react';
import type { RunbookCandidate } from '../../../electron/common/model/runbook.js';
import { safeHttpUrl } from '../../lib/safe-url.js';
import { useAppStore } from '../../store/store-context.js';
import type { RunbookPanelState } from '../../store/types.js';
import { RunbookMarkdown } from './runbook-markdown.js';
import { RunbookStep } from './runbook-step.js';
import { TranscriptDialog } from './transcript-dialog.js';
import './runbooks.css';

type Open = Extract<RunbookPanelState, { status: 'open' }>;

const via: Record<RunbookCandidate['via'], string> = {
  'runbook-url': 'lists the alert’s runbook link',
  'url-path': 'is the file the alert’s runbook link names',
  'match-rule': 'matches the alert’s labels',
};

/** The runbook for the selected incident, beside its detail. */
export function RunbookPanel({ incidentKey }: { incidentKey: string }) {
  const panel = useAppStore((s) => s.runbookPanel);
  const showRunbookFor = useAppStore((s) => s.showRunbookFor);
  useEffect(() => {
    void showRunbookFor(incidentKey);
  }, [incidentKey, showRunbookFor]);

  return (
    <section className="runbook-panel" aria-label="Runbook" data-testid="runbook-panel">
      {panel.status === 'idle' || panel.status === 'loading' ? (
        <p className="muted">Looking for a runbook…</p>
      ) : panel.status === 'failed' ? (
        <p className="form-error">The runbook could not be loaded: {panel.error}</p>
      ) : panel.status === 'none' ? (
        <NoRunbook runbookUrl={panel.match.runbookUrl} />
      ) : panel.status === 'choose' ? (
        <ChooseRunbook candidates={panel.match.candidates} />
      ) : (
        <OpenRunbook panel={panel} />
      )}
    </section>
  );
}

function NoRunbook({ runbookUrl }: { runbookUrl?: string }) {
  const createRunbookDraft = useAppStore((s) => s.createRunbookDraft);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const href = runbookUrl && safeHttpUrl(runbookUrl);
  return (
    <div className="runbook-none" data-testid="runbook-none">
      <h2>No runbook for this alert</h2>
      {href ? (
        <p>
          None of Onwatch’s runbooks answers it. Its own runbook link opens in your browser:{' '}
          <a href={href} target="_blank" rel="noopener noreferrer">
            {href}
          </a>
        </p>
      ) : (
        <p>None of Onwatch’s runbooks answers it, and the alert carries no runbook link.</p>
      )}
      <button
        type="button"
        className="button"
        onClick={() =>
          void createRunbookDraft().then((result) =>
            setMessage(
              result.ok
                ? {
                    ok: true,
                    text: `Created ${result.value.path}; edit it there, it reloads as you save.`,
                  }
                : { ok: false, text: result.error },
            ),
          )
        }
      >
        Create a runbook for this alert
      </button>
      <p className={message?.ok === false ? 'form-error' : 'form-note'} aria-live="polite">
        {message?.text}
      </p>
    </div>
  );
}

function ChooseRunbook({ candidates }: { candidates: RunbookCandidate[] }) {
  const chooseRunbook = useAppStore((s) => s.chooseRunbook);
  return (
    <div className="runbook-choice">
      <h2>{candidates.length} runbooks answer this alert equally well</h2>
      <ul className="runbook-candidates">
        {candidates.map((candidate) => (
          <li key={candidate.runbookId}>
            <button
              type="button"
              className="button"
              onClick={() => void chooseRunbook(candidate.runbookId)}
            >
              {candidate.title}
            </button>{' '}
            <span className="muted">
              {candidate.path}: it {via[candidate.via]} ({candidate.rule})
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function OpenRunbook({ panel }: { panel: Open }) {
  const { runbook, progress, missingTools } = panel.view;
  const { chosen, match } = panel;
  const runbookError = useAppStore((s) => s.runbookError);
  const canRun = useAppStore((s) => s.terminalAccess?.enabled === true);
  const terminalId = useAppStore((s) => s.terminals[panel.key]?.id);
  const runAll = useAppStore((s) => (terminalId ? s.runAllStates[terminalId] : undefined));
  const runAllSteps = useAppStore((s) => s.runAllSteps);
  const stopRunAll = useAppStore((s) => s.stopRunAll);
  const showRunbookChoice = useAppStore((s) => s.showRunbookChoice);
  const [posting, setPosting] = useState(false);
  const runAllCount = runbook.steps.filter((step) => step.inRunAll).length;
  const ran = runbook.steps.filter((step) => progress.steps[step.name]).length;
  const running = runAll && !runAll.done;

  return (
    <article className="runbook" data-testid="runbook" data-runbook-id={runbook.id}>
      <header className="runbook-header">
        <h2 className="runbook-title">{runbook.title}</h2>
        <p className="runbook-source muted" data-testid="runbook-source">
          {runbook.origin === 'shipped' ? 'Shipped with Onwatch: ' : ''}
          <code>{runbook.path}</code>
        </p>
        <p className="runbook-why" data-testid="runbook-why">
          Opened because it {via[chosen.via]}: <code>{chosen.rule}</code>
          {match.candidates.length > 1 && (
            <>
              {' '}
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={showRunbookChoice}
              >
                {match.candidates.length - 1} more answer equally; choose another
              </button>
            </>
          )}
        </p>
        {missingTools.length > 0 && (
          <p className="runbook-warning">
            Not found on PATH: {missingTools.join(', ')}. Steps that use them will fail here.
          </p>
        )}
        <div className="runbook-actions">
          {running ? (
            <button type="button" className="button" onClick={() => void stopRunAll()}>
              Stop Run all
            </button>
          ) : (
            <button
              type="button"
              className="button"
              disabled={!canRun || runAllCount === 0}
              title="Runs the steps marked for it, one after another; never a dangerous one"
              onClick={() => void runAllSteps()}
            >
              Run all ({runAllCount})
            </button>
          )}
          <button type="button" className="button" onClick={() => setPosting(true)}>
            Post transcript
          </button>
          <span className="muted">
            {ran} of {runbook.steps.length} steps run · {progress.ticked.length} items ticked
          </span>
        </div>
        {runAll && (
          <p className="runbook-run-all" role="status">
            {runAll.done
              ? runAll.message
              : `Run all: ${runAll.current ?? 'starting'}; ${runAll.remaining.length} to go.`}
          </p>
        )}
        {runbookError && (
          <p className="form-error" role="alert" data-testid="runbook-error">
            {runbookError}
          </p>
        )}
      </header>
      {runbook.segments.map((segment, index) =>
        segment.kind === 'prose' ? (
          <RunbookMarkdown key={index} markdown={segment.markdown} values={runbook.values} />
        ) : (
          <RunbookStep
            key={runbook.steps[segment.step]!.name}
            step={runbook.steps[segment.step]!}
            progress={progress}
            values={runbook.values}
            canRun={canRun}
          />
        ),
      )}
      {posting && <TranscriptDialog onClose={() => setPosting(false)} />}
    </article>
  );
}
