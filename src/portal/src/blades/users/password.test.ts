import { describe, expect, it } from 'vitest';
import { temporaryPassword } from './password';

describe('temporaryPassword', () => {
  it('is 16 characters with upper and lower case letters, digits and a symbol', () => {
    for (let i = 0; i < 50; i++) {
      const password = temporaryPassword();
      expect(password).toHaveLength(16);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[2-9]/);
      expect(password).toMatch(/[!#$%&*+\-=?@]/);
    }
  });

  it('differs each time', () => {
    expect(new Set(Array.from({ length: 20 }, temporaryPassword)).size).toBe(20);
  });
});
