import { TAXONOMY } from '@pokmas/matcher';
import type { AppRouteHandler } from '../../lib/types';
import type { GetRoute } from './taxonomy.routes';

export const get: AppRouteHandler<GetRoute> = (c) => c.json(TAXONOMY, 200);
