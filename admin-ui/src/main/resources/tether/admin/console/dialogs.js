// Modal dialogs around a form: they take the focus when they open, close with Escape or Cancel, give
// the focus back to the button that opened them, and stay open with the API's error when a call fails.

import { clearError, showError } from './dom.js';

export class FormDialog {
  /** `dialog` is a <dialog> holding one <form>, an `.error` live region and `[data-close]` buttons. */
  constructor(dialog) {
    this.dialog = dialog;
    this.form = dialog.querySelector('form');
    this.error = dialog.querySelector('.error');
    this.opener = null;
    this.fallbackFocus = null;
    this.onSubmit = null;
    this.busy = false;
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit(event.submitter);
    });
    for (const button of dialog.querySelectorAll('[data-close]')) {
      button.addEventListener('click', () => this.close());
    }
    // Escape closes a modal <dialog> by itself; either way the focus goes back where it came from.
    dialog.addEventListener('close', () => this.restoreFocus());
  }

  /**
   * Opens the dialog. `onSubmit(formData, submitter)` makes the call; when it throws, the error stays
   * in the dialog. `fallbackFocus` (an element, or a function answering one) is focused when the
   * opener is gone by then (a removed server). `prepare(form)` fills the form in after its reset.
   */
  open({ opener, onSubmit, fallbackFocus, prepare }) {
    this.opener = opener;
    this.fallbackFocus = fallbackFocus || null;
    this.onSubmit = onSubmit;
    this.form.reset();
    clearError(this.error, this.form);
    if (prepare) {
      prepare(this.form);
    }
    this.dialog.showModal();
    const first = this.form.querySelector('[autofocus]') || this.form.querySelector('input, select, textarea, button');
    if (first) {
      first.focus();
      // A prefilled value is a suggestion: typing replaces it.
      if (first instanceof HTMLInputElement) {
        first.select();
      }
    }
  }

  close() {
    if (this.dialog.open) {
      this.dialog.close();
    }
  }

  async submit(submitter) {
    if (this.busy) {
      return;
    }
    this.busy = true;
    this.dialog.setAttribute('aria-busy', 'true');
    clearError(this.error, this.form);
    try {
      await this.onSubmit(new FormData(this.form), submitter);
      this.close();
    } catch (error) {
      showError(this.error, error, this.form);
    } finally {
      this.busy = false;
      this.dialog.removeAttribute('aria-busy');
    }
  }

  restoreFocus() {
    const fallback = typeof this.fallbackFocus === 'function' ? this.fallbackFocus() : this.fallbackFocus;
    const target = this.opener && this.opener.isConnected && !this.opener.closest('[hidden]')
      ? this.opener
      : fallback;
    if (target && target.isConnected) {
      target.focus();
    }
  }
}
