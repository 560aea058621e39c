import { StatusTicks } from '@/components/messages/status-ticks';
import { STATUS_STYLE } from '@/components/messages/status-badge';
import { WhatsAppText } from '@/components/templates/whatsapp-text';
import { formatDateTimeSeconds, formatTime } from '@/components/ui/format';
import type { InboundItem, OutboundItem } from '@/lib/leads/get-lead-timeline';

function Outbound({ m, timeZone }: { m: OutboundItem; timeZone: string }) {
  const times = Object.entries(m.times).filter((e): e is [string, Date] => e[1] !== null);
  return (
    <div className="d-flex mb-2" data-testid="outbound-message" data-status={m.status}>
      <div className={`wl-bubble wl-bubble-out${m.status === 'failed' ? ' border border-danger' : ''}`}>
        {(m.templateName || m.campaignName) && (
          <div className="small text-muted mb-1">{[m.campaignName, m.templateName].filter(Boolean).join(' · ')}</div>
        )}
        <div data-testid="message-text">{m.body !== null ? <WhatsAppText text={m.body} /> : <span className="fst-italic">Template message</span>}</div>
        {m.status === 'failed' && (
          <div className="small text-danger mt-1" role="note">
            Failed{m.error?.code != null && <> (error {m.error.code})</>}
            {m.error?.title && <>: {m.error.title}</>}
            {(m.error?.reason || m.statusReason) && <span className="d-block">{m.error?.reason || m.statusReason}</span>}
          </div>
        )}
        {m.status === 'skipped' && (
          <div className="small text-warning-emphasis mt-1" role="note">Skipped{m.statusReason && <>: {m.statusReason}</>}</div>
        )}
        {m.status === 'unknown' && (
          <div className="small text-muted mt-1" role="note">Outcome unknown{m.statusReason && <>: {m.statusReason}</>}</div>
        )}
        <div className="d-flex justify-content-end align-items-center gap-1 small text-muted mt-1">
          <time dateTime={m.at.toISOString()}>{formatTime(m.at, timeZone)}</time>
          <StatusTicks status={m.status} />
        </div>
        <details className="small mt-1">
          <summary className="text-muted">Status history</summary>
          <ul className="list-unstyled mb-0 mt-1">
            {times.map(([status, at]) => (
              <li key={status}>{STATUS_STYLE[status as keyof typeof STATUS_STYLE]?.label ?? status}: {formatDateTimeSeconds(at, timeZone)}</li>
            ))}
            {m.events.map((e, i) => (
              <li key={i} className="text-muted">
                {e.status} ({e.source}) {formatDateTimeSeconds(e.at, timeZone)}
                {e.errorCode != null && <> · error {e.errorCode}</>}
                {e.detail && <> · {e.detail}</>}
              </li>
            ))}
          </ul>
        </details>
      </div>
    </div>
  );
}

function Inbound({ m, timeZone }: { m: InboundItem; timeZone: string }) {
  return (
    <div className="d-flex mb-2" data-testid="inbound-message">
      <div className="wl-bubble wl-bubble-in">
        <div>{m.text !== null ? <WhatsAppText text={m.text} /> : (m.buttonPayload ?? <span className="fst-italic">[{m.type}]</span>)}</div>
        <div className="text-end small text-muted mt-1">
          <time dateTime={m.at.toISOString()}>{formatTime(m.at, timeZone)}</time>
        </div>
      </div>
    </div>
  );
}

/** Our messages on the right with WhatsApp-style ticks, the lead's on the left, oldest first. */
export function Conversation({ items, timeZone }: { items: (OutboundItem | InboundItem)[]; timeZone: string }) {
  if (items.length === 0) {
    return <p className="text-muted mb-0">No messages with this lead yet.</p>;
  }
  return (
    <div className="wl-chat" aria-label="Conversation" role="log">
      {items.map((item) =>
        item.kind === 'outbound' ? (
          <Outbound key={item.id} m={item} timeZone={timeZone} />
        ) : (
          <Inbound key={item.id} m={item} timeZone={timeZone} />
        ),
      )}
    </div>
  );
}
