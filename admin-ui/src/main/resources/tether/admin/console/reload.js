// The configuration reload: the API reads the file again and answers what it put in force, what the
// run-time changes outrank, and what only a restart applies. A file with problems changes nothing;
// the API lists every problem, and they show here.

import { api } from './api.js';
import { clearError, h, show, showError } from './dom.js';

/** The report's lists, in the order they show, with their headings. */
const GROUPS = [
  ['applied', 'Applied'],
  ['kept', 'Kept: a run-time change wins, or a server must drain first'],
  ['restartNeeded', 'Needs a restart'],
];

export class ReloadView {
  constructor({ reloaded, announce }) {
    this.reloaded = reloaded;
    this.announce = announce;
    this.report = document.getElementById('config-report');
    this.error = document.getElementById('config-error');
    this.busy = false;
    document.getElementById('config-reload').addEventListener('click', () => this.reload());
  }

  async reload() {
    // Not disabled while it runs: a disabled button would drop the keyboard focus.
    if (this.busy) {
      return;
    }
    this.busy = true;
    clearError(this.error);
    show(this.report, false);
    try {
      const answer = await api.reload();
      this.showReport(answer);
      const count = (key) => (answer[key] || []).length;
      this.announce(`Configuration reloaded: ${count('applied')} applied, ${count('kept')} kept,`
        + ` ${count('restartNeeded')} needing a restart.`);
      this.reloaded();
    } catch (error) {
      showError(this.error, error);
      // The API changes nothing on a refusal; saying so spares a look at the pools to find out.
      this.error.prepend(h('p', {}, 'Nothing was reloaded.'));
    } finally {
      this.busy = false;
    }
  }

  showReport(answer) {
    this.report.replaceChildren(
      h('h3', {}, `Configuration reloaded at ${new Date().toLocaleTimeString()}`),
      ...GROUPS.map(([key, title]) => {
        const items = answer[key] || [];
        return h('div', { class: 'report-group', dataset: { group: key } },
          h('h4', {}, `${title} (${items.length})`),
          items.length > 0 ? h('ul', {}, items.map((item) => h('li', {}, item))) : h('p', { class: 'note' }, 'None.'));
      }));
    show(this.report, true);
  }

  clear() {
    this.report.replaceChildren();
    show(this.report, false);
    clearError(this.error);
  }
}
