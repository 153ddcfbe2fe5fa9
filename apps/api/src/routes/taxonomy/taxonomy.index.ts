import { createRouter } from '../../lib/create-app';
import * as handlers from './taxonomy.handlers';
import * as routes from './taxonomy.routes';

const router = createRouter().openapi(routes.get, handlers.get);

export default router;
