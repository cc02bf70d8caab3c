// Bearer JWT on every business route. Production verifies tokens against an OIDC provider's
// JWKS with issuer, audience, expiry and an algorithm allow-list; the embedded stack signs and
// verifies with a generated HS256 secret. Scopes come from the OAuth 2 `scope` claim (space
// separated) or an `scp` array; each route names the one scope it needs. The branches a token may
// touch come from the `flow_branches` claim (its name is configurable): an array of branch codes,
// or `["*"]` for every branch; a token without it reaches no ledger data (deny by default).
import type { AuthFailureReason } from '@flow/contracts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { ConfigReader } from './config.ts';
import { sendError } from './http.ts';
import type { Logger } from './logger.ts';

export const scopes = ['flow:post', 'flow:read', 'flow:admin'] as const;
export type Scope = (typeof scopes)[number];

/** Issuer and audience of tokens signed with the embedded secret. */
export const embeddedIssuer = 'flow-embedded';
export const embeddedAudience = 'flow';
/** The shortest HS256 secret accepted: 256 bits, as RFC 7518 §3.2 requires. */
export const embeddedSecretBytesMin = 32;
/** Clock skew tolerated on `exp`, `nbf` and `iat`. */
export const clockToleranceSeconds = 30;
/** The oldest token accepted (from its `iat`), and the longest lifetime (`exp − iat`): a day. */
export const tokenAgeMaxSecondsDefault = 86_400;

/** The claim naming the branches a token may touch, unless `FLOW_AUTH_BRANCHES_CLAIM` names another. */
export const branchesClaimDefault = 'flow_branches';
/** The claim value that grants every branch. */
export const allBranches = '*';

type VerificationConfig =
  | { readonly mode: 'embedded'; readonly secret: string }
  | {
    readonly mode: 'jwks';
    readonly jwksUrl: string;
    readonly issuer: string;
    readonly audience: string;
    readonly algorithms: readonly string[];
  };

export type AuthConfig = VerificationConfig & {
  /** The claim holding the token's branches: `flow_branches` unless the identity provider has its own. */
  readonly branchesClaim?: string;
  /** Tokens older than this (from `iat`), or living longer (`exp − iat`), are refused. */
  readonly tokenAgeMaxSeconds?: number;
  /** When set, the JWT header's `typ` must be this (e.g. `at+jwt`, RFC 9068). */
  readonly tokenType?: string;
};

const asymmetricAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * `FLOW_JWKS_URL` selects production verification (then `FLOW_JWT_ISSUER` and
 * `FLOW_JWT_AUDIENCE` are required); otherwise `FLOW_JWT_SECRET` is the embedded HS256 secret.
 */
export function readAuthConfig(reader: ConfigReader): AuthConfig {
  const branchesClaim = reader.text('FLOW_AUTH_BRANCHES_CLAIM', branchesClaimDefault);
  const tokenAgeMaxSeconds = reader.integer('FLOW_JWT_MAX_AGE_SECONDS', tokenAgeMaxSecondsDefault, { min: 60, max: 30 * 86_400 });
  const tokenType = reader.optionalText('FLOW_JWT_TYPE');
  return { branchesClaim, tokenAgeMaxSeconds, ...(tokenType === undefined ? {} : { tokenType }), ...readVerification(reader) };
}

function readVerification(reader: ConfigReader): VerificationConfig {
  const jwksUrl = reader.url('FLOW_JWKS_URL');
  if (jwksUrl !== undefined) {
    const issuer = reader.optionalText('FLOW_JWT_ISSUER', true) ?? '';
    const audience = reader.optionalText('FLOW_JWT_AUDIENCE', true) ?? '';
    const algorithms = reader.text('FLOW_JWT_ALGORITHMS', 'RS256,ES256').split(',').map((name) => name.trim());
    for (const algorithm of algorithms) {
      if (!asymmetricAlgorithms.includes(algorithm)) {
        reader.problem(`FLOW_JWT_ALGORITHMS may list only ${asymmetricAlgorithms.join(', ')}, got "${algorithm}"`);
      }
    }
    return { mode: 'jwks', jwksUrl, issuer, audience, algorithms };
  }
  const secret = reader.optionalText('FLOW_JWT_SECRET');
  if (secret === undefined) {
    reader.problem('set FLOW_JWKS_URL (with FLOW_JWT_ISSUER and FLOW_JWT_AUDIENCE) or FLOW_JWT_SECRET');
    return { mode: 'embedded', secret: '' };
  }
  if (Buffer.byteLength(secret) < embeddedSecretBytesMin) {
    reader.problem(`FLOW_JWT_SECRET must be at least ${embeddedSecretBytesMin} bytes`);
  }
  return { mode: 'embedded', secret };
}

