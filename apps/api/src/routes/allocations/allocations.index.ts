import { createRouter } from '../../lib/create-app';
import { noStore } from '../../lib/no-store';
import * as handlers from './allocations.handlers';
import * as routes from './allocations.routes';

// An allocation holds client data: never cached, whatever the answer (errors included).
const router = createRouter();
router.use(routes.allocate.path, noStore);
router.openapi(routes.allocate, handlers.allocate);

export default router;
