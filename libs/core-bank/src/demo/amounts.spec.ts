import { assertAmount, formatAmount } from './amounts';

describe('amounts', () => {
  it('renders PostgreSQL numerics as OB amounts with at least two decimals', () => {
    expect(formatAmount('1234.50000')).toBe('1234.50');
    expect(formatAmount('7.12345')).toBe('7.12345');
    expect(formatAmount('0.00000')).toBe('0.00');
    expect(formatAmount('-12.30000')).toBe('12.30');
    expect(formatAmount('12')).toBe('12.00');
  });

  it('refuses amounts that are not positive OB decimals', () => {
    for (const bad of ['-1', '0', '0.00', '1e3', '1.123456', '12345678901234', '', ' 1']) {
      expect(() => assertAmount(bad)).toThrow(RangeError);
    }
    expect(() => assertAmount('0.01')).not.toThrow();
  });
});
