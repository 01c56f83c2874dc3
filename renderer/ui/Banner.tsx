import type { ReactNode } from 'react';

export type BannerTone = 'info' | 'success' | 'warning' | 'danger';

/** A coloured message box. `role` decides how assistive technology treats it (status: polite, alert: urgent). */
export function Banner({
  tone,
  role,
  children,
  id,
  testId,
}: {
  tone: BannerTone;
  role?: 'status' | 'alert';
  children: ReactNode;
  id?: string;
  testId?: string;
}) {
  return (
    <div className={`banner banner-${tone}`} role={role} id={id} data-testid={testId}>
      {children}
    </div>
  );
}
