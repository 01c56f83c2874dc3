import { useState, type FormEvent } from 'react';
import type { QsoRecord } from '../../../shared/protocol/types.js';
import { askDeleteQso, updateQso, type QsoEdit } from '../qso-edit.js';
import { useConsole } from '../store.js';
import { Modal } from './Modal.js';

const FIELDS: ReadonlyArray<{ key: keyof QsoEdit; label: string; wide?: boolean }> = [
  { key: 'callsign', label: 'Callsign' },
  { key: 'time_on', label: 'Start (UTC, ISO)' },
  { key: 'time_off', label: 'End (UTC, ISO)' },
  { key: 'frequency', label: 'Frequency (MHz)' },
  { key: 'band', label: 'Band' },
  { key: 'mode', label: 'Mode' },
  { key: 'rst_sent', label: 'RST sent' },
  { key: 'rst_rcvd', label: 'RST received' },
  { key: 'name', label: 'Name' },
  { key: 'comment', label: 'Notes', wide: true },
];

/** The text a field of the record starts with (the fields other engineers add may be absent: empty). */
function initial(qso: QsoRecord, key: keyof QsoEdit): string {
  const value = (qso as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : '';
}

/** Correct a QSO of the log (admin.update_qso), or delete it (asks first). */
export function EditQsoDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const qso = useConsole((s) => s.live.log.find((q) => q.id === id));
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(FIELDS.map((f) => [f.key, qso ? initial(qso, f.key) : ''])),
  );
  if (!qso) {
    return (
      <Modal title="QSO not found" onClose={onClose}>
        <p>This QSO is no longer in the log.</p>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Close <kbd className="kbd">Esc</kbd>
          </button>
        </div>
      </Modal>
    );
  }
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const changed: QsoEdit = {};
    for (const f of FIELDS) {
      const now = values[f.key]!.trim();
      if (now !== initial(qso, f.key)) changed[f.key] = now === '' ? null : now;
    }
    if (Object.keys(changed).length === 0 || (await updateQso(qso, changed))) onClose();
  };
  return (
    <Modal
      title={`Edit the QSO with ${qso.callsign}`}
      onClose={onClose}
      initialFocus="#qso-edit-callsign"
      wide
    >
      <form onSubmit={(event) => void submit(event)} data-testid="edit-qso-form">
        <div className="field-grid">
          {FIELDS.map((f) => (
            <div key={f.key} className={`field${f.wide ? ' field-span' : ''}`}>
              <label htmlFor={`qso-edit-${f.key}`}>{f.label}</label>
              <input
                id={`qso-edit-${f.key}`}
                className="input"
                value={values[f.key]}
                onChange={(event) => setValues({ ...values, [f.key]: event.target.value })}
                autoComplete="off"
                spellCheck={false}
              />
            </div>
          ))}
        </div>
        <div className="dialog-actions">
          <button
            type="button"
            className="btn btn-danger-outline"
            onClick={() => askDeleteQso(qso)}
            data-testid="delete-qso"
          >
            Delete QSO…
          </button>
          <span className="grow" />
          <button type="button" className="btn" onClick={onClose}>
            Keep <kbd className="kbd">Esc</kbd>
          </button>
          <button type="submit" className="btn btn-primary" data-testid="save-qso">
            Save <kbd className="kbd">Enter</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
