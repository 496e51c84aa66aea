import type { Role } from '../accounts/role';
import type { IsoDate } from './collections';

/** One member of the tenant. */
export interface MemberView {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  readonly joinedAt: IsoDate;
  /** The caller. */
  readonly you: boolean;
}

/** One invite not yet accepted. */
export interface InviteView {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly invitedAt: IsoDate;
  readonly expiresAt: IsoDate;
  /** True once it can no longer be accepted; invite again to send a new one. */
  readonly expired: boolean;
}

/** `GET /api/team`. */
export interface TeamView {
  readonly members: readonly MemberView[];
  readonly invites: readonly InviteView[];
  /** How invites reach people here: Cognito emails them (AWS), or a link to copy (local mode). */
  readonly delivery: 'email' | 'link';
}

/** `POST /api/team/invites`. */
export interface InviteBody {
  readonly email: string;
  readonly role: Role;
}

/** `POST /api/team/invites` answers the invite and, in local mode, the link to pass on (shown once). */
export interface InvitedView {
  readonly invite: InviteView;
  /** Local mode: the site path that accepts the invite (`/join/<token>`); null when Cognito emailed the invitee. */
  readonly joinPath: string | null;
}

/** `PATCH /api/team/members/{userId}`. */
export interface MemberPatchBody {
  readonly role: Role;
}

/** `POST /api/auth/local/accept-invite`: the link's token and the password the invitee chooses. */
export interface AcceptInviteBody {
  readonly token: string;
  readonly password: string;
}
