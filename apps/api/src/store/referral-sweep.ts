import type { Store } from '@pokmas/store';
import type { Logger } from '../lib/logger';
import { describeError } from '../lib/registry-store';
import type { LiveRegistry } from './live-registry';

/** How often the app expires unanswered referrals and erases pseudonyms past retention. */
export const SWEEP_EVERY_MS = 60_000;

/**
 * Runs expiry and retention at start and then every `everyMs`. Several instances may sweep at
 * once: the store expires each referral once (the registry's row lock puts the sweeps in line,
 * and the second finds nothing still requested). Only counts are logged, never a pseudonym.
 */
export function startReferralSweep(
  store: Store,
  live: LiveRegistry,
  logger: Logger,
  settings: { readonly retentionDays: number; readonly everyMs?: number },
): { readonly ran: Promise<void>; stop(): void } {
  let running: Promise<void> | undefined;
  const sweep = (): Promise<void> =>
    (running ??= (async () => {
      try {
        const { expired, registryVersion } = await store.expireReferrals();
        if (expired.length > 0) {
          await live.catchUp(registryVersion);
          logger.info('referrals expired', { expired: expired.length });
        }
        const { erased } = await store.applyRetention(settings.retentionDays);
        if (erased > 0) logger.info('referral pseudonyms erased after retention', { erased, retentionDays: settings.retentionDays });
      } catch (error) {
        logger.error('the referral sweep failed; it runs again later', { reason: describeError(error) });
      } finally {
        running = undefined;
      }
    })());
  const ran = sweep();
  const timer = setInterval(() => void sweep(), settings.everyMs ?? SWEEP_EVERY_MS);
  timer.unref();
  return { ran, stop: () => clearInterval(timer) };
}
