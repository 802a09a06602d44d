import { describe, expect, it } from 'vitest';
import { passwordPolicyViolation } from './password-policy.js';

describe('password policy', () => {
  const upn = 'jane.doe@entrada.test';

  it('accepts 8–256 characters with three of the four classes', () => {
    for (const ok of ['Passw0rdz', 'passw0rd!', 'PASSWORD!1', 'Pass word!', 'A1!aaaaa', `${'Aa1'.repeat(85)}x`]) {
      expect(passwordPolicyViolation(ok, upn), ok).toBeUndefined();
    }
  });

  it('refuses short, long, two-class and disallowed-character passwords', () => {
    expect(passwordPolicyViolation('Aa1!', upn)).toMatch(/between 8 and 256/);
    expect(passwordPolicyViolation(`Aa1!${'x'.repeat(253)}`, upn)).toMatch(/between 8 and 256/);
    expect(passwordPolicyViolation('passwordonly', upn)).toMatch(/three of these/);
    expect(passwordPolicyViolation('password123', upn)).toMatch(/three of these/);
    expect(passwordPolicyViolation('Pässw0rd!', upn)).toMatch(/not allowed/);
    expect(passwordPolicyViolation('Passw0rd\t!', upn)).toMatch(/not allowed/);
  });

  it("refuses the user's own name in any case, unless the name is under three characters", () => {
    expect(passwordPolicyViolation('My-JANE.DOE-1', upn)).toMatch(/user name/);
    expect(passwordPolicyViolation('Jo-Passw0rd!', 'jo@entrada.test')).toBeUndefined();
  });
});
