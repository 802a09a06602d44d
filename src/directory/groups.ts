import { isGuid, newGuid } from '../lib/ids.js';
import { isUniqueViolation } from '../store/store.js';
import type { TenantScope } from '../store/tenant-scope.js';
import { nowIso, parseData, type DirectoryContext } from './context.js';
import { DirectoryError } from './errors.js';
import { groupChanges } from './group-input.js';
import { whereStartsWith } from '../store/starts-with.js';

/** Graph's group, as Entrada keeps it: a security group. */
export interface Group {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mailEnabled: false;
  securityEnabled: boolean;
  groupTypes: string[];
  createdDateTime: string;
}

export type DirectoryObjectType = 'User' | 'Group' | 'ServicePrincipal';
export interface GroupMember { id: string; type: DirectoryObjectType }

export interface GroupQuery {
  displayName?: string;
  displayNameStartsWith?: string;
  mailNickname?: string;
  top: number;
  after?: string;
}

export interface GroupPage { items: Group[]; next?: string; count?: number }

interface GroupData { description: string | null; mailNickname: string; securityEnabled: boolean }

const notFound = (id: string) =>
  new DirectoryError('not_found', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

/** Security groups and their direct members (users, groups, service principals). */
export class Groups {
  constructor(private readonly ctx: DirectoryContext) {}

  /** Create a group; `memberIds` (Graph's members@odata.bind) are added in the same transaction. */
  async create(tenantId: string, input: Record<string, unknown>, memberIds: string[] = []): Promise<Group> {
    const changes = groupChanges(input, 'create');
    const id = newGuid();
    const data: GroupData = { description: changes.description ?? null, mailNickname: changes.mailNickname!, securityEnabled: changes.securityEnabled! };
    const members = await Promise.all(memberIds.map(async (m) => ({ id: m.toLowerCase(), type: await this.mustFindObject(tenantId, m) })));
    const now = nowIso(this.ctx);
    await this.write(tenantId, async (scope) => {
      await scope.insert('groups', { id, ...columns(changes.displayName!, data), created_at: now, data: JSON.stringify(data) });
      for (const m of new Map(members.map((x) => [x.id, x])).values()) {
        await scope.insert('group_members', { group_id: id, member_id: m.id, member_type: m.type, created_at: now });
      }
    });
    return (await this.get(tenantId, id))!;
  }

  async get(tenantId: string, id: string): Promise<Group | undefined> {
    if (!isGuid(id)) return undefined;
    const row = await this.ctx.store.tenant(tenantId).selectFrom('groups').selectAll().where('id', '=', id.toLowerCase()).executeTakeFirst();
    return row ? toGroup(row) : undefined;
  }

  async list(tenantId: string, query: GroupQuery, withCount = false): Promise<GroupPage> {
    const filtered = () => {
      let q = this.ctx.store.tenant(tenantId).selectFrom('groups');
      if (query.displayName !== undefined) q = q.where('display_name_lower', '=', query.displayName.toLowerCase());
      if (query.displayNameStartsWith !== undefined) q = whereStartsWith(q, 'display_name_lower', query.displayNameStartsWith);
      if (query.mailNickname !== undefined) q = q.where('mail_nickname_lower', '=', query.mailNickname.toLowerCase());
      return q;
    };
    let page = filtered().selectAll().orderBy('id').limit(query.top + 1);
    if (query.after) page = page.where('id', '>', query.after);
    const rows = await page.execute();
    const result: GroupPage = { items: rows.slice(0, query.top).map(toGroup) };
    if (rows.length > query.top) result.next = rows[query.top - 1]!.id;
    if (withCount) {
      const row = await filtered().select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
      result.count = Number(row?.n ?? 0);
    }
    return result;
  }

  async update(tenantId: string, id: string, input: Record<string, unknown>): Promise<Group> {
    const current = await this.mustGet(tenantId, id);
    const changes = groupChanges(input, 'update');
    const data: GroupData = {
      description: changes.description !== undefined ? changes.description : current.description,
      mailNickname: changes.mailNickname ?? current.mailNickname, securityEnabled: changes.securityEnabled ?? current.securityEnabled,
    };
    await this.write(tenantId, (scope) => scope.updateTable('groups')
      .set({ ...columns(changes.displayName ?? current.displayName, data), data: JSON.stringify(data) }).where('id', '=', current.id).execute());
    return (await this.get(tenantId, current.id))!;
  }

  /** Delete a group with its memberships (both ways) and what it was assigned. */
  async delete(tenantId: string, id: string): Promise<void> {
    const group = await this.mustGet(tenantId, id);
    await this.write(tenantId, async (scope) => {
      await scope.deleteFrom('group_members').where((eb) => eb.or([eb('group_id', '=', group.id), eb('member_id', '=', group.id)])).execute();
      await scope.deleteFrom('app_role_assignments').where('principal_id', '=', group.id).execute();
      await scope.deleteFrom('role_assignments').where('principal_id', '=', group.id).execute();
      await scope.deleteFrom('groups').where('id', '=', group.id).execute();
    });
  }

  async addMember(tenantId: string, groupId: string, memberId: string): Promise<void> {
    const group = await this.mustGet(tenantId, groupId);
    const type = await this.mustFindObject(tenantId, memberId);
    if (memberId.toLowerCase() === group.id) throw new DirectoryError('invalid', 'A group cannot be a member of itself.', 'members');
    try {
      await this.write(tenantId, (scope) => scope.insert('group_members', {
        group_id: group.id, member_id: memberId.toLowerCase(), member_type: type, created_at: nowIso(this.ctx),
      }));
    } catch (err) {
      if (err instanceof DirectoryError && err.kind === 'conflict') {
        throw new DirectoryError('conflict', "One or more added object references already exist for the following modified properties: 'members'.", 'members');
      }
      throw err;
    }
  }

  async removeMember(tenantId: string, groupId: string, memberId: string): Promise<void> {
    const group = await this.mustGet(tenantId, groupId);
    const result = await this.ctx.store.tenant(tenantId).deleteFrom('group_members')
      .where('group_id', '=', group.id).where('member_id', '=', memberId.toLowerCase()).executeTakeFirst();
    this.ctx.cache.invalidate(tenantId);
    if (Number(result.numDeletedRows) === 0) throw notFound(memberId);
  }

  /** Direct members, oldest first. */
  async members(tenantId: string, groupId: string): Promise<GroupMember[]> {
    const group = await this.mustGet(tenantId, groupId);
    const rows = await this.ctx.store.tenant(tenantId).selectFrom('group_members').select(['member_id', 'member_type'])
      .where('group_id', '=', group.id).orderBy('created_at').orderBy('member_id').execute();
    return rows.map((r) => ({ id: r.member_id, type: r.member_type as DirectoryObjectType }));
  }

  /**
   * Ids of the groups a principal is a direct member of. Direct only, as Entra counts for app role assignments
   * ("nested groups are not supported for group-based assignment"). Cached: the token service asks per token.
   */
  groupsOf(tenantId: string, principalId: string): Promise<string[]> {
    return this.ctx.cache.get(tenantId, `groupsof:${principalId.toLowerCase()}`, async () => {
      const rows = await this.ctx.store.tenant(tenantId).selectFrom('group_members').select('group_id')
        .where('member_id', '=', principalId.toLowerCase()).orderBy('group_id').execute();
      return rows.map((r) => r.group_id);
    });
  }

  /** What kind of directory object an id names in the tenant, if any. */
  async objectType(tenantId: string, id: string): Promise<DirectoryObjectType | undefined> {
    if (!isGuid(id)) return undefined;
    const key = id.toLowerCase();
    const scope = this.ctx.store.tenant(tenantId);
    if (await scope.selectFrom('users').select('id').where('id', '=', key).executeTakeFirst()) return 'User';
    if (await scope.selectFrom('groups').select('id').where('id', '=', key).executeTakeFirst()) return 'Group';
    if (await scope.selectFrom('service_principals').select('id').where('id', '=', key).executeTakeFirst()) return 'ServicePrincipal';
    return undefined;
  }

  private async mustFindObject(tenantId: string, id: string): Promise<DirectoryObjectType> {
    const type = await this.objectType(tenantId, id);
    if (!type) throw notFound(id);
    return type;
  }

  private async mustGet(tenantId: string, id: string): Promise<Group> {
    const group = await this.get(tenantId, id);
    if (!group) throw notFound(id);
    return group;
  }

  private async write(tenantId: string, fn: (scope: TenantScope) => Promise<unknown>): Promise<void> {
    try {
      await this.ctx.store.transaction((trx) => fn(this.ctx.store.tenant(tenantId, trx)));
    } catch (err) {
      if (isUniqueViolation(err)) throw new DirectoryError('conflict', 'The object already exists.', 'members');
      throw err;
    } finally {
      this.ctx.cache.invalidate(tenantId);
    }
  }
}

function columns(displayName: string, data: GroupData) {
  return { display_name: displayName, display_name_lower: displayName.toLowerCase(), mail_nickname_lower: data.mailNickname.toLowerCase() };
}

function toGroup(row: { id: string; display_name: string; created_at: string; data: string }): Group {
  const data = parseData<GroupData>(row.data);
  return {
    id: row.id, displayName: row.display_name, description: data.description, mailNickname: data.mailNickname, mailEnabled: false,
    securityEnabled: data.securityEnabled, groupTypes: [], createdDateTime: row.created_at,
  };
}
