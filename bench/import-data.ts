import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

// The bench's file: N rows of a realistic, messy export (mixed phone formats, 5% invalid
// phones, 10% duplicates written differently, quoted cells with commas, quotes and newlines,
// accents), plus the same leads already normalised for the `psql \copy` reference.

const AREAS = ['11', '21', '31', '41', '51', '61', '71', '81', '85', '19', '27', '48'];
const FIRST = ['João', 'María José', 'Conceição', 'Ângela', 'Luís', 'Débora', 'Zé', 'Iñaki', 'Márcia', 'Tomás', 'Cláudia', 'Ana'];
const LAST = ['da Silva', 'Gonçalves', 'Núñez', 'Araújo', 'Pereira', 'Müller', "O'Neil", 'Souza', 'Lima', 'Peña'];
const CITIES = ['São Paulo', 'Belém', 'Florianópolis', 'Goiânia', 'Maceió', 'Niterói', 'Vitória', 'Ribeirão Preto'];
const NOTES = ['', '', '', 'Ligar depois, talvez às 18h', 'Disse "tenho interesse"', 'Primeira linha\nsegunda linha', 'Preço: R$ 1.200,00; à vista'];
const INVALID = ['12345', 'não tem', '(11) 3456-7890', '', '0800 123 4567', '+55 11 1234'];

/** Deterministic pseudo-random numbers, so every run imports the same file. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The i-th distinct mobile: area code + 9 + 8 digits starting 6-9 (so the old 8-digit form exists). */
function mobile(i: number): { area: string; sub: string } {
  const area = AREAS[i % AREAS.length];
  const sub = String(60_000_000 + ((Math.floor(i / AREAS.length) * 7_919) % 40_000_000));
  return { area, sub };
}

function spell(area: string, sub: string, style: number): string {
  const nine = `9${sub}`;
  switch (style) {
    case 0: return `(${area}) ${nine.slice(0, 5)}-${nine.slice(5)}`;
    case 1: return `+55 ${area} ${nine.slice(0, 5)} ${nine.slice(5)}`;
    case 2: return `55${area}${nine}`;
    case 3: return `${area}${nine}`;
    case 4: return `0${area} ${nine.slice(0, 5)}-${nine.slice(5)}`;
    default: return `${area} ${sub.slice(0, 4)}-${sub.slice(4)}`; // before the 9th digit
  }
}

const csvCell = (v: string) => (/[",\n\r;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export type GeneratedFile = { rows: number; validDistinct: number; invalid: number; duplicates: number };

/** Writes `csvPath` (the messy file) and `refPath` (normalised, distinct, valid leads for \copy). */
export async function generateImportFile(opts: { rows: number; csvPath: string; refPath: string; workspaceId: string; seed?: number }): Promise<GeneratedFile> {
  const rand = rng(opts.seed ?? 42);
  const csv = createWriteStream(opts.csvPath);
  const ref = createWriteStream(opts.refPath);
  const write = async (stream: typeof csv, text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  await write(csv, 'Nome,Telefone,E-mail,Cidade,Observações,Tags\r\n');
  let distinct = 0;
  let invalid = 0;
  let duplicates = 0;
  for (let r = 0; r < opts.rows; r++) {
    const roll = rand();
    const name = `${FIRST[Math.floor(rand() * FIRST.length)]} ${LAST[Math.floor(rand() * LAST.length)]}`;
    const city = CITIES[Math.floor(rand() * CITIES.length)];
    const note = NOTES[Math.floor(rand() * NOTES.length)];
    const tags = rand() < 0.3 ? 'vip, feira' : '';
    let phone: string;
    let email = '';
    if (roll < 0.05) {
      phone = INVALID[Math.floor(rand() * INVALID.length)];
      invalid++;
    } else if (roll < 0.15 && distinct > 0) {
      const m = mobile(Math.floor(rand() * distinct));
      phone = spell(m.area, m.sub, Math.floor(rand() * 6));
      duplicates++;
    } else {
      const m = mobile(distinct);
      phone = spell(m.area, m.sub, Math.floor(rand() * 6));
      email = rand() < 0.5 ? `lead${distinct}@example.com` : '';
      distinct++;
      const attrs = JSON.stringify(note ? { cidade: city, observacoes: note } : { cidade: city });
      const tagArray = tags ? '{vip,feira}' : '{}';
      await write(ref, [opts.workspaceId, `+55${m.area}9${m.sub}`, name, email, 'import', tagArray, attrs].map(csvCell).join(',') + '\n');
    }
    await write(csv, [name, phone, email, city, note, tags].map(csvCell).join(',') + '\r\n');
  }
  csv.end();
  ref.end();
  await Promise.all([once(csv, 'finish'), once(ref, 'finish')]);
  return { rows: opts.rows, validDistinct: distinct, invalid, duplicates };
}
