import { describe, expect, it } from 'vitest';
import { escapeHtml, hiddenFields, html } from './html.js';
import { formActionSource, pageHeaders, renderPage } from './layout.js';

describe('html', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const evil = `"><script>alert('x')</script>&\``;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#96;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#96;</p>',
    );
    expect(escapeHtml('a&b')).toBe('a&amp;b');
  });

  it('nests markup it made without escaping it again, joins arrays, drops null, undefined and false', () => {
    const items = ['<a>', 'b'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>0');
  });

  it('writes hidden fields, skipping undefined ones', () => {
    expect(hiddenFields({ a: '1"', b: undefined }).value).toBe('<input type="hidden" name="a" value="1&quot;">');
  });
});

describe('page layout', () => {
  it('allows no script but a hashed one, and form targets only as origins or schemes', () => {
    const headers = pageHeaders({ formTargets: ['https://app.example.com/cb?x=1', 'msalapp://auth', 'http://localhost:5000/', 'javascript:alert(1)'] });
    const csp = headers['content-security-policy']!;
    expect(csp).toContain("form-action 'self' https://app.example.com msalapp: http://localhost:5000;");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(pageHeaders({ script: 'go()' })['content-security-policy']).toMatch(/script-src 'sha256-[^']+'/);
  });

  it('never lets a URI add a CSP directive', () => {
    expect(formActionSource("https://a.example;script-src 'unsafe-inline'")).toBeUndefined();
    expect(formActionSource('https://a.example/ x')).toBe('https://a.example');
    expect(formActionSource('not a uri')).toBeUndefined();
  });

  it('renders a document in English with its title escaped', () => {
    const out = renderPage({ title: 'A & B', main: html`<h1>Hi</h1>` });
    expect(out).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(out).toContain('<title>A &amp; B</title>');
  });
});
