/**
 * A browser without a browser, for in-process tests of the sign-in pages: it keeps cookies, follows redirects
 * within this server, reads pages' headings, forms, labels and buttons out of the HTML, and submits forms by
 * their visible words ("Email address", "Sign in") the way a person (or Playwright's getByRole) would. A redirect
 * that leaves this server (to an app) ends the visit and is handed back parsed.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Field { name: string; value: string; type: string; id?: string; checked: boolean }
export interface Button { text: string; name?: string; value?: string }
export interface Form { action: string; method: string; fields: Field[]; buttons: Button[]; labels: Map<string, string> }

export interface HtmlPage {
  status: number;
  headers: LightMyRequestResponse['headers'];
  html: string;
  /** Text of the first h1. */
  heading: string;
  /** The page's visible text, tags stripped, whitespace collapsed. */
  text: string;
  forms: Form[];
}

/** Where the server sent the browser outside itself: the app's redirect URI with its answer. */
export interface AppRedirect { location: string; url: URL; params: URLSearchParams; status: number }

export type Visit = { page: HtmlPage; redirect?: undefined; response: LightMyRequestResponse } | { redirect: AppRedirect; page?: undefined; response: LightMyRequestResponse };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#96;': '`' };
export const decode = (s: string): string => s.replace(/&(amp|lt|gt|quot|#39|#96);/g, (m) => ENTITIES[m]!);
const textOf = (s: string): string => decode(s.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z][\w-]*)(?:="([^"]*)")?/g)) out[m[1]!.toLowerCase()] = decode(m[2] ?? '');
  return out;
}

export function parsePage(res: LightMyRequestResponse): HtmlPage {
  const html = res.body;
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = attributes(m[1]!);
    const body = m[2]!;
    const fields = [...body.matchAll(/<input\b([^>]*)>/g)].map((i) => {
      const a = attributes(i[1]!);
      return { name: a.name ?? '', value: a.value ?? '', type: a.type ?? 'text', id: a.id, checked: 'checked' in a };
    });
    const buttons = [...body.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/g)].map((b) => {
      const a = attributes(b[1]!);
      return { text: textOf(b[2]!), name: a.name, value: a.value };
    });
    const labels = new Map([...body.matchAll(/<label\b([^>]*)>([\s\S]*?)<\/label>/g)].map((l) => [textOf(l[2]!), attributes(l[1]!).for ?? '']));
    forms.push({ action: attrs.action ?? '', method: (attrs.method ?? 'get').toLowerCase(), fields, buttons, labels });
  }
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  const body = /<body\b[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? html;
  return { status: res.statusCode, headers: res.headers, html, heading: h1 ? textOf(h1[1]!) : '', text: textOf(body.replace(/<script[\s\S]*?<\/script>/g, '')), forms };
}

export interface SubmitOptions {
  /** Field values by their label's text ("Email address") or, failing that, by field name. */
  fill?: Record<string, string>;
  /** Checkboxes to tick, by label text. */
  check?: string[];
  /** The submit button, by its text. */
  press: string;
  /** Change or drop hidden fields before posting (for forgery tests). */
  tamper?: (fields: [string, string][]) => [string, string][];
}

export class BrowserLess {
  readonly cookies = new Map<string, string>();
  /** The last app redirect or page seen. */
  last?: Visit;

  constructor(private readonly app: FastifyInstance, readonly publicUrl: string, readonly headers: Record<string, string> = {}) {}

  private remember(res: LightMyRequestResponse): void {
    const raw = res.headers['set-cookie'];
    for (const c of raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  /** A path on this server, or undefined for a URL elsewhere (an app). */
  private local(location: string): string | undefined {
    if (location.startsWith('/')) return location;
    return location.startsWith(`${this.publicUrl}/`) ? location.slice(this.publicUrl.length) : undefined;
  }

  private async settle(res: LightMyRequestResponse): Promise<Visit> {
    this.remember(res);
    if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
      const location = String(res.headers.location);
      const path = this.local(location);
      if (path) return this.open(path);
      const url = new URL(location);
      const params = new URLSearchParams(url.hash ? url.hash.slice(1) : url.search);
      return (this.last = { redirect: { location, url, params, status: res.statusCode }, response: res });
    }
    return (this.last = { page: parsePage(res), response: res });
  }

  /** GET a path (or a URL on this server) and follow redirects within the server. */
  async open(pathOrUrl: string): Promise<Visit> {
    const url = this.local(pathOrUrl) ?? pathOrUrl;
    return this.settle(await this.app.inject({ method: 'GET', url, headers: { ...this.headers, ...this.cookieHeader() } }));
  }

  /** POST a form body to a path, with this browser's cookies. */
  async post(path: string, fields: [string, string][]): Promise<Visit> {
    return this.settle(await this.app.inject({
      method: 'POST', url: path, payload: new URLSearchParams(fields).toString(),
      headers: { ...this.headers, ...this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    }));
  }

  /** Fill and submit the form holding the named button, as a person would. */
  async submit(page: HtmlPage, options: SubmitOptions): Promise<Visit> {
    const form = page.forms.find((f) => f.buttons.some((b) => b.text === options.press));
    if (!form) throw new Error(`no button "${options.press}" on the page "${page.heading}": ${page.forms.flatMap((f) => f.buttons.map((b) => b.text)).join(', ')}`);
    const byLabel = (label: string) => {
      const id = form.labels.get(label);
      const field = form.fields.find((f) => (id !== undefined && f.id === id) || f.name === label);
      if (!field) throw new Error(`no field labelled "${label}" on the page "${page.heading}"`);
      return field;
    };
    const values = new Map(form.fields.filter((f) => f.type !== 'checkbox' || f.checked).map((f) => [f.name, f.value]));
    for (const [label, value] of Object.entries(options.fill ?? {})) values.set(byLabel(label).name, value);
    for (const label of options.check ?? []) values.set(byLabel(label).name, byLabel(label).value || 'on');
    let fields = [...values];
    const button = form.buttons.find((b) => b.text === options.press)!;
    if (button.name) fields.push([button.name, button.value ?? '']);
    if (options.tamper) fields = options.tamper(fields);
    const path = this.local(form.action);
    if (!path) throw new Error(`the form posts outside this server: ${form.action}`);
    return this.post(path, fields);
  }
}

/** The page of a visit, or a clear failure naming where the visit went instead. */
export function pageOf(visit: Visit): HtmlPage {
  if (!visit.page) throw new Error(`expected a page, got a redirect to ${visit.redirect.location}`);
  return visit.page;
}

export function redirectOf(visit: Visit): AppRedirect {
  if (!visit.redirect) throw new Error(`expected a redirect to the app, got the page "${visit.page.heading}": ${visit.page.text.slice(0, 300)}`);
  return visit.redirect;
}
