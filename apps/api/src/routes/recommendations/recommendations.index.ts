import { createRouter } from '../../lib/create-app';
import * as handlers from './recommendations.handlers';
import * as routes from './recommendations.routes';

// Recommendations hold client data: never cached, whatever the answer (errors included).
const router = createRouter();
router.use(routes.recommend.path, async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
});
router.openapi(routes.recommend, handlers.recommend);

export default router;
