/**
 * `npm run token -- --role ROLE [--province CODE]... [--employer ID] [--subject NAME] [--hours N]`:
 * prints a development token the local gateway accepts (signed with the key in .data/keys/).
 * Use it as `authorization: Bearer <token>`.
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../subgraphs/shared/auth/caller.js';
import { isProvinceCode } from '../subgraphs/shared/domain/regions.js';
import { loadOrCreateDevKeys, signDevToken } from './dev-keys.js';

async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      province: { type: 'string', multiple: true },
      employer: { type: 'string' },
      subject: { type: 'string' },
      hours: { type: 'string', default: '12' },
    },
  });
  const roles = values.role ?? [];
  if (roles.length === 0) throw new Error(`--role is required: one of ${ROLES.join(', ')} (anonymous callers need no token).`);
  for (const role of roles) if (!(ROLES as readonly string[]).includes(role)) throw new Error(`--role ${role} is not a role; use one of ${ROLES.join(', ')}.`);
  const provinces = values.province ?? [];
  for (const code of provinces)
    if (!isProvinceCode(code)) throw new Error(`--province ${code} is not a province-level GB/T 2260 code such as 500000 (Chongqing).`);
  if (roles.includes('caseworker') && provinces.length === 0)
    throw new Error('A caseworker token needs at least one --province: caseworkers see personal data of their provinces only.');
  if (roles.includes('employer') && !values.employer) throw new Error('An employer token needs --employer ID: employers act for one employer.');
  const hours = Number(values.hours);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 7) throw new Error('--hours must be a whole number from 1 to 168.');
  const keys = await loadOrCreateDevKeys();
  console.log(
    await signDevToken(keys.issuerPrivateKey, {
      roles: roles as Role[],
      provinces,
      employerId: values.employer,
      subject: values.subject,
      expiresIn: `${hours}h`,
    }),
  );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
