import { Fragment, type ReactNode } from 'react';
import { parseWhatsAppFormatting, type FormatNode } from '@/lib/templates/whatsapp-format';

// WhatsApp's formatting (*bold*, _italic_, ~strike~, ```mono```) as React elements: the one
// renderer of the template preview and the lead's conversation. Text becomes React text nodes
// (never HTML), so whatever the admin, a lead's data or a lead's reply contains is shown, not run.

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

export function WhatsAppText({ text }: { text: string }) {
  return <>{renderNodes(parseWhatsAppFormatting(text))}</>;
}
