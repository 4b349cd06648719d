import { isIP } from 'node:net';
import { EmulatorHttpError } from '../errors/query-error-factory';

/**
 * What the server checks of a request's target before routing it: the `Host` (a page that rebinds its DNS name to
 * 127.0.0.1 must not read the emulator's tables and keys) and the percent-encoding of the path's segments.
 */

/** A path segment, percent-decoded; a malformed escape (`%ZZ`) is a 400, as Azure's front ends answer. */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new EmulatorHttpError(400, 'InvalidUri', `The request path has a malformed percent-encoding: '${segment.slice(0, 200)}'.`);
  }
}

/** The host name of a `Host` header: without its port, lower case, IPv6 without brackets. */
export function hostNameOf(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith('[')) {
    const end = trimmed.indexOf(']');
    return end < 0 ? trimmed : trimmed.slice(1, end);
  }
  const colon = trimmed.lastIndexOf(':');
  return colon >= 0 && trimmed.indexOf(':') === colon ? trimmed.slice(0, colon) : trimmed;
}

/**
 * Whether the server answers a request with this `Host`: an IP address (what DNS rebinding cannot forge: the page's
 * origin is a name), `localhost` and its subdomains (RFC 6761: they resolve to loopback), or a name the user allowed
 * (`--allowed-host`). A request without `Host` (HTTP/1.0) is answered; Node refuses HTTP/1.1 without one.
 */
export function hostAllowed(host: string | undefined, allowedHosts: ReadonlySet<string>): boolean {
  if (host === undefined) {
    return true;
  }
  const name = hostNameOf(host);
  return isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost') || allowedHosts.has(name);
}

/** The 403 for a `Host` the emulator does not serve. */
export function hostNotAllowed(host: string): EmulatorHttpError {
  const name = hostNameOf(host).slice(0, 253);
  return new EmulatorHttpError(403, 'InvalidHostHeader',
    `The emulator does not serve the host '${name}': it answers its IP address and localhost. Start it with --allowed-host ${name} to serve that name too.`);
}
