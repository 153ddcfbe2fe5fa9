import { createRouter } from '../../lib/create-app';
import * as handlers from './coverage.handlers';
import * as routes from './coverage.routes';

const router = createRouter().openapi(routes.getCoverage, handlers.getCoverage).openapi(routes.getCoverageMap, handlers.getCoverageMap);

export default router;
