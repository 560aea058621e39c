// Column-mapping suggestions from a CSV's header names (English, Portuguese, Spanish).
// Pure: used by the upload wizard in the browser and by the command line.

import { MAX_ATTRIBUTES } from '@/lib/leads/schema';

export const LEAD_FIELDS = [
  'phone', 'name', 'first_name', 'last_name', 'email', 'tags', 'lifecycle_status', 'opted_out_at', 'consent_at',
  'consent_source', 'consent_text', 'other_attributes',
] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];
/** An appointments file: the lead (phone and/or e-mail, name for new leads) and the appointment. */
export const APPOINTMENT_FIELDS = ['phone', 'email', 'name', 'starts_at', 'ends_at', 'title', 'status', 'external_id', 'notes'] as const;
export type AppointmentField = (typeof APPOINTMENT_FIELDS)[number];
/** A column's target: a field, a custom attribute `attr.<key>` (leads only), or `ignore`. */
export type MappingTarget = LeadField | AppointmentField | `attr.${string}` | 'ignore';
export type ImportKindForMapping = 'leads' | 'appointments';
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
  // WhatsLab's own export (lib/leads/export-leads.ts) and its Portuguese / Spanish names.
  'lifecycle status': 'lifecycle_status', lifecycle: 'lifecycle_status', 'lifecycle stage': 'lifecycle_status', stage: 'lifecycle_status',
  etapa: 'lifecycle_status', estagio: 'lifecycle_status', 'etapa do funil': 'lifecycle_status', 'ciclo de vida': 'lifecycle_status',
  'opted out at': 'opted_out_at', 'opted out': 'opted_out_at', 'opt out': 'opted_out_at', optout: 'opted_out_at', unsubscribed: 'opted_out_at',
  descadastrado: 'opted_out_at', 'descadastrado em': 'opted_out_at', 'optou por sair': 'opted_out_at', 'baja': 'opted_out_at',
  'consent at': 'consent_at', consent: 'consent_at', 'consent date': 'consent_at', consentimento: 'consent_at',
  'consentimento em': 'consent_at', 'data do consentimento': 'consent_at', consentimiento: 'consent_at',
  'consent source': 'consent_source', 'origem do consentimento': 'consent_source', 'fonte do consentimento': 'consent_source',
  'consent text': 'consent_text', 'texto do consentimento': 'consent_text',
  'other attributes': 'other_attributes', 'outros atributos': 'other_attributes',
};

// System columns of the export: facts the importer cannot set (ids, when the lead came, its
// last reply). Suggested as "ignore" so that re-importing an export adds no stray attributes.
const SYSTEM_HEADERS = new Set([
  'id', 'lead id', 'source', 'origem', 'created at', 'criado em', 'updated at', 'last reply at', 'ultima resposta',
  'last inbound at', 'wa id',
]);

const APPOINTMENT_EXACT: Record<string, AppointmentField> = {
  name: 'name', nome: 'name', 'lead name': 'name', 'nome do lead': 'name', cliente: 'name', paciente: 'name', nombre: 'name',
  email: 'email', 'e mail': 'email', mail: 'email', correo: 'email',
  'starts at': 'starts_at', start: 'starts_at', 'start time': 'starts_at', 'start date': 'starts_at', date: 'starts_at', when: 'starts_at',
  inicio: 'starts_at', 'data e hora': 'starts_at', data: 'starts_at', 'data hora': 'starts_at', horario: 'starts_at', 'data do agendamento': 'starts_at',
  'fecha': 'starts_at', 'hora de inicio': 'starts_at',
  'ends at': 'ends_at', end: 'ends_at', 'end time': 'ends_at', fim: 'ends_at', termino: 'ends_at', fin: 'ends_at',
  title: 'title', titulo: 'title', subject: 'title', assunto: 'title', servico: 'title', service: 'title', procedimento: 'title', appointment: 'title',
  status: 'status', situacao: 'status', estado: 'status',
  'external id': 'external_id', externalid: 'external_id', id: 'external_id', 'appointment id': 'external_id', 'id externo': 'external_id',
  codigo: 'external_id', 'id do agendamento': 'external_id', ref: 'external_id', reference: 'external_id',
  notes: 'notes', note: 'notes', observacoes: 'notes', observacao: 'notes', notas: 'notes', obs: 'notes',
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
  // "last_reply_at" is not a last name: only "<last|family> ... name" is.
  if (/^(first|given) ?name/.test(folded)) return 'first_name';
  if (/^(last|family) ?name/.test(folded)) return 'last_name';
  return null;
}

