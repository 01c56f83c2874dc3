import type { KeyboardEvent } from 'react';
import { useConsole, type Panel } from '../store.js';
import type { ConnectInfo } from '../connect-info.js';
import { WorkedLogPanel } from './WorkedLogPanel.js';
import { BansPanel } from './BansPanel.js';
import { LanPanel } from './LanPanel.js';
import { SettingsPanel } from './SettingsPanel.js';
import { RadioPanel } from './RadioPanel.js';
import { LookupPanel } from './LookupPanel.js';

const TABS: ReadonlyArray<{ id: Panel; label: string; key: string }> = [
  { id: 'log', label: 'Log', key: '1' },
  { id: 'bans', label: 'Bans', key: '2' },
  { id: 'lan', label: 'LAN', key: '3' },
  { id: 'settings', label: 'Settings', key: '4' },
  { id: 'radio', label: 'Radio', key: '5' },
  { id: 'lookup', label: 'Lookup', key: '6' },
];

export function TabsPanel({ info }: { info: ConnectInfo | null }) {
  const panel = useConsole((s) => s.panel);

  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const index = TABS.findIndex((tab) => tab.id === panel);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    useConsole.setState({ panel: next.id });
    document.getElementById(`tab-${next.id}`)?.focus();
  };

  return (
    <section className="panel tabs-panel" aria-label="Log, bans, LAN access, settings, radio and lookups">
      <div className="tabs" role="tablist" onKeyDown={onKeyDown}>
        {TABS.map((tab) => (
          <button
            key={tab.id}
            id={`tab-${tab.id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={panel === tab.id}
            aria-controls={`tabpanel-${tab.id}`}
            tabIndex={panel === tab.id ? 0 : -1}
            aria-keyshortcuts={tab.key}
            onClick={() => useConsole.setState({ panel: tab.id })}
          >
            {tab.label}
            <kbd className="kbd" aria-hidden="true">
              {tab.key}
            </kbd>
          </button>
        ))}
      </div>
      <div className="tabpanel" role="tabpanel" id={`tabpanel-${panel}`} aria-labelledby={`tab-${panel}`}>
        {panel === 'log' && <WorkedLogPanel />}
        {panel === 'bans' && <BansPanel />}
        {panel === 'lan' && <LanPanel info={info} />}
        {panel === 'settings' && <SettingsPanel />}
        {panel === 'radio' && <RadioPanel />}
        {panel === 'lookup' && <LookupPanel />}
      </div>
    </section>
  );
}
