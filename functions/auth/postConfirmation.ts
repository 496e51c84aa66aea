import { AdminUpdateUserAttributesCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { provisionCognitoTenant } from '../../core/accounts/provisionCognitoTenant';
import type { AccountRepository } from '../../core/ports/accountRepository';
import { systemClock, type Clock } from '../../core/ports/clock';
import { DynamoAccountRepository } from '../../adapters/dynamodb/dynamoAccountRepository';
import { makeTableContext } from '../../adapters/dynamodb/tableContext';
import { readConfig } from '../config';
import { makeLogger, type Logger } from '../../adapters/logging/logger';

export interface PostConfirmationDeps {
  readonly accounts: AccountRepository;
  readonly clock: Clock;
  readonly cognito: CognitoIdentityProviderClient;
  readonly logger: Logger;
}

/** The attribute handlers read the tenant from; only this trigger (an admin call) ever writes it. */
export const TENANT_ID_ATTRIBUTE = 'custom:tenantId';
/** Chosen by the user at sign-up; the user pool keeps it immutable afterwards. */
export const TENANT_NAME_ATTRIBUTE = 'custom:tenantName';

/**
 * Cognito post-confirmation trigger: the first run of a self-signed-up user in
 * AWS. Creates their tenant and owner rows, then sets `custom:tenantId` on the
 * user so the next ID token carries it. Rows go first: if setting the attribute
 * fails, the error reaches Cognito, which retries, and the retry finds the rows
 * and writes the same ids. Cognito requires the event back unchanged.
 */
export function makeHandler(deps: () => PostConfirmationDeps) {
  return async (event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> => {
    // ConfirmForgotPassword also lands here; a password reset provisions nothing.
    if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
    const { accounts, clock, cognito, logger } = deps();
    const attributes = event.request.userAttributes;
    const existing = attributes[TENANT_ID_ATTRIBUTE];
    if (existing !== undefined && existing !== '') {
      // Set by an administrator before confirmation (an invited member): not ours to replace.
      logger.info({ tenantId: existing, userPoolId: event.userPoolId }, 'confirmed user already belongs to a tenant');
      return event;
    }
    try {
      const provisioned = await provisionCognitoTenant(
        { accounts, clock },
        { sub: attributes['sub'] ?? '', email: attributes['email'] ?? '', tenantName: attributes[TENANT_NAME_ATTRIBUTE] },
      );
      await cognito.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: event.userPoolId,
          Username: event.userName,
          UserAttributes: [{ Name: TENANT_ID_ATTRIBUTE, Value: provisioned.tenantId }],
        }),
      );
      logger.info({ tenantId: provisioned.tenantId, userId: provisioned.userId, created: provisioned.created }, 'tenant provisioned');
      return event;
    } catch (error) {
      logger.error({ err: error, userPoolId: event.userPoolId }, 'tenant provisioning failed');
      throw error;
    }
  };
}

let wired: PostConfirmationDeps | undefined;

/** Wired with real clients on first use; a trigger needs only the table and Cognito. */
export const handler = makeHandler(() => {
  if (wired === undefined) {
    const config = readConfig(process.env);
    wired = {
      accounts: new DynamoAccountRepository(makeTableContext({ tableName: config.tableName })),
      clock: systemClock,
      cognito: new CognitoIdentityProviderClient({}),
      logger: makeLogger(config.logLevel),
    };
  }
  return wired;
});
