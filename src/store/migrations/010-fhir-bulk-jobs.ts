import type { Kysely } from 'kysely';

/**
 * Bulk $export and $import jobs and their output. A job row holds the request (JSON), its status and a progress
 * cursor, so a job resumes after a restart where its last committed chunk ended; `lease_owner`/`lease_expires_at`
 * let one process at a time work a job when several share a PostgreSQL database. Output files (an export's
 * NDJSON, an import's error OperationOutcomes) are kept in the database, one row per chunk and a file being its
 * chunks in order, so any process can serve them and an acknowledged chunk is as durable as the data it came from.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;
  await db.schema.createTable('fhir_bulk_jobs')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('tenant_id', text, (c) => c.notNull())
    .addColumn('service_id', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('request_url', text, (c) => c.notNull())
    .addColumn('requested_by', text, (c) => c.notNull())
    .addColumn('transaction_time', text, (c) => c.notNull())
    .addColumn('request', text, (c) => c.notNull())
    .addColumn('cursor', text, (c) => c.notNull())
    .addColumn('error', text)
    .addColumn('lease_owner', text)
    .addColumn('lease_expires_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('completed_at', text)
    .execute();
  await db.schema.createIndex('fhir_bulk_jobs_status').on('fhir_bulk_jobs').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('fhir_bulk_jobs_service').on('fhir_bulk_jobs').columns(['service_id', 'created_at']).execute();

  await db.schema.createTable('fhir_bulk_output')
    .addColumn('job_id', text, (c) => c.notNull())
    .addColumn('resource_type', text, (c) => c.notNull())
    .addColumn('file_no', int, (c) => c.notNull())
    .addColumn('part_no', int, (c) => c.notNull())
    .addColumn('count', int, (c) => c.notNull())
    .addColumn('content', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('fhir_bulk_output_pk', ['job_id', 'resource_type', 'file_no', 'part_no'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fhir_bulk_output').execute();
  await db.schema.dropTable('fhir_bulk_jobs').execute();
}
