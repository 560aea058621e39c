// npm run leads:import -- file.csv [--workspace <slug>] [--map phone=Telefone,name=Nome] [--country BR]
//   [--tags a,b] [--source-label "Feira 2026"] [--existing fill_empty|overwrite|skip]
//   [--encoding utf-8|windows-1252] [--no-header] [--trigger-campaigns] [--rejected rejected.csv]
//   [--appointments [--unknown-leads reject|create]]
// Imports a CSV of leads (or, with --appointments, of appointments) straight into the database
// (big files on your own server), with the same engine as the Imports page.
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getDbHandle } from '@/db/client';
import { isAppError } from '@/lib/errors';
import { findImportWorkspace } from '@/lib/imports/find-import-workspace';
import { importCsvStream } from '@/lib/imports/import-csv-stream';
import { importRejectionsCsv } from '@/lib/imports/list-import-rejections';
import { progressLine } from '@/lib/imports/progress-line';
import { CSV_ENCODINGS, type CsvEncoding } from '@/lib/imports/sniff-csv';
import { APPOINTMENT_FIELDS, isMappingTarget, LEAD_FIELDS, type MappingTarget } from '@/lib/imports/suggest-mapping';

const USAGE =
  'Usage: npm run leads:import -- file.csv [--workspace <slug>] [--map phone=Telefone,name=Nome,attr.city=Cidade] [--country BR] [--tags a,b] [--source-label text] [--existing fill_empty|overwrite|skip] [--encoding utf-8|windows-1252] [--no-header] [--trigger-campaigns] [--rejected rejected.csv] [--appointments [--unknown-leads reject|create]]';

function parseMap(spec: string | undefined): Partial<Record<MappingTarget, string>> {
  const out: Partial<Record<MappingTarget, string>> = {};
  for (const pair of (spec ?? '').split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    const target = pair.slice(0, at).trim();
    const column = pair.slice(at + 1).trim();
    if (at < 1 || !column || !(isMappingTarget(target, 'leads') || isMappingTarget(target, 'appointments'))) {
      throw new Error(
        `--map: "${pair}" is not target=Column (leads: ${LEAD_FIELDS.join(', ')}, attr.<key>, ignore; appointments: ${APPOINTMENT_FIELDS.join(', ')})`,
      );
    }
    out[target] = column;
  }
  return out;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      map: { type: 'string' },
      country: { type: 'string' },
      tags: { type: 'string' },
      'source-label': { type: 'string' },
      existing: { type: 'string' },
      encoding: { type: 'string' },
      'no-header': { type: 'boolean' },
      'trigger-campaigns': { type: 'boolean' },
      rejected: { type: 'string' },
      appointments: { type: 'boolean' },
      'unknown-leads': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const file = positionals[0];
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`${file} is not a file.`);
  const size = statSync(file).size;
  if (values.encoding && !(CSV_ENCODINGS as readonly string[]).includes(values.encoding)) {
    throw new Error(`--encoding must be one of ${CSV_ENCODINGS.join(', ')}`);
  }
  const handle = await getDbHandle();
  try {
    const ws = await findImportWorkspace(values.workspace);
    const started = Date.now();
    const isTty = process.stderr.isTTY;
    let lastPrint = 0;
    const result = await importCsvStream({
      workspaceId: ws.id,
      fileName: path.basename(file),
      source: createReadStream(file, { highWaterMark: 1 << 20 }),
      map: parseMap(values.map),
      kind: values.appointments ? 'appointments' : 'leads',
      encoding: values.encoding as CsvEncoding | undefined,
      hasHeader: values['no-header'] ? false : undefined,
      options: {
        defaultCountry: values.country,
        tags: (values.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean),
        sourceLabel: values['source-label'],
        existing: values.existing as 'fill_empty' | 'overwrite' | 'skip' | undefined,
        triggerCampaigns: values['trigger-campaigns'] ?? false,
        unknownLeads: values['unknown-leads'] as 'reject' | 'create' | undefined,
      },
      onProgress: ({ bytes, counts }) => {
        const now = Date.now();
        if (now - lastPrint < (isTty ? 200 : 5000)) return;
        lastPrint = now;
        const line = progressLine({ done: bytes, total: size, rows: counts.rows, elapsedMs: now - started });
        process.stderr.write(isTty ? `\r${line}` : `${line}\n`);
      },
    });
    const c = result.counts;
    const seconds = (Date.now() - started) / 1000;
    if (isTty) process.stderr.write('\n');
    console.log(
      `Imported ${file} into ${ws.slug} in ${seconds.toFixed(1)} s (import ${result.importId}):\n` +
        `  rows ${c.rows}, created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, invalid ${c.invalid}, duplicates ${c.duplicate}`,
    );
    if (c.invalid + c.duplicate > 0 && values.rejected) {
      writeFileSync(values.rejected, await importRejectionsCsv(ws.id, result.importId));
      console.log(`  Rejected rows with their reasons written to ${values.rejected}`);
    } else if (c.invalid + c.duplicate > 0) {
      console.log('  Rejected rows and reasons: --rejected <file>, or the Imports page > this import > Download rejected rows.');
    }
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(isAppError(err) || err instanceof Error ? `Import failed: ${err.message}` : err);
  process.exit(1);
});
