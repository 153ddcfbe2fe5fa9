import { strings, type Lang } from './i18n';
import { Layout, withLang } from './layout';

export interface SignInPageProps {
  lang: Lang;
  /** The double-submit token, also set as a cookie. */
  csrf: string;
  /** Where to go after signing in (a path of this site). */
  next?: string | undefined;
  /** The login as typed, kept after a failure; never the password. */
  login?: string | undefined;
  /** What went wrong with the last attempt. */
  error?: string | undefined;
  /** True while the server runs as an open demo. */
  open?: boolean;
}

/** The sign-in form: a POST with the double-submit CSRF token, and the way back after it. */
export function SignInPage({ lang, csrf, next, login, error, open = false }: SignInPageProps) {
  const t = strings(lang).signIn;
  return (
    <Layout lang={lang} title={t.title} path="/sign-in">
      <h1>{t.title}</h1>
      <p>{open ? t.openDemo : t.intro}</p>
      {error ? (
        <p class="error-summary" role="alert" id="sign-in-error">
          {error}
        </p>
      ) : null}
      <form method="post" action={withLang('/sign-in', lang)} class="sign-in">
        <input type="hidden" name="csrf" value={csrf} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <div class="control">
          <label for="login">{t.login}</label>
          <input id="login" name="login" type="text" autocomplete="username" required value={login ?? ''} />
        </div>
        <div class="control">
          <label for="password">{t.password}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <button type="submit">{t.submit}</button>
      </form>
    </Layout>
  );
}
