/**
 * FhirError: the FHIR surface's one error family. Every refusal becomes an OperationOutcome with the HTTP
 * status of the FHIR specification (and of Azure's FHIR service), mapped in one place.
 */
import { randomUUID } from 'node:crypto';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

/** OperationOutcome.issue.code values we use (http://hl7.org/fhir/issue-type). */
export type IssueType =
  | 'invalid' | 'structure' | 'required' | 'value' | 'invariant' | 'security' | 'login' | 'forbidden'
  | 'not-found' | 'deleted' | 'not-supported' | 'duplicate' | 'conflict' | 'processing' | 'too-costly'
  | 'exception' | 'informational' | 'business-rule' | 'incomplete' | 'throttled' | 'timeout';

export class FhirError extends Error {
  readonly issues: OperationOutcomeIssue[];

  constructor(
    readonly status: number,
    code: IssueType,
    diagnostics: string,
    expression?: string[],
    /** Extra response headers, e.g. WWW-Authenticate on 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(diagnostics);
    this.name = 'FhirError';
    this.issues = [{ severity: 'error', code, diagnostics, ...(expression?.length ? { expression } : {}) }];
  }

  /** An error carrying several issues (e.g. every validation failure at once). */
  static withIssues(status: number, issues: OperationOutcomeIssue[]): FhirError {
    const first = issues[0];
    const err = new FhirError(status, (first?.code as IssueType) ?? 'invalid', first?.diagnostics ?? first?.details?.text ?? 'Invalid request.');
    err.issues.splice(0, err.issues.length, ...issues);
    return err;
  }

  outcome(): OperationOutcome {
    return operationOutcome(this.issues);
  }
}

/** An OperationOutcome with a fresh correlation id, as Azure's FHIR service returns. */
export function operationOutcome(issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', id: randomUUID().replace(/-/g, ''), issue: issues };
}

export const badRequest = (diagnostics: string, expression?: string[]) => new FhirError(400, 'invalid', diagnostics, expression);
export const notFound = (diagnostics: string) => new FhirError(404, 'not-found', diagnostics);
export const gone = (diagnostics: string) => new FhirError(410, 'deleted', diagnostics);
export const preconditionFailed = (diagnostics: string) => new FhirError(412, 'conflict', diagnostics);
