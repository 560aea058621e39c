// Column-mapping suggestions from a CSV's header names (English, Portuguese, Spanish).
// Pure: used by the upload wizard in the browser and by the command line.

import { MAX_ATTRIBUTES } from '@/lib/leads/schema';

export const LEAD_FIELDS = ['phone', 'name', 'first_name', 'last_name', 'email', 'tags'] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];
/** A column's target: a lead field, a custom attribute `attr.<slug>`, or `ignore`. */
export type MappingTarget = LeadField | `attr.${string}` | 'ignore';
/** Column header -> target. */
export type ImportMapping = Record<string, MappingTarget>;

/** Lower case, accents and punctuation removed: "Teléfono Móvil" -> "telefono movil". */
export function foldHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "Data de Nascimento" -> "data_de_nascimento" (attribute keys). */
export function slugifyHeader(header: string): string {
  return foldHeader(header).replace(/ /g, '_').slice(0, 64) || 'column';
}

// Whole folded header -> field. Checked before the word rules below.
const EXACT: Record<string, LeadField> = {
  name: 'name', 'full name': 'name', fullname: 'name', 'contact name': 'name', nome: 'name', 'nome completo': 'name',
  nombre: 'name', 'nombre completo': 'name', cliente: 'name', contato: 'name', contacto: 'name',
  'first name': 'first_name', firstname: 'first_name', 'given name': 'first_name', 'primeiro nome': 'first_name',
  'nome proprio': 'first_name', 'nombre de pila': 'first_name', 'primer nombre': 'first_name',
  'last name': 'last_name', lastname: 'last_name', surname: 'last_name', 'family name': 'last_name',
  sobrenome: 'last_name', 'ultimo nome': 'last_name', apellido: 'last_name', apellidos: 'last_name',
  email: 'email', 'e mail': 'email', mail: 'email', 'email address': 'email', correo: 'email',
  'correo electronico': 'email', 'endereco de email': 'email',
  tags: 'tags', tag: 'tags', etiquetas: 'tags', etiqueta: 'tags', labels: 'tags', label: 'tags', marcadores: 'tags',
};

const PHONE_WORDS = ['phone', 'telephone', 'tel', 'telefone', 'telefono', 'fone', 'celular', 'cel', 'mobile', 'movil',
  'cell', 'cellphone', 'whatsapp', 'whats', 'wa', 'zap', 'numero', 'number', 'msisdn', 'contato', 'contacto'];

function guessField(folded: string): LeadField | null {
  if (EXACT[folded]) return EXACT[folded];
  const words = folded.split(' ');
  if (words.some((w) => PHONE_WORDS.includes(w)) && !words.includes('email')) {
    // "Contato" alone is a name; with a phone word ("telefone contato") it is the phone.
    if (words.some((w) => PHONE_WORDS.includes(w) && w !== 'contato' && w !== 'contacto' && w !== 'numero' && w !== 'number'))
      return 'phone';
  }
  if (words.includes('email') || words.includes('correo') || folded.includes('e mail')) return 'email';
  if (/^(first|given)/.test(folded)) return 'first_name';
  if (/^(last|family)/.test(folded)) return 'last_name';
  return null;
}

/**
 * Suggests a target per header. Each lead field goes to the first column that fits it (two
 * "phone" columns: the first is the phone, the second becomes an attribute); anything else is
 * kept as a custom attribute, up to the MAX_ATTRIBUTES a lead may hold (later ones are
 * ignored: the importer refuses more); a header-less (empty) column is ignored.
 */
export function suggestMapping(headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const taken = new Set<string>();
  let attributes = 0;
  for (const header of headers) {
    if (header in mapping) continue;
    const folded = foldHeader(header);
    if (!folded) {
      mapping[header] = 'ignore';
      continue;
    }
    const field = guessField(folded);
    if (field && !taken.has(field)) {
      taken.add(field);
      mapping[header] = field;
      continue;
    }
    if (attributes >= MAX_ATTRIBUTES) {
      mapping[header] = 'ignore';
      continue;
    }
    attributes++;
    let key = slugifyHeader(header);
    for (let i = 2; taken.has(`attr.${key}`); i++) key = `${slugifyHeader(header)}_${i}`;
    taken.add(`attr.${key}`);
    mapping[header] = `attr.${key}`;
  }
  return mapping;
}

/** Is this a target the importer understands? */
export function isMappingTarget(value: string): value is MappingTarget {
  return value === 'ignore' || (LEAD_FIELDS as readonly string[]).includes(value) || /^attr\.[a-z0-9_]{1,64}$/.test(value);
}
