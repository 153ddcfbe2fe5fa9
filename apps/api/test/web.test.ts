import {
  COMMUNITIES,
  DEFAULT_OFFERING_MODES,
  DEFAULT_PARTNER_AGE_GROUPS,
  DEFAULT_PRIORITY,
  EXCLUSION_LABELS,
  EXCLUSION_REASONS,
  FACTOR_IDS,
  FACTOR_LABELS,
  FIELDS,
  LABELS,
  LANGS,
  MISSING_LABELS,
  MISSING_REASONS,
  SERVICES,
  freePlaces,
  type ExclusionReason,
  type MissingReason,
} from '@pokmas/matcher';
import { beforeAll, describe, expect, it } from 'vitest';
import { webApp } from './web-harness';

type App = Awaited<ReturnType<typeof webApp>>;
let ctx: App;
beforeAll(async () => {
  ctx = await webApp();
});

const form = (pairs: Array<[string, string]>) => ({
  method: 'POST',
  body: new URLSearchParams(pairs),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});

/** A juvenile client in Kota Bandung who needs legal aid urgently. */
const JUVENILE_BANDUNG: Array<[string, string]> = [
  ['lang', 'id'],
  ['need', 'legal-aid'],
  ['priority-legal-aid', '3'],
  ['regencyCode', '32.73'],
  ['ageGroup', 'juvenile'],
  ['mode', 'in-person'],
  ['mode', 'remote'],
  ['mode', 'home-visit'],
];

/** Posts the search form and, as a browser does, follows the answer to the results' own address. */
async function search(pairs: Array<[string, string]>): Promise<Response> {
  const res = await ctx.app.request('/search', form(pairs));
  if (res.status !== 303) return res;
  expect(res.headers.get('location')).toMatch(/^\/results\/[A-Za-z0-9_-]{16,64}(\?lang=en)?$/);
  return ctx.app.request(res.headers.get('location')!);
}

/** Every value of `attribute` on the page. */
const attributes = (html: string, attribute: string): string[] =>
  [...html.matchAll(new RegExp(`\\s${attribute}="([^"]*)"`, 'g'))].map((match) => match[1]!);

/** The opening tags of the user-facing controls (hidden inputs are not controls). */
const controls = (html: string): string[] =>
  [...html.matchAll(/<(input|select|textarea|button)\b[^>]*>/g)].map((match) => match[0]).filter((tag) => !/type="hidden"/.test(tag));

const idOf = (tag: string) => /\sid="([^"]+)"/.exec(tag)?.[1];

const partnerIds = (html: string) => attributes(html, 'data-partner-id');

/** The text of the search summary's row `term` (its `<dd>`). */
const summaryRow = (html: string, term: string): string | undefined =>
  new RegExp(`<dt>${term}</dt><dd>([^<]*)</dd>`).exec(html.slice(html.indexOf('id="criteria-title"')))?.[1];

const unescape = (text: string) => text.replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('the form at /', () => {
  it('labels every control with a <label for> that points at it', async () => {
    const html = await (await ctx.app.request('/')).text();
    const labelled = new Set(attributes(html, 'for'));
    const unlabelled = controls(html)
      .filter((tag) => !tag.startsWith('<button'))
      .filter((tag) => {
        const id = idOf(tag);
        return id === undefined || !labelled.has(id);
      });
    expect(controls(html).length).toBeGreaterThan(40);
    expect(unlabelled).toEqual([]);
  });

  it('lists every service under its field and community, in Indonesian by default', async () => {
    const html = await (await ctx.app.request('/')).text();
    expect(html).toContain('<html lang="id">');
    for (const field of FIELDS) expect(html).toContain(`<legend>${field.label.id}</legend>`);
    for (const community of COMMUNITIES) expect(html).toContain(`<legend>${community.label.id}</legend>`);
    for (const service of SERVICES) {
      expect(html).toContain(`id="need-${service.id}"`);
      expect(html).toContain(`id="priority-${service.id}"`);
    }
  });

  it('says that no name or identity number is asked for, and asks for none', async () => {
    const html = await (await ctx.app.request('/')).text();
    expect(html).toContain('tidak meminta nama, NIK');
    const names = attributes(html, 'name').map((name) => name.toLowerCase());
    expect(names.filter((name) => /nama|name|nik|identity|ktp/.test(name))).toEqual([]);
  });

  it('posts the search in the body, never in the URL', async () => {
    const html = await (await ctx.app.request('/')).text();
    expect(html).toMatch(/<form class="search" method="post" action="\/search"/);
  });
});

