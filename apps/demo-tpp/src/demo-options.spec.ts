import { parseDemoArguments } from './demo-options';

function parse(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const parsed = parseDemoArguments(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { parsed, out: out.join(''), err: err.join('') };
}

describe('the demo command line', () => {
  it('runs a journey with the defaults: the TPP file under .data, alice, a person in a browser', () => {
    expect(parse('ais').parsed).toEqual({
      options: {
        journey: 'ais',
        issuer: undefined,
        tpp: '.data/demo-tpp.json',
        user: 'alice',
        password: 'alice-demo-pass',
        auto: false,
        waitSeconds: 300,
      },
    });
  });

  it('takes the issuer (without a trailing slash), the TPP file, the PSU, --auto and --wait', () => {
    const { parsed } = parse(
      'pis',
      '--issuer',
      'http://127.0.0.1:9090/',
      '--tpp',
      '/tmp/tpp.json',
      '--user',
      'bob',
      '--password',
      'bob-demo-pass',
      '--auto',
      '--wait',
      '30',
    );
    expect(parsed).toEqual({
      options: {
        journey: 'pis',
        issuer: 'http://127.0.0.1:9090',
        tpp: '/tmp/tpp.json',
        user: 'bob',
        password: 'bob-demo-pass',
        auto: true,
        waitSeconds: 30,
      },
    });
  });

  it('prints help and exits 0 with --help', () => {
    const { parsed, out } = parse('--help');
    expect(parsed).toEqual({ exitCode: 0 });
    expect(out).toContain('Usage: demo [options] <journey>');
    expect(out).toContain('--auto');
  });

  it.each([
    [['transfer'], "'transfer' is invalid for argument 'journey'"],
    [[], "missing required argument 'journey'"],
    [['ais', '--issuer', 'not a url'], 'not a URL'],
    [['ais', '--issuer', 'ftp://bank.example'], 'http:// or https://'],
    [['ais', '--wait', '0'], 'whole number'],
    [['ais', '--colour'], "unknown option '--colour'"],
    [['ais', 'pis'], 'too many arguments'],
  ])('refuses %j with a usage error and exit code 1', (args, message) => {
    const { parsed, err } = parse(...args);
    expect(parsed).toEqual({ exitCode: 1 });
    expect(err).toContain(message);
    expect(err).toContain('--help');
  });
});
