import { createRouter } from '../../lib/create-app';
import * as handlers from './recommendations.handlers';
import * as routes from './recommendations.routes';

const router = createRouter();
router.openapi(routes.recommend, handlers.recommend);

export default router;
