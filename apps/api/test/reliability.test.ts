import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { POSTGRES } from '../../../packages/store/test/helpers/databases';
import { PARTNERS } from './fixtures';
import { startServer, type RunningServer } from './helpers/server';

// The store's promises as a user meets them, through real server processes: a write answered
// 2xx survives a SIGKILL, and instances on one PostgreSQL agree on versions and see each
// other's edits. The servers run in the open demo mode (loopback, no accounts).

const running = new Set<RunningServer>();
afterEach(() => {
  for (const server of running) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  running.clear();
});
async function start(env: Record<string, string>): Promise<RunningServer> {
  const server = await startServer({ LOG_LEVEL: 'warn', ...env });
  running.add(server);
  return server;
}

function seedFile(dir: string): string {
  const file = join(dir, 'seed.json');
  writeFileSync(
    file,
    JSON.stringify({
      pokmas: [
        { id: 'PK-026-SR', bapasId: '026', name: 'POKMAS Kemandirian Bandung', field: 'self-reliance' },
        { id: 'PK-026-LS', bapasId: '026', name: 'POKMAS Hukum Bandung', field: 'law-society' },
      ],
      partners: PARTNERS,
    }),
  );
  return file;
}

/** A partner of Bapas Bandung that offers job placement, fictitious. */
const newPartner = (id: string) => ({
  id,
  name: `Mitra ${id} (fiktif)`,
  kind: 'enterprise',
  bapasId: '026',
  location: { lat: -6.91, lon: 107.6 },
  regencyCode: '32.73',
  offerings: [{ service: 'job-placement' }],
  capacity: { total: 5, used: 0 },
});

const json = { 'Content-Type': 'application/json' };

