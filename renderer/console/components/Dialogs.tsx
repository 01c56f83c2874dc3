import { useState, type FormEvent } from 'react';
import { useConsole, type Dialog } from '../store.js';
import { banCallsign } from '../actions.js';
import { focusConsole } from '../hooks.js';
import { SHORTCUTS, type Shortcut } from '../shortcuts.js';
import { Modal } from './Modal.js';
import { EditQsoDialog } from './EditQsoDialog.js';
import { MoveCallerDialog } from './MoveCallerDialog.js';

function close(): void {
  useConsole.setState({ dialog: null });
  requestAnimationFrame(focusConsole);
}

function ConfirmDialog({ dialog }: { dialog: Extract<Dialog, { kind: 'confirm' }> }) {
  return (
    <Modal title={dialog.title} onClose={close} initialFocus="[data-confirm]">
      <p>{dialog.body}</p>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={close}>
          Keep <kbd className="kbd">Esc</kbd>
        </button>
        <button
          type="button"
          data-confirm
          className={`btn ${dialog.danger ? 'btn-danger' : 'btn-primary'}`}
          onClick={() => {
            close();
            dialog.onConfirm();
          }}
        >
          {dialog.confirmLabel} <kbd className="kbd">Enter</kbd>
        </button>
      </div>
    </Modal>
  );
}

function BanDialog({ callsign }: { callsign: string }) {
  const [reason, setReason] = useState('');
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    close();
    await banCallsign(callsign, reason);
  };
  return (
    <Modal title={`Ban ${callsign}?`} onClose={close} initialFocus="#ban-dialog-reason">
      <form onSubmit={(event) => void submit(event)}>
        <p>The caller is removed from the queue and cannot register again until unbanned.</p>
        <div className="field">
          <label htmlFor="ban-dialog-reason">Reason (optional)</label>
          <input
            id="ban-dialog-reason"
            className="input"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={close}>
            Keep <kbd className="kbd">Esc</kbd>
          </button>
          <button type="submit" className="btn btn-danger" data-testid="confirm-ban">
            Ban {callsign} <kbd className="kbd">Enter</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}

function HelpDialog() {
  const groups = new Map<Shortcut['group'], Shortcut[]>();
  for (const shortcut of SHORTCUTS)
    groups.set(shortcut.group, [...(groups.get(shortcut.group) ?? []), shortcut]);
  return (
    <Modal title="Keyboard shortcuts" onClose={close} wide>
      <div className="help-grid">
        {[...groups].map(([group, shortcuts]) => (
          <section key={group}>
            <h3>{group}</h3>
            <dl className="help-list">
              {shortcuts.map((shortcut) => (
                <div key={shortcut.action} className="help-item">
                  <dt>
                    <kbd className="kbd">{shortcut.label}</kbd>
                  </dt>
                  <dd>{shortcut.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={close}>
          Close <kbd className="kbd">Esc</kbd>
        </button>
      </div>
    </Modal>
  );
}

export function DialogHost() {
  const dialog = useConsole((s) => s.dialog);
  if (!dialog) return null;
  if (dialog.kind === 'confirm') return <ConfirmDialog dialog={dialog} />;
  if (dialog.kind === 'ban') return <BanDialog callsign={dialog.callsign} />;
  if (dialog.kind === 'editQso') return <EditQsoDialog id={dialog.id} onClose={close} />;
  if (dialog.kind === 'moveCaller') {
    return <MoveCallerDialog callsign={dialog.callsign} from={dialog.from} onClose={close} />;
  }
  // the connect view needs the connect info: the console draws it (ConnectView)
  if (dialog.kind === 'connect') return null;
  return <HelpDialog />;
}
