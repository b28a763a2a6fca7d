// The cache of AUTH account-access consents: only those are kept, for a minute at most, the oldest
// going first beyond the limit.
import { AuthorisedConsentCache } from './authorised-consent-cache';

const consent = (consentId: string, status = 'AUTH', kind = 'account-access') => ({
  consentId,
  status,
  kind,
});

describe('AuthorisedConsentCache', () => {
  it('[CON-1] keeps only AUTH account-access consents: any other may still change', () => {
    const cache = new AuthorisedConsentCache();
    cache.remember(consent('aac-awau', 'AWAU'));
    cache.remember(consent('aac-canc', 'CANC'));
    cache.remember(consent('pdc-auth', 'AUTH', 'domestic-payment'));
    cache.remember(consent('aac-auth'));
    expect(cache.get('aac-awau')).toBeUndefined();
    expect(cache.get('aac-canc')).toBeUndefined();
    expect(cache.get('pdc-auth')).toBeUndefined();
    expect(cache.get('aac-auth')).toEqual(consent('aac-auth'));
  });

  it('[CON-1] forgets a consent when told, and every entry after its time to live', () => {
    let now = 0;
    const cache = new AuthorisedConsentCache(10, 60_000, () => now);
    cache.remember(consent('aac-1'));
    cache.remember(consent('aac-2'));
    cache.forget('aac-1');
    expect(cache.get('aac-1')).toBeUndefined();
    now = 59_999;
    expect(cache.get('aac-2')).toBeDefined();
    now = 60_000;
    expect(cache.get('aac-2')).toBeUndefined();
  });

  it('drops the oldest entry beyond its size limit', () => {
    const cache = new AuthorisedConsentCache(2);
    cache.remember(consent('aac-1'));
    cache.remember(consent('aac-2'));
    cache.remember(consent('aac-3'));
    expect(cache.get('aac-1')).toBeUndefined();
    expect(cache.get('aac-2')).toBeDefined();
    expect(cache.get('aac-3')).toBeDefined();
  });
});
