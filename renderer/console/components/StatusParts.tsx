/** Small pieces shared by the Radio, Lookup and Server views: a state badge, a fact list, an error box. */
import type { ReactNode } from 'react';
import type { ReportedError } from '../json.js';
import { ago, utcDateTime } from '../format.js';

export type Tone = 'on' | 'off' | 'warn' | 'error';

export function StateBadge({ tone, label, testId }: { tone: Tone; label: string; testId?: string }) {
  return (
    <span className={`state-badge state-${tone}`} data-testid={testId} data-tone={tone}>
      {label}
    </span>
  );
}

/** An ISO time as "12:34Z (5 s ago)", with the full date in the tooltip; "never" when there is none. */
export function When({ iso, now }: { iso: string | null; now: number }) {
  if (!iso) return <span className="muted">never</span>;
  return (
    <time dateTime={iso} title={utcDateTime(iso)}>
      {utcDateTime(iso).slice(11)} <span className="muted">({ago(iso, now)})</span>
    </time>
  );
}

export function Facts({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <dl className="facts" data-testid={testId}>
      {children}
    </dl>
  );
}

export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** Counts by code as small chips ("N1MM_MALFORMED 3"), or "none". */
export function CodeCounts({ counts }: { counts: ReadonlyArray<{ code: string; count: number }> }) {
  if (counts.length === 0) return <span className="muted">none</span>;
  return (
    <span className="code-counts">
      {counts.map((entry) => (
        <span key={entry.code} className="code-chip" data-testid="code-count">
          <code>{entry.code}</code> <b>{entry.count}</b>
        </span>
      ))}
    </span>
  );
}

/** The last error of a subsystem, plainly: code, message and when. */
export function ErrorBox({
  error,
  now,
  title,
  testId,
}: {
  error: ReportedError;
  now: number;
  title: string;
  testId?: string;
}) {
  return (
    <div className="notice notice-danger error-box" role="status" data-testid={testId}>
      <div>
        <strong>{title}:</strong> <code className="error-code">{error.code}</code>
        {error.at && (
          <span className="error-when">
            {' '}
            · <When iso={error.at} now={now} />
          </span>
        )}
      </div>
      {error.message && <div className="error-message">{error.message}</div>}
    </div>
  );
}
