/**
 * The Radio tab: the live state of every logger and radio integration (N1MM+, WSJT-X, rigctld, Send to Logger),
 * refreshed every few seconds while shown, with on/off and address/port for each.
 */
import { useState, type FormEvent } from 'react';
import { getClient } from '../current-client.js';
import { OPS } from '../operations.js';
import { run } from '../actions.js';
import { useNow, usePolled } from '../hooks.js';
import {
  configRequest,
  parseIntegrations,
  SEND_TO_LOGGER_FORMATS,
  toggleRequest,
  type IntegrationConfigForm,
  type IntegrationView,
} from '../integrations-view.js';
import { CodeCounts, ErrorBox, Fact, Facts, StateBadge, When } from './StatusParts.js';

const REFRESH_MS = 3000;

async function loadIntegrations(): Promise<IntegrationView[]> {
  const client = getClient();
  if (!client) return [];
  return parseIntegrations(await client.request<unknown>(OPS.getIntegrations, {}));
}

function ConfigForm({ view, onSaved }: { view: IntegrationView; onSaved: () => void }) {
  const [form, setForm] = useState<IntegrationConfigForm>(view.config);
  const [problem, setProblem] = useState<string | null>(null);
  const listener = view.id === 'n1mm' || view.id === 'wsjtx';
  const prefix = `cfg-${view.id}`;
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const plan = configRequest(view.id, form);
    if (!plan.ok) {
      setProblem(plan.error);
      return;
    }
    setProblem(null);
    const result = await run(plan.request.operation, plan.request.data, `${view.title}: settings saved`);
    if (result !== null) onSaved();
  };
  return (
    <form className="integration-config" onSubmit={(event) => void save(event)}>
      <div className="field">
        <label htmlFor={`${prefix}-address`}>{listener ? 'Listening address' : 'Host'}</label>
        <input
          id={`${prefix}-address`}
          className="input"
          value={form.address}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setForm({ ...form, address: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-port`}>Port</label>
        <input
          id={`${prefix}-port`}
          className="input input-port"
          inputMode="numeric"
          value={form.port}
          onChange={(e) => setForm({ ...form, port: e.target.value })}
        />
      </div>
      {view.id === 'send_to_logger' && (
        <div className="field">
          <label htmlFor={`${prefix}-format`}>Format</label>
          <select
            id={`${prefix}-format`}
            className="input"
            value={form.format ?? ''}
            onChange={(e) => setForm({ ...form, format: e.target.value })}
          >
            {SEND_TO_LOGGER_FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" className="btn btn-small">
        Save
      </button>
      {problem && (
        <p className="notice notice-danger" role="alert">
          {problem}
        </p>
      )}
      {listener && form.address.trim() === '0.0.0.0' && (
        <p className="small muted">
          0.0.0.0 accepts packets from any computer on the network, and UDP has no password: only on a network
          you trust.
        </p>
      )}
    </form>
  );
}

function IntegrationCard({ view, now, reload }: { view: IntegrationView; now: number; reload: () => void }) {
  const toggle = async (): Promise<void> => {
    const request = toggleRequest(view.id, !view.enabled);
    const result = await run(
      request.operation,
      request.data,
      `${view.title} switched ${view.enabled ? 'off' : 'on'}`,
    );
    if (result !== null) reload();
  };
  return (
    <article className="integration" data-testid={`integration-${view.id}`} aria-label={view.title}>
      <header className="integration-head">
        <h3>{view.title}</h3>
        <StateBadge tone={view.state.tone} label={view.state.label} testId="integration-state" />
        <button
          type="button"
          className={`btn btn-small ${view.enabled ? '' : 'btn-primary'}`}
          onClick={() => void toggle()}
          data-testid="integration-toggle"
        >
          {view.enabled ? 'Switch off' : 'Switch on'}
        </button>
      </header>
      <Facts>
        <Fact label={view.id === 'send_to_logger' ? 'Sends to' : 'Address'} testId="integration-endpoint">
          <span className="mono">{view.endpoint || '–'}</span>
        </Fact>
        {view.packets !== null && (
          <Fact label="Packets" testId="integration-packets">
            <b>{view.packets}</b> received · <b>{view.accepted ?? 0}</b> used
          </Fact>
        )}
        {view.packets !== null && (
          <Fact label="Rejected" testId="integration-rejected">
            <CodeCounts counts={view.rejected} />
          </Fact>
        )}
        <Fact label={view.lastActivityLabel} testId="integration-last">
          <When iso={view.lastActivityAt} now={now} />
        </Fact>
        {view.facts.map((fact) => (
          <Fact key={fact.label} label={fact.label}>
            {fact.value}
          </Fact>
        ))}
      </Facts>
      {view.lastError && (
        <ErrorBox error={view.lastError} now={now} title="Last error" testId="integration-error" />
      )}
      <details className="integration-edit">
        <summary>Address and port{view.id === 'send_to_logger' ? ', format' : ''}</summary>
        <ConfigForm key={JSON.stringify(view.config)} view={view} onSaved={reload} />
      </details>
    </article>
  );
}

export function RadioPanel() {
  const { data, error, reload } = usePolled(loadIntegrations, REFRESH_MS);
  const now = useNow(1000);
  if (data === null) {
    return (
      <div className="tab-body empty">{error ? `Could not load the integrations: ${error}` : 'Loading…'}</div>
    );
  }
  return (
    <div className="tab-body" data-testid="radio-panel">
      <p className="muted small">
        Logging programs and the radio, followed live (refreshed every {REFRESH_MS / 1000} s). Every
        integration is off until switched on; see docs/integrations.md for each program&apos;s settings.
      </p>
      {error && (
        <p className="notice notice-warning" role="status">
          Could not refresh: {error}
        </p>
      )}
      {data.length === 0 && <div className="empty">This server runs no integrations</div>}
      <div className="integration-list">
        {data.map((view) => (
          <IntegrationCard key={view.id} view={view} now={now} reload={() => void reload()} />
        ))}
      </div>
    </div>
  );
}
