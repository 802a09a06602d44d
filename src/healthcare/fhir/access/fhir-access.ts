/**
 * FhirAccess: who may call a FHIR service and what they may do. Every request's bearer token is verified in
 * process by the verifier Graph and the STS share (same key ring, same cache of verified tokens); the caller's FHIR
 * roles on the service come from the directory by `oid`, groups included, and are re-read after any directory
 * write. As in Azure's managed service, `scp` is not consulted for the ordinary roles; the FHIR SMART User role
 * grants only what the token's SMART scopes allow, confined for `patient` scopes to the fhirUser's compartment.
 */
import { AccessTokenError, accessTokenVerifier, type AccessTokenVerifier } from '../../../access/access-token-verifier.js';
import { bearerToken } from '../../../access/bearer-token.js';
import type { Caller } from '../../../access/caller.js';
import type { FhirRole } from '../../../directory/healthcare-roles.js';
import type { Services } from '../../../services.js';
import type { SearchRequest } from '../search/types.js';
import { isSmartRole, roleAllows, type DataAction } from './data-actions.js';
import { fhirUserOf } from './fhir-user.js';
import { authenticationFailed, authorizationFailed, fhirUserMissing } from './refusals.js';
import { smartAllows, smartSearchRestriction, type AccessTarget, type SmartAccess } from './smart-access.js';
import { smartScopes } from './smart-scopes.js';

export type { DataAction } from './data-actions.js';
export type { AccessTarget, SmartAccess } from './smart-access.js';

/** The FHIR service a request addresses. */
export interface FhirServiceIdentity { tenantId: string; workspace: string; name: string; url: string }

/** An authenticated caller of one FHIR service, with the roles it holds there. */
export interface FhirPrincipal {
  caller: Caller;
  roles: FhirRole[];
  service: FhirServiceIdentity;
  /** Present when the caller holds the FHIR SMART User role: what its scopes and fhirUser allow. */
  smart?: SmartAccess;
}

export class FhirAccess {
  private readonly verifier: AccessTokenVerifier;

  constructor(private readonly services: Services) {
    this.verifier = accessTokenVerifier(services.directory, services.publicUrl);
  }

  /** The principal behind an Authorization header, or FhirError 401 (no/invalid token), 403 (no role), 400 (SMART without fhirUser). */
  async authenticate(authorization: string | undefined, service: FhirServiceIdentity): Promise<FhirPrincipal> {
    const refuse = (reason?: string) => authenticationFailed(this.services.publicUrl(), service, reason);
    const token = bearerToken(authorization);
    if (!token) throw refuse();
    let caller: Caller;
    try {
      caller = await this.verifier.verify(token, [service.url, `${service.url}/`]);
    } catch (err) {
      if (err instanceof AccessTokenError) throw refuse(err.message);
      throw err;
    }
    // The service trusts only its own tenant's authority, as a managed service trusts the tenant it is deployed in.
    if (caller.tenantId !== service.tenantId) throw refuse('Access token validation failure. Invalid issuer.');
    const roles = await this.services.directory.healthcare.fhirRolesOf(service.tenantId, service.workspace, service.name, caller.oid);
    if (roles.length === 0) throw authorizationFailed();
    const principal: FhirPrincipal = { caller, roles, service };
    if (roles.some(isSmartRole)) {
      const smart = this.smartAccess(caller, service);
      // SMART is the caller's only way in: its scopes are unusable without a fhirUser.
      if (smart === 'invalid') {
        if (roles.every(isSmartRole)) throw fhirUserMissing();
      } else {
        principal.smart = smart;
      }
    }
    return principal;
  }

  /** Allow the interaction or throw FhirError 403. Pass the resource once known: SMART patient scopes check its compartment. */
  require(principal: FhirPrincipal, action: DataAction, target?: AccessTarget): void {
    if (!this.allows(principal, action, target)) throw authorizationFailed();
  }

  /** Whether the interaction is allowed (require without the throw). */
  allows(principal: FhirPrincipal, action: DataAction, target?: AccessTarget): boolean {
    if (principal.roles.some((r) => !isSmartRole(r) && roleAllows(r, action))) return true;
    return principal.smart !== undefined && principal.roles.some((r) => isSmartRole(r) && roleAllows(r, action))
      && smartAllows(principal.smart, action, target);
  }

  /** The limits a search must apply (SMART callers only); undefined when the caller may search everything. */
  searchRestriction(principal: FhirPrincipal): SearchRequest['restrict'] | undefined {
    if (principal.roles.some((r) => !isSmartRole(r) && roleAllows(r, 'search'))) return undefined;
    if (!principal.smart) return { resourceTypes: [] };
    const restrict = smartSearchRestriction(principal.smart);
    return restrict.patientId === undefined && restrict.resourceTypes === undefined ? undefined : restrict;
  }

  /** SMART limits from the token, or 'invalid' when it has clinical patient/user scopes but no usable fhirUser. */
  private smartAccess(caller: Caller, service: FhirServiceIdentity): SmartAccess | 'invalid' {
    const scopes = smartScopes(caller.scopes);
    const fhirUser = fhirUserOf(caller, service.url);
    const needsFhirUser = scopes.some((s) => s.level !== 'system');
    if (needsFhirUser && (fhirUser === undefined || fhirUser === 'invalid')) return 'invalid';
    const ref = fhirUser === 'invalid' ? undefined : fhirUser;
    return {
      scopes, serviceUrl: service.url,
      ...(ref ? { fhirUser: ref } : {}),
      ...(ref?.resourceType === 'Patient' ? { patientId: ref.id } : {}),
    };
  }
}