describe('posting the form', () => {
  it('lists only partners that accept juveniles for a juvenile client in Bandung needing legal aid', async () => {
    const response = await search(JUVENILE_BANDUNG);
    expect(response.status).toBe(200);
    const html = await response.text();
    const ids = partnerIds(html);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const partner = ctx.registry.byId.get(id);
      expect(partner?.eligibility?.ageGroups, id).toContain('juvenile');
    }
    expect(html).toContain('Mengapa mitra tidak muncul?');
    expect(html).toMatch(/data-reason="ineligible-age"/);
  });

  it('shows each match with its Bapas, POKMAS, distance, needs met and not met, score factors, reasons and contact', async () => {
    const html = await (
      await search([...JUVENILE_BANDUNG.filter(([name]) => name !== 'mode'), ['mode', 'in-person'], ['need', 'religious-guidance']])
    ).text();
    const start = html.indexOf('<li class="match"');
    const first = html.slice(start, html.indexOf('<li class="match"', start + 1));
    expect(first).toContain('Bapas Kelas I Bandung');
    expect(first).toContain('POKMAS:');
    expect(first).toMatch(/Jarak: [\d,]+ km/);
    expect(first).toContain('Kebutuhan yang dipenuhi');
    expect(first).toContain('Kebutuhan yang tidak dipenuhi');
    expect(first).toContain('class="bar"');
    for (const factor of ['coverage', 'proximity', 'capacity', 'administrative']) expect(first).toContain(`f-${factor}`);
    expect(first).toContain('data-code="accepts-juveniles"');
    expect(first).toContain('Menerima klien anak.');
    expect(first).toMatch(/href="tel:\+?\d+"/);
  });

  it('sums up the search above the results, for the printout', async () => {
    const html = await (await search(JUVENILE_BANDUNG)).text();
    const summary = html.slice(html.indexOf('id="criteria-title"'), html.indexOf('</dl>', html.indexOf('id="criteria-title"')));
    expect(summary).toContain('Ringkasan pencarian');
    expect(summary).toContain('Bantuan hukum (prioritas 3)');
    expect(summary).toContain('Kota Bandung');
    expect(summary).toContain('<dd>Anak</dd>');
  });

  it('says where the client is by what the client was located by: coordinates, else the regency, else the Bapas', async () => {
    const base = JUVENILE_BANDUNG.filter(([name]) => name !== 'regencyCode');
    const cases: Array<[Array<[string, string]>, string]> = [
      [[['regencyCode', '32.73']], 'Kota Bandung'],
      [
        [
          ['regencyCode', '32.04'],
          ['bapasId', '026'],
        ],
        'Kabupaten Bandung · Bapas Kelas I Bandung',
      ],
      // The Bapas seat places the client, but the page names only what the counsellor gave.
      [[['bapasId', '026']], 'Bapas Kelas I Bandung'],
      [
        [
          ['lat', '-6,9175'],
          ['lon', '107.6191'],
          ['regencyCode', '32.73'],
        ],
        '-6,9175 / 107,6191 (Kota Bandung)',
      ],
      [
        [
          ['lat', '-6.9175'],
          ['lon', '107.6191'],
          ['bapasId', '026'],
        ],
        '-6,9175 / 107,6191',
      ],
    ];
    for (const [place, words] of cases) {
      const html = await (await search([...base, ...place])).text();
      expect(summaryRow(html, 'Lokasi'), JSON.stringify(place)).toBe(words);
    }
    const english = await (
      await search([...base.filter(([name]) => name !== 'lang'), ['lang', 'en'], ['lat', '-6,9175'], ['lon', '107,6191']])
    ).text();
    expect(summaryRow(english, 'Location')).toBe('-6.9175 / 107.6191');
  });

  it("gives a need whose priority was not chosen the library's default priority", async () => {
    const html = await (
      await search([...JUVENILE_BANDUNG.filter(([name]) => !name.startsWith('priority-')), ['need', 'mentoring']])
    ).text();
    expect(summaryRow(html, 'Kebutuhan')).toBe(
      `Bantuan hukum (prioritas ${DEFAULT_PRIORITY}), Pendampingan (prioritas ${DEFAULT_PRIORITY})`,
    );
    const blank = await (await ctx.app.request('/')).text();
    expect(blank).toMatch(
      new RegExp(`id="priority-legal-aid"[^>]*><option value="1">[^<]*</option><option value="${DEFAULT_PRIORITY}" selected=""`),
    );
  });

  it("names the exclusions, the needs not met and the factors with the library's labels, in each language", async () => {
    // Needs that few partners meet together, so that matches leave some open.
    const needs: Array<[string, string]> = ['legal-aid', 'religious-guidance', 'job-placement'].map((service) => ['need', service]);
    for (const lang of LANGS) {
      const pairs = [...JUVENILE_BANDUNG.filter(([name]) => name !== 'lang' && name !== 'need' && !name.startsWith('priority-')), ...needs];
      const html = unescape(await (await search([...pairs, ['lang', lang], ['religion', 'catholic']])).text());
      const exclusions = [...html.matchAll(/<tr data-reason="([^"]+)"><th scope="row">([^<]*)<\/th>/g)];
      expect(exclusions.length, lang).toBeGreaterThan(2);
      for (const [, reason, words] of exclusions) {
        expect(EXCLUSION_REASONS).toContain(reason);
        expect(words).toBe(EXCLUSION_LABELS[reason as ExclusionReason][lang]);
      }
      const missing = [...html.matchAll(/<li class="unmet" data-service="[^"]+">[^<]*<span class="hint">\(([^)]*)\)<\/span>/g)];
      expect(missing.length, lang).toBeGreaterThan(0);
      const missingWords = new Map(MISSING_REASONS.map((reason) => [MISSING_LABELS[reason as MissingReason][lang], reason]));
      for (const [, words] of missing) expect(missingWords.has(words!), words).toBe(true);
      const factorRows = [...html.matchAll(/<span class="swatch f-([a-z]+)" aria-hidden="true"><\/span>([^<]*)<\/th>/g)];
      expect(factorRows.length, lang).toBeGreaterThan(0);
      for (const [, factor, words] of factorRows) expect(words).toBe(FACTOR_LABELS[factor as (typeof FACTOR_IDS)[number]][lang]);
    }
  });

  it('keeps the results out of every cache', async () => {
    const response = await search(JUVENILE_BANDUNG);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });

  it('accepts coordinates with a decimal comma', async () => {
    const pairs = JUVENILE_BANDUNG.filter(([name]) => name !== 'regencyCode');
    const response = await search([...pairs, ['lat', '-6,9175'], ['lon', '107,6191']]);
    expect(response.status).toBe(200);
    expect(partnerIds(await response.text()).length).toBeGreaterThan(0);
  });

  it('uses the Bapas seat when only the Bapas is given, and credits partners of that Bapas', async () => {
    const pairs = JUVENILE_BANDUNG.filter(([name]) => name !== 'regencyCode');
    const html = await (await search([...pairs, ['bapasId', '026']])).text();
    expect(html).toContain('data-code="same-bapas"');
  });
  it('sums up each need above the matches: partners in reach, the best, and the needs nobody meets first', async () => {
    // Legal aid and a need no partner in the demo registry offers near Bandung, for a juvenile.
    const html = await (await search([...JUVENILE_BANDUNG, ['need', 'business-capital']])).text();
    const rows = [...html.matchAll(/<tr data-need="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((match) => ({ need: match[1]!, row: match[2]! }));
    expect(rows.map((row) => row.need).sort()).toEqual(['business-capital', 'legal-aid']);
    const listed = partnerIds(html);
    for (const { need, row } of rows) {
      const count = Number(/data-label="Mitra dalam jangkauan">(\d+)/.exec(row)?.[1]);
      const best = /href="\/partners\/([^"?]+)/.exec(row)?.[1];
      if (count === 0) {
        expect(row, need).toContain('Tidak ada mitra dalam jangkauan');
        expect(best, need).toBeUndefined();
      } else {
        // The best for a need is the first listed partner that meets it.
        const firstMeeting = listed.find((id) =>
          new RegExp(`data-partner-id="${id}"[\\s\\S]*?class="met" data-service="${need}"`).test(html),
        );
        expect(best, need).toBe(firstMeeting);
      }
    }
    // A need nobody meets comes first.
    const counts = rows.map(({ row }) => Number(/data-label="Mitra dalam jangkauan">(\d+)/.exec(row)?.[1]));
    expect(counts).toEqual([...counts].sort((a, b) => Number(a > 0) - Number(b > 0)));
  });

  it('says "Daring" before the distance for a partner that meets every need online only', async () => {
    const html = await (await search([...JUVENILE_BANDUNG.filter(([name]) => name !== 'mode'), ['mode', 'remote']])).text();
    const cards = html.split('<li class="match"').slice(1);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card).toMatch(/<strong data-online="true">Daring<\/strong> · Jarak/);
    const inPerson = (await (await search(JUVENILE_BANDUNG.filter(([name, value]) => name !== 'mode' || value === 'in-person'))).text())
      .split('<li class="match"')
      .slice(1);
    for (const card of inPerson) expect(card).not.toContain('data-online');
  });

  it('names a blank religion for what it is: partners of any faith', async () => {
    const html = await (await ctx.app.request('/')).text();
    expect(html).toContain('<option value="">tidak disebut (agama apa pun)</option>');
    expect(html).toMatch(/id="religion-hint"[^>]*>Bila diisi, bimbingan keagamaan hanya dari mitra seagama/);
  });
});

