import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead, createUser, createWorkspace } from '@/db/factories';
import { gql, workspaceWithKey } from '@/lib/graphql/test-kit';
import { toGlobalId } from '@/lib/graphql/relay';
import { getLeadTimeline, type ChangeItem } from './get-lead-timeline';
import { leadToForm } from './lead-to-form';
import { updateLead } from './update-lead';

// Issue 15 item 12: edits of status or e-mail appear on the lead's timeline.

const changes = async (workspaceId: string, leadId: string) =>
  (await getLeadTimeline(workspaceId, leadId))
    .filter((i): i is ChangeItem => i.kind === 'change')
    // One save's rows share its instant: order them by field to compare.
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.field.localeCompare(b.field))
    .map(({ field, previous, next, byName, channel }) => ({ field, previous, next, byName, channel }));

describe('lead edits on the timeline', () => {
  // Opening (and migrating) the database belongs to no test's time budget.
  beforeAll(async () => {
    await getDb();
  });

  it('records each changed field with the value before and after and who changed it; an unchanged save records nothing', async () => {
    const ws = await createWorkspace();
    const user = await createUser(undefined, { workspaceId: ws.id, role: 'agent' });
    const lead = await createLead(ws.id, { name: 'Ana Souza', email: 'ana@old.example' });
    const ctx = { workspaceId: ws.id, defaultCountry: 'BR', actor: { userId: user.id, channel: 'admin' as const } };

    await updateLead(ctx, lead.id, { ...leadToForm(lead), email: 'ana@new.example', lifecycleStatus: 'qualified' });
    expect(await changes(ws.id, lead.id)).toEqual([
      { field: 'email', previous: 'ana@old.example', next: 'ana@new.example', byName: user.name, channel: 'admin' },
      { field: 'lifecycle_status', previous: 'new', next: 'qualified', byName: user.name, channel: 'admin' },
    ]);

    const saved = await updateLead(ctx, lead.id, { ...leadToForm(lead), email: 'ana@new.example', lifecycleStatus: 'qualified' });
    expect(await changes(ws.id, lead.id)).toHaveLength(2);

    await updateLead(ctx, lead.id, { ...leadToForm(saved), email: '', optedOut: true });
    expect((await changes(ws.id, lead.id)).slice(2)).toEqual([
      { field: 'email', previous: 'ana@new.example', next: null, byName: user.name, channel: 'admin' },
      { field: 'opted_out', previous: 'no', next: 'yes', byName: user.name, channel: 'admin' },
    ]);
  });

  it('records edits made through the API as such, and never shows another workspace’s', async () => {
    const { ws, key } = await workspaceWithKey();
    const lead = await createLead(ws.id, { name: 'Caio' });
    const answer = await gql(key, 'mutation($id: ID!, $input: UpdateLeadInput!) { updateLead(id: $id, input: $input) { id } }', {
      id: toGlobalId('Lead', lead.id),
      input: { lifecycleStatus: 'CUSTOMER', email: 'caio@example.com' },
    });
    expect(JSON.stringify(answer.errors)).toBeUndefined();
    const recorded = await changes(ws.id, lead.id);
    expect(recorded.map((c) => [c.field, c.previous, c.next, c.channel])).toEqual([
      ['email', null, 'caio@example.com', 'api'],
      ['lifecycle_status', 'new', 'customer', 'api'],
    ]);
    const other = await createWorkspace();
    expect(await changes(other.id, lead.id)).toEqual([]);
  });
});
