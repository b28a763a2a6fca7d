// The demo bank's sign-in: the demo customers (libs/core-bank) with scrypt-hashed passwords. Their
// plain passwords are development credentials, printed by the embedded runtime and in README.md.
import { Injectable } from '@nestjs/common';
import { DEMO_CUSTOMERS } from '@grantline/core-bank';
import { verifyPassword } from '@grantline/crypto';
import type { PsuAuthentication, PsuAuthenticator } from './psu-authenticator.port';

/** scrypt (N=2^15, r=8, p=1) of each demo customer's password, by username. */
const DEMO_PASSWORD_HASHES: Readonly<Record<string, string>> = {
  alice: 'scrypt$32768$8$1$S7nJhiIBthsb1VP6nrKezw$m9evXIVzDsE1t7lpJc3rXkCK3SPeEm5rBlATYd8nmGg',
  bob: 'scrypt$32768$8$1$y1iVT2eoRzUPQb57zkBbnA$a-NSI7ZT9auMfzh_VkpiVPIr6U8VfG5zy-yWSzeG5Z8',
};

/** Verified against when the username is unknown, so timing does not reveal which usernames exist. */
const DECOY_HASH = DEMO_PASSWORD_HASHES['alice'];
export const DEMO_ACR = 'urn:grantline:acr:demo-password';

@Injectable()
export class DemoPsuAuthenticator implements PsuAuthenticator {
  async authenticate(username: string, password: string): Promise<PsuAuthentication | undefined> {
    const customer = DEMO_CUSTOMERS.find((candidate) => candidate.username === username);
    const hash = customer ? DEMO_PASSWORD_HASHES[customer.username] : undefined;
    const matches = await verifyPassword(password, hash ?? DECOY_HASH);
    if (!customer || !hash || !matches) return undefined;
    return { psuId: customer.psuId, acr: DEMO_ACR, amr: ['pwd'] };
  }
}
