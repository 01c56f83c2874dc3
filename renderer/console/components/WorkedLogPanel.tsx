import { useMemo, useRef, useState } from 'react';
import { useConsole } from '../store.js';
import { useNow } from '../hooks.js';
import { filterLog, LOG_WINDOWS, type LogWindow } from '../log-filter.js';
import { formatDuration, secondsSince, utcDateTime, utcTime } from '../format.js';
import { askClearWorked, exportAdif, loadLog } from '../actions.js';
import { importAdifFile, importSummary, type ImportView } from '../adif-files.js';
import { LookupLine } from './Details.js';
import { Kbd } from './Kbd.js';
import { MenuButton } from './MenuButton.js';
import { isMultiPosition } from '../working-position.js';
import { positionNameOf } from '../position-choice.js';

export function WorkedLogPanel() {
  const log = useConsole((s) => s.live.log);
  const averageQso = useConsole((s) => s.live.averageQsoSeconds);
  const positions = useConsole((s) => s.camp.positions);
  const multi = useConsole(isMultiPosition);
  const now = useNow(30_000);
  const [search, setSearch] = useState('');
  const [window, setWindow] = useState<LogWindow>('all');
  const rows = useMemo(() => filterLog(log, search, window, now), [log, search, window, now]);
  const [importing, setImporting] = useState<ImportView | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const onImport = (file: File | undefined): void => {
    if (!file) return;
    setImporting({
      state: 'running',
      processed: 0,
      total: 0,
      imported: 0,
      duplicates: 0,
      bad: 0,
      errors: [],
    });
    void importAdifFile(file, setImporting).then((done) => {
      if (done === null) setImporting(null);
      void loadLog();
    });
  };

  return (
    <div className="tab-body" data-testid="log-panel">
      <div className="toolbar log-toolbar">
        <label className="visually-hidden" htmlFor="log-search">
          Search the worked log
        </label>
        <input
          id="log-search"
          className="input grow"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Search"
          title="Search callsign, name, entity, band, mode"
          autoComplete="off"
          spellCheck={false}
        />
        <label className="visually-hidden" htmlFor="log-window">
          Time window
        </label>
        <select
          id="log-window"
          className="input"
          value={window}
          onChange={(event) => setWindow(event.target.value as LogWindow)}
        >
          {LOG_WINDOWS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void exportAdif()}
          data-testid="export-adif"
          aria-label="Export ADIF"
        >
          <span className="export-verb">Export </span>ADIF
        </button>
        <MenuButton
          label="Log file"
          testId="log-file-menu"
          items={[
            { label: 'Refresh', run: () => void loadLog(), testId: 'log-refresh' },
            {
              label: 'Export ADX',
              run: () => void exportAdif(null, 'adx'),
              testId: 'export-adx',
              title:
                'ADIF XML: keeps names, QTHs and comments in their own script (NAME_INTL, QTH_INTL, COMMENT_INTL)',
            },
            {
              label: 'Import ADIF…',
              run: () => fileRef.current?.click(),
              disabled: importing?.state === 'running',
              testId: 'import-adif',
            },
            {
              label: 'Clear worked list…',
              run: askClearWorked,
              danger: true,
              testId: 'clear-worked',
              title: 'Callers no longer see these stations as worked; the log keeps every QSO',
            },
          ]}
        />
        <input
          ref={fileRef}
          type="file"
          accept=".adi,.adif,.adx,.xml,text/plain"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="import-adif-file"
          disabled={importing?.state === 'running'}
          onChange={(event) => {
            onImport(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
      </div>
      {importing !== null && (
        <div className="log-summary" role="status" data-testid="import-progress">
          {importing.state === 'running' && importing.total > 0 && (
            <progress max={importing.total} value={importing.processed} />
          )}{' '}
          {importing.total === 0 && importing.state === 'running' ? 'Uploading…' : importSummary(importing)}
          {importing.errors.length > 0 && (
            <ul className="muted">
              {importing.errors.slice(0, 5).map((e) => (
                <li key={e.position}>{e.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="log-summary muted" data-testid="log-summary">
        {rows.length} of {log.length} QSOs
        {averageQso !== null && ` · average QSO ${formatDuration(averageQso)}`}
      </div>
      <div
        className="table-wrap"
        tabIndex={0}
        role="region"
        aria-label="Worked log table"
        data-testid="log-scroll"
      >
        <table className="log-table" data-testid="log-table">
          <thead>
            <tr>
              <th scope="col">UTC</th>
              <th scope="col">Callsign</th>
              <th scope="col" className="log-lookup-head">
                Name · entity
              </th>
              <th scope="col">Band</th>
              <th scope="col">Mode</th>
              {multi && (
                <th scope="col" className="log-position-head">
                  Position
                </th>
              )}
              <th scope="col">
                <span className="visually-hidden">Edit</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((qso) => {
              const length = secondsSince(qso.time_on, Date.parse(qso.time_off));
              return (
                <tr key={qso.id} data-testid="log-row">
                  <td
                    className="mono log-time"
                    title={`${utcDateTime(qso.time_off)}, QSO ${formatDuration(length)}`}
                  >
                    {utcTime(qso.time_off)}
                  </td>
                  <td className="log-call">
                    {qso.callsign}
                    {multi && (
                      <span className="log-call-position" data-testid="log-position-tag">
                        {positionNameOf(qso.position_id, positions)}
                      </span>
                    )}
                  </td>
                  <td className="log-lookup">
                    <LookupLine qrz={qso.qrz} />
                  </td>
                  <td>{qso.band ?? ''}</td>
                  <td>{qso.mode ?? ''}</td>
                  {multi && (
                    <td
                      className="log-position"
                      data-testid="log-position"
                      title={positionNameOf(qso.position_id, positions)}
                    >
                      {positionNameOf(qso.position_id, positions)}
                    </td>
                  )}
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => useConsole.setState({ dialog: { kind: 'editQso', id: qso.id } })}
                      aria-label={`Edit QSO with ${qso.callsign}`}
                      data-testid="edit-qso"
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 && (
          <div className="empty">{log.length === 0 ? 'No QSOs logged yet' : 'No QSO matches'}</div>
        )}
      </div>
      <div className="hint-row muted">
        <Kbd action="searchLog" /> search
      </div>
    </div>
  );
}