describe('invalid input', () => {
  it('re-renders the form with 422, a message beside each field at fault and the input kept', async () => {
    const response = await search([
      ['lang', 'id'],
      ['lat', '-6.9'],
      ['lon', 'timur'],
      ['maxDistanceKm', 'jauh'],
      ['religion', 'islam'],
      ['priority-legal-aid', '3'],
    ]);
    expect(response.status).toBe(422);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const html = await response.text();
    for (const field of ['needs', 'coordinates', 'ageGroup', 'maxDistanceKm', 'modes']) {
      expect(html, field).toContain(`id="error-${field}"`);
    }
    expect(html).toContain('Pilih paling sedikit satu kebutuhan.');
    expect(html).toContain('class="error-summary"');
    expect(html).toMatch(/id="lat"[^>]*value="-6.9"/);
    expect(html).toMatch(/id="lon"[^>]*value="timur"/);
    expect(html).toMatch(/<option value="islam" selected="">/);
    expect(html).toMatch(/<option value="3" selected="">3 \(mendesak\)<\/option>/);
    expect(html).toMatch(/id="maxDistanceKm"[^>]*aria-invalid="true"/);
    expect(partnerIds(html)).toEqual([]);
  });

  it('writes the messages in the chosen language', async () => {
    const html = await (
      await search([
        ['lang', 'en'],
        ['need', 'legal-aid'],
        ['ageGroup', 'adult'],
        ['mode', 'remote'],
      ])
    ).text();
    expect(html).toContain('Choose a Bapas or a regency, or give the client&#39;s coordinates.');
    expect(html).toContain('id="error-location"');
  });

  it('names an unknown regency or Bapas beside its own field', async () => {
    const base = JUVENILE_BANDUNG.filter(([name]) => name !== 'regencyCode');
    const regency = await (await search([...base, ['regencyCode', '99.99']])).text();
    expect(regency).toContain('id="error-regencyCode"');
    const bapas = await (await search([...base, ['bapasId', '999']])).text();
    expect(bapas).toContain('id="error-bapasId"');
  });

  it('refuses a priority outside 1 to 3 and an unlisted gender', async () => {
    const response = await search([
      ...JUVENILE_BANDUNG.filter(([name]) => name !== 'priority-legal-aid'),
      ['priority-legal-aid', '9'],
      ['gender', 'x'],
    ]);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('id="error-needs"');
    expect(html).toContain('id="error-gender"');
  });

  it('sends a GET of /search back to the empty form', async () => {
    const response = await ctx.app.request('/search?lang=en');
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/?lang=en');
  });
});

