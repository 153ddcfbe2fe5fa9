import highsLoader from 'highs';
import { lpObjective } from '../src/test-support';

// HiGHS (the LP/MIP solver, in WebAssembly), loaded once for every oracle test in a file.
let loaded: ReturnType<typeof highsLoader> | undefined;
export const highs = (): ReturnType<typeof highsLoader> => (loaded ??= highsLoader());

/** HiGHS's optimum of a program (CPLEX LP text), an integer. */
export async function highsObjective(lp: string): Promise<number> {
  return lpObjective(await highs(), lp);
}
