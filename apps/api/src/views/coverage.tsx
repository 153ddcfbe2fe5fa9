import type { CoverageSummary, GroupSummary, Lang, PlaceCoverage, ServiceId } from '@pokmas/matcher';
import { formatNumber, serviceLabel, strings, type Strings } from './i18n';

/** A province the filter offers. */
export interface ProvinceChoice {
  readonly code: string;
  readonly name: string;
}

/** One step of the map's colour scale, as the map's legend shows it. */
export interface LegendStepView {
  readonly colour: string;
  readonly label: string;
  readonly count: number;
}

export interface CoveragePageProps {
  lang: Lang;
  /** Over the Bapas shown (the nation, or the province chosen); absent when it could not be computed. */
  summary?: CoverageSummary | undefined;
  /** One summary per Kanwil of the Bapas shown. */
  groups?: readonly GroupSummary[] | undefined;
  /** The Bapas shown, for the tables of gaps. */
  places?: readonly PlaceCoverage[] | undefined;
  /** The services measured, in taxonomy order. */
  services?: readonly ServiceId[] | undefined;
  /** A short name per Bapas id (its seat), for lists of many Bapas. */
  names?: ReadonlyMap<string, string> | undefined;
  /** The map's legend: colour, words and how many of the Bapas shown fall in each step. */
  legend?: readonly LegendStepView[] | undefined;
  /** The provinces with a Bapas office, for the filter, and the one chosen. */
  provinces: readonly ProvinceChoice[];
  province?: ProvinceChoice | undefined;
  /** A province code in the address that names no province. */
  unknownProvince?: string | undefined;
  /** Where the map and the CSV are served, for the same province and language as the page. */
  mapUrl: string;
  dataUrl: string;
}

const share = (value: number, lang: Lang) => `${formatNumber(value * 100, lang, 0)}%`;

/**
 * The items missing, in words a planner reads at a glance: every one, most of them as "all
 * except" the few present, or the few missing themselves.
 */
function missingList(all: readonly string[], missing: readonly string[], w: Strings['coverage']): string {
  if (missing.length === 0) return w.none;
  if (missing.length === all.length) return w.everyOne;
  if (missing.length > all.length / 2) return w.allExcept(all.filter((item) => !missing.includes(item)).join(', '));
  return missing.join(', ');
}

function Legend({ legend, w }: { legend: readonly LegendStepView[]; w: Strings['coverage'] }) {
  return (
    <div class="coverage-legend" id="coverage-legend">
      <p class="coverage-legend-title">{w.legend}</p>
      <ul>
        {legend.map((step) => (
          <li>
            <span class="coverage-swatch" style={`background-color: ${step.colour}`} aria-hidden="true"></span>
            {step.label} ({step.count})
          </li>
        ))}
      </ul>
      <p class="hint" id="coverage-attribution">
        {w.attribution}
      </p>
    </div>
  );
}

