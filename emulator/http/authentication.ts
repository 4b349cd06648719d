import { QueryErrorFactory } from '../errors/query-error-factory';

/** What the emulator requires of bearer tokens; nothing by default (no Entra ID offline). */
export interface TokenRequirements {
  /** @default - any audience */
  readonly audience?: string;
  /** @default - any tenant */
  readonly tenantId?: string;
}

/**
 * Checks the `Authorization` header: a bearer token must be present. Its signature cannot be checked offline; when
 * an audience or tenant is required, the token must be a JWT whose `aud` / `tid` claims match.
 */
export function checkBearerToken(header: string | undefined, requirements: TokenRequirements): void {
  if (header === undefined || header.trim() === '') {
    throw QueryErrorFactory.missingAuthorization();
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (match === null) {
    throw QueryErrorFactory.invalidToken();
  }
  if (requirements.audience === undefined && requirements.tenantId === undefined) {
    return;
  }
  const claims = jwtClaims(match[1]);
  if (claims === undefined) {
    throw QueryErrorFactory.invalidToken();
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud ?? '')];
  if (requirements.audience !== undefined && !audiences.some((audience) => sameAudience(audience, requirements.audience as string))) {
    throw QueryErrorFactory.invalidAudience(requirements.audience, audiences.join(', '));
  }
  if (requirements.tenantId !== undefined && String(claims.tid ?? '').toLowerCase() !== requirements.tenantId.toLowerCase()) {
    throw QueryErrorFactory.insufficientAccess();
  }
}

/** Audiences compare without a trailing slash or `/.default`. */
function sameAudience(a: string, b: string): boolean {
  const normal = (value: string) => value.replace(/\/\.default$/, '').replace(/\/+$/, '').toLowerCase();
  return normal(a) === normal(b);
}

/** The claims of a JWT (unverified), or undefined when the token is not one. */
function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return undefined;
  }
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? claims : undefined;
  } catch {
    return undefined;
  }
}
