import type { ReactNode } from 'react';

/** The one <h1> of a page, with an optional line under it. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-4">
      <h1 className="h3 mb-1">{title}</h1>
      {children && <p className="text-muted mb-0">{children}</p>}
    </div>
  );
}
