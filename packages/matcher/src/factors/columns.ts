import type { PreparedClient, PreparedPartner, ResolvedOptions } from '../context';
import { FACTORS } from './index';
import type { KeyTable, Pair } from './types';

export type ColumnArray = Float64Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;
type ColumnType = new (length: number) => ColumnArray;

/** The keys of one factor's column, numbered from 1 in the order the partners give them. */
class Keys implements KeyTable {
  private readonly numbers = new Map<string, number>();
  readonly keys: string[] = [];

  find(key: string | undefined): number {
    return key === undefined ? 0 : (this.numbers.get(key) ?? 0);
  }

  /** A table with the same numbers, to number new keys in without changing this one. */
  copy(): Keys {
    const copy = new Keys();
    copy.keys.push(...this.keys);
    for (const [key, number] of this.numbers) copy.numbers.set(key, number);
    return copy;
  }

  /** The key's number, numbering it if it is new. */
  add(key: string | undefined): number {
    if (key === undefined) return 0;
    let number = this.numbers.get(key);
    if (number === undefined) {
      this.keys.push(key);
      this.numbers.set(key, (number = this.keys.length));
    }
    return number;
  }
}

/** The narrowest unsigned array that holds numbers up to `largest`, as kdbush sizes its index. */
function unsignedArray(values: readonly number[], largest: number): Uint8Array | Uint16Array | Uint32Array {
  if (largest <= 0xff) return Uint8Array.from(values);
  if (largest <= 0xffff) return Uint16Array.from(values);
  return Uint32Array.from(values);
}

/**
 * Every factor's column over a list of partners (row `i` is `partners[i]`), with the keys each
 * key column numbered. The index builds one over its partners in index order; the plain scorer
 * and allocation build one over the partners they are given. Both then read the same numbers.
 */
export class FactorColumns {
  /** One array per factor, in the factors' order; null for a factor that keeps nothing. */
  readonly arrays: readonly (ColumnArray | null)[];
  readonly keys: readonly KeyTable[];

  /**
   * Reads the columns of `size` partners; `prepared(row)` is called once per row, in order,
   * so a caller that indexes partners can read its own attributes in the same pass.
   */
  constructor(size: number, prepared: (row: number) => PreparedPartner) {
    const keys = FACTORS.map(() => new Keys());
    const columns = FACTORS.map((factor) => factor.column);
    const raw = columns.map((column) => (column.kind === 'none' ? null : new Array<number>(size)));
    for (let row = 0; row < size; row++) {
      const partner = prepared(row);
      columns.forEach((column, f) => {
        if (column.kind === 'key') raw[f]![row] = keys[f]!.add(column.of(partner));
        else if (column.kind !== 'none') raw[f]![row] = column.of(partner);
      });
    }
    this.keys = keys;
    this.arrays = columns.map((column, f): ColumnArray | null => {
      const values = raw[f];
      if (!values) return null;
      if (column.kind === 'number') return Float64Array.from(values);
      if (column.kind === 'integer') return Int32Array.from(values);
      return unsignedArray(values, keys[f]!.keys.length);
    });
  }

  /**
   * The columns of `size` rows (at least as many as these): these rows copied, then `rows` read
   * over them (row to partner; new rows past the end must all be given). These columns are left
   * as they are, for the readers that still hold them; new keys are numbered after the old.
   */
  edited(size: number, rows: ReadonlyMap<number, PreparedPartner>): FactorColumns {
    const keys = this.keys.map((table) => (table as Keys).copy());
    const arrays = FACTORS.map(({ column }, f): ColumnArray | null => {
      const old = this.arrays[f];
      if (!old) return null;
      const values = [...rows.values()].map((partner) =>
        column.kind === 'key' ? keys[f]!.add(column.of(partner)) : column.kind === 'none' ? 0 : column.of(partner),
      );
      // A key column widens only when its keys outgrow the array's width.
      const wider = column.kind === 'key' ? unsignedArray([], keys[f]!.keys.length) : old;
      const array = wider.BYTES_PER_ELEMENT > old.BYTES_PER_ELEMENT ? (wider.constructor as ColumnType) : (old.constructor as ColumnType);
      const next = new array(size);
      next.set(old);
      let at = 0;
      for (const row of rows.keys()) next[row] = values[at++]!;
      return next;
    });
    return Object.assign(Object.create(FactorColumns.prototype) as FactorColumns, { arrays, keys });
  }

  /** Whether `row` holds what the columns read of this partner now. */
  holds(row: number, partner: PreparedPartner): boolean {
    for (let f = 0; f < FACTORS.length; f++) {
      const { column } = FACTORS[f]!;
      const stored = this.arrays[f]?.[row];
      if (column.kind === 'none' || stored === undefined) continue;
      if (column.kind === 'key') {
        const key = column.of(partner);
        if ((key === undefined ? 0 : this.keys[f]!.find(key)) !== stored) return false;
      } else if (!Object.is(column.of(partner), stored)) {
        return false;
      }
    }
    return true;
  }
}

/**
 * One query's scoring: each factor's per-query constants, and the weights in the factors'
 * order. `score` is the one place a score is added up, for the plain scorer and the index alike.
 */
export class QueryScoring {
  private readonly queries: unknown[];
  private readonly weights: Float64Array;
  /** The factors whose value depends on the partner, by number; the others' values are `fixed`. */
  private readonly varying: Int32Array;
  private readonly fixed: Float64Array;

  constructor(
    private readonly columns: FactorColumns,
    client: PreparedClient,
    options: ResolvedOptions,
  ) {
    this.queries = FACTORS.map((factor, f) => factor.prepare(client, options, columns.keys[f]!));
    this.weights = Float64Array.from(FACTORS, (factor) => options.weights[factor.id]);
    const varying: number[] = [];
    this.fixed = new Float64Array(FACTORS.length).fill(Number.NaN);
    FACTORS.forEach((factor, f) => {
      const value = (factor.fixed as ((query: unknown) => number | undefined) | undefined)?.(this.queries[f]);
      if (value === undefined) varying.push(f);
      else this.fixed[f] = value;
    });
    this.varying = Int32Array.from(varying);
  }

  /**
   * The score of the partner in `row` for this pair, each factor's value written to `values`
   * from `at`: the weighted values added in the factors' order, held to [0, 1].
   */
  score(row: number, pair: Pair, values: Float64Array, at = 0): number {
    const { arrays } = this.columns;
    const { varying, fixed } = this;
    // The same sum in the same order as adding every factor's term: a fixed term is added at its place.
    let sum = 0;
    for (let f = 0, next = 0; f < FACTORS.length; f++) {
      let value: number;
      if (next < varying.length && varying[next] === f) {
        next++;
        const column = arrays[f];
        value = (FACTORS[f]!.value as (query: unknown, column: number, pair: Pair) => number)(
          this.queries[f],
          column ? column[row]! : Number.NaN,
          pair,
        );
      } else {
        value = fixed[f]!;
      }
      values[at + f] = value;
      sum += value * this.weights[f]!;
    }
    return Math.min(1, Math.max(0, sum));
  }

  /** At least the score of any partner for this pair: every factor at its `upper`. */
  upper(pair: Pair): number {
    let sum = 0;
    for (let f = 0; f < FACTORS.length; f++) {
      sum += (FACTORS[f]!.upper as (query: unknown, pair: Pair) => number)(this.queries[f], pair) * this.weights[f]!;
    }
    return Math.min(1, Math.max(0, sum));
  }
}
