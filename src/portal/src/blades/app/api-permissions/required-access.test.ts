import { describe, expect, it } from 'vitest';
import { withoutPermission, withPermissions } from './required-access';

const HC = '4f6778d8-5aef-43dc-a1ff-b073724b9495';
const GRAPH = '00000003-0000-0000-c000-000000000000';

describe('requiredResourceAccess changes', () => {
  it('adds permissions under their API, once, keeping the others', () => {
    const start = [{ resourceAppId: GRAPH, resourceAccess: [{ id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope' as const }] }];
    const once = withPermissions(start, HC, 'Scope', ['db75143a-8f20-4238-9450-8b73ef4992f4']);
    const twice = withPermissions(once, HC.toUpperCase(), 'Scope', ['DB75143A-8F20-4238-9450-8B73EF4992F4']);
    expect(twice).toEqual([...start, { resourceAppId: HC, resourceAccess: [{ id: 'db75143a-8f20-4238-9450-8b73ef4992f4', type: 'Scope' }] }]);
    expect(start[0]!.resourceAccess).toHaveLength(1);
    // The same id as an application permission is a different permission.
    expect(withPermissions(once, HC, 'Role', ['db75143a-8f20-4238-9450-8b73ef4992f4'])[1]!.resourceAccess).toHaveLength(2);
  });

  it('removes one permission, and the API when it has none left', () => {
    const list = withPermissions([], HC, 'Scope', ['a', 'b']);
    expect(withoutPermission(list, HC, 'Scope', 'a')).toEqual([{ resourceAppId: HC, resourceAccess: [{ id: 'b', type: 'Scope' }] }]);
    expect(withoutPermission(withoutPermission(list, HC, 'Scope', 'a'), HC, 'Scope', 'b')).toEqual([]);
    expect(withoutPermission(list, HC, 'Role', 'a')).toEqual(list);
  });
});
