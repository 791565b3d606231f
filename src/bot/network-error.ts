/** Socket and DNS failures: the network or Discord is unreachable, not a bug in Footnote. */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/**
 * When `err` (or an error in its `cause` chain, as undici's fetch wraps
 * them) is a network failure, a short description of it, such as
 * "ENOTFOUND discord.com"; otherwise null.
 */
export function networkFailure(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, hostname, address } = e as { code?: unknown; hostname?: unknown; address?: unknown };
    if (typeof code === 'string' && NETWORK_CODES.has(code)) {
      const where = typeof hostname === 'string' ? hostname : typeof address === 'string' ? address : '';
      return where ? `${code} ${where}` : code;
    }
    if (e instanceof Error && e.name === 'AbortError' && /timeout|timed out/i.test(e.message)) return 'timed out';
  }
  return null;
}

/** The one line both fronts print when Discord cannot be reached. */
export const unreachable = (what: string) => `Could not reach Discord (${what}). Check the network connection and DISCORD_API_URL if set.`;
