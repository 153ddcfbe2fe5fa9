import type { Label } from '../taxonomy';
import { administrative } from './administrative';
import { capacity } from './capacity';
import { coverage } from './coverage';
import { language } from './language';
import { proximity } from './proximity';

/**
 * The factors, in the order they are reported and added up. Adding a factor is adding its file
 * to this list: the weights' schema, the defaults, the labels, the plain scorer and the index
 * all follow from it.
 */
export const FACTORS = [coverage, proximity, capacity, administrative, language] as const;

export type AnyFactor = (typeof FACTORS)[number];
export type FactorId = AnyFactor['id'];

export const FACTOR_IDS = FACTORS.map((factor) => factor.id) as readonly FactorId[] as readonly [FactorId, ...FactorId[]];

/** Each factor's weight when the caller sets none (relative: divided by their sum). */
export const DEFAULT_WEIGHTS = Object.fromEntries(FACTORS.map((factor) => [factor.id, factor.defaultWeight])) as Readonly<
  Record<FactorId, number>
>;

/** Each factor's name in Indonesian and English. */
export const FACTOR_LABELS = Object.fromEntries(FACTORS.map((factor) => [factor.id, factor.label])) as Readonly<Record<FactorId, Label>>;

export type { Factor, Pair, Column, KeyTable, ExplainInput, Templates } from './types';
