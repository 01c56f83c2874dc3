/** A visually hidden region whose text screen readers announce when it changes. */
export function LiveRegion({ text, assertive = false }: { text: string; assertive?: boolean }) {
  return (
    <div className="visually-hidden" aria-live={assertive ? 'assertive' : 'polite'} aria-atomic="true">
      {text}
    </div>
  );
}
