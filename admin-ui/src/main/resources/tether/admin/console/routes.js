// The routing rules: read-only JSON, and a text area to replace the whole table. The API checks the
// table and lists every problem, which shows under the text area.

import { api } from './api.js';
import { clearError, setText, show, showError } from './dom.js';

export class RoutesView {
  constructor({ changed }) {
    this.changed = changed;
    this.json = document.getElementById('routes-json');
    this.form = document.getElementById('routes-form');
    this.text = document.getElementById('routes-text');
    this.error = document.getElementById('routes-error');
    this.status = document.getElementById('routes-status');
    this.editButton = document.getElementById('routes-edit');
    this.current = null;
    document.getElementById('routes-reload').addEventListener('click', () => this.load());
    this.editButton.addEventListener('click', () => this.edit());
    document.getElementById('routes-cancel').addEventListener('click', () => this.closeEditor());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.replace();
    });
  }

  async load() {
    clearError(this.error);
    try {
      this.current = await api.routes();
      setText(this.json, JSON.stringify(this.current, null, 2));
    } catch (error) {
      showError(this.error, error);
    }
  }

  edit() {
    clearError(this.error, this.form);
    setText(this.status, '');
    this.text.value = JSON.stringify(this.current || {}, null, 2);
    show(this.form, true);
    this.text.focus();
  }

  closeEditor() {
    clearError(this.error, this.form);
    show(this.form, false);
    this.editButton.focus();
  }

  async replace() {
    clearError(this.error, this.form);
    setText(this.status, '');
    try {
      this.current = await api.replaceRoutes(this.text.value);
      setText(this.json, JSON.stringify(this.current, null, 2));
      show(this.form, false);
      setText(this.status, 'Routes replaced.');
      this.editButton.focus();
      this.changed();
    } catch (error) {
      // The API names the field "routes" (or "body" for malformed JSON): both are this text area.
      showError(this.error, error);
      this.text.setAttribute('aria-invalid', 'true');
      this.text.setAttribute('aria-describedby', this.error.id);
    }
  }

  clear() {
    this.current = null;
    setText(this.json, '');
    show(this.form, false);
    clearError(this.error, this.form);
    setText(this.status, '');
  }
}
