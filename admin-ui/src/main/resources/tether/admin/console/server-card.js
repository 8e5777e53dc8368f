// One server: its figures and charts, its ramp and drain progress, the weight editor and its actions.
// Built once and then updated in place on every poll, so that focus and half-typed input survive.

import { api } from './api.js';
import { History, ServerCharts } from './charts.js';
import {
  clearError, formatNumber, formatSeconds, formatTime, h, idOf, integerOrText, setText, show, showError,
} from './dom.js';

const FIGURES = [
  ['configuredWeight', 'Configured weight'],
  ['effectiveWeight', 'Effective weight'],
  ['inFlight', 'In flight'],
  ['requestsPerSecond', 'Requests/s'],
  ['p50Millis', 'p50 latency, ms'],
  ['p99Millis', 'p99 latency, ms'],
  ['errorsPerSecond', 'Errors/s'],
  ['liveSessions', 'Live sessions'],
];

/** "PT1H30M" as "1h30m": how the operator typed it. */
function shortDuration(iso) {
  const time = /^PT(.+)$/.exec(iso);
  return time ? time[1].toLowerCase() : iso;
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export class ServerCard {
  /**
   * `context` holds what the card needs from the page: `openRamp`, `openDrain`, `openRemove` (the
   * shared dialogs), `changed()` (something changed: refresh what depends on it) and `announce(text)`.
   */
  constructor(pool, server, context) {
    this.pool = pool;
    this.id = server.id;
    this.context = context;
    this.history = new History();
    this.view = null;
    this.lastRamp = null;
    this.rampEnd = null;
    this.drainStarted = null;
    this.drainMost = 0;
    this.build();
  }

  build() {
    const base = idOf('server', this.pool, this.id);
    this.heading = h('h4', { id: `${base}-title`, tabindex: '-1' }, this.id);
    this.address = h('span', { class: 'address' });
    this.stateBadge = h('span', { class: 'badge', 'data-role': 'state' });
    this.stateOverride = h('span', { class: 'badge override', title: 'Set at run time' }, 'state override');
    this.healthBadge = h('span', { class: 'badge', 'data-role': 'health' });

    this.figures = {};
    const list = h('dl', { class: 'figures' });
    this.weightOverride = h('span', { class: 'badge override', title: 'Set at run time' }, 'override');
    for (const [key, label] of FIGURES) {
      this.figures[key] = h('span', { class: 'value', 'data-figure': key });
      const value = h('dd', {}, this.figures[key], key === 'configuredWeight' ? this.weightOverride : null);
      list.append(h('div', {}, h('dt', {}, label), value));
    }

    this.rampPanel = this.buildRampPanel(base);
    this.drainPanel = this.buildDrainPanel();

    this.weightInput = h('input', {
      id: `${base}-weight`, name: 'weight', type: 'number', min: '0', max: '1000', step: '1', inputmode: 'numeric',
    });
    this.weightInput.addEventListener('input', () => {
      this.weightInput.dataset.dirty = 'true';
    });
    // Escape gives up an edit: the field shows the weight in force again, and follows it.
    this.weightInput.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.view) {
        delete this.weightInput.dataset.dirty;
        this.weightInput.value = String(this.view.configuredWeight);
        clearError(this.weightError, this.weightForm);
      }
    });
    this.weightError = h('div', { id: `${base}-weight-error`, class: 'error', 'aria-live': 'assertive', 'aria-atomic': 'true', hidden: true });
    this.weightForm = h('form', { class: 'weight-form change', method: 'post', novalidate: true },
      h('label', { for: this.weightInput.id }, `Weight of ${this.id}`),
      this.weightInput,
      h('button', { type: 'submit' }, 'Set weight'));
    this.weightForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.setWeight();
    });

    this.buttons = {
      ramp: this.button('Ramp…', 'ramp', () => this.context.openRamp(this, this.buttons.ramp)),
      drain: this.button('Drain…', 'drain', () => this.context.openDrain(this, this.buttons.drain)),
      enable: this.button('Enable', 'enable', () => this.act('Enabled', () => api.enable(this.pool, this.id))),
      disable: this.button('Disable', 'disable', () => this.act('Disabled', () => api.disable(this.pool, this.id))),
      clearWeight: this.button('Clear weight override', 'clear-weight',
        () => this.act('Weight override cleared', () => api.clearWeight(this.pool, this.id))),
      clearState: this.button('Clear state override', 'clear-state',
        () => this.act('State override cleared', () => api.clearState(this.pool, this.id))),
      remove: this.button('Remove…', 'remove', () => this.context.openRemove(this, this.buttons.remove), 'danger'),
    };
    this.actionError = h('div', { id: `${base}-error`, class: 'error', 'aria-live': 'assertive', 'aria-atomic': 'true', hidden: true });
    this.status = h('p', { class: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });

    const charts = h('div', { class: 'charts' });
    this.element = h('article', { class: 'server', id: base, 'aria-labelledby': this.heading.id, dataset: { server: this.id } },
      h('header', { class: 'server-head' },
        this.heading, this.stateBadge, this.stateOverride, this.healthBadge, this.address),
      list,
      charts,
      this.rampPanel.element,
      this.drainPanel.element,
      this.weightForm,
      this.weightError,
      h('div', { class: 'actions change', role: 'group', 'aria-label': `Actions on ${this.id}` }, Object.values(this.buttons)),
      this.actionError,
      this.status);
    this.charts = new ServerCharts(charts, this.history, this.id);
  }

  button(label, action, onClick, className) {
    return h('button', { type: 'button', class: className, dataset: { action }, onclick: onClick }, label);
  }

  buildRampPanel(base) {
    const progress = h('progress', { max: '100', value: '0', 'aria-label': `Ramp progress of ${this.id}` });
    const text = h('p', { class: 'progress-text', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const error = h('div', { id: `${base}-ramp-error`, class: 'error', 'aria-live': 'assertive', 'aria-atomic': 'true', hidden: true });
    const pause = this.button('Pause ramp', 'pause', () => this.act('Ramp paused', () => api.pauseRamp(this.pool, this.id), error));
    const resume = this.button('Resume ramp', 'resume', () => this.act('Ramp resumed', () => api.resumeRamp(this.pool, this.id), error));
    const abort = this.button('Abort ramp', 'abort', () => this.act('Ramp aborted', () => api.abortRamp(this.pool, this.id), error));
    const buttons = h('div', { class: 'buttons change' }, pause, resume, abort);
    const element = h('section', { class: 'panel ramp', hidden: true, 'aria-label': `Ramp of ${this.id}` },
      h('h5', {}, 'Ramp'), progress, text, buttons, error);
    return { element, progress, text, buttons, pause, resume, abort, error };
  }

  buildDrainPanel() {
    const progress = h('progress', { max: '1', value: '0', 'aria-label': `Drain progress of ${this.id}` });
    const text = h('p', { class: 'progress-text', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const safe = h('p', { class: 'safe', hidden: true }, h('span', { 'aria-hidden': 'true' }, '✔ '), 'Safe to remove');
    const live = h('div', { 'aria-live': 'polite', 'aria-atomic': 'true' }, safe);
    const element = h('section', { class: 'panel drain', hidden: true, 'aria-label': `Drain of ${this.id}` },
      h('h5', {}, 'Drain'), progress, text, live);
    return { element, progress, text, safe };
  }

  /** Shows the server as the API describes it; `sample` adds the figures to the charts' history. */
  render(server, sample = false) {
    const focused = document.activeElement;
    this.view = server;
    setText(this.address, `${server.address} · route ${server.route}`);
    setText(this.stateBadge, server.state);
    this.stateBadge.className = `badge state-${server.state}`;
    setText(this.healthBadge, `health ${server.health}`);
    this.healthBadge.className = `badge health-${server.health}`;
    show(this.stateOverride, server.overridden.state);
    show(this.weightOverride, server.overridden.weight);
    this.element.classList.toggle('is-overridden', server.overridden.weight || server.overridden.state);

    const live = server.live;
    setText(this.figures.configuredWeight, server.configuredWeight);
    setText(this.figures.effectiveWeight, server.effectiveWeight);
    setText(this.figures.inFlight, live.inFlight);
    setText(this.figures.requestsPerSecond, formatNumber(live.requestsPerSecond));
    setText(this.figures.p50Millis, formatNumber(live.p50Millis));
    setText(this.figures.p99Millis, formatNumber(live.p99Millis));
    setText(this.figures.errorsPerSecond, formatNumber(live.errorsPerSecond));
    setText(this.figures.liveSessions, live.liveSessions);

    if (document.activeElement !== this.weightInput && this.weightInput.dataset.dirty !== 'true') {
      this.weightInput.value = String(server.configuredWeight);
    }
    show(this.buttons.drain, server.state === 'active');
    show(this.buttons.enable, server.state !== 'active');
    show(this.buttons.disable, server.state !== 'maintenance');
    show(this.buttons.clearWeight, server.overridden.weight);
    show(this.buttons.clearState, server.overridden.state);

    this.renderRamp(server);
    this.renderDrain(server);
    if (sample) {
      this.history.add(live, new Date());
      this.charts.update(live);
    }
    // A button that just did its job may have gone (Disable, once disabled): keep the focus in the card.
    if (focused && this.element.contains(focused) && focused.closest('[hidden]')) {
      this.heading.focus();
    }
  }

  renderRamp(server) {
    const panel = this.rampPanel;
    const ramp = server.ramp;
    if (ramp) {
      this.lastRamp = ramp;
      this.rampEnd = null;
      const percent = Math.round(ramp.progress * 100);
      panel.progress.value = percent;
      setText(panel.text, `${ramp.from} → ${ramp.target}: ${percent}% (${ramp.curve} over ${shortDuration(ramp.duration)})`
        + `${ramp.paused ? ', paused' : ''}; effective weight ${server.effectiveWeight}`);
      show(panel.pause, !ramp.paused);
      show(panel.resume, ramp.paused);
      show(panel.abort, true);
      show(panel.buttons, true);
      show(panel.element, true);
      this.element.classList.add('is-ramping');
      return;
    }
    this.element.classList.remove('is-ramping');
    if (this.lastRamp) {
      const reached = server.configuredWeight === this.lastRamp.target;
      this.rampEnd = reached
        ? `Ramp finished: weight ${server.configuredWeight}`
        : `Ramp ended at weight ${server.configuredWeight} (target was ${this.lastRamp.target})`;
      panel.progress.value = reached ? 100 : panel.progress.value;
      this.lastRamp = null;
    }
    if (this.rampEnd) {
      setText(panel.text, this.rampEnd);
      show(panel.buttons, false);
    }
    show(panel.element, Boolean(this.rampEnd));
  }

  renderDrain(server) {
    const panel = this.drainPanel;
    const drain = server.drain;
    show(panel.element, Boolean(drain));
    this.element.classList.toggle('is-drained', Boolean(drain && drain.done));
    if (!drain) {
      this.drainStarted = null;
      return;
    }
    if (this.drainStarted !== drain.started) {
      this.drainStarted = drain.started;
      this.drainMost = 0;
    }
    // The API tells how many sessions are left, not how many there were: the most seen stands for that.
    this.drainMost = Math.max(this.drainMost, drain.liveSessions + drain.inFlight);
    const total = Math.max(this.drainMost, 1);
    panel.progress.max = total;
    panel.progress.value = drain.done ? total : total - (drain.liveSessions + drain.inFlight);
    const deadline = drain.deadline ? `; deadline ${formatTime(drain.deadline)}` : '';
    setText(panel.text, drain.done
      ? `Drained: no live sessions, nothing in flight${deadline}`
      : `${plural(drain.liveSessions, 'live session')}, ${drain.inFlight} in flight, `
        + `${formatSeconds(drain.estimatedSecondsLeft)}${deadline}`);
    show(panel.safe, drain.done);
  }

  async setWeight() {
    clearError(this.weightError, this.weightForm);
    try {
      const view = await api.setWeight(this.pool, this.id, integerOrText(this.weightInput.value));
      delete this.weightInput.dataset.dirty;
      this.rampEnd = null;
      this.lastRamp = null;
      this.render(view);
      this.done(`Weight of ${this.id} set to ${view.configuredWeight}`);
    } catch (error) {
      showError(this.weightError, error, this.weightForm);
    }
  }

  /** Runs an action of the card; its error shows in `errorBox`, next to the button. */
  async act(label, call, errorBox = this.actionError) {
    clearError(errorBox);
    try {
      const view = await call();
      this.render(view);
      this.done(`${label}: ${this.id}`);
    } catch (error) {
      showError(errorBox, error);
    }
  }

  /** After a change made through a dialog: show the answer and say so. */
  changedBy(view, label) {
    this.rampEnd = null;
    this.render(view);
    this.done(label);
  }

  done(label) {
    setText(this.status, label);
    this.context.changed();
  }

  destroy() {
    this.charts.destroy();
    this.element.remove();
  }
}
