import { useCallback, useMemo, useState } from 'react';
import Markdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import type { ReportShift } from '../../../electron/common/model/shift-report.js';
import { shiftReportMarkdown } from '../../../electron/common/shift-report-markdown.js';
import { useOutcome } from '../../lib/use-outcome.js';
import { useAppStore } from '../../store/store-context.js';
import { ExternalLink } from '../incidents/external-link.js';
import { LoadError } from '../../components/load-error.js';

type Result = { ok: boolean; text: string };

/** Links go to a new window, never over Onwatch's own; only http(s) ones are clickable. */
const components: Components = {
  a: ({ href, children }) => <ExternalLink label={String(children ?? '')} url={href ?? ''} />,
};

/**
 * One shift's report: the figures Onwatch kept, the watch items the outgoing responder types,
 * and the ways to hand it over (copy, save, post on what is still open). The preview is the
 * very Markdown that is copied, rendered sanitized.
 */
export function ShiftReportView({ shift, onClose }: { shift: ReportShift; onClose(): void }) {
  const loadShiftReport = useAppStore((s) => s.loadShiftReport);
  const copyShiftReport = useAppStore((s) => s.copyShiftReport);
  const saveShiftReport = useAppStore((s) => s.saveShiftReport);
  const postShiftReport = useAppStore((s) => s.postShiftReport);
  const [watchItems, setWatchItems] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [posting, setPosting] = useState(false);

  const load = useCallback(() => loadShiftReport(shift), [loadShiftReport, shift]);
  const { value: report, error, reload: refresh } = useOutcome(load);

  const markdown = useMemo(
    () => (report ? shiftReportMarkdown(report, watchItems) : ''),
    [report, watchItems],
  );
  const noteTargets = report?.stillOpen.filter((incident) => incident.takesNotes).length ?? 0;

  const copy = async () => {
    if (!report) return;
    const outcome = await copyShiftReport(report, watchItems);
    setResult(
      outcome.ok
        ? { ok: true, text: 'Copied as Markdown.' }
        : { ok: false, text: `Could not copy: ${outcome.error}` },
    );
  };
  const save = () => {
    if (!report) return;
    const outcome = saveShiftReport(report, watchItems);
    setResult(
      outcome.ok
        ? { ok: true, text: `Saved as ${outcome.value.fileName}.` }
        : { ok: false, text: outcome.error },
    );
  };
  const post = async () => {
    if (!report) return;
    setPosting(true);
    const outcome = await postShiftReport(report, watchItems);
    setPosting(false);
    if (!outcome.ok) return setResult({ ok: false, text: outcome.error });
    const { queued, failed } = outcome.value;
    setResult({
      ok: failed.length === 0,
      text:
        `Posting as a note on ${queued} open incident${queued === 1 ? '' : 's'} (see the outbox).` +
        (failed.length > 0 ? ` Not on: ${failed.join(', ')}.` : ''),
    });
  };

  return (
    <div
      className="shift-report"
      data-testid="shift-report"
      role="region"
      aria-label="Shift report"
    >
      <div className="shift-report-bar">
        <strong className="shift-report-title">Shift report: {shift.scheduleName}</strong>
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => void refresh()}
        >
          Refresh
        </button>
        <button type="button" className="button button-small button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      <LoadError error={error} />
      {report && (
        <>
          <p className="shift-report-summary" data-testid="report-pages">
            {report.pages.total} page{report.pages.total === 1 ? '' : 's'} ({report.pages.high}{' '}
            high, {report.pages.low} low; {report.pages.night} at night) · {report.stillOpen.length}{' '}
            still open · {report.blind.length} blind spell
            {report.blind.length === 1 ? '' : 's'}
          </p>
          <label className="field shift-report-watch">
            <span className="field-label">Watch items (one per line)</span>
            <textarea
              value={watchItems}
              onChange={(event) => setWatchItems(event.target.value)}
              rows={3}
              placeholder="e.g. db-replica-2 disk is at 91%: if it pages again, run the vacuum runbook"
            />
          </label>
          <div className="shift-report-actions">
            <button type="button" className="button button-small" onClick={() => void copy()}>
              Copy as Markdown
            </button>
            <button type="button" className="button button-small button-quiet" onClick={save}>
              Save (.md)
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => void post()}
              disabled={noteTargets === 0 || posting}
              title={
                noteTargets === 0
                  ? 'No open incident here takes notes'
                  : 'Through the outbox, like any note'
              }
            >
              Post as note on {noteTargets} open incident{noteTargets === 1 ? '' : 's'}
            </button>
            {noteTargets === 0 && (
              <span className="card-row-sub" data-testid="shift-report-no-carrier">
                Nothing open takes notes, so nothing shared can carry this report: the incoming
                responder cannot acknowledge it in Onwatch. Copy or save it instead.
              </span>
            )}
            {result && (
              <span
                className={`calendar-export-result${result.ok ? '' : ' is-error'}`}
                role="status"
                data-testid="shift-report-result"
              >
                {result.text}
              </span>
            )}
          </div>
          <div className="shift-report-preview markdown-body" data-testid="shift-report-preview">
            <Markdown
              remarkPlugins={[remarkGfm]}
              rehypePlugins={[rehypeSanitize]}
              components={components}
            >
              {markdown}
            </Markdown>
          </div>
        </>
      )}
    </div>
  );
}