/** The branches a token may touch: every one, or exactly these codes (possibly none). */
export type BranchAccess = { readonly all: true } | { readonly all: false; readonly branches: ReadonlySet<string> };

export interface Principal {
  readonly subject: string;
  readonly scopes: ReadonlySet<string>;
  readonly branchAccess: BranchAccess;
  /**
   * Who posts with this token, as ingest stamps it on every posting: the OAuth `client_id` claim
   * (RFC 9068: the application), else the subject; null when the token names neither.
   */
  readonly producer: string | null;
}

/** True when the token may read or post entries of `branch`. */
export function mayAccessBranch(access: BranchAccess, branch: string): boolean {
  return access.all || access.branches.has(branch);
}

/** Reads the branches claim: an array of codes, `["*"]` for all; anything else grants nothing. */
export function branchAccessOf(claim: unknown): BranchAccess {
  if (!Array.isArray(claim)) return { all: false, branches: new Set() };
  const codes = claim.filter((code): code is string => typeof code === 'string');
  if (codes.length === claim.length && codes.includes(allBranches)) return { all: true };
  return { all: false, branches: new Set(codes.length === claim.length ? codes : []) };
}

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

/** The token could not be checked because the issuer's key set did not answer: 503, not 401. */
export class AuthUnavailableError extends Error {
  override readonly name = 'AuthUnavailableError';
}

/** Seconds a client waits before retrying when the issuer's keys are unreachable. */
export const authRetryAfterSeconds = 5;

export interface Authenticator {
  verify(token: string): Promise<Principal>;
}

export function createAuthenticator(config: AuthConfig): Authenticator {
  const branchesClaim = config.branchesClaim ?? branchesClaimDefault;
  const checks = {
    requiredClaims: ['exp', 'iat'],
    clockTolerance: clockToleranceSeconds,
    // jose refuses an `iat` older than this, or in the future beyond the tolerance.
    maxTokenAge: config.tokenAgeMaxSeconds ?? tokenAgeMaxSecondsDefault,
    ...(config.tokenType === undefined ? {} : { typ: config.tokenType }),
  };
  if (config.mode === 'embedded') {
    const key = new TextEncoder().encode(config.secret);
    return verifierWith(key, { issuer: embeddedIssuer, audience: embeddedAudience, algorithms: ['HS256'], ...checks }, branchesClaim);
  }
  const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.jwksUrl));
  const options = { issuer: config.issuer, audience: config.audience, algorithms: [...config.algorithms], ...checks };
  return verifierWith(keys, options, branchesClaim);
}

interface VerifyOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms: string[];
  readonly requiredClaims: string[];
  readonly clockTolerance: number;
  readonly maxTokenAge: number;
  readonly typ?: string;
}

function verifierWith(key: Uint8Array | JWTVerifyGetKey, options: VerifyOptions, branchesClaim: string): Authenticator {
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        const result = typeof key === 'function'
          ? await jwtVerify(token, key, options)
          : await jwtVerify(token, key, options);
        payload = result.payload;
      } catch (error) {
        if (typeof key === 'function' && isKeySetUnreachable(error)) throw new AuthUnavailableError('the JWKS did not answer', { cause: error });
        throw new AuthenticationError(error instanceof Error ? error.message : 'token rejected');
      }
      // A token minted to live longer than the maximum age is refused even while young.
      const lifetime = payload.exp! - payload.iat!;
      if (lifetime > options.maxTokenAge + options.clockTolerance) {
        throw new AuthenticationError(`the token lives ${lifetime} s, more than ${options.maxTokenAge} s`);
      }
      return {
        subject: payload.sub ?? '',
        scopes: scopesOf(payload),
        branchAccess: branchAccessOf(payload[branchesClaim]),
        producer: producerOf(payload),
      };
    },
  };
}

