import { hashPassword, verifyPassword } from './password-hash';

describe('password hashes (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse', { cost: 2 ** 14 });
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    await expect(verifyPassword('correct horse', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horsf', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([
      hashPassword('x', { cost: 2 ** 14 }),
      hashPassword('x', { cost: 2 ** 14 }),
    ]);
    expect(a).not.toBe(b);
  });

  it('treats a malformed hash as no match', async () => {
    await expect(verifyPassword('x', 'md5$abc')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$99999999$8$1$AAAA$AAAA')).resolves.toBe(false);
    const [salt, hash] = [Buffer.alloc(16), Buffer.alloc(32)].map((bytes) => bytes.toString('base64url'));
    await expect(verifyPassword('x', `scrypt$16384$x$1$${salt}$${hash}`)).resolves.toBe(false);
    await expect(verifyPassword('x', `scrypt$1$8$1$${salt}$${hash}`)).resolves.toBe(false);
  });

  it('refuses cost below 2^14', async () => {
    await expect(hashPassword('x', { cost: 1024 })).rejects.toMatchObject({ code: 'invalid_options' });
  });
});
