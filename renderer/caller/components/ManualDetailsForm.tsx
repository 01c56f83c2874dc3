import { useId, useState, type FormEvent } from 'react';
import type { ManualDetails } from '../api.js';

const MAX_LENGTH = 50;

/** Asked for when no lookup data exists for the callsign: name, location and country (all required). */
export function ManualDetailsForm({
  callsign,
  pending,
  onSubmit,
  onCancel,
}: {
  callsign: string;
  pending: boolean;
  onSubmit: (details: ManualDetails) => Promise<void>;
  onCancel: () => void;
}) {
  const ids = useId();
  const [details, setDetails] = useState<ManualDetails>({ name: '', location: '', country: '' });
  const [tried, setTried] = useState(false);
  const fields: { key: keyof ManualDetails; label: string; autoComplete: string }[] = [
    { key: 'name', label: 'Name', autoComplete: 'name' },
    { key: 'location', label: 'Location / city', autoComplete: 'address-level2' },
    { key: 'country', label: 'Country', autoComplete: 'country-name' },
  ];
  const missing = fields.filter((f) => details[f.key].trim() === '');

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTried(true);
    if (missing.length > 0 || pending) return;
    void onSubmit({
      name: details.name.trim(),
      location: details.location.trim(),
      country: details.country.trim(),
    });
  };

  return (
    <form
      className="manual-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${ids}-title`}
      data-testid="manual-form"
    >
      <h2 id={`${ids}-title`}>A few details for {callsign}</h2>
      <p className="muted">No lookup data was found for your callsign. Tell the operator who you are:</p>
      {fields.map((f, index) => {
        const bad = tried && details[f.key].trim() === '';
        return (
          <div className="field" key={f.key}>
            <label htmlFor={`${ids}-${f.key}`}>{f.label}</label>
            <input
              id={`${ids}-${f.key}`}
              name={f.key}
              value={details[f.key]}
              maxLength={MAX_LENGTH}
              required
              // The form appears in answer to the caller's own submit: move the focus into it.
              autoFocus={index === 0}
              autoComplete={f.autoComplete}
              aria-invalid={bad ? true : undefined}
              aria-describedby={bad ? `${ids}-${f.key}-err` : undefined}
              onChange={(e) => setDetails({ ...details, [f.key]: e.target.value })}
            />
            {bad && (
              <p id={`${ids}-${f.key}-err`} className="hint hint-bad">
                {f.label} is required.
              </p>
            )}
          </div>
        );
      })}
      <div className="button-row">
        <button type="submit" disabled={pending}>
          {pending ? 'Joining…' : 'Join queue'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
