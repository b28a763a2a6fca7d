// Which OB date-times the consent service takes (ROB-1): RFC 3339 with a time offset, on a real
// calendar day, at an instant within years 0001..9999 in UTC (what PostgreSQL and Date both render).
import { obDateTime, obQueryDateTime } from './ob-date-time';

describe('OB date-times', () => {
  it('[ROB-1] takes RFC 3339 date-times with Z or an offset, fractional seconds and leap days', () => {
    expect(obDateTime('2030-01-01T00:00:00Z')?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(obDateTime('2030-01-01T01:30:00+01:30')?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(obDateTime('2029-12-31T19:00:00.1234567-05:00')?.toISOString()).toBe('2030-01-01T00:00:00.123Z');
    expect(obDateTime('2028-02-29T12:00:00z')?.toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(obDateTime('0001-01-01T00:00:00Z')?.toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(obDateTime('9999-12-31T23:59:59.999Z')?.toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect(obDateTime('0000-12-31T23:00:00-01:00')?.toISOString()).toBe('0001-01-01T00:00:00.000Z');
  });

  it('[ROB-1] refuses ISO 8601 forms that are not RFC 3339 date-times: week, ordinal, basic, no offset', () => {
    for (const text of [
      '2030-W01-1',
      '2030-W01-1T00:00:00Z',
      '20300101T000000Z',
      '2030-001T00:00:00Z',
      '2030-01-01',
      '2030-01-01T00:00:00',
      '2030-01-01T00:00Z',
      '2030-01-01 00:00:00Z',
      '2030-01-01T00:00:00+0100',
      '+002030-01-01T00:00:00Z',
      ' 2030-01-01T00:00:00Z',
      '2030-01-01T00:00:00.Z',
      '',
    ]) {
      expect([text, obDateTime(text)]).toEqual([text, undefined]);
    }
    for (const value of [undefined, null, 1893456000000, ['2030-01-01T00:00:00Z'], {}]) {
      expect(obDateTime(value)).toBeUndefined();
    }
  });

  it('[ROB-1] refuses days, times and offsets that do not exist', () => {
    for (const text of [
      '2030-02-29T00:00:00Z',
      '2030-02-30T00:00:00Z',
      '2030-04-31T00:00:00Z',
      '2030-13-01T00:00:00Z',
      '2030-00-01T00:00:00Z',
      '2030-01-00T00:00:00Z',
      '2030-01-01T24:00:00Z',
      '2030-01-01T00:60:00Z',
      '2030-01-01T00:00:60Z',
      '2030-01-01T00:00:00+24:00',
      '2030-01-01T00:00:00+01:60',
    ]) {
      expect([text, obDateTime(text)]).toEqual([text, undefined]);
    }
  });

  it('[ROB-1] refuses instants outside years 0001..9999 in UTC', () => {
    for (const text of [
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:59:59+01:00',
      '9999-12-31T23:59:59-23:59',
      '9999-12-31T23:00:00-01:00',
    ]) {
      expect([text, obDateTime(text)]).toEqual([text, undefined]);
    }
  });

  it('[ROB-1] reads a query date-time without an offset as UTC, by the same rule otherwise', () => {
    expect(obQueryDateTime('2030-01-01T00:00:00')?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(obQueryDateTime('2030-01-01T00:00:00+01:00')?.toISOString()).toBe('2029-12-31T23:00:00.000Z');
    for (const text of [
      '0000-01-01T00:00:00Z',
      '0000-01-01T00:00:00',
      '9999-12-31T23:59:59-23:59',
      '2030-W01-1',
    ]) {
      expect([text, obQueryDateTime(text)]).toEqual([text, undefined]);
    }
  });
});
