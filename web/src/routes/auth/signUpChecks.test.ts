import { afterEach, describe, expect, it } from 'vitest';
import { chooseLocale } from '../../lib/i18n/locale';
import { signUpFormErrors, signUpProblems } from './signUpChecks';

afterEach(() => chooseLocale('en'));

describe('signUpProblems', () => {
  it('names every field at fault at once', () => {
    expect(signUpProblems({ tenantName: '  ', email: 'shop.example', password: 'short' })).toEqual({
      tenantName: 'Enter your shop or team name.',
      email: 'Enter an email address such as name@shop.vn.',
      password: 'Use at least 8 characters.',
    });
  });

  it('finds nothing wrong in a good form, Vietnamese names and spaces around the email included', () => {
    expect(signUpProblems({ tenantName: 'Kho Sài Gòn', email: ' chu@kho-saigon.vn ', password: 'mật khẩu dài' })).toEqual({});
  });

  it('words the problems in Vietnamese on a Vietnamese page', () => {
    chooseLocale('vi');
    expect(signUpProblems({ tenantName: '', email: '', password: '' })).toEqual({
      tenantName: 'Nhập tên cửa hàng hoặc nhóm của bạn.',
      email: 'Nhập email của bạn.',
      password: 'Nhập mật khẩu.',
    });
  });

  it('holds a Cognito sign-up to the user pool’s password policy, in the page’s words', () => {
    expect(signUpProblems({ tenantName: 'Kho', email: 'a@b.vn', password: 'longbutsimple' }, 'cognito')).toEqual({
      password: 'Use at least 12 characters, with upper- and lower-case letters, a digit and a symbol.',
    });
    expect(signUpProblems({ tenantName: 'Kho', email: 'a@b.vn', password: 'Kho-SaiGon-2026!' }, 'cognito')).toEqual({});
  });
});

describe('signUpFormErrors', () => {
  it('gives both sign-up forms every problem at once, counted above the form when there are several', () => {
    // Act
    const several = signUpFormErrors({ tenantName: '', email: 'shop.example', password: 'Kho-SaiGon-2026!' }, 'cognito');
    const one = signUpFormErrors({ tenantName: 'Kho', email: 'a@b.vn', password: 'short' });
    const none = signUpFormErrors({ tenantName: 'Kho', email: 'a@b.vn', password: 'Kho-SaiGon-2026!' }, 'cognito');

    // Assess
    expect(several).toEqual({
      fields: { tenantName: 'Enter your shop or team name.', email: 'Enter an email address such as name@shop.vn.' },
      form: '2 fields need your attention.',
    });
    expect(one).toEqual({ fields: { password: 'Use at least 8 characters.' }, form: '' });
    expect(none).toBeNull();
  });
});
