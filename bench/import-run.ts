// Child process of bench/import.ts: runs our ingest end to end on one file and prints one
// JSON line (its own peak memory is then the importer's, not the generator's).
import { createReadStream } from 'node:fs';
import { getDbHandle } from '@/db/client';
import { importCsvStream } from '@/lib/imports/import-csv-stream';

async function main() {
  const [file, workspaceId, batchRows] = process.argv.slice(2);
  const handle = await getDbHandle();
  const started = performance.now();
  const result = await importCsvStream({
    workspaceId,
    fileName: 'bench.csv',
    source: createReadStream(file, { highWaterMark: 1 << 20 }),
    map: { phone: 'Telefone', name: 'Nome', email: 'E-mail', tags: 'Tags' },
    options: { defaultCountry: 'BR' },
    batchRows: batchRows ? Number(batchRows) : undefined,
  });
  const seconds = (performance.now() - started) / 1000;
  await handle.close();
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  process.stdout.write(`${JSON.stringify({ seconds, counts: result.counts, peakRssMb: usage.maxRSS / 1024, cpuSeconds })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
