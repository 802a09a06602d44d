import { randomBytes, randomInt } from 'node:crypto';
import { sha256Hex } from '../lib/crypto.js';
import { isUniqueViolation } from '../store/store.js';
import { parseData, type DirectoryContext } from './context.js';

/** What /devicecode was asked for, for the token poll to honour. */
export interface DeviceCodeRequest {
  tenantId: string;
  tenantSegment: string;
  version: 1 | 2;
  clientId: string;
  /** The scope parameter as requested (v2), or the OIDC scopes on v1. */
  scope: string;
  resource?: string;
}

export type DeviceCodeStatus = 'pending' | 'approved' | 'declined' | 'redeemed';

export interface DeviceCodeRecord {
  request: DeviceCodeRequest;
  userCode: string;
  status: DeviceCodeStatus;
  expiresAt: Date;
  userId?: string;
  /** Epoch seconds of the user's authentication on the verification page. */
  authTime?: number;
}

export type PollResult =
  | { status: 'pending' | 'declined' | 'expired' | 'unknown' }
  | { status: 'approved'; record: DeviceCodeRecord & { userId: string; authTime: number } }
  | { status: 'redeemed' };

export const DEVICE_CODE_LIFETIME_MS = 15 * 60 * 1000;
/** Unambiguous letters and digits (no 0/O, 1/I/L), as people type them from another screen. */
const USER_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Device authorization (RFC 8628): a device code polled by the client, a short user code typed by the user. */
export class DeviceCodes {
  constructor(private readonly ctx: DirectoryContext) {}

  async create(request: DeviceCodeRequest): Promise<{ deviceCode: string; userCode: string; expiresAt: Date }> {
    const deviceCode = randomBytes(32).toString('base64url');
    const now = this.ctx.clock.now();
    const expiresAt = new Date(now.getTime() + DEVICE_CODE_LIFETIME_MS);
    for (let attempt = 0; ; attempt++) {
      const userCode = Array.from({ length: 9 }, () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]).join('');
      try {
        await this.ctx.store.tenant(request.tenantId).insert('device_codes', {
          device_code_hash: sha256Hex(deviceCode), user_code: userCode, data: JSON.stringify(request), status: 'pending',
          user_id: null, auth_time: null, expires_at: expiresAt.toISOString(), created_at: now.toISOString(),
        });
        return { deviceCode, userCode, expiresAt };
      } catch (err) {
        if (!isUniqueViolation(err) || attempt >= 5) throw err;
      }
    }
  }

  /** The pending or finished request a user code names (case-insensitive, dashes and spaces ignored). */
  async findByUserCode(userCode: string): Promise<DeviceCodeRecord | undefined> {
    const normalized = userCode.toUpperCase().replace(/[\s-]/g, '');
    const row = await this.ctx.store.db.selectFrom('device_codes').selectAll().where('user_code', '=', normalized).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** The user signed in and approved on the verification page. False if the code is no longer pending. */
  async approve(userCode: string, userId: string, authTime: number): Promise<boolean> {
    return this.settle(userCode, { status: 'approved', user_id: userId, auth_time: String(authTime) });
  }

  async decline(userCode: string): Promise<boolean> {
    return this.settle(userCode, { status: 'declined' });
  }

  /** The client's poll. An approved code is handed out once: the first poll that sees it marks it redeemed. */
  async poll(deviceCode: string): Promise<PollResult> {
    const hash = sha256Hex(deviceCode);
    const row = await this.ctx.store.db.selectFrom('device_codes').selectAll().where('device_code_hash', '=', hash).executeTakeFirst();
    if (!row) return { status: 'unknown' };
    const record = toRecord(row);
    if (record.status === 'redeemed') return { status: 'redeemed' };
    if (record.expiresAt.getTime() <= this.ctx.clock.now().getTime()) return { status: 'expired' };
    if (record.status !== 'approved') return { status: record.status };
    const result = await this.ctx.store.tenant(row.tenant_id).updateTable('device_codes').set({ status: 'redeemed' })
      .where('device_code_hash', '=', hash).where('status', '=', 'approved').executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return { status: 'redeemed' };
    return { status: 'approved', record: record as DeviceCodeRecord & { userId: string; authTime: number } };
  }

  private async settle(userCode: string, values: { status: DeviceCodeStatus; user_id?: string; auth_time?: string }): Promise<boolean> {
    const record = await this.findByUserCode(userCode);
    if (!record || record.expiresAt.getTime() <= this.ctx.clock.now().getTime()) return false;
    const result = await this.ctx.store.tenant(record.request.tenantId).updateTable('device_codes').set(values)
      .where('user_code', '=', record.userCode).where('status', '=', 'pending').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

function toRecord(row: { user_code: string; data: string; status: string; user_id: string | null; auth_time: string | null; expires_at: string }): DeviceCodeRecord {
  return {
    request: parseData<DeviceCodeRequest>(row.data), userCode: row.user_code, status: row.status as DeviceCodeStatus,
    expiresAt: new Date(row.expires_at), ...(row.user_id ? { userId: row.user_id } : {}),
    ...(row.auth_time ? { authTime: Number(row.auth_time) } : {}),
  };
}
