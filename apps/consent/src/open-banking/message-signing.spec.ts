import { namesSigner } from './message-signing';

describe('the OB iss of a request signature', () => {
  it('[CON-5] names the calling TPP by its client_id, or as {org-id}/{software-id} when it registered that software_id', () => {
    expect(namesSigner('tpp-1', 'tpp-1', undefined)).toBe(true);
    expect(namesSigner('0015800001041REAAY/sw-42', 'tpp-1', 'sw-42')).toBe(true);
    expect(namesSigner('tpp-2', 'tpp-1', 'sw-42')).toBe(false);
    expect(namesSigner('0015800001041REAAY/sw-43', 'tpp-1', 'sw-42')).toBe(false);
    expect(namesSigner('0015800001041REAAY/sw-42', 'tpp-1', undefined)).toBe(false);
    expect(namesSigner('/sw-42', 'tpp-1', 'sw-42')).toBe(false);
    expect(namesSigner('a/sw-42/x', 'tpp-1', 'sw-42')).toBe(false);
    expect(namesSigner(42, 'tpp-1', 'sw-42')).toBe(false);
  });
});
