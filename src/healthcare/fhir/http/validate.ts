/**
 * Validation of every resource we are asked to store, against the R4 StructureDefinitions (through
 * @medplum/core's validator), and the `$validate` operation that exposes the same check.
 */
import { OperationOutcomeError, validateResource } from '@medplum/core';
import type { OperationOutcomeIssue, Parameters, Resource } from '@medplum/fhirtypes';
import { fhirDefinitions, isResourceType } from '../definitions.js';
import { badRequest, FhirError, operationOutcome } from '../outcome.js';
import { jsonShapeIssues } from './json-shape.js';
import type { FhirCall, FhirResponse } from './types.js';

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** True when `id` is a valid FHIR logical id. */
export function isValidId(id: string): boolean {
  return ID.test(id);
}

/** A JSON value that claims to be a resource: an object with a string resourceType of R4; 400 otherwise. */
export function asResource(body: unknown, expression = 'resourceType'): Resource {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a FHIR resource (a JSON object with a resourceType).');
  }
  const type = (body as { resourceType?: unknown }).resourceType;
  if (typeof type !== 'string') throw badRequest('The resource has no resourceType.', [expression]);
  if (!isResourceType(type)) throw badRequest(`'${type}' is not a FHIR R4 resource type.`, [expression]);
  return body as Resource;
}

/** The structural issues of a resource; throws nothing. */
export function structuralIssues(resource: Resource): OperationOutcomeIssue[] {
  fhirDefinitions();
  const shape = jsonShapeIssues(resource);
  try {
    return [...shape, ...validateResource(resource)];
  } catch (err) {
    if (err instanceof OperationOutcomeError) return [...shape, ...(err.outcome.issue ?? [])];
    throw err;
  }
}

/** 400 with every failing path in `expression` when the resource does not conform to R4. */
export function validateForWrite(resource: Resource): void {
  const errors = structuralIssues(resource).filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (errors.length) throw FhirError.withIssues(400, errors.map(toIssue));
}

/** Medplum puts the message in details.text (its diagnostics may be a FHIRPath dump); clients read diagnostics. */
function toIssue(issue: OperationOutcomeIssue): OperationOutcomeIssue {
  const text = issue.details?.text ?? issue.diagnostics ?? 'Invalid resource.';
  return { severity: issue.severity, code: issue.code ?? 'invalid', diagnostics: text, ...(issue.expression ? { expression: issue.expression } : {}) };
}

/**
 * A resource to be stored: valid R4, of the type the URL names and, when the URL names an id (update), with
 * that id in the body (FHIR: the ids must match; a missing one is an error too).
 */
export function checkWrite(body: unknown, type: string, urlId?: string): Resource {
  const resource = asResource(body);
  if (resource.resourceType !== type) {
    throw badRequest(`The resource type '${resource.resourceType}' in the body does not match '${type}' in the URL.`, ['resourceType']);
  }
  if (resource.id !== undefined && typeof resource.id !== 'string') throw badRequest('The resource id must be a string.', [`${type}.id`]);
  if (urlId !== undefined) {
    if (resource.id === undefined) throw badRequest('The resource must have an id that matches the URL.', [`${type}.id`]);
    if (resource.id !== urlId) throw badRequest(`The id '${resource.id}' in the body does not match '${urlId}' in the URL.`, [`${type}.id`]);
  }
  if (resource.id !== undefined && !isValidId(resource.id)) {
    throw badRequest('The resource id is not a valid FHIR id ([A-Za-z0-9-.], 1 to 64 characters).', [`${type}.id`]);
  }
  validateForWrite(resource);
  return resource;
}

/** `POST [type]/$validate` (and `[type]/[id]/$validate`): 200 with an OperationOutcome either way, as FHIR says. */
export function validateOperation(call: FhirCall, type: string): FhirResponse {
  call.access.require(call.principal, 'read', { resourceType: type });
  let body = call.request.body;
  if (isParameters(body)) body = body.parameter?.find((p) => p.name === 'resource')?.resource;
  const resource = asResource(body);
  if (resource.resourceType !== type) {
    throw badRequest(`The resource type '${resource.resourceType}' does not match '${type}' in the URL.`, ['resourceType']);
  }
  const issues = structuralIssues(resource).map(toIssue);
  const all = issues.length ? issues : [{ severity: 'information' as const, code: 'informational' as const, diagnostics: 'All OK' }];
  return { status: 200, body: operationOutcome(all) };
}

function isParameters(body: unknown): body is Parameters {
  return typeof body === 'object' && body !== null && (body as Resource).resourceType === 'Parameters';
}
