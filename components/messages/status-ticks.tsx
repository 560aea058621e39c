import { faBan, faCheck, faCheckDouble, faCircleExclamation, faCircleQuestion, faClock } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import type { MessageStatus } from '@/db/schema';

// WhatsApp's own vocabulary: one grey check sent, two grey delivered, two blue read.
const TICKS: Record<MessageStatus, { icon: typeof faCheck; className: string; label: string }> = {
  queued: { icon: faClock, className: 'text-secondary', label: 'Queued' },
  sending: { icon: faClock, className: 'text-secondary', label: 'Sending' },
  sent: { icon: faCheck, className: 'text-secondary', label: 'Sent' },
  delivered: { icon: faCheckDouble, className: 'text-secondary', label: 'Delivered' },
  read: { icon: faCheckDouble, className: '', label: 'Read' },
  failed: { icon: faCircleExclamation, className: 'text-danger', label: 'Failed' },
  skipped: { icon: faBan, className: 'text-warning', label: 'Skipped' },
  unknown: { icon: faCircleQuestion, className: 'text-secondary', label: 'Unknown' },
};

export function StatusTicks({ status }: { status: MessageStatus }) {
  const t = TICKS[status];
  return (
    <span className={t.className} title={t.label} data-status={status} style={status === 'read' ? { color: '#34b7f1' } : undefined}>
      <FontAwesomeIcon icon={t.icon} aria-hidden />
      <span className="visually-hidden">{t.label}</span>
    </span>
  );
}
