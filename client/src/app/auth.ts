import { type MessageKey, onLangChange, t } from '../i18n/index.js';
import { ApiError } from '../net/api.js';
import { byId, h, replace } from '../ui/dom.js';
import { toast } from '../ui/toast.js';
import type { Account, PublicUser } from './account.js';
import { retryAfterOf } from './api-watch.js';

const ROLE_KEYS: Record<PublicUser['role'], MessageKey> = {
  viewer: 'auth.role.viewer',
  applicant: 'auth.role.applicant',
  regulator: 'auth.role.regulator',
  admin: 'auth.role.admin',
};

export const roleName = (role: PublicUser['role']): string => t(ROLE_KEYS[role]);

/** "try again in 2 min" from Retry-After seconds */
function waitText(seconds: number): string {
  return seconds >= 90 ? t('auth.minutes', { n: Math.ceil(seconds / 60) }) : t('auth.seconds', { n: seconds });
}

/** The dialog's error line: the server's own message (401, 400), with the wait for a 429. */
export function signInErrorText(e: unknown): string {
  if (!(e instanceof ApiError)) return t('auth.failed', { message: String(e) });
  if (e.code === 'network') return t('common.serverDown');
  const retry = e.status === 429 ? retryAfterOf('/api/auth/sign-in') : undefined;
  if (retry !== undefined) return t('auth.retryIn', { message: e.message, time: waitText(retry) });
  return e.describe();
}

/**
 * The sign-in dialog: a modal <dialog> (focus moves in and is trapped, Escape closes), labelled fields with the
 * browser's password-manager hints, and the server's message in an alert line when sign-in fails.
 */
class SignInDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly title = h('h2', { id: 'sign-in-title' });
  private readonly hint = h('p', { class: 'muted', id: 'sign-in-hint' });
  private readonly emailLabel = h('span');
  private readonly passwordLabel = h('span');
  private readonly email = h('input', {
    id: 'sign-in-email',
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    required: true,
    maxlength: 254,
  });
  private readonly password = h('input', {
    id: 'sign-in-password',
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
    maxlength: 1024,
  });
  private readonly error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'sign-in-error' });
  private readonly submit = h('button', { type: 'submit', class: 'btn primary', 'data-testid': 'sign-in-submit' });
  private readonly cancel = h('button', { type: 'button', class: 'btn' });
  private busy = false;

  constructor(private readonly account: Account) {
    const form = h(
      'form',
      { class: 'sign-in-form', novalidate: true },
      this.title,
      this.hint,
      h('label', { for: 'sign-in-email' }, this.emailLabel),
      this.email,
      h('label', { for: 'sign-in-password' }, this.passwordLabel),
      this.password,
      this.error,
      h('div', { class: 'dialog-actions' }, this.submit, this.cancel),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
    this.cancel.addEventListener('click', () => this.dialog.close());
    this.dialog = h(
      'dialog',
      {
        id: 'sign-in-dialog',
        class: 'sign-in-dialog',
        'aria-labelledby': 'sign-in-title',
        'aria-describedby': 'sign-in-hint',
      },
      form,
    );
    document.body.append(this.dialog);
    this.render();
    onLangChange(() => this.render());
  }

  open(): void {
    this.error.textContent = '';
    this.password.value = '';
    this.dialog.showModal();
    (this.email.value ? this.password : this.email).focus();
  }

  private render(): void {
    this.title.textContent = t('auth.dialogTitle');
    this.hint.textContent = t('auth.dialogHint');
    this.emailLabel.textContent = t('auth.email');
    this.passwordLabel.textContent = t('auth.password');
    this.submit.textContent = this.busy ? t('auth.signingIn') : t('auth.submit');
    this.cancel.textContent = t('common.cancel');
  }

  private async send(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.submit.disabled = true;
    this.error.textContent = '';
    this.render();
    try {
      await this.account.signIn(this.email.value.trim(), this.password.value);
      this.password.value = '';
      this.dialog.close();
      // the button that opened the dialog is gone (the bar now shows the account): focus its replacement
      document.getElementById('sign-out')?.focus();
    } catch (e) {
      this.error.textContent = signInErrorText(e);
      this.password.select();
      this.password.focus();
    } finally {
      this.busy = false;
      this.submit.disabled = false;
      this.render();
    }
  }
}

/**
 * The top bar's account corner (#auth): a "Sign in" button for visitors; the user's email, role and a
 * "Sign out" button once signed in. Focus returns to the corner's button after each change.
 */
export function mountAccountBar(account: Account): void {
  const box = byId('auth');
  const dialog = new SignInDialog(account);
  const signOut = async () => {
    try {
      await account.signOut();
      toast(t('auth.signedOut'));
    } catch (e) {
      toast(t('auth.signOutFailed', { message: e instanceof Error ? e.message : String(e) }), 'error');
    }
  };
  const render = () => {
    const user = account.user;
    const hadFocus = box.contains(document.activeElement);
    if (!user) {
      replace(
        box,
        h(
          'button',
          { type: 'button', class: 'lang', id: 'sign-in-open', 'data-testid': 'sign-in', onclick: () => dialog.open() },
          t('auth.signIn'),
        ),
      );
    } else {
      const label = t('auth.signedIn', { email: user.email, role: roleName(user.role) });
      replace(
        box,
        h(
          'span',
          { class: 'auth-user', 'data-testid': 'auth-user', 'data-role': user.role, title: label },
          h('span', { class: 'auth-email' }, user.email),
          ' ',
          h('span', { class: 'auth-role' }, roleName(user.role)),
        ),
        h(
          'button',
          { type: 'button', class: 'lang', id: 'sign-out', 'data-testid': 'sign-out', onclick: () => void signOut() },
          t('auth.signOut'),
        ),
      );
    }
    if (hadFocus) box.querySelector('button')?.focus();
    document.body.dataset.auth = user ? user.role : 'anonymous';
  };
  render();
  account.onChange(render);
  onLangChange(render);
}
