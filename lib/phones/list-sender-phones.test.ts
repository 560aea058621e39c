import { describe, expect, it } from 'vitest';
import { createSenderPhone, createWorkspace } from '@/db/factories';
import { listSenderPhones } from './list-sender-phones';

describe('listSenderPhones', () => {
  it("lists this workspace's phones without any secret, encrypted or not", async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const phone = await createSenderPhone(ws.id, { label: 'Main', provider: 'sandbox', displayPhoneNumber: '+1 555 010 0000' });
    await createSenderPhone(other.id, { label: 'Not mine' });

    const rows = await listSenderPhones(ws.id);
    expect(rows.map((r) => r.label)).toEqual(['Main']);
    expect(rows[0]).toMatchObject({ provider: 'sandbox', webhookVerifyToken: phone.webhookVerifyToken, rateLimitPerSecond: 80 });
    expect(Object.keys(rows[0])).not.toContain('accessTokenEnc');
    expect(Object.keys(rows[0])).not.toContain('appSecretEnc');
    const json = JSON.stringify(rows);
    for (const secret of [phone.accessToken, phone.appSecret, phone.accessTokenEnc, phone.appSecretEnc]) {
      expect(json).not.toContain(secret);
    }
  });
});
