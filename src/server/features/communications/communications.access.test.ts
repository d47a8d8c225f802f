import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../shared/auth.js';
import { canReadMessages, canReadOutbox, canWriteMessages } from './communications.access.js';

const all = (role: Role, comuneIds: string[] = []) => ({ role, comuneIds });

describe('communications access', () => {
  it('lets the staff of household files read and write messages, never partners or observers', () => {
    const table = Object.fromEntries(
      ROLES.map((r) => [r, [canReadMessages(all(r), 'c1'), canWriteMessages(all(r), 'c1')]]),
    );
    expect(table).toEqual({
      admin: [false, false],
      manager: [true, true],
      front_desk: [true, true],
      social_worker: [true, true],
      housing_officer: [true, true],
      partner: [false, false],
      observer: [false, false],
    });
  });
  it('keeps staff limited to some Comuni within them', () => {
    expect(canReadMessages(all('front_desk', ['c2']), 'c1')).toBe(false);
    expect(canReadMessages(all('front_desk', ['c1']), 'c1')).toBe(true);
  });
  it('shows delivery problems to managers and administrators', () => {
    expect(ROLES.filter((r) => canReadOutbox(all(r)))).toEqual(['admin', 'manager']);
  });
});
