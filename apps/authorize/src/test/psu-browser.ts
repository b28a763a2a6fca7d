// A minimal browser for HTTP-level tests of the PSU pages: keeps cookies, follows nothing by itself,
// and reads the CSRF token from forms. Chromium tests (e2e) use the real thing.
export interface PageResponse {
  status: number;
  location?: string;
  html: string;
  headers: Headers;
}

export class PsuBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly origin: string) {}

  async get(path: string): Promise<PageResponse> {
    return this.request('GET', path);
  }

  async post(path: string, form: Record<string, string | string[]>): Promise<PageResponse> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form))
      for (const item of [value].flat()) body.append(name, item);
    return this.request('POST', path, body);
  }

  static csrfToken(html: string): string {
    const match = /name="csrf_token" value="([^"]+)"/.exec(html);
    if (!match) throw new Error('no CSRF token on the page');
    return match[1];
  }

  static formAction(html: string): string {
    const match = /<form method="post" action="([^"]+)"/.exec(html);
    if (!match) throw new Error('no form on the page');
    return match[1];
  }

  private async request(method: string, path: string, body?: URLSearchParams): Promise<PageResponse> {
    const url = path.startsWith('http') ? path : `${this.origin}${path}`;
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        ...(cookie && { cookie }),
        ...(body && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      body,
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, value] = pair.split('=');
      this.cookies.set(name, value);
    }
    return {
      status: response.status,
      location: response.headers.get('location') ?? undefined,
      html: await response.text(),
      headers: response.headers,
    };
  }
}

/** The session token a response's Set-Cookie carries, if any. */
export function sessionTokenOf(response: Response): string | undefined {
  return /grantline-session=([A-Za-z0-9_-]{43});/.exec(response.headers.get('set-cookie') ?? '')?.[1];
}

/**
 * Posts a sign-in form as a browser whose session cookie is `sessionToken` (one an attacker could
 * have planted): returns the answer, whose Set-Cookie should carry a new token.
 */
export function signInWithSessionToken(
  url: string,
  sessionToken: string | undefined,
  csrfToken: string,
  psu = { username: 'alice', password: 'alice-demo-pass' },
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: `grantline-session=${sessionToken}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ csrf_token: csrfToken, ...psu }),
  });
}
