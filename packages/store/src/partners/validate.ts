import { type Partner, PartnerSchema } from '@pokmas/matcher';
import type { Transaction } from 'kysely';
import type { StoreContext } from '../context';
import { StoreError, type StoreIssue, issuesFromZod } from '../errors';
import type { Tables } from '../tables';

/** PartnerSchema's verdict: the partner, or every issue it found. */
export function parsePartner(input: unknown): { partner: Partner; issues: [] } | { partner: undefined; issues: StoreIssue[] } {
  const parsed = PartnerSchema.safeParse(input);
  return parsed.success ? { partner: parsed.data, issues: [] } : { partner: undefined, issues: issuesFromZod(parsed.error) };
}

/** The checks that need the store (its POKMAS) or the app (`checks.partner`). */
export async function relationIssues(context: StoreContext, trx: Transaction<Tables>, partner: Partner): Promise<StoreIssue[]> {
  const issues = [...(context.checks.partner?.(partner) ?? [])];
  if (partner.pokmasId !== undefined) {
    const group = await trx.selectFrom('pokmas').select('bapas_id').where('id', '=', partner.pokmasId).executeTakeFirst();
    if (!group) {
      issues.push({ path: ['pokmasId'], code: 'unknown_pokmas', message: 'unknown POKMAS id; use one of the POKMAS the registry lists' });
    } else if (group.bapas_id !== partner.bapasId) {
      issues.push({
        path: ['pokmasId'],
        code: 'pokmas_bapas',
        message: `the POKMAS belongs to Bapas ${group.bapas_id}, not to this partner's Bapas ${partner.bapasId}`,
      });
    }
  }
  return issues;
}

export function refuse(issues: readonly StoreIssue[]): never {
  throw new StoreError('INVALID_PARTNER', 'partner refused', issues);
}
