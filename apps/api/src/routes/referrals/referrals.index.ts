import { createRouter } from '../../lib/create-app';
import * as handlers from './referrals.handlers';
import * as routes from './referrals.routes';

// The lifecycle before `{id}`: its path would otherwise read as a referral id.
const router = createRouter()
  .openapi(routes.lifecycle, handlers.lifecycle)
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.transition, handlers.transition)
  .openapi(routes.events, handlers.events)
  .openapi(routes.eraseClient, handlers.eraseClient);

export default router;
