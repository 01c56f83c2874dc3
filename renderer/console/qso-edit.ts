/** Correcting and deleting QSOs of the log: admin.update_qso and admin.delete_qso. */
import type { QsoRecord } from '../../shared/protocol/types.js';
import { run } from './actions.js';
import { OPS, type ConsoleInput } from './operations.js';
import { useConsole } from './store.js';

/** The fields the operator may correct; null empties one. */
export interface QsoEdit {
  callsign?: string | null;
  time_on?: string | null;
  time_off?: string | null;
  frequency?: string | null;
  band?: string | null;
  mode?: string | null;
  rst_sent?: string | null;
  rst_rcvd?: string | null;
  name?: string | null;
  comment?: string | null;
}

/** Sends a correction; true when the server took it. Callsign and times cannot be emptied. */
export async function updateQso(qso: QsoRecord, edit: QsoEdit): Promise<boolean> {
  const { callsign, time_on, time_off, ...rest } = edit;
  const data: ConsoleInput<typeof OPS.updateQso> = { id: qso.id, ...rest };
  if (callsign != null) data.callsign = callsign.toUpperCase();
  if (time_on != null) data.time_on = time_on;
  if (time_off != null) data.time_off = time_off;
  const result = await run(OPS.updateQso, data, () => `QSO with ${qso.callsign} corrected`, {
    failed: `QSO with ${qso.callsign} not corrected`,
  });
  return result !== null;
}

/** Deletes a QSO from the log, after asking. */
export function askDeleteQso(qso: QsoRecord): void {
  useConsole.setState({
    dialog: {
      kind: 'confirm',
      title: `Delete the QSO with ${qso.callsign}?`,
      body: `The QSO (${qso.time_off.slice(0, 16).replace('T', ' ')}Z${qso.band ? `, ${qso.band}` : ''}${qso.mode ? ` ${qso.mode}` : ''}) leaves the log, the ADIF export and the worked list. This cannot be undone.`,
      confirmLabel: 'Delete QSO',
      danger: true,
      onConfirm: () =>
        void run(OPS.deleteQso, { id: qso.id }, () => `QSO with ${qso.callsign} deleted`, {
          tone: 'info',
          failed: `QSO with ${qso.callsign} not deleted`,
        }),
    },
  });
}
