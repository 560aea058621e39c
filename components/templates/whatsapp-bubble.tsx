import { Fragment, type ReactNode } from 'react';
import { parseWhatsAppFormatting, type FormatNode } from '@/lib/templates/whatsapp-format';

// A WhatsApp-like chat bubble. Text becomes React text nodes (never HTML), so whatever the
// admin or a lead's data contains is shown, not executed.

function renderNodes(nodes: FormatNode[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.kind) {
      case 'text':
        return <Fragment key={i}>{n.text}</Fragment>;
      case 'mono':
        return <code key={i} className="text-body" style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}>{n.text}</code>;
      case 'bold':
        return <strong key={i}>{renderNodes(n.children)}</strong>;
      case 'italic':
        return <em key={i}>{renderNodes(n.children)}</em>;
      case 'strike':
        return <s key={i}>{renderNodes(n.children)}</s>;
    }
  });
}

type Props = { header?: string; body: string; footer?: string; buttons?: string[] };

export function WhatsAppBubble({ header, body, footer, buttons = [] }: Props) {
  return (
    <div className="rounded-3 p-3" style={{ background: '#efeae2', minHeight: 120 }}>
      <div className="rounded-3 shadow-sm px-3 py-2" style={{ maxWidth: 340, background: '#d9fdd3' }} data-testid="preview-bubble">
        {header && <div className="fw-bold mb-1">{renderNodes(parseWhatsAppFormatting(header))}</div>}
        <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="preview-text">
          {body ? renderNodes(parseWhatsAppFormatting(body)) : <span className="text-muted">Your message appears here.</span>}
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
