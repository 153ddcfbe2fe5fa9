import { describe } from 'vitest';
import { accountsContract } from './contract/accounts.contract';
import { auditContract } from './contract/audit.contract';
import { importContract } from './contract/import.contract';
import { partnersContract } from './contract/partners.contract';
import { referralsContract } from './contract/referrals.contract';
import { registryContract } from './contract/registry.contract';
import { DATABASES } from './helpers/databases';
import { storeTest } from './helpers/store-test';

// One contract, unchanged, on every database the store supports.
for (const database of DATABASES) {
  describe.runIf(database.runs)(`store on ${database.name}`, () => {
    const it = storeTest(database);
    registryContract(it);
    partnersContract(it);
    accountsContract(it);
    auditContract(it);
    importContract(it);
    referralsContract(it);
  });
}
