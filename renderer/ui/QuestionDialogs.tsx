// The app's own confirm, name and path dialogs (Electron has no window.prompt): the first open question, answered here.
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import type { ConfirmQuestion, PathNotice, PromptQuestion } from './dialogs.js';
import { useDialogStore } from '../app/hooks.js';
import type { DialogAnswer } from './dialog-store.js';
import { Modal } from './Modal.js';
import '../styles/dialogs.css';

export function QuestionDialogs(): ReactElement | null {
  const first = useDialogStore((state) => state.open[0]);
  const answer = useDialogStore((state) => state.answer);
  if (first === undefined) return null;
  const reply = (value: DialogAnswer): void => answer(first.id, value);
  const { request } = first;
  // Keyed by id: each question starts with its own fresh field.
  if (request.kind === 'confirm') return <ConfirmDialog key={first.id} question={request.question} reply={reply} />;
  if (request.kind === 'prompt') return <PromptDialog key={first.id} question={request.question} reply={reply} />;
  return <PathDialog key={first.id} notice={request.notice} reply={reply} />;
}

function ConfirmDialog({ question, reply }: { question: ConfirmQuestion; reply(value: boolean): void }): ReactElement {
  const messageId = useId();
  const danger = question.danger === true;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    reply(true);
  };
  return (
    <Modal title={question.title} onClose={() => reply(false)} describedBy={messageId} className="modal--question">
      <form className="form" onSubmit={submit}>
        <p id={messageId} className="question__message">{question.message}</p>
        <div className="form__actions">
          {/* A question that loses work starts on Cancel, so Enter alone never discards anything. */}
          <button type="button" className="button" data-autofocus={danger || undefined} onClick={() => reply(false)}>Cancel</button>
          <button type="submit" className={danger ? 'button button--danger' : 'button button--primary'} data-autofocus={!danger || undefined}>{question.confirmLabel}</button>
        </div>
      </form>
    </Modal>
  );
}

function PromptDialog({ question, reply }: { question: PromptQuestion; reply(value: string | null): void }): ReactElement {
  const [value, setValue] = useState(question.initial ?? '');
  const [tried, setTried] = useState(false);
  const problemId = useId();
  const hintId = useId();
  const problem = question.validate(value);
  // An empty field is not scolded before the user has tried to submit it; anything typed is checked as it is typed.
  const shown = problem !== null && (tried || value.trim() !== '') ? problem : null;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTried(true);
    if (problem === null) reply(value.trim());
  };
  return (
    <Modal title={question.title} onClose={() => reply(null)} describedBy={question.hint === undefined ? undefined : hintId} className="modal--question">
      <form className="form" onSubmit={submit} noValidate>
        {/* Where the answer goes (the target project) is read before the field, not after. */}
        {question.hint !== undefined && <p id={hintId} className="question__hint">{question.hint}</p>}
        <label className="field">
          {question.label}
          <input className="input" value={value} data-autofocus spellCheck={false} autoComplete="off" aria-invalid={shown !== null}
            aria-describedby={shown === null ? undefined : problemId}
            onChange={(event) => setValue(event.target.value)} onFocus={(event) => event.target.select()} />
        </label>
        {shown !== null && <p id={problemId} className="question__problem" role="alert">{shown}</p>}
        <div className="form__actions">
          <button type="button" className="button" onClick={() => reply(null)}>Cancel</button>
          <button type="submit" className="button button--primary">{question.submitLabel}</button>
        </div>
      </form>
    </Modal>
  );
}

function PathDialog({ notice, reply }: { notice: PathNotice; reply(value: undefined): void }): ReactElement {
  const [copied, setCopied] = useState<'no' | 'yes' | 'refused'>('no');
  const reasonId = useId();
  const copy = (): void => {
    void navigator.clipboard.writeText(notice.path).then(() => setCopied('yes'), () => setCopied('refused'));
  };
  return (
    <Modal title={notice.title} onClose={() => reply(undefined)} describedBy={reasonId} className="modal--question">
      <div className="form">
        <p id={reasonId} className="question__message">{notice.reason}</p>
        <label className="field">
          Open it yourself: the path is
          <span className="path-copy">
            <input className="input mono" readOnly value={notice.path} onFocus={(event) => event.target.select()} />
            <button type="button" className="button" onClick={copy}>Copy</button>
          </span>
        </label>
        <p className="muted form__hint" role="status">
          {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'refused' ? 'The clipboard is not available here: select the path and press Ctrl+C.' : ''}
        </p>
        <div className="form__actions">
          <button type="button" className="button button--primary" data-autofocus onClick={() => reply(undefined)}>Close</button>
        </div>
      </div>
    </Modal>
  );
}