describe('the language switch', () => {
  it('serves the form in English with the taxonomy labels in English', async () => {
    const html = await (await ctx.app.request('/?lang=en')).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`<label for="need-legal-aid">${SERVICES.find((s) => s.id === 'legal-aid')!.label.en}</label>`);
    expect(html).toContain(LABELS.ageGroup.juvenile.en);
    expect(html).toContain('does not ask for the client');
    expect(html).toContain('<a href="/" lang="id" hreflang="id" data-lang-switch="id">Bahasa Indonesia</a>');
  });

  it('falls back to Indonesian for a language the page does not speak', async () => {
    const html = await (await ctx.app.request('/?lang=fr')).text();
    expect(html).toContain('<html lang="id">');
  });

  it('writes the results and the reasons in English', async () => {
    const html = await (await search([...JUVENILE_BANDUNG.filter(([name]) => name !== 'lang'), ['lang', 'en']])).text();
    expect(html).toContain('Recommended partners');
    expect(html).toContain('Accepts juvenile clients.');
    expect(html).toContain('Why is a partner missing?');
  });

  it('switches the language of a results page by a link to the same results, with no client detail in any link', async () => {
    const res = await ctx.app.request('/search', form(JUVENILE_BANDUNG));
    expect(res.status).toBe(303);
    const address = res.headers.get('location')!;
    const html = await (await ctx.app.request(address)).text();
    const switcher = html.slice(html.indexOf('class="lang-switch"'), html.indexOf('</header>'));
    expect(switcher).toContain(`href="${address}?lang=en"`);
    const english = await (await ctx.app.request(`${address}?lang=en`)).text();
    expect(english).toContain('Recommended partners');
    expect(partnerIds(english)).toEqual(partnerIds(html));
    // The client's details never go into a link.
    expect(attributes(html, 'href').filter((href) => /32\.73|juvenile|legal-aid/.test(href))).toEqual([]);
  });

  it('keeps the province chosen on the coverage page when the language is switched', async () => {
    const html = await (await ctx.app.request('/coverage?province=32')).text();
    const switcher = html.slice(html.indexOf('class="lang-switch"'), html.indexOf('</header>'));
    expect(switcher).toContain('href="/coverage?province=32&amp;lang=en"');
    const english = await (await ctx.app.request('/coverage?province=32&lang=en')).text();
    expect(english.slice(english.indexOf('class="lang-switch"'), english.indexOf('</header>'))).toContain('href="/coverage?province=32"');
  });

  it('keeps what was typed when the language is switched on a form with errors', async () => {
    const res = await ctx.app.request('/search', form(JUVENILE_BANDUNG.filter(([name]) => name !== 'ageGroup')));
    expect(res.status).toBe(422);
    const html = await res.text();
    const switcher = html.slice(html.indexOf('class="lang-switch"'), html.indexOf('</header>'));
    expect(switcher).toContain('<form method="post" action="/search">');
    expect(switcher).toContain('<input type="hidden" name="regencyCode" value="32.73"/>');
    expect(switcher).toMatch(/<button type="submit" name="lang" value="en"/);
  });

  it('opens results only for the search that made them, and says so once they are gone', async () => {
    const gone = await ctx.app.request('/results/AAAAAAAAAAAAAAAAAAAAAAAA');
    expect(gone.status).toBe(404);
    expect(gone.headers.get('cache-control')).toBe('no-store');
    expect(await gone.text()).toContain('Hasil pencarian disimpan 30 menit');
  });
});

