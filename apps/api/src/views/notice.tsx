import type { Lang } from './i18n';
import { strings } from './i18n';
import { withLang } from './layout';

/** A page that only says what went wrong and what to do, with the way back to the form. */
export function Notice({ lang, title, message }: { lang: Lang; title: string; message: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={withLang('/', lang)}>{strings(lang).backToSearch}</a>
      </p>
    </>
  );
}
