import {
  faBan,
  faCheck,
  faCheckDouble,
  faCircleExclamation,
  faCircleQuestion,
  faClock,
  faPaperPlane,
  type IconDefinition,
} from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import Badge from 'react-bootstrap/Badge';
import type { MessageStatus } from '@/db/schema';

export const STATUS_STYLE: Record<MessageStatus, { bg: string; text?: 'dark' | 'light'; icon: IconDefinition; label: string }> = {
  queued: { bg: 'secondary', icon: faClock, label: 'Queued' },
  sending: { bg: 'info', text: 'dark', icon: faPaperPlane, label: 'Sending' },
  sent: { bg: 'primary', icon: faCheck, label: 'Sent' },
  delivered: { bg: 'success', icon: faCheckDouble, label: 'Delivered' },
  read: { bg: 'success', icon: faCheckDouble, label: 'Read' },
  failed: { bg: 'danger', icon: faCircleExclamation, label: 'Failed' },
  skipped: { bg: 'warning', text: 'dark', icon: faBan, label: 'Skipped' },
  // The request may have reached Meta; a webhook may still settle it.
  unknown: { bg: 'dark', icon: faCircleQuestion, label: 'Unknown' },
};

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  const s = STATUS_STYLE[status];
  return (
    <Badge bg={s.bg} text={s.text} className="d-inline-flex align-items-center gap-1" data-status={status}>
      <FontAwesomeIcon icon={s.icon} aria-hidden />
      {s.label}
    </Badge>
  );
}