describe('the partner page', () => {
  it('shows the offerings, capacity, whom it accepts and the contact', async () => {
    const partner = ctx.registry.partners.find((item) => item.capacity && item.contact?.phone)!;
    const response = await ctx.app.request(`/partners/${partner.id}?lang=en`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<h1 id="partner-name">${partner.name}</h1>`);
    for (const offering of partner.offerings) expect(html).toContain(`data-service="${offering.service}"`);
    expect(html).toContain(`${freePlaces(partner)} of ${partner.capacity!.total} places free`);
    expect(html).toContain(partner.contact!.phone!);
  });

  it("shows the library's defaults for what a partner leaves out: the modes of an offering, the age groups it accepts", async () => {
    const partner = ctx.registry.partners.find(
      (item) => item.eligibility?.ageGroups === undefined && item.offerings.some((offering) => offering.modes === undefined),
    )!;
    expect(partner, 'a demo partner that names neither').toBeDefined();
    const html = await (await ctx.app.request(`/partners/${partner.id}?lang=en`)).text();
    expect(html).toContain(
      `<dd id="eligibility-age">${DEFAULT_PARTNER_AGE_GROUPS.map((group) => LABELS.ageGroup[group].en).join(', ')}</dd>`,
    );
    const service = partner.offerings.find((offering) => offering.modes === undefined)!.service;
    const row = html.slice(html.indexOf(`<tr data-service="${service}">`));
    expect(row).toMatch(
      new RegExp(
        `^<tr data-service="${service}"><th scope="row">[^<]*</th><td>${DEFAULT_OFFERING_MODES.map((mode) => LABELS.mode[mode].en).join(', ')}</td>`,
      ),
    );
  });

  it('answers 404 with a page for an unknown id', async () => {
    const response = await ctx.app.request('/partners/no-such-partner');
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('Halaman tidak ditemukan');
    expect(html).toContain('href="/"');
  });
});

describe('the coverage page', () => {
  it('links the coverage map and shows the national summary by service and by Kanwil', async () => {
    const response = await ctx.app.request('/coverage?lang=en');
    expect(response.status).toBe(200);
    const html = await response.text();
    // The English page links the English map, and the CSV (whose words are the library's, in both languages).
    expect(html).toContain('href="/coverage/map.svg?lang=en"');
    expect(html).toContain('href="/coverage.csv?lang=en"');
    expect(html).not.toContain('href="/v1/');
    expect(html).toContain('id="coverage-by-service"');
    expect(html).toContain('id="coverage-by-kanwil"');
    for (const service of SERVICES) expect(html).toContain(`data-service="${service.id}"`);
  });
});

describe('assets', () => {
  it('serves its own stylesheet, with a print layout and a visible focus', async () => {
    const response = await ctx.app.request('/assets/app.css');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/css/);
    const css = await response.text();
    expect(css).toContain('@media print');
    expect(css).toContain(':focus-visible');
    expect(css).not.toMatch(/url\(|@import|https?:/);
  });

  it('gives every factor a colour of its own, for its bar segment and its swatch', async () => {
    const css = await (await ctx.app.request('/assets/app.css')).text();
    const colours = FACTOR_IDS.map((id) => {
      expect(css, id).toContain(`.bar .f-${id}, .swatch.f-${id} { background: var(--bar-${id}); }`);
      return css.match(new RegExp(`--bar-${id}: (#[0-9a-f]{6});`))?.[1];
    });
    expect(colours.every(Boolean)).toBe(true);
    expect(new Set(colours).size).toBe(FACTOR_IDS.length);
  });

  it("tells the browser to load nothing but the app's own stylesheet, on every page", async () => {
    for (const response of [
      await ctx.app.request('/'),
      await search(JUVENILE_BANDUNG),
      await ctx.app.request('/partners/unknown'),
      await ctx.app.request('/coverage'),
    ]) {
      const policy = response.headers.get('Content-Security-Policy') ?? '';
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("style-src 'self'");
      expect(policy).toContain("form-action 'self'");
      expect(policy).not.toMatch(/script-src|https?:/);
    }
  });

  it('loads nothing from outside the app on any page', async () => {
    const partner = ctx.registry.partners[0]!;
    const pages = [
      await ctx.app.request('/'),
      await ctx.app.request('/?lang=en'),
      await search(JUVENILE_BANDUNG),
      await search([['lang', 'en']]),
      await ctx.app.request(`/partners/${partner.id}`),
      await ctx.app.request('/partners/unknown'),
      await ctx.app.request('/coverage'),
    ];
    for (const page of pages) {
      const html = await page.text();
      const urls = ['src', 'href', 'action', 'srcset', 'poster', 'data'].flatMap((attribute) => attributes(html, attribute));
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.filter((url) => /^(https?:)?\/\//i.test(url))).toEqual([]);
      expect(urls.filter((url) => !/^(\/|#|tel:|mailto:)/.test(url))).toEqual([]);
      expect(html).not.toMatch(/https?:\/\//);
    }
  });
});
