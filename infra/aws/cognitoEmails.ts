/**
 * The emails Cognito itself sends (AWS only; local mode sends none): the
 * invitation of a team member,
 * and the code that confirms a new account or resets a password (one template
 * for both). A user pool has one template per message and cannot pick one by
 * the reader's language, so each says it in Vietnamese first (most shops are
 * in Vietnam), then in English. Cognito fills `{username}` (the email) and
 * `{####}` (the temporary password or the code) and sends the body as HTML.
 */
export interface CognitoEmail {
  readonly subject: string;
  readonly body: string;
}

export const invitationEmail: CognitoEmail = {
  subject: 'Bạn được mời vào VTrack · You are invited to VTrack',
  body: [
    '<p>Xin chào,</p>',
    '<p>Cửa hàng của bạn đã mời bạn dùng VTrack để tìm video đóng gói của đơn hàng. Đăng nhập bằng email <b>{username}</b> và mật khẩu tạm thời <b>{####}</b>; bạn sẽ được yêu cầu đặt mật khẩu mới. Mật khẩu tạm thời hết hạn sau 3 ngày.</p>',
    '<hr>',
    '<p>Hello,</p>',
    '<p>Your shop has invited you to VTrack, to find the packing video of any order. Sign in with the email <b>{username}</b> and the temporary password <b>{####}</b>; you will be asked to choose a new password. The temporary password expires in 3 days.</p>',
  ].join(''),
};

export const verificationEmail: CognitoEmail = {
  subject: 'Mã xác nhận VTrack · Your VTrack code',
  body: [
    '<p>Mã xác nhận VTrack của bạn là <b>{####}</b>. Nếu bạn không yêu cầu mã này, hãy bỏ qua email này.</p>',
    '<hr>',
    '<p>Your VTrack code is <b>{####}</b>. If you did not ask for it, ignore this email.</p>',
  ].join(''),
};
