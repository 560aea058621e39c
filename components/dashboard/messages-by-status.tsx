import { MESSAGE_STATUSES, type MessageStatus } from '@/db/schema';
import { MessageStatusBadge } from '@/components/messages/status-badge';
import { formatNumber } from '@/components/ui/format';
import Link from 'next/link';

export function MessagesByStatus({ counts }: { counts: Record<MessageStatus, number> }) {
  return (
    <ul className="list-group list-group-flush" aria-label="Messages by status">
      {MESSAGE_STATUSES.map((status) => (
        <li key={status} className="list-group-item d-flex justify-content-between align-items-center px-0">
          <Link href={`/messages/log?status=${status}`} className="text-decoration-none">
            <MessageStatusBadge status={status} />
          </Link>
          <span className="fw-semibold" data-testid={`count-${status}`}>{formatNumber(counts[status])}</span>
        </li>
      ))}
    </ul>
  );
}
