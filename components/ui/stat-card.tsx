import type { IconDefinition } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import { formatNumber } from './format';

type Props = { label: string; value: number; icon: IconDefinition; hint?: string; testId?: string };

export function StatCard({ label, value, icon, hint, testId }: Props) {
  return (
    <Card className="h-100 shadow-sm border-0">
      <CardBody className="d-flex align-items-center gap-3">
        <span className="rounded-circle d-inline-flex align-items-center justify-content-center bg-success-subtle text-success" style={{ width: 44, height: 44 }}>
          <FontAwesomeIcon icon={icon} aria-hidden />
        </span>
        <div>
          <div className="text-muted small">{label}</div>
          <div className="fs-4 fw-semibold" aria-label={`${label}: ${value}`} data-testid={testId}>
            {formatNumber(value)}
          </div>
          {hint && <div className="text-muted small">{hint}</div>}
        </div>
      </CardBody>
    </Card>
  );
}
