/**
 * The Patients a Group-level export covers: the Group's active members whose entity is a Patient reference
 * (relative, or absolute on this service's base). Read once at kick-off, so the job exports the Group as it was.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import { notFound } from '../outcome.js';

interface GroupMember { entity?: { reference?: string }; inactive?: boolean }

/** The member Patients' ids of Group/{groupId}, or a 404 OperationOutcome when there is no such Group. */
export async function groupPatientIds(db: Kysely<Database>, serviceId: string, baseUrl: string, groupId: string): Promise<string[]> {
  const row = await db.selectFrom('fhir_resources').select(['deleted', 'content'])
    .where('service_id', '=', serviceId).where('resource_type', '=', 'Group').where('id', '=', groupId).executeTakeFirst();
  if (!row || Number(row.deleted) || row.content === null) {
    throw notFound(`Resource type 'Group' with id '${groupId}' couldn't be found.`);
  }
  const group = JSON.parse(row.content) as { member?: GroupMember[] };
  const ids = new Set<string>();
  for (const member of group.member ?? []) {
    if (member.inactive === true) continue;
    const id = patientId(member.entity?.reference, baseUrl);
    if (id) ids.add(id);
  }
  return [...ids];
}

const PATIENT_REF = /^Patient\/([A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/;

function patientId(reference: string | undefined, baseUrl: string): string | undefined {
  if (!reference) return undefined;
  const relative = reference.startsWith(`${baseUrl}/`) ? reference.slice(baseUrl.length + 1) : reference;
  return PATIENT_REF.exec(relative)?.[1];
}
