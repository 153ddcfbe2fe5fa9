import type { CoverageSummary, GroupSummary, Lang } from '@pokmas/matcher';
import { formatNumber, serviceLabel, strings } from './i18n';

export interface CoveragePageProps {
  lang: Lang;
  /** Over every Bapas seat; absent when it could not be computed. */
  summary?: CoverageSummary | undefined;
  /** One summary per Kanwil. */
  groups?: readonly GroupSummary[] | undefined;
  /** Where the map and the CSV are served: the page's own addresses, behind the same key as the page. */
  mapUrl: string;
  dataUrl: string;
}

const share = (value: number, lang: Lang) => `${formatNumber(value * 100, lang, 0)}%`;

/** The coverage page: links to the map and the data, and the national summary as tables. */
export function CoveragePage({ lang, summary, groups, mapUrl, dataUrl }: CoveragePageProps) {
  const t = strings(lang);
  const w = t.coverage;
  return (
    <>
      <h1>{t.coverageTitle}</h1>
      <p>{t.coverageIntro}</p>
      <ul>
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
      <h2 id="coverage-summary">{t.coverageSummary}</h2>
      {!summary ? (
        <p>{t.coverageUnavailable}</p>
      ) : (
        <>
          <p class="hint">{w.note}</p>
          <dl class="facts">
            <dt>{w.places}</dt>
            <dd>{summary.places}</dd>
            <dt>{w.fullyCovered}</dt>
            <dd>{summary.fullyCovered}</dd>
            <dt>{w.overall}</dt>
            <dd>{share(summary.share, lang)}</dd>
          </dl>
          <h3>{w.byService}</h3>
          <table id="coverage-by-service">
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
              <h3>{w.byKanwil}</h3>
              <table id="coverage-by-kanwil">
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
      )}
    </>
  );
}
