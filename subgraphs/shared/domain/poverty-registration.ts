/**
 * Registered-poor status (建档立卡) has one source: the household's registration on the poverty
 * register, with the date it took effect and, once the household left the register, the date and the
 * reason. A person's status is their household's as of a date; a person without a household is not
 * registered. The people subgraph stores the registration on the household (and copies it onto its
 * members' items in the same transaction, for indexes and the stream); the programs subgraph decides
 * subsidy eligibility from the copy its projection receives. Pure (test/unit/poverty-registration.test.ts).
 */
export type PovertyStatus = 'REGISTERED' | 'LIFTED' | 'NOT_REGISTERED';

/** Why a household left the register: lifted out of poverty (脱贫), or its registration was found wrong and withdrawn (清退). */
export type PovertyRemovalReason = 'LIFTED_OUT_OF_POVERTY' | 'REGISTRATION_WITHDRAWN';

export interface PovertyRegistrationRecord {
  /** ISO date the household went on the register. */
  readonly registeredOn: string;
  /** ISO date it left the register; absent while it is on it. */
  readonly removedOn?: string;
  readonly removalReason?: PovertyRemovalReason;
}

/** The status a registration gives on `date` (ISO date or instant): on the register from registeredOn, off it from removedOn. */
export function povertyStatusOn(registration: PovertyRegistrationRecord | null | undefined, date: string): PovertyStatus {
  const day = date.slice(0, 10);
  if (!registration || day < registration.registeredOn) return 'NOT_REGISTERED';
  if (registration.removedOn !== undefined && day >= registration.removedOn) {
    return registration.removalReason === 'LIFTED_OUT_OF_POVERTY' ? 'LIFTED' : 'NOT_REGISTERED';
  }
  return 'REGISTERED';
}

export const isRegisteredPoorOn = (registration: PovertyRegistrationRecord | null | undefined, date: string) =>
  povertyStatusOn(registration, date) === 'REGISTERED';

/**
 * Why a registration cannot be recorded on `today`, or null. Both dates are facts that happened: not in
 * the future, so the status as of any later day is the status as of the day it was written (the
 * indexes written then stay right without a clock).
 */
export function registrationProblem(registration: PovertyRegistrationRecord, today: string): { field: string; message: string } | null {
  const day = today.slice(0, 10);
  if (registration.registeredOn > day) return { field: 'registeredOn', message: `must not be in the future (today is ${day}).` };
  if ((registration.removedOn === undefined) !== (registration.removalReason === undefined)) {
    return { field: 'removalReason', message: 'give removedOn and removalReason together, or neither while the household is on the register.' };
  }
  if (registration.removedOn !== undefined) {
    if (registration.removedOn < registration.registeredOn)
      return { field: 'removedOn', message: `must be on or after registeredOn (${registration.registeredOn}).` };
    if (registration.removedOn > day)
      return { field: 'removedOn', message: `must not be in the future (today is ${day}); record the removal when it takes effect.` };
  }
  return null;
}
