import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead as createLeadRow, createUser, createWorkspace } from '@/db/factories';
import { leads, leadTouchpoints, messages } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { createLead } from './create-lead';
import { DuplicatePhoneError } from './save-lead-fields';
import { EMPTY_LEAD_FORM } from './schema';
import { updateLead } from './update-lead';

async function setup() {
  const ws = await createWorkspace();
  const user = await createUser(undefined, { workspaceId: ws.id });
  return { ws, ctx: { workspaceId: ws.id, defaultCountry: 'BR', userId: user.id } };
}

const form = (over: Partial<typeof EMPTY_LEAD_FORM> = {}) => ({ ...EMPTY_LEAD_FORM, ...over });

describe('createLead / updateLead', () => {
  it('creates a lead from a local phone with tags, attributes, consent and a manual touchpoint, queuing nothing', async () => {
    const db = await getDb();
    const { ctx } = await setup();
    const lead = await createLead(ctx, form({
      name: ' Ana Lima ',
      phone: '(81) 98765-4321',
      email: 'ana@example.com',
      tags: ['vip', 'vip', 'recife'],
      attributes: [{ key: 'city', value: 'Recife' }],
      hasConsent: true,
      consentText: 'Asked at the store',
      lifecycleStatus: 'qualified',
    }));
    expect(lead).toMatchObject({
      name: 'Ana Lima',
      phoneE164: '+5581987654321',
      tags: ['vip', 'recife'],
      attributes: { city: 'Recife' },
      consentSource: 'manual',
      consentText: 'Asked at the store',
      lifecycleStatus: 'qualified',
      source: 'manual',
      optedOutAt: null,
    });
    expect(lead.consentAt).toBeInstanceOf(Date);
    const tps = await db.select().from(leadTouchpoints).where(eq(leadTouchpoints.leadId, lead.id));
    expect(tps).toEqual([expect.objectContaining({ source: 'manual', payload: { createdByUserId: ctx.userId } })]);
    expect(await db.select().from(messages).where(eq(messages.leadId, lead.id))).toEqual([]);
  });

  it("answers field errors: the normaliser's reason, e-mail format, duplicate attribute names", async () => {
    const { ctx } = await setup();
    const short = await createLead(ctx, form({ phone: '123' })).catch((e: unknown) => e);
    expect(short).toBeInstanceOf(AppError);
    expect((short as AppError).fields?.phone).toMatch(/^Not a valid WhatsApp number: .+\.$/);
    const landline = await createLead(ctx, form({ phone: '(11) 3456-7890' })).catch((e: AppError) => e);
    expect((landline as AppError).fields?.phone).toContain('not a mobile number');
    await expect(createLead(ctx, form({ phone: '' }))).rejects.toMatchObject({ fields: { phone: 'Enter a phone number' } });
    await expect(createLead(ctx, form({ phone: '11987654321', email: 'nope' }))).rejects.toMatchObject({
      fields: { email: 'Enter a valid e-mail address, like ana@example.com' },
    });
    await expect(
      createLead(ctx, form({ phone: '11987654321', attributes: [{ key: 'City', value: 'a' }, { key: 'city', value: 'b' }] })),
    ).rejects.toMatchObject({ fields: { 'attributes.1.key': 'This name is already used above' } });
  });

  it('points at the existing lead when the phone is taken, in any format, but only within the workspace', async () => {
    const { ws, ctx } = await setup();
    const existing = await createLeadRow(ws.id, { phoneE164: '+5511987650123' });
    const err = await createLead(ctx, form({ phone: '+55 11 98765-0123' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DuplicatePhoneError);
    expect((err as DuplicatePhoneError).existingLeadId).toBe(existing.id);
    // The 8-digit Brazilian form is the same mobile.
    const old = await createLead(ctx, form({ phone: '11 8765-0123' })).catch((e: unknown) => e);
    expect((old as DuplicatePhoneError).existingLeadId).toBe(existing.id);
    const elsewhere = await setup();
    await expect(createLead(elsewhere.ctx, form({ phone: '+55 11 98765-0123' }))).resolves.toMatchObject({ phoneE164: '+5511987650123' });
  });

  it("updates fields, keeps consent and opt-out times, refuses a taken phone and another workspace's lead", async () => {
    const { ws, ctx } = await setup();
    const lead = await createLead(ctx, form({ phone: '11987650201', hasConsent: true, optedOut: true }));
    const taken = await createLeadRow(ws.id, { phoneE164: '+5511987650202' });
    const saved = await updateLead(ctx, lead.id, form({
      name: 'Bruno',
      phone: '11987650203',
      hasConsent: true,
      optedOut: true,
      tags: ['a'],
      attributes: [{ key: 'plan', value: 'gold' }],
    }));
    expect(saved).toMatchObject({ name: 'Bruno', phoneE164: '+5511987650203', tags: ['a'], attributes: { plan: 'gold' } });
    expect(saved.consentAt?.getTime()).toBe(lead.consentAt?.getTime());
    expect(saved.optedOutAt?.getTime()).toBe(lead.optedOutAt?.getTime());

    const cleared = await updateLead(ctx, lead.id, form({ phone: '11987650203' }));
    expect(cleared).toMatchObject({ consentAt: null, optedOutAt: null, name: null, tags: [], attributes: {} });

    const dup = await updateLead(ctx, lead.id, form({ phone: '11987650202' })).catch((e: unknown) => e);
    expect((dup as DuplicatePhoneError).existingLeadId).toBe(taken.id);

    const other = await setup();
    await expect(updateLead(other.ctx, lead.id, form({ phone: '11987650209' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateLead(ctx, 'not-a-uuid', form({ phone: '11987650209' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const db = await getDb();
    const [unchanged] = await db.select().from(leads).where(eq(leads.id, lead.id));
    expect(unchanged.phoneE164).toBe('+5511987650203');
  });
});
