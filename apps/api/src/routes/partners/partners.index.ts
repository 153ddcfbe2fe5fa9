import { createRouter } from '../../lib/create-app';
import * as handlers from './partners.handlers';
import * as routes from './partners.routes';

const router = createRouter().openapi(routes.list, handlers.list).openapi(routes.getOne, handlers.getOne);

export default router;
