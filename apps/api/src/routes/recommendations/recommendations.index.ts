import { createRouter } from '../../lib/create-app';
import { noStore } from '../../lib/no-store';
import * as handlers from './recommendations.handlers';
import * as routes from './recommendations.routes';

// Recommendations hold client data: never cached, whatever the answer (errors included).
const router = createRouter();
router.use(routes.recommend.path, noStore);
router.openapi(routes.recommend, handlers.recommend);

export default router;
