import { faWhatsapp } from '@fortawesome/free-brands-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import type { ReactNode } from 'react';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="wl-auth p-3">
      <div className="bg-white rounded-3 shadow p-4" style={{ width: '100%', maxWidth: 420 }}>
        <div className="text-center mb-3">
          <FontAwesomeIcon icon={faWhatsapp} size="2x" style={{ color: 'var(--wl-green)' }} />
          <div className="fw-bold fs-4">WhatsLab</div>
        </div>
        {children}
      </div>
    </main>
  );
}
