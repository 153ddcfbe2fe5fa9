import type { Assessment, PreparedClient, ResolvedOptions } from '../context';
import { explainMatch } from '../match';
import { preparePartner } from '../prepare';
import type { CoveredNeed, MissingNeed, Recommendation } from '../schemas/result';
import type { ServiceId } from '../taxonomy';
import { assertUnchanged, entryOf, type PartnerIndex } from './build';
import type { NeedScan } from './facts';
import type { Winner } from './scorer';
import type { PartnerSearch } from './search';

/**
 * The recommendation a search gives: each partner it keeps explained from what the search
 * computed (the need rules' verdicts for its offerings, its reach, its factors' values), and
 * its exclusion counts. Nothing is assessed or scored again.
 */
export function answer(search: PartnerSearch, client: PreparedClient, options: ResolvedOptions): Recommendation {
  const { index } = search;
  const { winners, needs, excluded } = search.search(client, options);
  const scans = new Map(needs.map((scan) => [scan.list, scan]));
  const services = client.needs.map((need) => need.service);
  const matches: Recommendation['matches'] = [];
  for (const winner of winners) {
    const assessment = assessmentOf(index, client, scans, services, winner);
    matches.push(explainMatch({ client, assessment, options }, winner.values, winner.at, winner.score));
  }
  return { matches, excluded };
}

function assessmentOf(
  index: PartnerIndex,
  client: PreparedClient,
  scans: ReadonlyMap<unknown, NeedScan>,
  services: readonly ServiceId[],
  winner: Winner,
): Assessment {
  const place = index.order[winner.position]!;
  const prepared = preparePartner(index.partners.at(place));
  assertUnchanged(index, winner.position, prepared, services);
  const covered: CoveredNeed[] = [];
  const missing: MissingNeed[] = [];
  for (const need of client.needs) {
    const list = index.services.get(need.service);
    const entry = list ? entryOf(list, winner.position) : -1;
    if (entry === -1) {
      missing.push({ service: need.service, priority: need.priority, reason: 'not-offered' });
      continue;
    }
    const profile = list!.profile[entry]!;
    const { verdicts } = scans.get(list)!;
    const verdict = winner.within ? verdicts.within(profile) : verdicts.far[profile]!;
    if (verdict.met) covered.push({ service: need.service, priority: need.priority, modes: verdict.modes });
    else missing.push({ service: need.service, priority: need.priority, reason: verdict.reason });
  }
  return { prepared, distanceKm: Number.isNaN(winner.distanceKm) ? null : winner.distanceKm, covered, missing };
}
