import { createRouter } from '../../lib/create-app';
import * as handlers from './bapas.handlers';
import * as routes from './bapas.routes';

const router = createRouter().openapi(routes.list, handlers.list).openapi(routes.getOne, handlers.getOne);

export default router;