/**
 * jose reports a bad token with its own `ERR_J…` codes. A key set that timed out, answered
 * with an error status (ERR_JOSE_GENERIC from the fetch) or could not be reached at all (a
 * network error without a jose code) says nothing about the token: the caller should retry.
 */
function isKeySetUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JOSE_GENERIC') return true;
  return typeof code !== 'string' || !code.startsWith('ERR_J');
}

function producerOf(payload: JWTPayload): string | null {
  if (typeof payload.client_id === 'string' && payload.client_id !== '') return payload.client_id;
  return payload.sub === undefined || payload.sub === '' ? null : payload.sub;
}

function scopesOf(payload: JWTPayload): ReadonlySet<string> {
  if (typeof payload.scope === 'string') return new Set(payload.scope.split(' ').filter(Boolean));
  if (Array.isArray(payload.scp)) return new Set(payload.scp.filter((scope): scope is string => typeof scope === 'string'));
  return new Set();
}

/** Express middleware: 401 without a valid bearer token, 403 without `scope`. */
export function requireScope(authenticator: Authenticator, scope: Scope, logger: Logger): RequestHandler {
  return async (request: Request, response: Response, next: NextFunction) => {
    const header = request.headers.authorization ?? '';
    // RFC 9110: the scheme is case-insensitive (`bearer` works too).
    const match = /^Bearer +([A-Za-z0-9._~+/=-]+)$/i.exec(header);
    if (match === null) {
      logger.warn('auth_failed', { requestId: response.locals.requestId, reason: 'token_missing' });
      sendError(response, 'unauthorized', { reason: 'token_missing' satisfies AuthFailureReason });
      return;
    }
    let principal: Principal;
    try {
      principal = await authenticator.verify(match[1]!);
    } catch (error) {
      if (error instanceof AuthUnavailableError) {
        logger.error('auth_failed', { requestId: response.locals.requestId, reason: 'issuer_unavailable', detail: String(error.cause) });
        response.setHeader('retry-after', String(authRetryAfterSeconds));
        sendError(response, 'auth_unavailable');
        return;
      }
      if (!(error instanceof AuthenticationError)) throw error;
      logger.warn('auth_failed', { requestId: response.locals.requestId, reason: 'token_invalid', detail: error.message });
      sendError(response, 'unauthorized', { reason: 'token_invalid' satisfies AuthFailureReason });
      return;
    }
    if (!principal.scopes.has(scope)) {
      logger.warn('auth_failed', { requestId: response.locals.requestId, reason: 'scope_missing', subject: principal.subject, scope });
      sendError(response, 'forbidden', { requiredScope: scope });
      return;
    }
    response.locals.principal = principal;
    next();
  };
}

export interface TokenRequest {
  readonly secret: string;
  readonly scopes: readonly Scope[];
  /** The `flow_branches` claim: `["*"]` (every branch) when absent; `null` leaves the claim out. */
  readonly branches?: readonly string[] | null;
  readonly subject?: string;
  /** The OAuth `client_id` claim: when present, the producer ingest stamps on postings. */
  readonly clientId?: string;
  readonly ttlSeconds?: number;
}

/** Signs a token for the embedded secret (`npm run token`, tests). */
export async function signEmbeddedToken(request: TokenRequest): Promise<string> {
  const branches = request.branches === undefined ? [allBranches] : request.branches;
  const claims = {
    ...(branches === null ? {} : { [branchesClaimDefault]: [...branches] }),
    ...(request.clientId === undefined ? {} : { client_id: request.clientId }),
  };
  return new SignJWT({ scope: request.scopes.join(' '), ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(embeddedIssuer)
    .setAudience(embeddedAudience)
    .setSubject(request.subject ?? 'flow-local')
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 12 * 3600}s`)
    .sign(new TextEncoder().encode(request.secret));
}
