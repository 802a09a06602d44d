/**
 * Entra's password policy for cloud users: 8–256 characters from its allowed set, three of the four character
 * classes, and not the user's own name. Checked wherever a password is set (create, admin reset, forced change),
 * so no path can store a password the sign-in page would have refused.
 */
import { DirectoryError } from './errors.js';

/** Graph's words for every violation; the sign-in page shows `passwordPolicyViolation`'s reason instead. */
export const PASSWORD_POLICY_MESSAGE = 'The specified password does not comply with password complexity requirements. Please provide a different password.';

/** Entra allows letters, digits, blank space and these symbols; anything else (Unicode included) is refused. */
const SYMBOLS = "@#$%^&*-_!+=[]{}|\\:',.?/`~\"();<> ";
const CLASSES: readonly RegExp[] = [/[a-z]/, /[A-Z]/, /[0-9]/, new RegExp(`[${escapeClass(SYMBOLS)}]`)];
const ALLOWED = new RegExp(`^[A-Za-z0-9${escapeClass(SYMBOLS)}]*$`);

/**
 * Why a password breaks the policy, in words for the person choosing it, or undefined when it is acceptable.
 * `userPrincipalName` gives the user name the password must not contain (its part before '@'; names shorter than
 * three characters are not checked, as Windows' complexity rule does, or "a@x" could use no password with an 'a').
 */
export function passwordPolicyViolation(password: string, userPrincipalName: string): string | undefined {
  if (password.length < 8 || password.length > 256) return 'The password must be between 8 and 256 characters long.';
  if (!ALLOWED.test(password)) return 'The password contains a character that is not allowed.';
  if (CLASSES.filter((c) => c.test(password)).length < 3) {
    return 'The password must contain three of these: lowercase letters, uppercase letters, digits, symbols.';
  }
  const name = userPrincipalName.split('@')[0]!.toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) return 'The password must not contain your user name.';
  return undefined;
}

/** Refuse a password that breaks the policy, in Graph's words (a 400 on `passwordProfile`). */
export function assertPasswordPolicy(password: string, userPrincipalName: string): void {
  if (passwordPolicyViolation(password, userPrincipalName)) throw new DirectoryError('invalid', PASSWORD_POLICY_MESSAGE, 'passwordProfile');
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, (c) => `\\${c}`);
}
