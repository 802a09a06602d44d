/** A sign-in flow as the page steps see it: the account it needs, and how it goes on once a step is done. */
import type { FastifyReply } from 'fastify';
import type { Account } from './accounts.js';
import type { AccountNeeds } from './account-step.js';

export interface Flow {
  needs: AccountNeeds;
  /** Go on with the account just signed in or picked (undefined: decide from the browser's sessions). */
  proceed(account?: Account): Promise<FastifyReply>;
  /** The consent page was answered. */
  consent(account: Account, accept: boolean, forOrganization: boolean): Promise<FastifyReply>;
  /** The device-code "Are you trying to sign in to …?" page was answered. */
  confirm?(account: Account, accept: boolean): Promise<FastifyReply>;
}
