import { createRouter } from '../../lib/create-app';
import * as handlers from './allocations.handlers';
import * as routes from './allocations.routes';

const router = createRouter();
router.openapi(routes.allocate, handlers.allocate);

export default router;
