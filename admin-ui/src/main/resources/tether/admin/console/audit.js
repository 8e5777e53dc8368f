// The audit log: who changed what, newest first, as GET /api/audit tells.

import { api } from './api.js';
import { clearError, formatTime, h, show, showError } from './dom.js';

const ROWS = 50;

export class AuditView {
  constructor() {
    this.rows = document.getElementById('audit-rows');
    this.empty = document.getElementById('audit-empty');
    this.error = document.getElementById('audit-error');
    document.getElementById('audit-reload').addEventListener('click', () => this.load());
  }

  async load() {
    try {
      const answer = await api.audit(ROWS);
      clearError(this.error);
      this.rows.replaceChildren(...answer.entries.map((entry) => h('tr', {},
        h('td', {}, h('time', { datetime: entry.at }, formatTime(entry.at))),
        h('td', {}, entry.who),
        h('td', {}, entry.via),
        h('td', {}, h('code', {}, `${entry.method} ${entry.path}`)),
        h('td', { class: 'request' }, entry.request ? h('code', {}, entry.request) : ''))));
      show(this.empty, answer.entries.length === 0);
    } catch (error) {
      showError(this.error, error);
    }
  }

  clear() {
    this.rows.replaceChildren();
    clearError(this.error);
  }
}
