import { useEffect, useState, type FormEvent } from 'react';
import { useConsole } from '../store.js';
import { askToggleSystem, setBeamHeading, setBeamVisible, setFrequency, setSplit } from '../actions.js';
import { focusConsole } from '../hooks.js';
import { MODES } from '../../../shared/radio.js';
import { Kbd } from './Kbd.js';

const BANDS = [
  '160m',
  '80m',
  '60m',
  '40m',
  '30m',
  '20m',
  '17m',
  '15m',
  '12m',
  '10m',
  '6m',
  '4m',
  '2m',
  '70cm',
];

export function StationPanel() {
  const live = useConsole((s) => s.live);
  const [frequency, setFrequencyText] = useState(live.frequency.frequency ?? '');
  const [band, setBand] = useState(live.frequency.band ?? '');
  const [mode, setMode] = useState(live.frequency.mode ?? '');
  const [split, setSplitText] = useState(live.split.split ?? '');
  const [beam, setBeam] = useState(live.beamHeading === null ? '' : String(live.beamHeading));

  // Follow changes made elsewhere (another console, a logger, the radio).
  useEffect(() => {
    setFrequencyText(live.frequency.frequency ?? '');
    setBand(live.frequency.band ?? '');
    setMode(live.frequency.mode ?? '');
  }, [live.frequency]);
  useEffect(() => setSplitText(live.split.split ?? ''), [live.split]);
  useEffect(() => setBeam(live.beamHeading === null ? '' : String(live.beamHeading)), [live.beamHeading]);

  const submit = (handler: () => Promise<void>) => (event: FormEvent) => {
    event.preventDefault();
    void handler().then(focusConsole);
  };

  return (
    <section className="panel station-panel" aria-labelledby="station-heading">
      <div className="panel-head">
        <h2 id="station-heading">Station</h2>
        <button
          type="button"
          className={`btn btn-small ${live.active ? 'btn-danger-outline' : 'btn-primary'}`}
          onClick={askToggleSystem}
          aria-keyshortcuts="Shift+A"
          data-testid="system-toggle"
        >
          {live.active ? 'Switch off…' : 'Switch on…'} <Kbd action="toggleSystem" />
        </button>
      </div>
      <form className="station-form" onSubmit={submit(() => setFrequency(frequency, band, mode))}>
        <div className="field field-freq">
          <label htmlFor="frequency-input">
            Frequency <Kbd action="focusFrequency" />
          </label>
          <input
            id="frequency-input"
            className="input"
            value={frequency}
            onChange={(event) => setFrequencyText(event.target.value)}
            placeholder="14.205"
            autoComplete="off"
            inputMode="decimal"
          />
        </div>
        <div className="field">
          <label htmlFor="band-input">Band</label>
          <input
            id="band-input"
            className="input"
            list="band-options"
            value={band}
            onChange={(event) => setBand(event.target.value)}
            placeholder="20m"
            autoComplete="off"
          />
          <datalist id="band-options">
            {BANDS.map((b) => (
              <option key={b} value={b} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="mode-input">Mode</label>
          <input
            id="mode-input"
            className="input"
            list="mode-options"
            value={mode}
            onChange={(event) => setMode(event.target.value.toUpperCase())}
            placeholder="SSB"
            autoComplete="off"
          />
          <datalist id="mode-options">
            {MODES.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </div>
        <button type="submit" className="btn field-submit">
          Set
        </button>
      </form>
      <form className="station-form" onSubmit={submit(() => setSplit(split))}>
        <div className="field field-wide">
          <label htmlFor="split-input">Split</label>
          <input
            id="split-input"
            className="input"
            value={split}
            onChange={(event) => setSplitText(event.target.value)}
            placeholder="Up 5 to 10"
            autoComplete="off"
          />
        </div>
        <button type="submit" className="btn field-submit">
          Set
        </button>
      </form>
      <form className="station-form" onSubmit={submit(() => setBeamHeading(beam))}>
        <div className="field">
          <label htmlFor="beam-input">Beam heading °</label>
          <input
            id="beam-input"
            className="input"
            value={beam}
            onChange={(event) => setBeam(event.target.value)}
            placeholder="0–360"
            inputMode="numeric"
            autoComplete="off"
          />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={live.beamVisible}
            onChange={(event) => void setBeamVisible(event.target.checked)}
          />
          Show to callers
        </label>
        <button type="submit" className="btn field-submit">
          Set
        </button>
      </form>
      <p className="muted small">Empty a field and press Set to clear it.</p>
    </section>
  );
}
