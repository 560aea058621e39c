import Alert from 'react-bootstrap/Alert';
import Badge from 'react-bootstrap/Badge';
import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import CardHeader from 'react-bootstrap/CardHeader';
import type { ReactNode } from 'react';
import { formatDateTime } from '@/components/ui/format';
import type { SenderPhoneListRow } from '@/lib/phones/list-sender-phones';

const STATUS_BG = { active: 'success', needs_attention: 'warning', paused: 'secondary', disabled: 'dark' } as const;
const STATUS_LABEL = { active: 'Active', needs_attention: 'Needs attention', paused: 'Paused', disabled: 'Disabled' } as const;

type Props = { phone: SenderPhoneListRow; webhookUrl: string; timeZone: string; children?: ReactNode };

function lastCheck(v: Record<string, unknown> | null): string | null {
  if (!v) return null;
  if (v.ok === true) return typeof v.throughputLevel === 'string' ? `Connected · throughput ${v.throughputLevel}` : 'Connected';
  const code = typeof v.code === 'number' ? ` (error ${v.code})` : '';
  if (typeof v.summary === 'string') return `Failed${code}: ${v.summary}`;
  return `Failed${code}${typeof v.detail === 'string' ? `: ${v.detail}` : ''}`;
}

export function SenderPhoneCard({ phone, webhookUrl, timeZone, children }: Props) {
  const check = lastCheck(phone.verification);
  return (
    <Card className="shadow-sm border-0 h-100" data-testid="sender-phone">
      <CardHeader className="bg-white d-flex flex-wrap align-items-center gap-2">
        <h2 className="h6 mb-0 me-auto">{phone.label}</h2>
        <Badge bg={phone.provider === 'sandbox' ? 'info' : 'primary'} text={phone.provider === 'sandbox' ? 'dark' : undefined}>
          {phone.provider === 'sandbox' ? 'Sandbox' : 'Cloud API'}
        </Badge>
        {!phone.isActive && <Badge bg="secondary">Inactive</Badge>}
        <Badge bg={STATUS_BG[phone.status]} text={phone.status === 'needs_attention' ? 'dark' : undefined}>
          {STATUS_LABEL[phone.status]}
        </Badge>
      </CardHeader>
      <CardBody>
        {phone.status === 'needs_attention' && (
          <Alert variant="warning" className="small" data-testid="needs-attention">
            <strong>Sending is stopped and this phone is not offered to campaigns.</strong>{' '}
            {phone.statusReason ?? 'Meta rejected this number’s credentials.'} Fix the phone number ID or access token (Edit) if needed,
            then Verify connection to resume.
          </Alert>
        )}
        {phone.status === 'paused' && phone.statusReason && (
          <p className="small text-danger-emphasis" role="note">
            {phone.statusReason}
            {phone.pausedUntil && <> (paused until {formatDateTime(phone.pausedUntil, timeZone)})</>}
          </p>
        )}
        <dl className="row small mb-0">
          <dt className="col-sm-5 fw-normal text-muted">Display number</dt>
          <dd className="col-sm-7">{phone.displayPhoneNumber ?? '—'}{phone.verifiedName && <> · {phone.verifiedName}</>}</dd>
          <dt className="col-sm-5 fw-normal text-muted">Phone number ID</dt>
          <dd className="col-sm-7"><code>{phone.phoneNumberId}</code></dd>
          <dt className="col-sm-5 fw-normal text-muted">WhatsApp Business Account ID</dt>
          <dd className="col-sm-7"><code>{phone.wabaId}</code></dd>
          <dt className="col-sm-5 fw-normal text-muted">Rate limit</dt>
          <dd className="col-sm-7">{phone.rateLimitPerSecond} messages per second</dd>
          {phone.qualityRating && (
            <>
              <dt className="col-sm-5 fw-normal text-muted">Quality rating</dt>
              <dd className="col-sm-7">{phone.qualityRating}</dd>
            </>
          )}
          <dt className="col-sm-5 fw-normal text-muted">Last verified</dt>
          <dd className="col-sm-7">
            {formatDateTime(phone.lastVerifiedAt, timeZone)}
            {check && <div className="text-muted text-break">{check}</div>}
          </dd>
        </dl>
        <hr />
        <p className="small text-muted mb-2">
          In Meta&apos;s App Dashboard (WhatsApp → Configuration → Webhook), paste these two values and subscribe to the{' '}
          <code>messages</code> field:
        </p>
        <dl className="row small">
          <dt className="col-sm-5 fw-normal text-muted">Callback URL</dt>
          <dd className="col-sm-7 text-break"><code data-testid="webhook-url">{webhookUrl}</code></dd>
          <dt className="col-sm-5 fw-normal text-muted">Verify token</dt>
          <dd className="col-sm-7 text-break"><code data-testid="verify-token">{phone.webhookVerifyToken}</code></dd>
        </dl>
        {children}
      </CardBody>
    </Card>
  );
}