function GapTables({
  lang,
  places,
  services,
  w,
}: {
  lang: Lang;
  places: readonly PlaceCoverage[];
  services: readonly ServiceId[];
  w: Strings['coverage'];
}) {
  const withGaps = places.filter((place) => place.gaps.length > 0);
  if (withGaps.length === 0) return <p id="coverage-no-gaps">{w.noGaps}</p>;
  const labels = services.map((service) => serviceLabel(service, lang));
  const kanwils = [...new Set(withGaps.map((place) => place.group ?? ''))].sort();
  return (
    <>
      {kanwils.map((kanwil) => {
        // Most gaps first, then by name: the Bapas that need most stand at the top.
        const rows = withGaps
          .filter((place) => (place.group ?? '') === kanwil)
          .sort((a, b) => b.gaps.length - a.gaps.length || (a.label ?? a.id).localeCompare(b.label ?? b.id));
        return (
          <section class="coverage-kanwil" data-kanwil={kanwil}>
            <h3>{kanwil || w.kanwil}</h3>
            <table class="coverage-table coverage-gaps">
              <thead>
                <tr>
                  <th scope="col">{w.bapas}</th>
                  <th scope="col">{w.missingServices}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((place) => (
                  <tr data-bapas={place.id} data-gaps={place.gaps.join(' ')}>
                    <th scope="row">{place.label ?? place.id}</th>
                    <td>
                      <strong class="coverage-count">{w.missingOf(place.gaps.length, services.length)}</strong>:{' '}
                      {missingList(
                        labels,
                        place.gaps.map((service) => serviceLabel(service, lang)),
                        w,
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}

/**
 * The coverage page: the headline numbers, a province filter (a plain GET form), the map with
 * its legend, links to the map and the data for the same selection, the gaps per Kanwil and per
 * service, and the summary per Kanwil.
 */
export function CoveragePage(props: CoveragePageProps) {
  const { lang, summary, groups, places = [], services = [], names, legend, provinces, province, unknownProvince, mapUrl, dataUrl } = props;
  const t = strings(lang);
  const w = t.coverage;
  const nameOf = (place: PlaceCoverage) => names?.get(place.id) ?? place.label ?? place.id;
  const allNames = places.map(nameOf);
  return (
    <>
      <h1>{t.coverageTitle}</h1>
      <p>{t.coverageIntro}</p>
      {unknownProvince !== undefined ? (
        <p class="field-error" role="alert">
          {w.unknownProvince(unknownProvince)}
        </p>
      ) : null}
      <form method="get" action="/coverage" class="coverage-filter" id="coverage-filter">
        {lang !== 'id' ? <input type="hidden" name="lang" value={lang} /> : null}
        <label for="coverage-province">{w.province}</label>
        <select id="coverage-province" name="province">
          <option value="" selected={!province}>
            {w.allProvinces}
          </option>
          {provinces.map((choice) => (
            <option value={choice.code} selected={province?.code === choice.code}>
              {choice.name}
            </option>
          ))}
        </select>
        <button type="submit" class="primary">
          {w.show}
        </button>
      </form>
      <h2 id="coverage-summary">{province ? w.summaryOf(province.name) : t.coverageSummary}</h2>
      {!summary ? (
        <p>{t.coverageUnavailable}</p>
      ) : (
        <>
          <p class="hint">{w.note}</p>
          <dl class="coverage-headline" id="coverage-headline">
            <div>
              <dt>{w.places}</dt>
              <dd>{summary.places}</dd>
            </div>
            <div>
              <dt>{w.fullyCovered}</dt>
              <dd>{summary.fullyCovered}</dd>
            </div>
            <div>
              <dt>{w.overall}</dt>
              <dd>{share(summary.share, lang)}</dd>
            </div>
          </dl>
          {summary.places === 0 ? <p>{w.noOffices}</p> : null}
        </>
      )}
      <figure class="coverage-map" id="coverage-map">
        <img src={mapUrl} alt={w.mapAlt(province?.name ?? w.indonesia)} width="960" />
        {legend ? <Legend legend={legend} w={w} /> : null}
      </figure>
      <ul class="coverage-links">
        <li>
          <a href={mapUrl} id="coverage-map-link">
            {t.coverageMap}
          </a>
        </li>
        <li>
          <a href={dataUrl} id="coverage-data-link">
            {t.coverageCsv}
          </a>
        </li>
      </ul>
      {summary && summary.places > 0 ? (
        <>
          <h2 id="coverage-gaps">{w.gapsByKanwil}</h2>
          <p class="hint">{w.gapsIntro}</p>
          <GapTables lang={lang} places={places} services={services} w={w} />
          <h2 id="coverage-service-gaps">{w.gapsByService}</h2>
          <table id="coverage-gaps-by-service" class="coverage-table coverage-gaps">
            <thead>
              <tr>
                <th scope="col">{t.service}</th>
                <th scope="col">{w.lacking}</th>
              </tr>
            </thead>
            <tbody>
              {services.map((service) => {
                const lacking = places.filter((place) => place.gaps.includes(service));
                return (
                  <tr data-service={service} data-lacking={lacking.map((place) => place.id).join(' ')}>
                    <th scope="row">{serviceLabel(service, lang)}</th>
                    <td>
                      <strong class="coverage-count">{w.missingOf(lacking.length, places.length)}</strong>:{' '}
                      {missingList(allNames, lacking.map(nameOf), w)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h2 id="coverage-services">{w.byService}</h2>
          <table id="coverage-by-service" class="coverage-table">
            <thead>
              <tr>
                <th scope="col">{t.service}</th>
                <th scope="col" class="num">
                  {w.coveredPlaces}
                </th>
                <th scope="col" class="num">
                  {w.inPersonPlaces}
                </th>
                <th scope="col" class="num">
                  {w.share}
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.byService.map((row) => (
                <tr data-service={row.service}>
                  <th scope="row">{serviceLabel(row.service, lang)}</th>
                  <td class="num">{row.coveredPlaces}</td>
                  <td class="num">{row.inPersonPlaces}</td>
                  <td class="num">{share(row.share, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {groups && groups.length > 0 ? (
            <>
              <h2 id="coverage-kanwil">{w.byKanwil}</h2>
              <table id="coverage-by-kanwil" class="coverage-table">
                <thead>
                  <tr>
                    <th scope="col">{w.kanwil}</th>
                    <th scope="col" class="num">
                      {w.places}
                    </th>
                    <th scope="col" class="num">
                      {w.fullyCovered}
                    </th>
                    <th scope="col" class="num">
                      {w.share}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {groups.map((group) => (
                    <tr>
                      <th scope="row">{group.group}</th>
                      <td class="num">{group.places}</td>
                      <td class="num">{group.fullyCovered}</td>
                      <td class="num">{share(group.share, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}
