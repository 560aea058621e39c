import { describe, expect, it } from 'vitest';
import { foldHeader, isMappingTarget, slugifyHeader, suggestMapping } from './suggest-mapping';
import { MAX_ATTRIBUTES } from '@/lib/leads/schema';

describe('suggestMapping', () => {
  it.each([
    ['Name', 'name'],
    ['Nome', 'name'],
    ['Nombre completo', 'name'],
    ['First name', 'first_name'],
    ['Primeiro nome', 'first_name'],
    ['Sobrenome', 'last_name'],
    ['Apellidos', 'last_name'],
    ['Phone', 'phone'],
    ['Telefone', 'phone'],
    ['Celular', 'phone'],
    ['WhatsApp', 'phone'],
    ['Móvil', 'phone'],
    ['Teléfono móvil', 'phone'],
    ['Número de WhatsApp', 'phone'],
    ['Mobile number', 'phone'],
    ['Email', 'email'],
    ['E-mail', 'email'],
    ['Correo electrónico', 'email'],
    ['Endereço de e-mail', 'email'],
    ['Tags', 'tags'],
    ['Etiquetas', 'tags'],
  ])('%s -> %s', (header, target) => {
    expect(suggestMapping([header])[header]).toBe(target);
  });

  it.each([
    ['lifecycle_status', 'lifecycle_status'],
    ['Etapa', 'lifecycle_status'],
    ['opted_out_at', 'opted_out_at'],
    ['Descadastrado', 'opted_out_at'],
    ['consent_at', 'consent_at'],
    ['Consentimento', 'consent_at'],
    ['consent_source', 'consent_source'],
    ['Origem do consentimento', 'consent_source'],
    ['other_attributes', 'other_attributes'],
    ['last_reply_at', 'ignore'],
    ['Última resposta', 'ignore'],
    ['created_at', 'ignore'],
    ['id', 'ignore'],
    ['attribute:city', 'attr.city'],
    ['Last name', 'last_name'],
    ['Family name', 'last_name'],
  ])('export and Portuguese header %s -> %s', (header, target) => {
    expect(suggestMapping([header])[header]).toBe(target);
  });

  it('suggests appointment fields for an appointments file, in English and Portuguese', () => {
    expect(suggestMapping(['Telefone', 'E-mail', 'Paciente', 'Data e hora', 'Fim', 'Serviço', 'Situação', 'ID', 'Observações', 'Sala'], 'appointments')).toEqual({
      Telefone: 'phone', 'E-mail': 'email', Paciente: 'name', 'Data e hora': 'starts_at', Fim: 'ends_at', Serviço: 'title',
      Situação: 'status', ID: 'external_id', Observações: 'notes', Sala: 'ignore',
    });
    expect(suggestMapping(['Phone', 'Start', 'Title', 'Status', 'External ID'], 'appointments')).toEqual({
      Phone: 'phone', Start: 'starts_at', Title: 'title', Status: 'status', 'External ID': 'external_id',
    });
  });

  it('keeps anything else as a custom attribute with a slug key', () => {
    expect(suggestMapping(['Cidade', 'Data de Nascimento', 'Observações'])).toEqual({
      Cidade: 'attr.cidade',
      'Data de Nascimento': 'attr.data_de_nascimento',
      Observações: 'attr.observacoes',
    });
  });

  it('gives each field to the first column only and ignores empty headers', () => {
    expect(suggestMapping(['Telefone', 'Celular', '', 'Nome', 'Name'])).toEqual({
      Telefone: 'phone',
      Celular: 'attr.celular',
      '': 'ignore',
      Nome: 'name',
      Name: 'attr.name',
    });
  });

  it('suggests no more attributes than a lead may hold: later columns are ignored', () => {
    const headers = ['Telefone', ...Array.from({ length: MAX_ATTRIBUTES + 3 }, (_, i) => `Extra ${i}`)];
    const m = suggestMapping(headers);
    expect(Object.values(m).filter((t) => t.startsWith('attr.'))).toHaveLength(MAX_ATTRIBUTES);
    expect([m[`Extra ${MAX_ATTRIBUTES}`], m[`Extra ${MAX_ATTRIBUTES + 2}`]]).toEqual(['ignore', 'ignore']);
  });

  it('makes attribute keys unique', () => {
    const m = suggestMapping(['Cidade', 'cidade!', 'CIDADE ']);
    expect(new Set(Object.values(m)).size).toBe(3);
  });

  it('folds and validates', () => {
    expect(foldHeader('  Teléfono  Móvil ')).toBe('telefono movil');
    expect(slugifyHeader('***')).toBe('column');
    expect(isMappingTarget('attr.cidade')).toBe(true);
    expect(isMappingTarget('attr.Bad Key')).toBe(false);
    expect(isMappingTarget('phone')).toBe(true);
    expect(isMappingTarget('password')).toBe(false);
    expect(isMappingTarget('opted_out_at')).toBe(true);
    expect(isMappingTarget('starts_at')).toBe(false);
    expect(isMappingTarget('starts_at', 'appointments')).toBe(true);
    expect(isMappingTarget('attr.city', 'appointments')).toBe(false);
  });
});
