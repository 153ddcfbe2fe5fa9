// One side of the kernel beside a baseline (kernel-baseline.ts starts one per side). Run with
// IPC, its cwd in the worktree whose matcher it measures:
//   node --import tsx --conditions=@pokmas/source <this file> <workload.json>
// It builds that worktree's matcher over the workload's partners, answers every query once as
// a warm-up and says `ready` with each query's top ids; then each `round` message times every
// query once and answers with the samples. It ends when the parent disconnects.
import { readFileSync } from 'node:fs';
import { importMatcher } from './matcher-at';
import { timeQueries } from './query-timing';
import { time } from './stats';

export interface KernelWorkload {
  readonly partners: readonly unknown[];
  readonly clients: readonly unknown[];
}

export type ParentMessage = { readonly kind: 'round' };
export type ChildMessage =
  | { readonly kind: 'ready'; readonly buildMs: number; readonly partners: number; readonly top: readonly string[] }
  | { readonly kind: 'round'; readonly samples: readonly number[]; readonly matches: number };

const send = (message: ChildMessage) => process.send!(message);
if (!process.send) throw new Error('kernel-child.ts is started by kernel-baseline.ts, with an IPC channel');
const file = process.argv[2];
if (!file) throw new Error('kernel-child.ts takes the path of a workload JSON file');

const { createMatcher } = await importMatcher(process.cwd());
const { partners, clients } = JSON.parse(readFileSync(file, 'utf8')) as KernelWorkload;
const [matcher, buildMs] = time(() => createMatcher(partners));
const recommend = (client: unknown) => matcher.recommend(client);
const top = clients.map((client) =>
  recommend(client)
    .matches.map((match) => match.partnerId)
    .join(' '),
);
// More warm-up than the in-process kernel's one pass: this process starts cold, and its first
// timed round would otherwise pay for the optimising compiler still at work.
const warm: number[] = [];
for (let pass = 0, start = performance.now(); pass < 3 || performance.now() - start < 500; pass++) {
  timeQueries(clients, recommend, (result) => result.matches.length, warm);
}
send({ kind: 'ready', buildMs, partners: matcher.partners.length, top });

process.on('message', (message: ParentMessage) => {
  if (message.kind !== 'round') return;
  const samples: number[] = [];
  const matches = timeQueries(clients, recommend, (result) => result.matches.length, samples);
  send({ kind: 'round', samples, matches });
});
process.on('disconnect', () => process.exit(0));
