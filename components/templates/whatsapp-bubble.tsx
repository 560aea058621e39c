import { WhatsAppText } from './whatsapp-text';

// A WhatsApp-like chat bubble for the template editor's preview; its text goes through the
// same renderer as the lead's conversation (WhatsAppText).

type Props = { header?: string; body: string; footer?: string; buttons?: string[] };

export function WhatsAppBubble({ header, body, footer, buttons = [] }: Props) {
  return (
    <div className="rounded-3 p-3" style={{ background: '#efeae2', minHeight: 120 }}>
      <div className="rounded-3 shadow-sm px-3 py-2" style={{ maxWidth: 340, background: '#d9fdd3' }} data-testid="preview-bubble">
        {header && <div className="fw-bold mb-1"><WhatsAppText text={header} /></div>}
        <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="preview-text">
          {body ? <WhatsAppText text={body} /> : <span className="text-muted">Your message appears here.</span>}
        </div>
        {footer && <div className="small text-muted mt-1">{footer}</div>}
      </div>
      {buttons.length > 0 && (
        <div className="d-grid gap-1 mt-1" style={{ maxWidth: 340 }}>
          {buttons.map((b, i) => (
            <div key={i} className="bg-white rounded-3 text-center small py-1 text-primary shadow-sm">{b}</div>
          ))}
        </div>
      )}
    </div>
  );
}
