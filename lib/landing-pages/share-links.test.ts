import { describe, expect, it } from 'vitest';
import { chooseVariant } from '@/lib/leadgen/schema';
import { buildShareLink, canonicalShareLink, embedSizeSchema, embedSnippet, fileNamePart, landingPublicUrl, shareLinkSchema, tryShareLink, UTM_PRESETS } from './share-links';

const PUBLIC = 'https://crm.example.com/lp/spring';

describe('share links', () => {
  it('builds the public address from APP_URL, with or without its trailing slash', () => {
    expect(landingPublicUrl('https://crm.example.com', 'spring')).toBe(PUBLIC);
    expect(landingPublicUrl('https://crm.example.com/', 'spring')).toBe(PUBLIC);
  });

  it('puts the non-empty tags in a fixed order, trimmed and encoded', () => {
    expect(buildShareLink(PUBLIC, {})).toBe(PUBLIC);
    expect(buildShareLink(PUBLIC, { ref: 'p&1', utm_campaign: ' Black Friday ', utm_source: 'ig', utm_medium: '' })).toBe(
      `${PUBLIC}?utm_source=ig&utm_campaign=Black+Friday&ref=p%261`,
    );
  });

  it('tells which tag is wrong, and when a link is too long for a QR code', () => {
    expect(tryShareLink(PUBLIC, { utm_source: 'x'.repeat(201), utm_term: 'a\nb' }).errors).toEqual({
      utm_source: 'At most 200 characters',
      utm_term: 'No line breaks or control characters',
    });
    const long = tryShareLink(PUBLIC, { utm_source: 'x'.repeat(200), utm_medium: 'x'.repeat(200), utm_campaign: 'x'.repeat(200), utm_term: 'x'.repeat(200), utm_content: 'x'.repeat(200) });
    expect(long.link).not.toBeNull();
    expect(long.isTooLongForQr).toBe(true);
    expect(tryShareLink(PUBLIC, { utm_source: 'ig' })).toEqual({ link: `${PUBLIC}?utm_source=ig`, errors: {}, isTooLongForQr: false });
  });

  it('accepts only this page with builder tags, in canonical form', () => {
    expect(canonicalShareLink(PUBLIC, PUBLIC)).toBe(PUBLIC);
    expect(canonicalShareLink(`${PUBLIC}?ref=a&utm_source=b%20c`, PUBLIC)).toBe(`${PUBLIC}?utm_source=b+c&ref=a`);
    expect(canonicalShareLink('HTTPS://CRM.EXAMPLE.COM/lp/spring?utm_source=x', PUBLIC)).toBe(`${PUBLIC}?utm_source=x`);
    for (const bad of [
      'http://crm.example.com/lp/spring',
      'https://crm.example.com:8443/lp/spring',
      'https://crm.example.com/lp/spring/',
      'https://crm.example.com/lp/summer',
      'https://crm.example.com.evil.example/lp/spring',
      `${PUBLIC}?utm_source=`,
      `${PUBLIC}?fbclid=1`,
      `${PUBLIC}?ref=a&ref=b`,
      `${PUBLIC}#top`,
      `${PUBLIC}?utm_content=${'y'.repeat(201)}`,
      // Every tag within its own limit, the whole link over 1,000 characters.
      `${PUBLIC}?${['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'].map((k) => `${k}=${'y'.repeat(200)}`).join('&')}`,
      '/lp/spring',
    ]) {
      expect(canonicalShareLink(bad, PUBLIC), bad).toBeNull();
    }
    expect(shareLinkSchema(PUBLIC).safeParse('https://evil.example/').error?.issues[0].message).toBe(
      `Only this page's address (${PUBLIC}), optionally with utm_* and ref tags, can be encoded`,
    );
  });

  it('makes an iframe snippet whose attributes cannot be broken out of', () => {
    const snippet = embedSnippet({ src: `${PUBLIC}?utm_source=a&ref=b`, title: 'Say "hi" <now> & save', width: '100%', height: '720px' });
    expect(snippet).toBe(
      `<iframe src="${PUBLIC}?utm_source=a&amp;ref=b" title="Say &quot;hi&quot; &lt;now&gt; &amp; save" height="720" style="border:0;width:100%;max-width:100%" loading="lazy"></iframe>`,
    );
    expect(embedSnippet({ src: PUBLIC, title: 'T', width: '600px', height: '900' })).toBe(
      `<iframe src="${PUBLIC}" title="T" width="600" height="900" style="border:0;max-width:100%" loading="lazy"></iframe>`,
    );
    expect(embedSizeSchema.safeParse({ width: '80%', height: '720px' }).success).toBe(true);
    for (const width of ['100% ;display:none', '"600"', '1000%', 'auto', '']) {
      expect(embedSizeSchema.safeParse({ width, height: '720' }).success, width).toBe(false);
    }
    expect(embedSizeSchema.safeParse({ width: '600', height: '50%' }).success).toBe(false);
  });

  it('turns tag values into file-name parts', () => {
    expect(fileNamePart('Black Friday! 2026')).toBe('black-friday-2026');
    expect(fileNamePart('Promoção')).toBe('promocao');
    expect(fileNamePart('***')).toBe('');
    expect(fileNamePart('a'.repeat(39) + '-b')).toBe('a'.repeat(39));
  });

  it('presets name distinct sources, and a variant value in a link chooses that variant', () => {
    expect(new Set(UTM_PRESETS.map((p) => p.source)).size).toBe(UTM_PRESETS.length);
    const variants = [{ key: 'black-friday', match: 'utm_campaign' as const, value: 'bf', headline: 'BF', description: '', buttonLabel: 'Go' }];
    const { link } = tryShareLink(PUBLIC, { utm_source: 'ig', utm_campaign: 'BF' });
    expect(chooseVariant(variants, Object.fromEntries(new URL(link!).searchParams))?.key).toBe('black-friday');
  });
});
