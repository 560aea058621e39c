import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/graphql/schema.graphql/route';
import { printApiSchema } from './schema';

// Every API change shows in review: the committed SDL must be what the code builds.
describe('lib/graphql/schema.graphql', () => {
  it('is the schema the code builds (run `npm run graphql:schema` after changing the API)', () => {
    const committed = readFileSync(path.join(process.cwd(), 'lib/graphql/schema.graphql'), 'utf8');
    expect(printApiSchema()).toBe(committed);
  });

  it('is served at /api/graphql/schema.graphql', async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(printApiSchema());
  });
});
