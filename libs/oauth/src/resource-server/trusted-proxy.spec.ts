import { isTrustedProxy, presentedCertificate } from './client-certificate';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const forwarded = {
  header: 'ssl-client-cert',
  trustedProxies: ['10.244.0.0/16', 'fd00:10::/64', '192.0.2.7'],
};
const fromPeer = (peerAddress: string) =>
  presentedCertificate({ peerAddress, headers: { 'ssl-client-cert': encodeURIComponent(PEM) } }, forwarded);

describe('[MTLS-1] forwarded certificates from proxies known by address range', () => {
  it.each(['10.244.3.9', '::ffff:10.244.0.1', 'fd00:10::5', '192.0.2.7'])(
    '[MTLS-1] believes the header from %s, inside a configured range or address',
    (peer) => expect(fromPeer(peer)).toBe(PEM),
  );

  it.each(['10.245.0.1', '192.0.2.8', 'fd00:11::5', '203.0.113.9', 'not-an-address'])(
    '[MTLS-1] ignores the header from %s, outside every configured range',
    (peer) => expect(fromPeer(peer)).toBeUndefined(),
  );

  it('[MTLS-1] lets a malformed entry match nothing rather than everything', () => {
    expect(isTrustedProxy('10.0.0.1', ['10.0.0.0/99', 'proxy.local', '10.0.0.0/8/1'])).toBe(false);
    expect(isTrustedProxy('10.0.0.1', ['0.0.0.0/0'])).toBe(true);
  });
});
