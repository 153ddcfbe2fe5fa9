import type { Lang } from '@pokmas/matcher';
import { ErrorSummary, SearchForm, type SearchFormProps } from './form';
import { strings } from './i18n';
import { Layout, type Repost } from './layout';
import { Results, type ResultsProps } from './results';

export interface SearchPageProps extends SearchFormProps {
  /** Present once a valid search has run. */
  results?: Omit<ResultsProps, 'lang'> | undefined;
  /** The posted fields, for the language switch of a page that has no address of its own. */
  repost?: Repost | undefined;
  /** The page's address, for the language switch (`/`, or the results' `/results/{id}`). */
  path?: string | undefined;
}

/** The counsellor's page: the privacy note, the form (kept filled in) and, after a search, the results. */
export function SearchPage(props: SearchPageProps) {
  const { lang, errors, results, repost, path = '/' } = props;
  const t = strings(lang);
  const title = results ? t.resultsTitle : t.formTitle;
  return (
    <Layout lang={lang} title={title} path={path} repost={repost}>
      <h1>{t.appName}</h1>
      <p>{t.appTagline}</p>
      <aside class="note no-print" aria-labelledby="privacy-title">
        <h2 id="privacy-title" class="visually-hidden">
          {t.privacyTitle}
        </h2>
        <p id="privacy-note">{t.privacyNote}</p>
      </aside>
      {results ? <Results lang={lang} {...results} /> : null}
      <section aria-labelledby="form-title" class="no-print">
        <h2 id="form-title">{results ? t.searchAgain : t.formTitle}</h2>
        <p class="hint">{t.formIntro}</p>
        <ErrorSummary lang={lang} errors={errors} />
        <SearchForm {...props} />
      </section>
    </Layout>
  );
}
