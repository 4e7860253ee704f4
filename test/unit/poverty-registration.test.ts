import { describe, expect, it } from 'vitest';
import { povertyStatusOn, registrationProblem } from '../../subgraphs/shared/domain/poverty-registration.js';
import { registrationToLink, subsidyMonthPeriod } from '../../subgraphs/programs/placement-rules.js';

describe('registered-poor status from the household registration', () => {
  const lifted = { registeredOn: '2014-12-31', removedOn: '2019-06-30', removalReason: 'LIFTED_OUT_OF_POVERTY' as const };

  it('is NOT_REGISTERED before registeredOn, REGISTERED from it, LIFTED from removedOn', () => {
    expect(povertyStatusOn(lifted, '2014-12-30')).toBe('NOT_REGISTERED');
    expect(povertyStatusOn(lifted, '2014-12-31')).toBe('REGISTERED');
    expect(povertyStatusOn(lifted, '2019-06-29T23:59:59.000Z')).toBe('REGISTERED');
    expect(povertyStatusOn(lifted, '2019-06-30')).toBe('LIFTED');
  });

  it('is NOT_REGISTERED without a registration, and after a withdrawn one', () => {
    expect(povertyStatusOn(undefined, '2017-01-01')).toBe('NOT_REGISTERED');
    expect(povertyStatusOn({ registeredOn: '2014-12-31', removedOn: '2016-01-01', removalReason: 'REGISTRATION_WITHDRAWN' }, '2017-01-01')).toBe(
      'NOT_REGISTERED',
    );
  });

  it.each([
    ['a future registeredOn', { registeredOn: '2030-01-01' }, 'registeredOn'],
    ['a removal without a reason', { registeredOn: '2014-12-31', removedOn: '2016-01-01' }, 'removalReason'],
    ['a reason without a removal', { registeredOn: '2014-12-31', removalReason: 'LIFTED_OUT_OF_POVERTY' as const }, 'removalReason'],
    [
      'a removal before the registration',
      { registeredOn: '2014-12-31', removedOn: '2014-01-01', removalReason: 'LIFTED_OUT_OF_POVERTY' as const },
      'removedOn',
    ],
    ['a future removal', { registeredOn: '2014-12-31', removedOn: '2030-01-01', removalReason: 'LIFTED_OUT_OF_POVERTY' as const }, 'removedOn'],
  ])('refuses %s', (_, registration, field) => {
    expect(registrationProblem(registration, '2026-12-04T00:00:00.000Z')?.field).toBe(field);
  });

  it('accepts a past registration, removed or not', () => {
    expect(registrationProblem({ registeredOn: '2014-12-31' }, '2026-12-04')).toBeNull();
    expect(registrationProblem(lifted, '2026-12-04')).toBeNull();
  });
});

describe('the registration a REGISTERED placement links', () => {
  const registrations = [
    { id: 'reg_other', employerId: 'emp_other', startDate: '2017-03-01' },
    { id: 'reg_old', employerId: 'emp_a', startDate: '2016-01-01', endDate: '2016-12-31' },
    { id: 'reg_a', employerId: 'emp_a', startDate: '2017-03-01' },
  ];

  it('is the open one with the posting’s employer on the day of the move', () => {
    expect(registrationToLink(registrations, 'emp_a', '2017-03-05T00:00:00.000Z')?.id).toBe('reg_a');
  });

  it('is none before it starts, for another employer, or when the employer is unknown', () => {
    expect(registrationToLink(registrations, 'emp_a', '2017-02-28T00:00:00.000Z')).toBeNull();
    expect(registrationToLink(registrations, 'emp_b', '2017-03-05T00:00:00.000Z')).toBeNull();
    expect(registrationToLink(registrations, undefined, '2017-03-05T00:00:00.000Z')).toBeNull();
  });
});

describe('subsidy months counted from the insurance enrolment', () => {
  it('runs from the enrolment day’s monthly anniversary to the day before the next, claimable once passed', () => {
    expect(subsidyMonthPeriod('2017-03-15', 1)).toEqual({ start: '2017-03-15', end: '2017-04-14', claimableFrom: '2017-04-15' });
    expect(subsidyMonthPeriod('2017-03-15', 36)).toEqual({ start: '2020-02-15', end: '2020-03-14', claimableFrom: '2020-03-15' });
  });

  it('keeps to the month’s last day for an enrolment on the 31st', () => {
    expect(subsidyMonthPeriod('2017-01-31', 2)).toEqual({ start: '2017-02-28', end: '2017-03-30', claimableFrom: '2017-03-31' });
  });
});
