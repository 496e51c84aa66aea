/**
 * The security headers of the web app and the API (apiSecurityPolicy, below), defined once: the CDK app
 * turns this into the CloudFront response-headers policy (infra/aws/constructs/
 * SiteSecurityHeaders.ts) and the local server sends the very same values
 * (infra/local/http), so the two cannot drift. Origins are the only thing that
 * differs per deployment: CDK passes tokens that resolve at deploy time, the
 * local stack its stand-ins' addresses.
 */
export interface SiteOrigins {
  /** Origins the page may call besides its own (`connect-src`): Cognito's user-pool API in AWS. */
  readonly connect: readonly string[];
  /** Origins `<video>` may play from (`media-src`) and camera snapshots load from (`img-src`): the buckets presigned URLs point at. */
  readonly media: readonly string[];
}

export interface SiteSecurityPolicy {
  readonly contentSecurityPolicy: string;
  readonly strictTransportSecurity: { readonly maxAgeSeconds: number; readonly includeSubdomains: boolean };
  readonly contentTypeOptions: 'nosniff';
  readonly frameOptions: 'DENY';
  readonly referrerPolicy: 'strict-origin-when-cross-origin';
  /** Headers with no field of their own in CloudFront's security-headers behaviour. */
  readonly customHeaders: Readonly<Record<string, string>>;
}

/** Two years, the value HSTS preload lists ask for. */
const HSTS_MAX_AGE_SECONDS = 63_072_000;

/**
 * Scripts, styles and fonts only from the site itself (the Vite build emits no
 * inline script or style), no plugins, no framing, no <base> rewriting; API
 * calls to the site itself (the API is `/api` on the same origin) and to
 * Cognito's user-pool API (the sign-in pages); images from the site, `data:` (the empty
 * favicon) and the buckets (camera snapshots' presigned URLs); media from the
 * footage buckets' presigned URLs.
 */
export function siteSecurityPolicy(origins: SiteOrigins): SiteSecurityPolicy {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:', ...origins.media],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...origins.connect],
    ['media-src', "'self'", ...origins.media],
    ['worker-src', "'self'"],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return {
    contentSecurityPolicy: directives.map((directive) => directive.join(' ')).join('; '),
    strictTransportSecurity: { maxAgeSeconds: HSTS_MAX_AGE_SECONDS, includeSubdomains: true },
    contentTypeOptions: 'nosniff',
    frameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    customHeaders: {
      // The app uses none of these; a script injected into it gets none either.
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
      'Cross-Origin-Opener-Policy': 'same-origin',
    },
  };
}

/**
 * The API's answers are JSON, never a page a browser renders and runs, so the
 * page's long CSP and its document-only headers (Permissions-Policy, COOP) mean
 * nothing on them; they get what OWASP's REST cheat sheet asks of an API: no
 * content may load and no page may frame it, plus HSTS, nosniff, DENY and the
 * referrer policy. A source page polls its status every 4 s while a sync runs;
 * the page's headers would be half of each answer's bytes.
 */
export function apiSecurityPolicy(): SiteSecurityPolicy {
  return {
    contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'",
    strictTransportSecurity: { maxAgeSeconds: HSTS_MAX_AGE_SECONDS, includeSubdomains: true },
    contentTypeOptions: 'nosniff',
    frameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    customHeaders: {},
  };
}

/** The policy as HTTP response headers (names lower-case), as CloudFront sends them. */
export function securityHeaderValues(policy: SiteSecurityPolicy): Readonly<Record<string, string>> {
  const hsts = policy.strictTransportSecurity;
  return {
    'content-security-policy': policy.contentSecurityPolicy,
    'strict-transport-security': `max-age=${hsts.maxAgeSeconds}${hsts.includeSubdomains ? '; includeSubDomains' : ''}`,
    'x-content-type-options': policy.contentTypeOptions,
    'x-frame-options': policy.frameOptions,
    'referrer-policy': policy.referrerPolicy,
    ...Object.fromEntries(Object.entries(policy.customHeaders).map(([name, value]) => [name.toLowerCase(), value])),
  };
}

/** `https://host:port` of a URL, for a CSP source list. */
export function originOf(url: string): string {
  return new URL(url).origin;
}
