import { createContext } from 'hono/jsx';

/** Who the page is shown to, as its header tells it: the open demo mode, or a signed-in account. */
export type PageViewer =
  | { readonly mode: 'open' }
  | { readonly mode: 'signed-in'; readonly login: string; readonly role: string; readonly csrf: string }
  | { readonly mode: 'anonymous' };

/** Set once per page by the web handlers, read by the layout: no page passes it down by hand. */
export const PageViewerContext = createContext<PageViewer>({ mode: 'anonymous' });
