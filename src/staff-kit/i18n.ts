import { commonMessages, createI18n } from '../shared/i18n';

/**
 * Staff words the clerk console and the dashboard share: login, logout, who is signed in (store
 * and role), and the refusals a login or an ended session can meet. The keys keep the `clerk.`
 * prefix they had when the console was their only user, so no screen or test had to change.
 */

const ja = {
  'clerk.login.title': 'スタッフログイン',
  'admin.login.title': '管理者ログイン',
  'clerk.login.username': 'スタッフID',
  'clerk.login.password': 'パスワード',
  'clerk.login.submit': 'ログイン',
  'clerk.login.demo': 'デモ用アカウント（開発環境のみ）: パスワード {password}',
  'clerk.logout': 'ログアウト',
  'clerk.whoami': '{name}（{store}・{role}）',
  'clerk.role.clerk': 'スタッフ',
  'clerk.role.manager': '店長',
  'clerk.role.admin': '管理者',
  'clerk.role.marketing': 'マーケティング',
  'clerk.refusal.invalid_credentials': 'スタッフIDまたはパスワードが違うか、アカウントがロック中です（5 回失敗で 15 分ロック）。お困りの場合は店長に連絡してください',
  'clerk.refusal.too_many_login_attempts': 'このネットワークからのログイン失敗が多すぎます。しばらく待ってから再度お試しいただくか、店長に連絡してください',
  'clerk.refusal.staff_session_required': 'ログインの有効期限が切れました。もう一度ログインしてください',
  'clerk.refusal.unknown': '受け付けられませんでした。入力を確認してもう一度お試しいただくか、店長に連絡してください',
} as const;

const en: Record<keyof typeof ja, string> = {
  'clerk.login.title': 'Staff login',
  'admin.login.title': 'Admin sign-in',
  'clerk.login.username': 'Staff id',
  'clerk.login.password': 'Password',
  'clerk.login.submit': 'Log in',
  'clerk.login.demo': 'Demo accounts (development only): password {password}',
  'clerk.logout': 'Log out',
  'clerk.whoami': '{name} ({store}, {role})',
  'clerk.role.clerk': 'clerk',
  'clerk.role.manager': 'manager',
  'clerk.role.admin': 'admin',
  'clerk.role.marketing': 'marketing',
  'clerk.refusal.invalid_credentials': 'Staff id or password is wrong, or the account is locked (5 failures lock it for 15 minutes). Ask a manager if you are stuck',
  'clerk.refusal.too_many_login_attempts': 'Too many failed logins from this network. Wait a while and try again, or ask a manager',
  'clerk.refusal.staff_session_required': 'Your staff session has ended. Please log in again',
  'clerk.refusal.unknown': 'This was not accepted. Check what you entered and try again, or ask a manager',
};

/** For the clerk's and the dashboard's catalogues, which include these words. */
export const staffMessages = { ja, en };

const catalogue = {
  ja: { ...commonMessages.ja, ...ja },
  en: { ...commonMessages.en, ...en },
};

export type MessageKey = keyof typeof catalogue.ja;

/** For the staff kit's own screens (login, header); the parts use their own catalogue, which includes these words. */
export const { translate, useI18n } = createI18n<MessageKey>(catalogue);
