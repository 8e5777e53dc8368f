// The routing rules: read-only JSON, and a text area to replace the whole table. The API checks the
// table and lists every problem, which shows under the text area. A table set here at run time wins
// over the configuration file's until "Use configured routes" drops it.

import { api } from './api.js';
import { clearError, setText, show, showError } from './dom.js';

/** What the engine's optional "source" of the rules means; nothing is said when it does not tell. */
const SOURCE_NOTES = {
  config: 'These are the rules of the configuration file.',
  runtime: 'These rules were set at run time and replace those of the configuration file until dropped.',
};

export class RoutesView {
  constructor({ changed }) {
    this.changed = changed;
    this.json = document.getElementById('routes-json');
    this.form = document.getElementById('routes-form');
    this.text = document.getElementById('routes-text');
    this.error = document.getElementById('routes-error');
    this.status = document.getElementById('routes-status');
    this.editButton = document.getElementById('routes-edit');
    this.clearButton = document.getElementById('routes-clear');
    this.source = document.getElementById('routes-source');
    this.current = null;
    document.getElementById('routes-reload').addEventListener('click', () => this.load());
    this.editButton.addEventListener('click', () => this.edit());
    this.clearButton.addEventListener('click', () => this.useConfigured());
    document.getElementById('routes-cancel').addEventListener('click', () => this.closeEditor());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.replace();
    });
  }

  async load() {
    clearError(this.error);
    try {
      this.render(await api.routes());
    } catch (error) {
      showError(this.error, error);
    }
  }

  edit() {
    clearError(this.error, this.form);
    setText(this.status, '');
    // "source" is the engine's to say: the API ignores it in a new table, so it is left out here.
    const { source, ...table } = this.current || {};
    this.text.value = JSON.stringify(table, null, 2);
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
      this.render(await api.replaceRoutes(this.text.value));
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

  async useConfigured() {
    clearError(this.error, this.form);
    setText(this.status, '');
    try {
      this.render(await api.clearRoutes());
      show(this.form, false);
      setText(this.status, 'The configured routes apply again.');
      // The button just hid itself: the focus goes to its neighbour rather than back to the page.
      this.editButton.focus();
      this.changed();
    } catch (error) {
      showError(this.error, error);
    }
  }

  render(routes) {
    this.current = routes;
    setText(this.json, JSON.stringify(routes, null, 2));
    setText(this.source, SOURCE_NOTES[routes && routes.source] || '');
    show(this.clearButton, Boolean(routes) && routes.source === 'runtime');
  }

  clear() {
    this.current = null;
    setText(this.json, '');
    setText(this.source, '');
    show(this.clearButton, false);
    show(this.form, false);
    clearError(this.error, this.form);
    setText(this.status, '');
  }
}
