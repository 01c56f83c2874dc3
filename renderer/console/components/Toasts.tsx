import { dismissToast, useConsole } from '../store.js';

/** Feedback for every action; announced politely (errors assertively) to screen readers. */
export function Toasts() {
  const toasts = useConsole((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite" aria-relevant="additions" data-testid="toasts">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast toast-${t.tone}${t.sticky ? ' toast-sticky' : ''}`}
          role={t.tone === 'error' ? 'alert' : 'status'}
          data-testid={`toast-${t.tone}`}
        >
          <span>{t.text}</span>
          {t.action && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                dismissToast(t.id);
                t.action!.run();
              }}
              data-testid="toast-action"
            >
              {t.action.label}
              {t.action.key && (
                <kbd className="kbd" aria-hidden="true">
                  {t.action.key}
                </kbd>
              )}
            </button>
          )}
          <button
            type="button"
            className="toast-close"
            onClick={() => dismissToast(t.id)}
            aria-label="Dismiss"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
