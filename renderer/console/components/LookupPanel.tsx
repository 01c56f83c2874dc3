/**
 * The Lookup tab: the state of the online lookup service (with its last error, plainly), the active country file
 * and importing a newer one, and looking a callsign up on demand.
 */
import { useState, type FormEvent } from 'react';
import { getClient, getServerUrl } from '../current-client.js';
import { OPS } from '../operations.js';
import { run } from '../actions.js';
import { toast, useConsole } from '../store.js';
import { useNow, usePolled } from '../hooks.js';
import { importCty, type CtyImportResult } from '../cty-upload.js';
import {
  inBackoff,
  originLabel,
  parseLookupAnswer,
  parseLookupStatus,
  serviceState,
  SERVICE_LABELS,
  type LookupAnswer,
  type LookupStatusView,
} from '../lookup-view.js';
import { ErrorBox, Fact, Facts, StateBadge, When } from './StatusParts.js';

const REFRESH_MS = 5000;

async function loadStatus(): Promise<LookupStatusView | null> {
  const client = getClient();
  if (!client) return null;
  return parseLookupStatus(await client.request<unknown>(OPS.getLookup, {}));
}

function CtyImport({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CtyImportResult | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    setResult(null);
    try {
      const outcome = await importCty({
        baseUrl: getServerUrl() ?? window.location.origin,
        token: getClient()?.token ?? null,
        filename: file.name,
        content: await file.text(),
      });
      setResult(outcome);
      if (outcome.ok) {
        toast('success', outcome.message);
        onImported();
      } else {
        toast('error', `Import refused: ${outcome.code}`);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="cty-import" onSubmit={(event) => void submit(event)} data-testid="cty-import">
      <div className="toolbar">
        <label className="visually-hidden" htmlFor="cty-file">
          Country file (cty.csv or cty.dat)
        </label>
        <input
          id="cty-file"
          className="input grow"
          type="file"
          accept=".csv,.dat,text/csv,text/plain"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setResult(null);
          }}
        />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!file || busy}
          data-testid="cty-import-button"
        >
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      <p className="small muted">
        Download cty.csv (preferred: it has ADIF numbers) or cty.dat from country-files.com. The file is
        checked first; a bad file is refused and the active one stays.
      </p>
      {result?.ok === false && (
        <div className="notice notice-danger error-box" role="alert" data-testid="cty-import-error">
          <div>
            <strong>Import refused:</strong> <code className="error-code">{result.code}</code>
          </div>
          <div className="error-message">{result.message}</div>
        </div>
      )}
      {result?.ok === true && (
        <p className="notice notice-success" role="status" data-testid="cty-import-ok">
          {result.message}
          {result.summary &&
            ` (${result.summary.entities} entities, ${result.summary.prefixes} prefixes${result.summary.version ? `, version ${result.summary.version}` : ''})`}
        </p>
      )}
    </form>
  );
}

function AnswerView({ answer }: { answer: LookupAnswer }) {
  const zones = [
    answer.continent,
    answer.cqZone !== null ? `CQ ${answer.cqZone}` : null,
    answer.ituZone !== null ? `ITU ${answer.ituZone}` : null,
  ].filter((part): part is string => part !== null);
  return (
    <div className="lookup-answer" data-testid="lookup-answer">
      <div className="lookup-answer-call">{answer.callsign}</div>
      <Facts>
        <Fact label="DXCC entity">
          {answer.entity ?? <span className="muted">unknown</span>}
          {answer.adif !== null && answer.adif > 0 && <span className="muted"> (ADIF {answer.adif})</span>}
        </Fact>
        {zones.length > 0 && <Fact label="Continent, zones">{zones.join(' · ')}</Fact>}
        {answer.prefix && <Fact label="Prefix">{answer.prefix}</Fact>}
        <Fact label="Name">{answer.name ?? <span className="muted">–</span>}</Fact>
        {answer.address && <Fact label="Address">{answer.address}</Fact>}
        {answer.grid && <Fact label="Locator">{answer.grid}</Fact>}
        <Fact label="Details from">{originLabel(answer.origin)}</Fact>
      </Facts>
      {(answer.note ?? answer.error) && (
        <p className="notice notice-warning" data-testid="lookup-note">
          {answer.note ?? answer.error}
        </p>
      )}
    </div>
  );
}

function CallsignLookup() {
  const [callsign, setCallsign] = useState('');
  const [answer, setAnswer] = useState<LookupAnswer | null>(null);
  const busy = useConsole((s) => s.busy?.startsWith(`${OPS.lookupCallsign}:`) ?? false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const call = callsign.trim().toUpperCase();
    if (!call) return;
    const result = await run(OPS.lookupCallsign, { callsign: call });
    if (result !== null) setAnswer(parseLookupAnswer(result));
  };
  return (
    <form onSubmit={(event) => void submit(event)}>
      <div className="toolbar">
        <label className="visually-hidden" htmlFor="lookup-callsign">
          Callsign to look up
        </label>
        <input
          id="lookup-callsign"
          className="input input-call-small"
          value={callsign}
          placeholder="Callsign"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setCallsign(event.target.value.toUpperCase())}
        />
        <button type="submit" className="btn" disabled={!callsign.trim() || busy}>
          Look up
        </button>
      </div>
      {answer && <AnswerView answer={answer} />}
    </form>
  );
}

export function LookupPanel() {
  const { data, error, reload } = usePolled(loadStatus, REFRESH_MS);
  const now = useNow(1000);
  if (!data) {
    return (
      <div className="tab-body empty">
        {error ? `Could not load the lookup status: ${error}` : 'Loading…'}
      </div>
    );
  }
  const state = serviceState(data, now);
  return (
    <div className="tab-body lookup-panel" data-testid="lookup-panel">
      <h3>Online lookups</h3>
      {data.lastError && (
        <ErrorBox error={data.lastError} now={now} title="Last lookup error" testId="lookup-error" />
      )}
      <Facts testId="lookup-status">
        <Fact label="Service">
          {SERVICE_LABELS[data.service]}
          {data.service !== 'none' && data.username && (
            <span className="muted"> as {data.username}</span>
          )}{' '}
          <StateBadge tone={state.tone} label={state.label} testId="lookup-state" />
        </Fact>
        {data.service !== 'none' && (
          <Fact label="Last success">
            <When iso={data.lastSuccess} now={now} />
          </Fact>
        )}
        {inBackoff(data, now) && data.backoffUntil && (
          <Fact label="Next try">
            <When iso={data.backoffUntil} now={now} />
          </Fact>
        )}
        <Fact label="Cache">{data.cacheSize} callsigns</Fact>
      </Facts>
      <p className="small muted">Service, username and password are in Settings (4).</p>
      <h3>Country file (offline DXCC)</h3>
      {data.cty ? (
        <Facts testId="cty-summary">
          <Fact label="File">
            cty.{data.cty.format}
            {data.cty.version && `, version ${data.cty.version}`}
            <span className="muted">
              {' '}
              ({data.cty.source === 'imported' ? 'imported' : 'shipped with the app'})
            </span>
          </Fact>
          <Fact label="Contents">
            {data.cty.entities} entities · {data.cty.prefixes} prefixes · {data.cty.exceptions} exact calls
          </Fact>
          <Fact label="Loaded">
            <When iso={data.cty.loadedAt} now={now} />
          </Fact>
        </Facts>
      ) : (
        <p className="muted">No country file loaded.</p>
      )}
      <CtyImport onImported={() => void reload()} />
      <h3>Look up a callsign</h3>
      <CallsignLookup />
    </div>
  );
}