function guessAppointmentField(folded: string): AppointmentField | null {
  if (APPOINTMENT_EXACT[folded]) return APPOINTMENT_EXACT[folded];
  const field = guessField(folded);
  return field === 'phone' || field === 'email' || field === 'name' ? field : null;
}

/** The export writes attribute columns that collide with its own as "attribute:<key>". */
function exportedAttributeKey(header: string): string | null {
  const m = /^attribute:([a-z0-9_]{1,64})$/.exec(header.trim());
  return m ? m[1] : null;
}

/**
 * Suggests a target per header. Each lead field goes to the first column that fits it (two
 * "phone" columns: the first is the phone, the second becomes an attribute); anything else is
 * kept as a custom attribute, up to the MAX_ATTRIBUTES a lead may hold (later ones are
 * ignored: the importer refuses more); a header-less (empty) column is ignored.
 */
export function suggestMapping(headers: readonly string[], kind: ImportKindForMapping = 'leads'): ImportMapping {
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
    if (kind === 'appointments') {
      const field = guessAppointmentField(folded);
      mapping[header] = field && !taken.has(field) ? field : 'ignore';
      if (field) taken.add(field);
      continue;
    }
    if (SYSTEM_HEADERS.has(folded)) {
      mapping[header] = 'ignore';
      continue;
    }
    const field = exportedAttributeKey(header) ? null : guessField(folded);
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
    const base = exportedAttributeKey(header) ?? slugifyHeader(header);
    let key = base;
    for (let i = 2; taken.has(`attr.${key}`); i++) key = `${base}_${i}`;
    taken.add(`attr.${key}`);
    mapping[header] = `attr.${key}`;
  }
  return mapping;
}

export const ATTRIBUTE_KEY_RE = /^[a-z0-9_]{1,64}$/;

/** Is this a target the importer understands (for leads when no kind is given)? */
export function isMappingTarget(value: string, kind: ImportKindForMapping = 'leads'): value is MappingTarget {
  if (value === 'ignore') return true;
  if (kind === 'appointments') return (APPOINTMENT_FIELDS as readonly string[]).includes(value);
  return (LEAD_FIELDS as readonly string[]).includes(value) || (value.startsWith('attr.') && ATTRIBUTE_KEY_RE.test(value.slice(5)));
}

/** Is this a target of either kind? (The mapping schema; the kind is checked with the import.) */
export function isAnyMappingTarget(value: string): value is MappingTarget {
  return isMappingTarget(value, 'leads') || isMappingTarget(value, 'appointments');
}

/** What keeps a mapping from being imported, in the wizard's words (the server checks the same). */
export function mappingProblem(mapping: ImportMapping, kind: ImportKindForMapping): string | null {
  const n = (t: string) => Object.values(mapping).filter((x) => x === t).length;
  const repeated = Object.values(mapping).find((t, i, all) => t !== 'ignore' && !t.startsWith('attr.') && all.indexOf(t) !== i);
  if (kind === 'leads') {
    if (n('phone') === 0) return 'Choose the column that holds the phone number.';
    if (n('phone') > 1) return 'Only one column can be the phone.';
  } else {
    if (n('phone') + n('email') === 0) return "Choose the column with the lead's phone or e-mail.";
    if (n('starts_at') !== 1) return 'Choose the one column that holds when the appointment starts.';
    if (n('title') !== 1) return "Choose the one column that holds the appointment's title.";
  }
  return repeated ? `Only one column can be “${repeated}”.` : null;
}
