import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { createWorkspace } from '@/db/factories';
import { leads } from '@/db/schema';
import { createImport } from './create-import';
import { ingestImportBatch, type ImportCounts } from './ingest-import-batch';

// Spellings of the same few numbers (with and without the 9th digit, +55, 00, punctuation)
// and numbers no country accepts.
const NUMBERS = ['98765-4321', '97777-0001', '96666-1111', '99999-0002', '98555-3333'];
function spellings(n: string): string[] {
  const digits = n.replace('-', '');
  const old = digits.slice(1); // the 8-digit form, before the 9th digit
  return [`(11) ${n}`, `+55 11 ${n}`, `55 11${digits}`, `0055 11 ${digits}`, `11${digits}`, `11 ${old.slice(0, 4)}-${old.slice(4)}`];
}
const VALID = NUMBERS.map((n, i) => ({ e164: `+5511${n.replace('-', '')}`, spellings: spellings(n), i }));
const INVALID = ['123', 'abc', '', '(11) 3456-7890', '+55 11 1234'];

const rowArb = fc.oneof(
  fc.record({ valid: fc.constant(true), which: fc.nat(VALID.length - 1), spelling: fc.nat(5) }),
  fc.record({ valid: fc.constant(false), which: fc.nat(INVALID.length - 1), spelling: fc.constant(0) }),
);

describe('import property', () => {
  it('any shuffle and duplication of rows gives one lead per valid distinct phone, and the counts add up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        async (spec, batchSize) => {
          const ws = await createWorkspace();
          const rows = spec.map((r) => [r.valid ? VALID[r.which].spellings[r.spelling] : INVALID[r.which]]);
          const imp = await createImport(ws.id, { fileName: 'p.csv', columns: ['phone'], mapping: { phone: 'phone' } });
          let total: ImportCounts | undefined;
          for (let b = 0; b * batchSize < rows.length; b++) {
            const r = await ingestImportBatch(ws.id, imp.id, {
              batchNo: b,
              firstRowNumber: b * batchSize + 1,
              rows: rows.slice(b * batchSize, (b + 1) * batchSize),
            });
            total = r.total;
          }
          const expected = new Set(spec.filter((r) => r.valid).map((r) => VALID[r.which].e164));
          const db = await getDb();
          const got = await db.select({ phone: leads.phoneE164 }).from(leads).where(eq(leads.workspaceId, ws.id));
          expect(new Set(got.map((g) => g.phone))).toEqual(expected);
          expect(got).toHaveLength(expected.size);
          expect(total).toMatchObject({
            rows: rows.length,
            created: expected.size,
            updated: 0,
            unchanged: 0,
            invalid: spec.filter((r) => !r.valid).length,
            duplicate: spec.filter((r) => r.valid).length - expected.size,
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
