import { ConsolePrefs } from './ConsolePrefs.js';
import { NoShowRuleSettings } from './NoShowRuleSettings.js';
import { PositionsSettings } from './PositionsSettings.js';
import { Fragment, useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { getClient } from '../current-client.js';
import { OPS } from '../operations.js';
import { run } from '../actions.js';
import { toast, useConsole } from '../store.js';
import { errorText } from '../client.js';
import {
  EMPTY_SETTINGS,
  INTEGRATIONS,
  movedConsoleUrl,
  passwordProblem,
  planSave,
  REPORT_KINDS,
  settingsFromServer,
  STATION_MESSAGE_MAX,
  type IntegrationName,
  type ReportKind,
  type SettingsForm,
} from '../settings-form.js';

const INTEGRATION_LABELS: Record<IntegrationName, string> = {
  n1mm: 'N1MM+ (UDP broadcasts)',
  wsjtx: 'WSJT-X (UDP)',
  rigctld: 'Radio via Hamlib rigctld',
  send_to_logger: 'Send to logger (announce each new QSO)',
};

const REPORT_KIND_LABELS: Record<ReportKind, string> = { cw: 'CW', phone: 'Phone', digital: 'Digital' };

function Field({
  id,
  label,
  children,
  help,
  wide,
}: {
  id: string;
  label: string;
  children: ReactNode;
  help?: string;
  /** Takes a whole row of the grid. */
  wide?: boolean;
}) {
  return (
    <div className={wide ? 'field field-span' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {help && <small className="muted">{help}</small>}
    </div>
  );
}

async function loadSettings(): Promise<SettingsForm> {
  const client = getClient();
  if (!client) return EMPTY_SETTINGS;
  const optional = (operation: string): Promise<unknown> =>
    client.request<unknown>(operation, {}).catch(() => null);
  const [settings, cooldown, lookup, integrations] = await Promise.all([
    client.request<unknown>(OPS.getSettings, {}),
    optional(OPS.getCooldown),
    optional(OPS.getLookup),
    optional(OPS.getIntegrations),
  ]);
  return settingsFromServer({ settings, cooldown, lookup, integrations });
}

export function SettingsPanel() {
  const [form, setForm] = useState<SettingsForm>(EMPTY_SETTINGS);
  const [saved, setSaved] = useState<SettingsForm | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [passwords, setPasswords] = useState({ current: '', next: '', repeat: '' });
  const desktop = useConsole((s) => s.desktop);

  const reload = useCallback(async () => {
    try {
      const loaded = await loadSettings();
      setForm(loaded);
      setSaved(loaded);
    } catch (error) {
      toast('error', `Could not load settings: ${errorText(error)}`);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const update = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]): void =>
    setForm((previous) => ({ ...previous, [key]: value }));
  const updateReport = (kind: ReportKind, side: 'sent' | 'rcvd', value: string): void =>
    setForm((previous) => ({
      ...previous,
      defaultReports: {
        ...previous.defaultReports,
        [kind]: { ...previous.defaultReports[kind], [side]: value },
      },
    }));

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!saved) return;
    const plan = planSave(form, saved);
    if (!plan.ok) {
      setProblem(plan.error);
      return;
    }
    setProblem(null);
    if (plan.requests.length === 0) {
      toast('info', 'Nothing changed');
      return;
    }
    let failed = false;
    for (const request of plan.requests) {
      if ((await run(request.operation, request.data)) === null) failed = true;
    }
    if (!failed && plan.rebind) {
      const target = movedConsoleUrl(window.location.href, plan.rebind);
      toast('success', `Settings saved. The server moves to port ${plan.rebind.port}; reconnecting…`, 10_000);
      // The server answers first, then moves; give it a moment, then follow it.
      setTimeout(() => window.location.assign(target), desktop ? 1200 : 1500);
      return;
    }
    if (!failed) toast('success', 'Settings saved');
    await reload();
  };

  const changePassword = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const issue = passwordProblem(passwords.current, passwords.next, passwords.repeat);
    if (issue) {
      toast('error', issue);
      return;
    }
    const result = await run(
      OPS.changePassword,
      { current_password: passwords.current, new_password: passwords.next },
      'Admin password changed',
    );
    if (result !== null) setPasswords({ current: '', next: '', repeat: '' });
  };

  if (!saved) return <div className="tab-body empty">Loading settings…</div>;
  const integrationNames = INTEGRATIONS.filter((name) => form.integrations[name] !== undefined);
  return (
    <div className="tab-body settings" data-testid="settings-panel">
      <PositionsSettings />
      <form onSubmit={(event) => void save(event)}>
        <fieldset>
          <legend>Station identity</legend>
          <div className="field-grid">
            <Field id="set-station-call" label="Station callsign" help="The call on air; empty = none">
              <input
                id="set-station-call"
                className="input"
                autoComplete="off"
                spellCheck={false}
                value={form.stationCallsign}
                onChange={(e) => update('stationCallsign', e.target.value)}
              />
            </Field>
            <Field id="set-operator" label="Operator" help="Who operates, if not the station call">
              <input
                id="set-operator"
                className="input"
                autoComplete="off"
                spellCheck={false}
                value={form.operator}
                onChange={(e) => update('operator', e.target.value)}
              />
            </Field>
            <Field
              id="set-station-message"
              label="Station message"
              wide
              help={`Shown to callers; ${form.stationMessage.trim().length}/${STATION_MESSAGE_MAX} characters`}
            >
              <input
                id="set-station-message"
                className="input"
                value={form.stationMessage}
                onChange={(e) => update('stationMessage', e.target.value)}
              />
            </Field>
            {REPORT_KINDS.map((kind) => (
              <Fragment key={kind}>
                <Field id={`set-report-${kind}-sent`} label={`${REPORT_KIND_LABELS[kind]} report sent`}>
                  <input
                    id={`set-report-${kind}-sent`}
                    className="input"
                    autoComplete="off"
                    value={form.defaultReports[kind].sent}
                    onChange={(e) => updateReport(kind, 'sent', e.target.value)}
                  />
                </Field>
                <Field id={`set-report-${kind}-rcvd`} label={`${REPORT_KIND_LABELS[kind]} report received`}>
                  <input
                    id={`set-report-${kind}-rcvd`}
                    className="input"
                    autoComplete="off"
                    value={form.defaultReports[kind].rcvd}
                    onChange={(e) => updateReport(kind, 'rcvd', e.target.value)}
                  />
                </Field>
              </Fragment>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Server</legend>
          <div className="field-grid">
            <Field id="set-host" label="Bind address" help="0.0.0.0 = every network interface">
              <input
                id="set-host"
                className="input"
                value={form.host}
                onChange={(e) => update('host', e.target.value)}
              />
            </Field>
            <Field id="set-port" label="Port" help="Changing it moves the server; nothing is lost">
              <input
                id="set-port"
                className="input"
                inputMode="numeric"
                value={form.port}
                onChange={(e) => update('port', e.target.value)}
              />
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>Queue</legend>
          <div className="field-grid">
            <Field id="set-max" label="Max queue size">
              <input
                id="set-max"
                className="input"
                inputMode="numeric"
                value={form.maxQueueSize}
                onChange={(e) => update('maxQueueSize', e.target.value)}
              />
            </Field>
            <Field
              id="set-window"
              label="Worked-log window (hours)"
              help="How long callers see a station as worked"
            >
              <input
                id="set-window"
                className="input"
                inputMode="numeric"
                value={form.workedWindowHours}
                onChange={(e) => update('workedWindowHours', e.target.value)}
              />
            </Field>
            <Field
              id="set-cooldown"
              label="Cooldown (minutes)"
              help="Wait before a worked station may queue again; 0 = off"
            >
              <input
                id="set-cooldown"
                className="input"
                inputMode="numeric"
                value={form.cooldownMinutes}
                onChange={(e) => update('cooldownMinutes', e.target.value)}
              />
            </Field>
            <Field id="set-rate" label="Registrations per minute per address" help="0 = no limit">
              <input
                id="set-rate"
                className="input"
                inputMode="numeric"
                value={form.registrationRate}
                onChange={(e) => update('registrationRate', e.target.value)}
              />
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>Callsign lookup</legend>
          <div className="field-grid">
            <Field id="set-lookup-service" label="Online service" help="Offline DXCC data is always used">
              <select
                id="set-lookup-service"
                className="input"
                value={form.lookupService}
                onChange={(e) => update('lookupService', e.target.value as SettingsForm['lookupService'])}
              >
                <option value="none">None (offline only)</option>
                <option value="qrz">QRZ.com XML</option>
                <option value="hamqth">HamQTH</option>
              </select>
            </Field>
            <Field id="set-lookup-user" label="Username">
              <input
                id="set-lookup-user"
                className="input"
                autoComplete="off"
                value={form.lookupUsername}
                onChange={(e) => update('lookupUsername', e.target.value)}
              />
            </Field>
            <Field
              id="set-lookup-pass"
              label="Password"
              help={form.lookupPasswordSet ? 'Stored; leave empty to keep it' : 'Not set'}
            >
              <input
                id="set-lookup-pass"
                className="input"
                type="password"
                autoComplete="new-password"
                value={form.lookupPassword}
                onChange={(e) => update('lookupPassword', e.target.value)}
              />
            </Field>
          </div>
        </fieldset>
        {integrationNames.length > 0 && (
          <fieldset>
            <legend>Integrations</legend>
            <div className="check-list">
              {integrationNames.map((name) => (
                <label key={name} className="check">
                  <input
                    type="checkbox"
                    checked={form.integrations[name] === true}
                    onChange={(e) =>
                      update('integrations', { ...form.integrations, [name]: e.target.checked })
                    }
                  />
                  {INTEGRATION_LABELS[name]}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {problem && (
          <p className="notice notice-danger" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" data-testid="save-settings">
            Save settings
          </button>
          <button type="button" className="btn" onClick={() => setForm(saved)}>
            Undo changes
          </button>
        </div>
      </form>
      <NoShowRuleSettings />
      <ConsolePrefs />
      <form onSubmit={(event) => void changePassword(event)} className="password-form">
        <fieldset>
          <legend>Admin password</legend>
          <div className="field-grid">
            <Field id="pw-current" label="Current password">
              <input
                id="pw-current"
                className="input"
                type="password"
                autoComplete="current-password"
                value={passwords.current}
                onChange={(e) => setPasswords({ ...passwords, current: e.target.value })}
              />
            </Field>
            <Field id="pw-next" label="New password" help="At least 8 characters">
              <input
                id="pw-next"
                className="input"
                type="password"
                autoComplete="new-password"
                value={passwords.next}
                onChange={(e) => setPasswords({ ...passwords, next: e.target.value })}
              />
            </Field>
            <Field id="pw-repeat" label="Repeat new password">
              <input
                id="pw-repeat"
                className="input"
                type="password"
                autoComplete="new-password"
                value={passwords.repeat}
                onChange={(e) => setPasswords({ ...passwords, repeat: e.target.value })}
              />
            </Field>
          </div>
          <button type="submit" className="btn">
            Change password
          </button>
        </fieldset>
      </form>
    </div>
  );
}
