import { createHash } from 'node:crypto';

/**
 * A member id as stored: sha256 of the install's secret salt and the id,
 * shortened. Without the salt (kept only in the store) a list of member ids
 * cannot be hashed to find who asked what.
 */
export function saltedHash(salt: string, userId: string): string {
  return createHash('sha256').update(salt).update('\0').update(userId).digest('hex').slice(0, 20);
}
