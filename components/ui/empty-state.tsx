import type { IconDefinition } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import type { ReactNode } from 'react';

type Props = { icon: IconDefinition; title: string; children?: ReactNode; headingLevel?: 2 | 3 };

/** What a page shows when there is nothing yet, and what would make something appear. */
export function EmptyState({ icon, title, children, headingLevel = 2 }: Props) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="text-center border rounded bg-white px-3 py-5" data-testid="empty-state">
      <FontAwesomeIcon icon={icon} size="2x" className="text-secondary mb-3" aria-hidden />
      <Heading className="h5">{title}</Heading>
      {children && <div className="text-muted mx-auto" style={{ maxWidth: 560 }}>{children}</div>}
    </div>
  );
}
