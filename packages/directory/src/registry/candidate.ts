import type { RegistryIssue } from '../errors';

/** Names the file's own field (a CSV column, a JSON path) for a path into a Partner or Pokmas. */
export type FieldNamer = (path: readonly PropertyKey[]) => string;

/** One row as a reader found it, before validation. */
export interface CandidateRow {
  row: number;
  section: 'partners' | 'pokmas';
  value: unknown;
  fieldName: FieldNamer;
}

/** What a CSV file's pokmasName and pokmasField columns say about a POKMAS. */
export interface PokmasHint {
  name?: string;
  field?: string;
}

/** What a reader hands to validation: rows, and the problems it already found in cells. */
export interface RegistryCandidate {
  issues: RegistryIssue[];
  partners: CandidateRow[];
  /**
   * POKMAS the file lists (JSON `pokmas`). When `undefined`, the POKMAS are implied by the
   * partners' pokmasId, named and placed in a field by `pokmasHints` or else by inference.
   */
  pokmas: CandidateRow[] | undefined;
  pokmasHints: ReadonlyMap<string, PokmasHint>;
  /** Names the file's field for a path into an implied POKMAS (`['field']` is CSV `pokmasField`). */
  impliedPokmasFieldName: FieldNamer;
}

/** JSON paths as dotted fields: `offerings.0.service`. */
export const jsonFieldName: FieldNamer = (path) => path.map(String).join('.');
