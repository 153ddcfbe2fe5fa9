import { administrative } from './administrative';
import { capacity } from './capacity';
import { coverage } from './coverage';
import { proximity } from './proximity';
import type { Factor } from './types';

/** The factors in the order they are reported. */
export const FACTORS: readonly Factor[] = [coverage, proximity, capacity, administrative];

export type { Factor, FactorInput } from './types';
