// Deterministic demo content (a tiny PRNG so every fresh clone shows the same story).

export const DEMO_EMAIL = 'demo@whatslab.dev';
export const DEMO_PASSWORD = 'whatslab-demo';
export const DEMO_WORKSPACE_SLUG = 'demo';
export const DEMO_LEAD_COUNT = 200;

export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ana', 'Bruno', 'Carla', 'Diego', 'Elisa', 'Felipe', 'Gabriela', 'Heitor', 'Isabela', 'João', 'Karina', 'Lucas', 'Mariana', 'Nicolas', 'Olívia', 'Pedro', 'Quésia', 'Rafael', 'Sofia', 'Tiago', 'Valentina', 'Wagner', 'Yasmin', 'Zeca'];
const LAST = ['Silva', 'Souza', 'Oliveira', 'Santos', 'Pereira', 'Lima', 'Carvalho', 'Ferreira', 'Almeida', 'Costa', 'Gomes', 'Ribeiro', 'Martins', 'Araújo'];
const CITIES = ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Recife', 'Curitiba', 'Porto Alegre', 'Salvador', 'Fortaleza'];
const PRODUCTS = ['Plano Pro', 'Plano Básico', 'Consultoria', 'Curso online'];

export type DemoLeadSpec = {
  name: string | null;
  phoneE164: string;
  email: string | null;
  source: 'landing_page' | 'import' | 'api' | 'whatsapp' | 'manual';
  city: string | null;
  product: string;
  daysAgo: number;
  messageStatus: 'sent' | 'delivered' | 'read' | 'failed' | 'skipped' | null;
  replied: boolean;
  optedOut: boolean;
};

export function demoLeads(count = DEMO_LEAD_COUNT): DemoLeadSpec[] {
  const rnd = prng(42);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const sources = ['landing_page', 'landing_page', 'landing_page', 'import', 'import', 'api', 'whatsapp', 'manual'] as const;
  const statuses = ['read', 'read', 'read', 'delivered', 'delivered', 'sent', 'failed', 'skipped', null] as const;
  return Array.from({ length: count }, (_, i) => {
    const first = pick(FIRST);
    const hasName = rnd() > 0.08; // a few leads lack a name, to show fallbacks
    const name = hasName ? `${first} ${pick(LAST)}` : null;
    const source = pick(sources);
    const messageStatus = source === 'whatsapp' ? 'read' : pick(statuses);
    return {
      name,
      phoneE164: `+55119${String(70000000 + i * 7919).slice(-8)}`,
      email: rnd() > 0.4 && name ? `${first.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()}.${i}@example.com` : null,
      source,
      city: rnd() > 0.25 ? pick(CITIES) : null,
      product: pick(PRODUCTS),
      daysAgo: Math.floor(rnd() * 14),
      messageStatus,
      replied: messageStatus === 'read' && rnd() > 0.5,
      optedOut: rnd() > 0.97,
    };
  });
}
