// Proxies in a cluster (an ingress controller's pods) are known by an address range, not addresses.
import 'reflect-metadata';
import { ServiceConfig } from './service.config';
import { ConfigError, loadConfig } from './load-config';
import { isAddressOrRange } from './config-decorators';

const DATABASE_URL = 'postgres://grantline@localhost:5432/grantline';

describe('proxy address ranges in configuration', () => {
  it.each(['10.0.0.1', '10.0.0.0/8', '192.168.1.0/24', '::1', 'fd00::/8', '::ffff:10.0.0.1'])(
    'accepts %s',
    (value) => expect(isAddressOrRange(value)).toBe(true),
  );

  it.each(['proxy.local', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/8/1', '10.0.0.0/', '10.0.0.0/x', ''])(
    'refuses %s',
    (value) => expect(isAddressOrRange(value)).toBe(false),
  );

  it('[MTLS-1] takes CIDR ranges for CLIENT_CERT_TRUSTED_PROXIES and TRUST_PROXY', () => {
    const config = loadConfig(ServiceConfig, {
      DATABASE_URL,
      TRUST_PROXY: '10.0.0.0/8',
      CLIENT_CERT_HEADER: 'ssl-client-cert',
      CLIENT_CERT_TRUSTED_PROXIES: '10.0.0.0/8, fd00::/8',
    });
    expect(config.CLIENT_CERT_TRUSTED_PROXIES).toEqual(['10.0.0.0/8', 'fd00::/8']);
    expect(config.TRUST_PROXY).toEqual(['10.0.0.0/8']);
  });

  it('[MTLS-1] still refuses a CLIENT_CERT_TRUSTED_PROXIES entry that is no address or range', () => {
    expect(() =>
      loadConfig(ServiceConfig, {
        DATABASE_URL,
        CLIENT_CERT_HEADER: 'ssl-client-cert',
        CLIENT_CERT_TRUSTED_PROXIES: '10.0.0.0/8,ingress.local',
      }),
    ).toThrow(ConfigError);
  });
});
