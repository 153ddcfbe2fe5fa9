/**
 * The referral callers: `callers` closed loops in this process, each posting its next referral
 * when the last is answered, on keep-alive connections of their own to the server on 127.0.0.1.
 * A loop per caller rather than autocannon: each request's body (a new pseudonym, the partner
 * the window gives) depends on the answers before it, and each 409's code is read.
 */
import { Agent, request } from 'node:http';
import { percentile } from '../stats';
import { referralBody, type ReferralPair } from './pairs';
import type { PartnerWindow } from './window';

/** Callers posting at once, as the issue asks. */
export const CALLERS = 32;

export interface ReferRun {
  readonly callers: number;
  /** From the first request sent to the last answer. */
  readonly seconds: number;
  readonly requests: number;
  /** Answered 201: a referral made, a place taken. */
  readonly created: number;
  /** 409s by their problem's `code` (`no-capacity`; anything else would be news). */
  readonly conflicts: Readonly<Record<string, number>>;
  /** Every other answer by status and problem code (`422 ineligible-age`), or `error` for a request that got none: each one fails the section. */
  readonly others: Readonly<Record<string, number>>;
  readonly rps: number;
  readonly createdPerSecond: number;
  /** Of every answer, 201 and 409 alike. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The server's CPU time (user + system) per request, in µs, whatever else it served meanwhile; NaN off Linux. */
  readonly cpuUsPerRequest: number;
  /** Partners full by the end of the run, of those the window could give. */
  readonly partnersFull: number;
  /** Every partner was full before the run ended: the later requests were all 409s. */
  readonly exhausted: boolean;
}

/** What the callers share: the server, the pairs, the window over them, and the 201s so far by partner id. */
export interface ReferralTarget {
  readonly url: string;
  readonly token: string;
  /** The server's CPU seconds so far (`Server.cpuSeconds`). */
  readonly cpuSeconds: () => number;
  readonly pairs: readonly ReferralPair[];
  readonly window: PartnerWindow;
  /** Added to with every 201, across runs: the read-back compares it with what is stored. */
  readonly created: Map<string, number>;
  /** Prefix of the pseudonyms sent (`K-BENCH-R-sqlite`); a counter follows it. */
  readonly clientPrefix: string;
  /** Requests sent so far, across runs: the pseudonyms' counter. */
  sent: number;
}

/** Posts referrals from `callers` loops for `seconds`; counts every answer, throwing on none. */
export async function referFor(target: ReferralTarget, seconds: number, callers = CALLERS): Promise<ReferRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: callers });
  const headers = { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json' };
  const latencies: number[] = [];
  const conflicts: Record<string, number> = {};
  const others: Record<string, number> = {};
  let created = 0;
  const cpuBefore = target.cpuSeconds();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const caller = async () => {
    while (performance.now() < deadline) {
      const at = target.window.next();
      const pair = target.pairs[at]!;
      const body = referralBody(pair, `${target.clientPrefix}-${++target.sent}`);
      const sent = performance.now();
      const answer = await post(`${target.url}/v1/referrals`, headers, body, agent);
      latencies.push(performance.now() - sent);
      if (answer.status === 201) {
        created++;
        target.created.set(pair.partnerId, (target.created.get(pair.partnerId) ?? 0) + 1);
      } else if (answer.status === 409) {
        const code = problemCode(answer.body) ?? 'no code';
        conflicts[code] = (conflicts[code] ?? 0) + 1;
        if (code === 'no-capacity') target.window.refused(at);
      } else {
        const code = problemCode(answer.body);
        const key = answer.status === 0 ? 'error' : code === undefined ? String(answer.status) : `${answer.status} ${code}`;
        others[key] = (others[key] ?? 0) + 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: callers }, caller));
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = target.cpuSeconds() - cpuBefore;
  if (latencies.length === 0) throw new Error('referrals: no request was answered');
  return {
    callers,
    seconds: elapsed,
    requests: latencies.length,
    created,
    conflicts,
    others,
    rps: latencies.length / elapsed,
    createdPerSecond: created / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuUsPerRequest: (cpu * 1e6) / latencies.length,
    partnersFull: target.window.fullCount,
    exhausted: target.window.exhausted,
  };
}

/** The `code` of a problem+json body, if it has one; nothing else of the body is kept. */
function problemCode(body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** One POST; status 0 when the request failed without an answer (a reset, a refused connection). */
function post(url: string, headers: Record<string, string>, body: string, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, agent },
      (res) => {
        const status = res.statusCode ?? 0;
        // A 201's body is drained unread; a refusal's is read for its problem's code.
        if (status === 201) {
          res.resume();
          res.on('end', () => resolve({ status, body: '' }));
          res.on('error', () => resolve({ status: 0, body: '' }));
          return;
        }
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status, body: text }));
        res.on('error', () => resolve({ status: 0, body: '' }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });
}
