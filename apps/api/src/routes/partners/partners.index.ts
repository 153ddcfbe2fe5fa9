import { createRouter } from '../../lib/create-app';
import * as handlers from './partners.handlers';
import * as routes from './partners.routes';

const router = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.create, handlers.create)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.replace, handlers.replace)
  .openapi(routes.patch, handlers.patch)
  .openapi(routes.history, handlers.history);

export default router;
