// The routing rules: read-only JSON, and a text area to replace the whole table. The API checks the
// table and lists every problem, which shows under the text area. A table set here at run time wins
// over the configuration file's until "Use configured routes" drops it. Each split also gets a small
// form for its weights, the one change a roll-out makes again and again; it sends the whole table with
// only those weights changed.

import { api } from './api.js';
import { clearError, h, idOf, integerOrText, setText, show, showError } from './dom.js';

/** What the engine's optional "source" of the rules means; nothing is said when it does not tell. */
const SOURCE_NOTES = {
  config: 'These are the rules of the configuration file.',
  runtime: 'These rules were set at run time and replace those of the configuration file until dropped.',
};

/** Whether two rules are the same split: same name and the same pools in the same order. */
function sameSplit(a, b) {
  return Boolean(a && b && Array.isArray(a.split) && Array.isArray(b.split)) && a.name === b.name
    && a.split.length === b.split.length && a.split.every((share, i) => share.pool === b.split[i].pool);
}

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
    this.splits = document.getElementById('routes-splits');
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
    this.renderSplits(routes && Array.isArray(routes.rules) ? routes.rules : []);
  }

  /** A form per split rule, with a weight field per share. */
  renderSplits(rules) {
    const forms = [];
    rules.forEach((rule, index) => {
      if (!rule || !Array.isArray(rule.split)) {
        return;
      }
      const title = idOf('split', index, 'title');
      const fields = rule.split.map((share, i) => {
        const id = idOf('split', index, i);
        return h('div', { class: 'field' },
          h('label', { for: id }, `Weight of pool ${share.pool}`),
          h('input', { id, name: `split[${i}].weight`, type: 'text', inputmode: 'numeric', spellcheck: 'false',
            value: share.weight, dataset: { share: String(i) } }));
      });
      forms.push(h('form', {
        class: 'change split', 'aria-labelledby': title, novalidate: true, dataset: { rule: String(index) },
        onsubmit: (event) => {
          event.preventDefault();
          this.setWeights(index, event.currentTarget);
        },
      },
      h('h3', { id: title }, rule.name ? `Split ${rule.name}` : `Split of rule ${index + 1}`),
      fields,
      h('div', { class: 'buttons' }, h('button', { type: 'submit', id: idOf('split', index, 'set') }, 'Set weights'))));
    });
    this.splits.replaceChildren(...forms);
  }

  /**
   * Sends the table in force with this split's weights as the form has them; the API checks them. The
   * table is read again first: another operator or a script may have changed it since it was shown,
   * and that change must not be undone by sending the old table back.
   */
  async setWeights(index, form) {
    clearError(this.error, form);
    setText(this.status, '');
    const shown = (this.current && this.current.rules || [])[index];
    const weights = Array.from(form.querySelectorAll('[data-share]'), (input) => integerOrText(input.value));
    try {
      const { source, ...table } = await api.routes();
      const rule = (table.rules || [])[index];
      if (!sameSplit(rule, shown)) {
        this.render({ source, ...table });
        showError(this.error, new Error('The routes changed since they were shown; here they are as they are now.'));
        this.focusSplit(index);
        return;
      }
      const rules = table.rules.map((r, i) => (i !== index ? r : {
        ...r,
        split: r.split.map((share, j) => ({ ...share, weight: weights[j] })),
      }));
      this.render(await api.replaceRoutes(JSON.stringify({ ...table, rules })));
      // The JSON editor, if open, holds the table from before.
      show(this.form, false);
      setText(this.status, 'Split weights set.');
      this.focusSplit(index);
      this.changed();
    } catch (error) {
      showError(this.error, error);
      for (const input of form.querySelectorAll('[data-share]')) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', this.error.id);
      }
    }
  }

  /** The forms were drawn again: the focus goes to the split's button, or to the editor's when it is gone. */
  focusSplit(index) {
    (document.getElementById(idOf('split', index, 'set')) || this.editButton).focus();
  }

  clear() {
    this.current = null;
    setText(this.json, '');
    setText(this.source, '');
    this.splits.replaceChildren();
    show(this.clearButton, false);
    show(this.form, false);
    clearError(this.error, this.form);
    setText(this.status, '');
  }
}