async function partnerIds(url: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const res = await fetch(`${url}/v1/partners?perPage=100&page=${page}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string }[]; totalPages: number };
    ids.push(...body.items.map((partner) => partner.id));
    if (page >= body.totalPages) return ids.sort();
  }
}

describe('a server killed with SIGKILL in the middle of a stream of writes', () => {
  test('keeps every write it answered 2xx, opens cleanly, and serves what the store holds', async () => {
    const first = await start({});
    const acknowledged: string[] = [];
    let stop = false;
    // Four writers at once, each one write after another, until the kill.
    const writers = Array.from({ length: 4 }, async (_, writer) => {
      for (let n = 0; !stop; n++) {
        const id = `KILL-${writer}-${n}`;
        try {
          const res = await fetch(`${first.url}/v1/partners`, { method: 'POST', headers: json, body: JSON.stringify(newPartner(id)) });
          if (res.status === 201) acknowledged.push(id);
          else if (!stop) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
        } catch (error) {
          if (!stop) throw error;
        }
      }
    });
    await expect.poll(() => acknowledged.length, { timeout: 30_000, interval: 10 }).toBeGreaterThanOrEqual(40);
    stop = true;
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    await Promise.all(writers);

    const file = join(first.dataDir, 'pokmas.sqlite');
    const database = new Database(file);
    try {
      expect(database.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      database.close();
    }

    const again = await start({ DATA_DIR: first.dataDir });
    const served = await partnerIds(again.url);
    expect(acknowledged.filter((id) => !served.includes(id))).toEqual([]);
    // The index answers from what the store holds: the export (read from the database) lists the same partners.
    const exported = (await (await fetch(`${again.url}/v1/registry/export?format=json`)).json()) as { partners: { id: string }[] };
    expect(exported.partners.map((partner) => partner.id).sort()).toEqual(served);
    // And the store takes writes again.
    const after = await fetch(`${again.url}/v1/partners`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(newPartner('AFTER-KILL')),
    });
    expect(after.status).toBe(201);
  }, 120_000);
});

describe.runIf(POSTGRES.runs)('two instances on PostgreSQL', () => {
  test('concurrent PUTs with one If-Match give exactly one 200, 412 for the rest; an edit on one is recommended by the other within 1 s', async () => {
    const database = await POSTGRES.create();
    try {
      const databaseUrl = database.options.databaseUrl!;
      const a = await start({ DATABASE_URL: databaseUrl, REGISTRY_FILE: seedFile(mkdtempSync(join(tmpdir(), 'pokmas-two-'))) });
      const b = await start({ DATABASE_URL: databaseUrl });

      const got = await fetch(`${a.url}/v1/partners/P-001`);
      expect(got.status).toBe(200);
      const etag = got.headers.get('etag')!;
      expect(etag).toBeTruthy();
      const partner = (await got.json()) as Record<string, unknown>;
      const puts = Array.from({ length: 8 }, (_, index) =>
        fetch(`${(index % 2 === 0 ? a : b).url}/v1/partners/P-001`, {
          method: 'PUT',
          headers: { ...json, 'If-Match': etag },
          body: JSON.stringify({ ...stripped(partner), name: `BLK Bandung ${index} (fiktif)` }),
        }).then((res) => res.status),
      );
      const statuses = (await Promise.all(puts)).sort();
      expect(statuses).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);

      // Retire P-001 on A; B stops recommending it within a second.
      const current = await fetch(`${a.url}/v1/partners/P-001`);
      const retired = await fetch(`${a.url}/v1/partners/P-001`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': current.headers.get('etag')! },
        body: JSON.stringify({ active: false }),
      });
      expect(retired.status).toBe(200);
      const written = performance.now();
      const client = JSON.stringify({ client: { id: 'K-TWO-1', bapasId: '026', needs: [{ service: 'job-placement' }] } });
      const recommendsP001 = async () => {
        const res = await fetch(`${b.url}/v1/recommendations`, { method: 'POST', headers: json, body: client });
        const body = (await res.json()) as { matches: { partner: { id: string } }[] };
        return body.matches.some((match) => match.partner.id === 'P-001');
      };
      while (await recommendsP001()) {
        if (performance.now() - written > 5_000) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const seenAfter = performance.now() - written;
      expect(await recommendsP001()).toBe(false);
      expect(seenAfter).toBeLessThan(1_000);
    } finally {
      for (const server of running) server.child.kill('SIGKILL');
      await Promise.all([...running].map((server) => server.exited));
      await database.drop();
    }
  }, 120_000);
});

const referralClient = (id: string) => ({
  id,
  bapasId: '026',
  location: { lat: -6.92, lon: 107.61 },
  needs: [{ service: 'job-placement', priority: 3 }],
});
const referral = (id: string, partnerId: string) => JSON.stringify({ client: referralClient(id), partnerId, services: ['job-placement'] });

/** The held count of each partner against the referrals that hold, read from the SQLite file. */
function heldCounts(file: string): { held: Record<string, number>; holding: Record<string, number> } {
  const database = new Database(file, { readonly: true });
  try {
    const held = database.prepare('select id, held from partners where held > 0').all() as { id: string; held: number }[];
    const holding = database
      .prepare(
        "select partner_id as id, count(*) as n from referrals where status in ('requested', 'accepted', 'in-progress', 'on-hold') group by partner_id",
      )
      .all() as { id: string; n: number }[];
    return {
      held: Object.fromEntries(held.map((row) => [row.id, row.held])),
      holding: Object.fromEntries(holding.map((row) => [row.id, row.n])),
    };
  } finally {
    database.close();
  }
}

describe('a server killed with SIGKILL in the middle of referrals and their moves', () => {
  test('keeps every referral and move it answered 2xx, and its held places agree with the referrals', async () => {
    const first = await start({});
    const big = { ...newPartner('P-BIG'), capacity: { total: 500, used: 0 } };
    expect((await fetch(`${first.url}/v1/partners`, { method: 'POST', headers: json, body: JSON.stringify(big) })).status).toBe(201);
    // The status each referral was last acknowledged in.
    const acknowledged = new Map<string, string>();
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, writer) => {
      for (let n = 0; !stop; n++) {
        try {
          const made = await fetch(`${first.url}/v1/referrals`, {
            method: 'POST',
            headers: json,
            body: referral(`K-${writer}-${n}`, 'P-BIG'),
          });
          if (made.status !== 201) {
            if (!stop) throw new Error(`POST answered ${made.status}: ${await made.text()}`);
            continue;
          }
          const { id } = (await made.json()) as { id: string };
          acknowledged.set(id, 'requested');
          if (n % 2 === 0) {
            const moved = await fetch(`${first.url}/v1/referrals/${id}/transitions`, {
              method: 'POST',
              headers: { ...json, 'If-Match': '"1"' },
              body: JSON.stringify(n % 4 === 0 ? { to: 'accepted' } : { to: 'declined', reason: 'not-suitable' }),
            });
            if (moved.status === 200) acknowledged.set(id, n % 4 === 0 ? 'accepted' : 'declined');
            else if (!stop) throw new Error(`transition answered ${moved.status}`);
          }
        } catch (error) {
          if (!stop) throw error;
        }
      }
    });
    await expect.poll(() => acknowledged.size, { timeout: 30_000, interval: 10 }).toBeGreaterThanOrEqual(40);
    stop = true;
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    await Promise.all(writers);

    const file = join(first.dataDir, 'pokmas.sqlite');
    const { held, holding } = heldCounts(file);
    expect(held).toEqual(holding);

    const again = await start({ DATA_DIR: first.dataDir });
    for (const [id, status] of acknowledged) {
      const res = await fetch(`${again.url}/v1/referrals/${id}`);
      expect(res.status, id).toBe(200);
      // A move sent but not answered before the kill may have committed: never an earlier status.
      const stored = ((await res.json()) as { status: string }).status;
      expect(status === 'requested' ? ['requested', 'accepted', 'declined'] : [status], id).toContain(stored);
    }
    // The index counts the held places: a recommendation sees P-BIG's free places as the store does.
    const rec = await fetch(`${again.url}/v1/recommendations`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ client: referralClient('K-after') }),
    });
    const match = (
      (await rec.json()) as { matches: { partnerId: string; reasons: { code: string; params: { free?: number } }[] }[] }
    ).matches.find((candidate) => candidate.partnerId === 'P-BIG')!;
    expect(match.reasons.find((reason) => reason.code === 'capacity-free')?.params.free).toBe(500 - (holding['P-BIG'] ?? 0));
  }, 120_000);
});

describe.runIf(POSTGRES.runs)('two instances on PostgreSQL, referring at once', () => {
  test('N concurrent referrals for k free places give exactly k 201s across both; the other instance counts a hold within 1 s', async () => {
    const database = await POSTGRES.create();
    try {
      const databaseUrl = database.options.databaseUrl!;
      const a = await start({ DATABASE_URL: databaseUrl, REGISTRY_FILE: seedFile(mkdtempSync(join(tmpdir(), 'pokmas-two-'))) });
      const b = await start({ DATABASE_URL: databaseUrl });
      const few = { ...newPartner('P-FEW'), capacity: { total: 3, used: 0 } };
      expect((await fetch(`${a.url}/v1/partners`, { method: 'POST', headers: json, body: JSON.stringify(few) })).status).toBe(201);
      const statuses = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          fetch(`${(index % 2 === 0 ? a : b).url}/v1/referrals`, {
            method: 'POST',
            headers: json,
            body: referral(`K-${index}`, 'P-FEW'),
          }).then((res) => res.status),
        ),
      );
      expect(statuses.filter((status) => status === 201)).toHaveLength(3);
      expect(statuses.filter((status) => status === 409)).toHaveLength(9);
      const rows = await database.sql("select held from partners where id = 'P-FEW'");
      expect(Number(rows[0]!.held)).toBe(3);

      // A hold made on A frees nothing and takes one place on B: B's recommendation of P-001 sees one place fewer within 1 s.
      const freeOnB = async () => {
        const res = await fetch(`${b.url}/v1/recommendations`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ client: referralClient('K-B') }),
        });
        const body = (await res.json()) as { matches: { partnerId: string; reasons: { code: string; params: { free?: number } }[] }[] };
        return body.matches.find((match) => match.partnerId === 'P-001')?.reasons.find((reason) => reason.code === 'capacity-free')?.params
          .free;
      };
      const before = await freeOnB();
      expect((await fetch(`${a.url}/v1/referrals`, { method: 'POST', headers: json, body: referral('K-A', 'P-001') })).status).toBe(201);
      const written = performance.now();
      while ((await freeOnB()) === before && performance.now() - written < 5_000) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await freeOnB()).toBe(before! - 1);
      expect(performance.now() - written).toBeLessThan(1_000);
    } finally {
      for (const server of running) server.child.kill('SIGKILL');
      await Promise.all([...running].map((server) => server.exited));
      await database.drop();
    }
  }, 120_000);
});

/** A partner as GET answers it, without what the server adds (any field the body schema refuses). */
function stripped(partner: Record<string, unknown>): Record<string, unknown> {
  const { etag, version, updatedAt, registry, ...rest } = partner;
  void [etag, version, updatedAt, registry];
  return rest;
}
