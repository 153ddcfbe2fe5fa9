import { createRouter } from '../../lib/create-app';
import * as handlers from './registry.handlers';
import * as routes from './registry.routes';

const router = createRouter()
  .openapi(routes.importRegistry, handlers.importRegistry)
  .openapi(routes.exportRegistry, handlers.exportRegistry);

export default router;
