/**
 * The page's only stylesheet, served by the app at `/assets/app.css` (offices may have no
 * internet, so no CDN and no web font). Kept as a string module so tsx, vitest and the tsup
 * bundle all load it the same way. Colours keep at least 4.5:1 contrast on their backgrounds.
 */
export const APP_CSS = `
:root {
  --ink: #1b1f24;
  --muted: #4a5360;
  --paper: #ffffff;
  --band: #f3f5f7;
  --line: #c5ccd4;
  --brand: #0b4f6c;
  --brand-ink: #ffffff;
  --link: #0a4a8f;
  --error: #a4161a;
  --error-bg: #fdecec;
  --ok: #1d5e20;
  --focus: #f2b300;
  --bar-coverage: #0b4f6c;
  --bar-proximity: #2e7d32;
  --bar-capacity: #8a4b00;
  --bar-administrative: #5b3f8c;
  --bar-language: #a0306e;
}
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; font-size: 100%; line-height: 1.5; color: var(--ink); background: var(--paper); }
body { margin: 0; }
a { color: var(--link); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--ink); }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
header.site { background: var(--brand); color: var(--brand-ink); }
header.site a { color: var(--brand-ink); }
header.site .inner { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: center; justify-content: space-between; }
header.site .brand { font-weight: 700; font-size: 1.15rem; text-decoration: none; }
header.site nav ul, .lang-switch ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
.lang-switch { display: flex; gap: .5rem; align-items: center; }
.lang-switch form { display: inline; margin: 0; }
.lang-switch button { background: none; border: 1px solid var(--brand-ink); color: var(--brand-ink); padding: .15rem .6rem; border-radius: 3px; font: inherit; cursor: pointer; }
.lang-switch [aria-current="true"] { font-weight: 700; text-decoration: underline; }
.inner { max-width: 64rem; margin: 0 auto; padding: .75rem 1rem; }
main.inner { padding-bottom: 3rem; }
h1 { font-size: 1.6rem; margin: 1rem 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1.1rem; margin: 0 0 .25rem; }
.banner { margin: 0; padding: .5rem 1rem; background: #fff4ce; color: #3d2e00; border-bottom: 2px solid #8a6d00; }
.viewer { display: inline; }
.note { background: var(--band); border-left: 4px solid var(--brand); padding: .5rem 1rem; }
.hint { color: var(--muted); font-size: .95rem; margin: .1rem 0 .4rem; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 1rem 0; padding: .5rem 1rem 1rem; min-width: 0; }
legend { font-weight: 700; padding: 0 .25rem; }
fieldset fieldset { margin: .5rem 0; }
fieldset fieldset legend { font-weight: 600; }
.needs-fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(20rem, 100%), 1fr)); gap: 0 1rem; }
.need { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .25rem .75rem; padding: .2rem 0; border-bottom: 1px dotted var(--line); }
.need .choice { flex: 1 1 9rem; min-width: 0; overflow-wrap: break-word; }
.need .choice { margin-right: 0; }
.need:last-child { border-bottom: 0; }
.need .priority { display: flex; gap: .35rem; align-items: center; font-size: .95rem; }
.row { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
.control { margin: .5rem 0; }
.control > label, .control > .label { display: block; font-weight: 600; }
.choice { display: inline-flex; gap: .35rem; align-items: center; margin-right: 1.25rem; }
.choice input { flex: none; }
dl.criteria { background: var(--band); padding: .5rem 1rem; border-radius: 4px; }
input[type="checkbox"], input[type="radio"] { width: 1.15rem; height: 1.15rem; accent-color: var(--brand); }
select, input[type="text"], input[type="number"] { font: inherit; color: var(--ink); background: var(--paper); border: 1px solid #6b7480; border-radius: 3px; padding: .3rem .45rem; max-width: 100%; }
select.wide { min-width: min(28rem, 100%); }
.field-error { color: var(--error); font-weight: 600; margin: .25rem 0; }
.has-error { border-color: var(--error); background: var(--error-bg); }
.error-summary { border: 3px solid var(--error); background: var(--error-bg); padding: .5rem 1rem; margin: 1rem 0; }
.error-summary h2 { margin-top: .25rem; color: var(--error); font-size: 1.15rem; }
button.primary { font: inherit; font-weight: 700; background: var(--brand); color: var(--brand-ink); border: 2px solid var(--brand); border-radius: 4px; padding: .55rem 1.4rem; cursor: pointer; }
button.primary:hover { background: #083a50; }
.matches { list-style: none; padding: 0; margin: 0; }
.match { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
.match header { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .25rem 1rem; align-items: baseline; }
.match .rank { color: var(--muted); font-weight: 600; margin-right: .25rem; }
.meta { color: var(--muted); margin: .1rem 0 .5rem; }
.cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .25rem 1.5rem; }
@media (min-width: 60rem) { .cols { grid-template-columns: 1fr 1.25fr 1fr; } }
.cols > * { min-width: 0; }
.cols p { margin: .2rem 0; }
.cols h4 { margin: .5rem 0 .2rem; font-size: 1rem; }
.cols ul { margin: 0; padding-left: 1.2rem; }
.met { color: var(--ok); }
.unmet { color: var(--error); }
.score { font-weight: 700; font-size: 1.1rem; }
.bar { display: flex; height: .8rem; width: 100%; max-width: 20rem; background: var(--band); border: 1px solid #6b7480; border-radius: 2px; overflow: hidden; margin: .2rem 0; }
.bar span { display: block; height: 100%; }
.bar .f-coverage, .swatch.f-coverage { background: var(--bar-coverage); }
.bar .f-proximity, .swatch.f-proximity { background: var(--bar-proximity); }
.bar .f-capacity, .swatch.f-capacity { background: var(--bar-capacity); }
.bar .f-administrative, .swatch.f-administrative { background: var(--bar-administrative); }
.bar .f-language, .swatch.f-language { background: var(--bar-language); }
.swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: -1px; border: 1px solid var(--ink); }
table { border-collapse: collapse; margin: .5rem 0; }
caption { text-align: left; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--band); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.factors { font-size: .875rem; width: 100%; max-width: 22rem; }
table.factors th, table.factors td { padding: .15rem .4rem; }
table.factors td { white-space: nowrap; }
.score { margin: .2rem 0; }
dl.facts { display: grid; grid-template-columns: fit-content(45%) minmax(0, 1fr); gap: .2rem 1rem; }
dl.facts dt { overflow-wrap: break-word; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
a[href^="tel:"] { white-space: nowrap; }
.map { max-width: 100%; height: auto; border: 1px solid var(--line); }
textarea { font: inherit; color: var(--ink); background: var(--paper); border: 1px solid #6b7480; border-radius: 3px; padding: .3rem .45rem; width: 100%; max-width: 40rem; }
details.refer { margin-top: .75rem; border-top: 1px solid var(--line); padding-top: .5rem; }
details.refer > summary { display: inline-block; list-style: none; font-weight: 700; background: var(--brand); color: var(--brand-ink); border-radius: 4px; padding: .45rem 1.2rem; cursor: pointer; }
details.refer > summary::-webkit-details-marker { display: none; }
details.refer[open] > summary { background: var(--band); color: var(--ink); border: 1px solid var(--line); }
.refer-form fieldset { max-width: 44rem; }
.status { display: inline-block; padding: .05rem .55rem; border-radius: 999px; border: 1px solid currentColor; font-size: .9rem; font-weight: 600; white-space: nowrap; }
.status-requested, .status-on-hold { color: #6b4a00; background: #fff4ce; }
.status-accepted, .status-in-progress { color: var(--brand); background: #e3f0f6; }
.status-completed { color: var(--ok); background: #e7f4e8; }
.status-declined, .status-cancelled, .status-expired, .status-ended-early { color: #3d434b; background: var(--band); }
.filters ul { list-style: none; margin: .5rem 0; padding: 0; display: flex; flex-wrap: wrap; gap: .35rem .9rem; }
.filters [aria-current="page"], nav [aria-current="page"] { font-weight: 700; }
.referrals { list-style: none; padding: 0; margin: 0; }
.referral { border: 1px solid var(--line); border-radius: 6px; padding: .6rem 1rem; margin: .75rem 0; }
.referral header { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; justify-content: space-between; }
.referral h2 { margin: 0; font-size: 1.1rem; }
.done { border: 2px solid var(--ok); background: #e7f4e8; padding: .5rem 1rem; margin: 1rem 0; }
form.move { margin: .5rem 0 1rem; }
form.move.simple { display: inline-block; margin-right: .75rem; }
.timeline { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 3px solid var(--line); }
.timeline li { margin: 0 0 .75rem; }
.timeline p { margin: .1rem 0; }
.quoted { border-left: 3px solid var(--brand); padding-left: .5rem; white-space: pre-wrap; overflow-wrap: anywhere; }
ul.plain { list-style: none; margin: 0; padding: 0; }
.letter { max-width: 42rem; }
.blank-line { display: flex; gap: .5rem; align-items: flex-end; margin: 1.5rem 0 .25rem; }
.blank-line .line { flex: 1; border-bottom: 1px solid var(--ink); min-height: 1.5rem; }
.signature { margin-top: 3rem; max-width: 18rem; margin-left: auto; text-align: center; }
.signature .line { border-bottom: 1px solid var(--ink); height: 4rem; margin: 0; }
.print-only, table.print-table { display: none; }
.print-pick { float: right; display: inline-flex; gap: .35rem; align-items: center; font-size: .95rem; margin: 0 0 .25rem 1rem; }
table.need-summary { width: 100%; max-width: 44rem; }
table.need-summary caption { font-weight: 700; font-size: 1.05rem; }
tr.unmet-need th, tr.unmet-need td { background: var(--error-bg); color: var(--error); }
/* On a phone, each need is a small block: its name, then its count and best partner, labelled. */
@media screen and (max-width: 40rem) {
  table.need-summary thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.need-summary, table.need-summary tbody, table.need-summary tr, table.need-summary th, table.need-summary td { display: block; width: 100%; }
  table.need-summary tr { border: 1px solid var(--line); border-radius: 4px; margin: .4rem 0; }
  table.need-summary th, table.need-summary td { border: 0; text-align: left; }
  table.need-summary td::before { content: attr(data-label) ": "; font-weight: 600; }
}
.where { white-space: normal; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
@media print {
  header.site nav, .lang-switch, .skip, .no-print, form.search, .error-summary, .banner, body:has(.letter) footer.site, .viewer { display: none !important; }
  header.site { background: none; color: #000; border-bottom: 2px solid #000; }
  header.site a { color: #000; text-decoration: none; }
  body { font-size: 11pt; }
  .inner { max-width: none; padding: 0; }
  a { color: #000; }
  .match { border-color: #000; }
  .bar, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { size: A4; margin: 12mm; }
  .print-only { display: block; }
  /* Compact: the matches as one table (ten fit on one or two A4 pages), the cards left out. */
  ol.matches, #why-missing-section { display: none !important; }
  table.print-table { display: table !important; width: 100%; font-size: 8.5pt; line-height: 1.3; }
  table.print-table th, table.print-table td { padding: .15rem .3rem; }
  table.need-summary, dl.criteria { font-size: 8.5pt; }
  main > h1, main > h1 + p { display: none; }
  h2 { font-size: 12pt; margin: .5rem 0 .25rem; }
  h3 { font-size: 10pt; }
  th, td { border-color: #000; }
  /* Ticked partners only, when any is ticked: no script, the checkboxes say it (one rule per rank of the ten). */
  body:has(.print-pick-box:checked) tr.print-row { display: none; }
  body:has(#print-pick-1:checked) tr.print-row[data-rank="1"] { display: table-row; }
  body:has(#print-pick-2:checked) tr.print-row[data-rank="2"] { display: table-row; }
  body:has(#print-pick-3:checked) tr.print-row[data-rank="3"] { display: table-row; }
  body:has(#print-pick-4:checked) tr.print-row[data-rank="4"] { display: table-row; }
  body:has(#print-pick-5:checked) tr.print-row[data-rank="5"] { display: table-row; }
  body:has(#print-pick-6:checked) tr.print-row[data-rank="6"] { display: table-row; }
  body:has(#print-pick-7:checked) tr.print-row[data-rank="7"] { display: table-row; }
  body:has(#print-pick-8:checked) tr.print-row[data-rank="8"] { display: table-row; }
  body:has(#print-pick-9:checked) tr.print-row[data-rank="9"] { display: table-row; }
  body:has(#print-pick-10:checked) tr.print-row[data-rank="10"] { display: table-row; }
}
/* coverage page */
.coverage-filter { display: flex; flex-wrap: wrap; gap: .5rem .75rem; align-items: center; margin: .75rem 0 1rem; padding: .6rem .8rem; background: var(--band); border-radius: 4px; }
.coverage-filter label { font-weight: 600; }
.coverage-filter select { flex: 1 1 12rem; min-width: 0; max-width: 24rem; }
.coverage-filter button.primary { padding: .35rem 1.1rem; }
.coverage-headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(6.5rem, 1fr)); gap: .5rem; margin: .5rem 0 1rem; }
.coverage-headline div { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .75rem; display: flex; flex-direction: column-reverse; justify-content: flex-end; }
.coverage-headline dt { color: var(--muted); font-size: .9rem; line-height: 1.3; }
.coverage-headline dd { margin: 0; font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.2; }
.coverage-map { margin: 1rem 0; }
.coverage-map img { display: block; width: 100%; height: auto; border: 1px solid var(--line); }
.coverage-legend { margin-top: .5rem; }
.coverage-legend-title { font-weight: 600; margin: 0 0 .25rem; }
.coverage-legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.25rem; }
.coverage-legend li { display: inline-flex; align-items: center; gap: .4rem; font-variant-numeric: tabular-nums; }
.coverage-swatch { display: inline-block; width: 1rem; height: 1rem; border-radius: 50%; border: 1px solid var(--ink); flex: none; }
.coverage-links { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; padding: 0; list-style: none; }
.coverage-table { width: 100%; }
.coverage-table th[scope="row"], .coverage-table td { overflow-wrap: anywhere; }
.coverage-table td.num { white-space: nowrap; overflow-wrap: normal; }
@media (max-width: 30rem) { .coverage-table th, .coverage-table td { padding: .2rem .35rem; font-size: .9rem; } }
.coverage-kanwil { margin: 1rem 0 1.25rem; }
.coverage-gaps { table-layout: fixed; }
.coverage-gaps th:first-child { width: 40%; }
.coverage-count { white-space: nowrap; }
@media print { .coverage-filter { display: none; } .coverage-swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
/* end coverage page */
`;
