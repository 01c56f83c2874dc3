export type PillTone = 'on' | 'off' | 'paused' | 'neutral';

/** A small rounded label such as ON AIR / OFF AIR. */
export function StatusPill({ tone, label, testId }: { tone: PillTone; label: string; testId?: string }) {
  return (
    <span className={`pill pill-${tone}`} data-testid={testId}>
      {label}
    </span>
  );
}
