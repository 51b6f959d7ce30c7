import { useEffect, useId, useRef, useState } from 'react';
import { maxNoteChars } from '../../../electron/common/model/action.js';
import { useAppStore } from '../../store/store-context.js';
import type { TranscriptPosted, TranscriptPreview } from '../../store/types.js';

type Stage =
  | { name: 'loading' }
  | { name: 'failed'; error: string }
  | { name: 'editing'; preview: TranscriptPreview; text: string; error?: string }
  | { name: 'sending'; preview: TranscriptPreview; text: string }
  | { name: 'sent'; result: TranscriptPosted };

/**
 * "Post transcript": the note the steps run so far make (redacted and capped), where it will
 * go, and a box to edit it in before it is sent.
 */
export function TranscriptDialog({ onClose }: { onClose: () => void }) {
  const previewTranscript = useAppStore((s) => s.previewTranscript);
  const postTranscript = useAppStore((s) => s.postTranscript);
  const [stage, setStage] = useState<Stage>({ name: 'loading' });
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();

  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    let live = true;
    void previewTranscript().then((result) => {
      if (!live) return;
      setStage(
        result.ok
          ? { name: 'editing', preview: result.value, text: result.value.text }
          : { name: 'failed', error: result.error },
      );
    });
    return () => {
      live = false;
      element?.close();
    };
  }, [previewTranscript]);

  async function send(preview: TranscriptPreview, text: string) {
    setStage({ name: 'sending', preview, text });
    const result = await postTranscript(text);
    setStage(
      result.ok
        ? { name: 'sent', result: result.value }
        : { name: 'editing', preview, text, error: result.error },
    );
  }

  return (
    <dialog
      ref={dialog}
      className="transcript-dialog"
      aria-labelledby={titleId}
      data-testid="transcript-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>Post transcript</h2>
      {stage.name === 'loading' && <p className="muted">Reading the terminal…</p>}
      {stage.name === 'failed' && <p className="form-error">{stage.error}</p>}
      {(stage.name === 'editing' || stage.name === 'sending') && (
        <>
          <p className="muted" data-testid="transcript-where">
            {stage.preview.explanation}
          </p>
          {stage.preview.shortened && (
            <p className="muted">Long outputs were shortened to fit; the saved copy is whole.</p>
          )}
          <label htmlFor={textId} className="visually-hidden">
            Transcript
          </label>
          <textarea
            id={textId}
            className="transcript-text"
            rows={16}
            maxLength={maxNoteChars}
            spellCheck={false}
            value={stage.text}
            readOnly={stage.name === 'sending'}
            onChange={(event) =>
              setStage({ name: 'editing', preview: stage.preview, text: event.target.value })
            }
          />
          {stage.name === 'editing' && stage.error && <p className="form-error">{stage.error}</p>}
        </>
      )}
      {stage.name === 'sent' && (
        <p role="status" data-testid="transcript-sent">
          {stage.result.alreadyPosted
            ? 'This transcript was sent before; it is not sent twice.'
            : stage.result.delivery === 'note'
              ? 'Queued as a note on the incident; its progress shows with the incident’s actions.'
              : 'Kept on this computer only.'}{' '}
          Full transcript saved at <code>{stage.result.savedTo}</code>.
        </p>
      )}
      <div className="confirm-buttons">
        <button type="button" className="button" onClick={onClose}>
          {stage.name === 'sent' ? 'Close' : 'Cancel'}
        </button>
        {(stage.name === 'editing' || stage.name === 'sending') && (
          <button
            type="button"
            className="button button-primary"
            disabled={stage.name === 'sending' || stage.text.trim() === ''}
            onClick={() => void send(stage.preview, stage.text)}
          >
            {stage.preview.delivery === 'note' ? 'Send as note' : 'Save locally'}
          </button>
        )}
      </div>
    </dialog>
  );
}
