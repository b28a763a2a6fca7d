import { lastFour, truncateIp } from './masking-rules';

describe('masking rules', () => {
  it('[AUD-2] truncates IPv4 to /24 and IPv6 to /48, redacts what is not an address', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.113.0/24');
    expect(truncateIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::/48');
    expect(truncateIp('not an ip')).toBe('[redacted]');
  });

  it('[AUD-2] keeps only the last four characters of an account number', () => {
    expect(lastFour('12345678')).toBe('****5678');
    expect(lastFour('123')).toBe('***');
  });
});
