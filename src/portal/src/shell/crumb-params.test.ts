import { describe, expect, it } from 'vitest';
import { fillCrumbs } from './crumb-params';

describe('fillCrumbs', () => {
  it('fills route parameters into labels and routes, encoding them in routes', () => {
    expect(fillCrumbs([{ label: 'Home', route: '/' }, { label: ':workspace', route: '/healthcare/:workspace' }], { workspace: 'a b' }))
      .toEqual([{ label: 'Home', route: '/' }, { label: 'a b', route: '/healthcare/a%20b' }]);
  });

  it('leaves crumbs without parameters, and unknown parameters, as they are', () => {
    const crumbs = [{ label: 'Users', route: '/entra/users' }, { label: ':other', route: '/x/:other' }];
    expect(fillCrumbs(crumbs, { workspace: 'w' })).toEqual(crumbs);
  });
});
