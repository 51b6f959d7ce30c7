import { useState } from 'react';
import Markdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import type { ReceivedReport, SentReport } from '../../../electron/common/model/handoff.js';
import { useOutcome } from '../../lib/use-outcome.js';
import { useAppStore } from '../../store/store-context.js';
import { ExternalLink } from '../incidents/external-link.js';
import { formatDayTime } from './schedule-format.js';
import { LoadError } from '../../components/load-error.js';

/** A note's links go to a new window, never over Onwatch's own; only http(s) ones are clickable. */
const components: Components = {
  a: ({ href, children }) => <ExternalLink label={String(children ?? '')} url={href ?? ''} />,
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The handoff as the open incidents' notes tell it: reports other responders posted, to read
 * and acknowledge, and mine, with who acknowledged them. The notes are read when the card
 * opens and when asked again, never on a timer.
 */
export function HandoffNotesPanel() {
  const loadHandoffStatus = useAppStore((s) => s.loadHandoffStatus);
  const { value: status, error, loading: reading, reload: read } = useOutcome(loadHandoffStatus);

  return (
    <div className="handoff-notes" data-testid="handoff-notes">
      <div className="shift-report-bar">
        <span className="card-row-sub">
          {status ? `Notes read ${formatDayTime(status.readAt)}` : 'Reading notes…'}
        </span>
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => void read()}
          disabled={reading}
        >
          Read notes again
        </button>
      </div>
      <LoadError error={error} />
      {status && status.received.length === 0 && status.sent.length === 0 && (
        <p className="card-empty" data-testid="handoff-none">
          No shift report is on the open incidents whose notes Onwatch reads.
        </p>
      )}
      {status?.received.map((report) => (
        <ReceivedReportCard key={report.reportId} report={report} onAcknowledged={read} />
      ))}
      {status?.sent.map((report) => (
        <SentReportLine key={report.reportId} report={report} />
      ))}
      {status && status.unread.length > 0 && (
        <p className="card-empty" data-testid="handoff-unread">
          Notes on {status.unread.join(', ')} are not read here: a shift report posted there is not
          seen, and cannot be acknowledged from Onwatch.
        </p>
      )}
      {status?.problems.map((problem) => (
        <p key={problem} className="card-empty is-error">
          Could not read every note: {problem}
        </p>
      ))}
    </div>
  );
}

function ReceivedReportCard({
  report,
  onAcknowledged,
}: {
  report: ReceivedReport;
  onAcknowledged(): Promise<void>;
}) {
  const acknowledgeHandoff = useAppStore((s) => s.acknowledgeHandoff);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const acknowledge = async () => {
    setBusy(true);
    const outcome = await acknowledgeHandoff(report.reportId);
    setBusy(false);
    if (!outcome.ok) return setResult({ ok: false, text: outcome.error });
    const { queued, already } = outcome.value;
    setResult({
      ok: true,
      text: already
        ? 'You had acknowledged it already.'
        : `Acknowledging on ${plural(queued, 'incident')} (see the outbox).`,
    });
    await onAcknowledged();
  };
  const others = report.acknowledgements;
  const label =
    report.mine === 'posted'
      ? 'Acknowledged'
      : report.mine === 'sending'
        ? 'Acknowledgement on its way'
        : 'Acknowledge handoff';
  return (
    <div
      className="handoff-received"
      role="region"
      aria-label={`Shift report from ${report.outgoing}`}
      data-testid="handoff-received"
    >
      <div className="shift-report-bar">
        <strong className="shift-report-title">
          Shift report from {report.outgoing}
          {report.forMe ? ' for you' : ` for ${report.incoming}`}
        </strong>
        <button
          type="button"
          className="button button-small"
          onClick={() => void acknowledge()}
          disabled={busy || report.mine !== 'none'}
        >
          {label}
        </button>
      </div>
      <p className="card-row-sub">
        {report.window}
        {report.postedAt ? ` · posted ${formatDayTime(report.postedAt)}` : ''} · on{' '}
        {plural(report.incidents.length, 'open incident')}
        {others.length > 0 &&
          ` · acknowledged by ${others.map((ack) => (ack.at ? `${ack.by} at ${formatDayTime(ack.at)}` : ack.by)).join(', ')}`}
      </p>
      {result && (
        <p
          className={`calendar-export-result${result.ok ? '' : ' is-error'}`}
          role="status"
          data-testid="handoff-ack-result"
        >
          {result.text}
        </p>
      )}
      <details>
        <summary>Read the report</summary>
        <div className="shift-report-preview markdown-body" data-testid="handoff-report-text">
          <Markdown
            remarkPlugins={[remarkGfm]}
            rehypePlugins={[rehypeSanitize]}
            components={components}
          >
            {report.text}
          </Markdown>
        </div>
      </details>
    </div>
  );
}

function SentReportLine({ report }: { report: SentReport }) {
  const open = report.incidents.filter((incident) => incident.stillOpen).length;
  const acks = report.acknowledgements;
  return (
    <p className="card-row-sub" data-testid="handoff-sent">
      Your shift report, posted {formatDayTime(report.postedAt)} on{' '}
      {plural(report.incidents.length, 'incident')}:{' '}
      {acks.length > 0
        ? `acknowledged by ${acks.map((ack) => (ack.at ? `${ack.by} at ${formatDayTime(ack.at)}` : ack.by)).join(', ')}`
        : open > 0
          ? 'not acknowledged yet'
          : 'every incident carrying it has closed, so no acknowledgement can be seen'}
    </p>
  );
}
