/**
 * Where members' credentials live: Cognito in AWS (an invite creates the user
 * there and Cognito emails a temporary password), the local sign-in's logins in
 * local mode (the invite is a link the owner copies).
 */
export interface MemberDirectory {
  /** 'email': the directory tells the invitee; 'link': the owner passes on the link the API returns. */
  readonly delivery: 'email' | 'link';
  /**
   * Makes an account for the invitee in the tenant; ConflictError if the email
   * has one already. `resend`: the earlier invite's account exists; tell the
   * invitee again (with a new temporary password).
   */
  invite(member: { readonly tenantId: string; readonly email: string }, options?: { readonly resend?: boolean }): Promise<void>;
  /** The member can no longer sign in. Gone already is fine. */
  remove(member: { readonly tenantId: string; readonly email: string }): Promise<void>;
}
