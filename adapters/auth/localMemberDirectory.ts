import { ConflictError } from '../../core/errors';
import type { AccountRepository } from '../../core/ports/accountRepository';
import type { MemberDirectory } from '../../core/ports/memberDirectory';

/** Local mode: members sign in with the local logins; an invite is a link the owner copies. */
export function localMemberDirectory(accounts: () => Pick<AccountRepository, 'findLocalLogin' | 'deleteLocalLogin'>): MemberDirectory {
  return {
    delivery: 'link',
    async invite({ email }) {
      // An email belongs to one tenant: its login names it.
      if ((await accounts().findLocalLogin(email)) !== null) throw new ConflictError(`${email} already has a VTrack account`);
    },
    async remove({ tenantId, email }) {
      const login = await accounts().findLocalLogin(email);
      if (login !== null && login.tenantId === tenantId) await accounts().deleteLocalLogin(email);
    },
  };
}
