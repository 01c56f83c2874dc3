import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: role=dialog with aria-modal, focus moved inside and trapped there, Escape closes,
 * focus returns to the console afterwards. The backdrop does not close it (nothing typed is lost).
 */
export function Modal({
  title,
  onClose,
  children,
  initialFocus,
  wide = false,
  fullScreen = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  initialFocus?: string;
  wide?: boolean;
  fullScreen?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const first = initialFocus
      ? dialog.querySelector<HTMLElement>(initialFocus)
      : dialog.querySelector<HTMLElement>(FOCUSABLE);
    // the dialog opens at its top, even when the first control is further down (the shortcuts list)
    first?.focus({ preventScroll: true });
    dialog.scrollTop = 0;
  }, [initialFocus]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="backdrop">
      <div
        ref={ref}
        className={`dialog ${wide ? 'dialog-wide' : ''} ${fullScreen ? 'dialog-full' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="dialog-title"
        onKeyDown={onKeyDown}
      >
        <h2 id="dialog-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
