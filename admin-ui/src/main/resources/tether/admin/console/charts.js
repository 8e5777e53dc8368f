// Small per-server charts of request rate and latency. The API gives only the figures of now; the
// history is what this page has seen since it loaded, one sample per poll.

import { formatNumber, h } from './dom.js';

/** Two minutes at one poll a second. */
const SAMPLES = 120;

export class History {
  constructor() {
    this.labels = [];
    this.requests = [];
    this.p50 = [];
    this.p99 = [];
  }

  add(live, at) {
    this.labels.push(at.toLocaleTimeString());
    this.requests.push(live.requestsPerSecond);
    this.p50.push(live.p50Millis);
    this.p99.push(live.p99Millis);
    if (this.labels.length > SAMPLES) {
      for (const series of [this.labels, this.requests, this.p50, this.p99]) {
        series.shift();
      }
    }
  }

  get size() {
    return this.labels.length;
  }
}

const BASE_OPTIONS = {
  animation: false,
  responsive: true,
  maintainAspectRatio: false,
  interaction: { intersect: false, mode: 'index' },
  plugins: { legend: { display: false } },
  scales: {
    x: { display: false },
    y: { beginAtZero: true, ticks: { maxTicksLimit: 3, font: { size: 10 } } },
  },
  elements: { point: { radius: 0 }, line: { borderWidth: 1.5, tension: 0.2 } },
};

function series(label, data, color, fill) {
  return { label, data, borderColor: color, backgroundColor: fill, fill: Boolean(fill) };
}

/** The two charts of one server, drawn into `container`. */
export class ServerCharts {
  constructor(container, history, serverName) {
    this.history = history;
    this.serverName = serverName;
    this.requestsCanvas = h('canvas', { role: 'img', 'aria-label': `Requests per second of ${serverName}` });
    this.latencyCanvas = h('canvas', { role: 'img', 'aria-label': `Latency of ${serverName}` });
    container.append(
      h('figure', { class: 'chart' },
        h('figcaption', {}, 'Requests/s'),
        h('div', { class: 'chart-box' }, this.requestsCanvas)),
      h('figure', { class: 'chart' },
        h('figcaption', {}, 'Latency, ms (p50, p99)'),
        h('div', { class: 'chart-box' }, this.latencyCanvas)));
    if (typeof window.Chart !== 'function') {
      container.append(h('p', { class: 'note' }, 'Charts are unavailable: the chart library did not load.'));
      this.requests = null;
      this.latency = null;
      return;
    }
    this.requests = new window.Chart(this.requestsCanvas, {
      type: 'line',
      data: { labels: history.labels, datasets: [series('Requests/s', history.requests, '#1d4ed8', 'rgba(29, 78, 216, 0.15)')] },
      options: BASE_OPTIONS,
    });
    this.latency = new window.Chart(this.latencyCanvas, {
      type: 'line',
      data: {
        labels: history.labels,
        datasets: [series('p50 ms', history.p50, '#047857'), series('p99 ms', history.p99, '#b45309')],
      },
      options: {
        ...BASE_OPTIONS,
        plugins: { legend: { display: true, labels: { boxWidth: 10, font: { size: 10 } } } },
      },
    });
  }

  /** Redraws after the history got a new sample. */
  update(live) {
    this.requestsCanvas.setAttribute('aria-label',
      `Requests per second of ${this.serverName}, last ${this.history.size} samples; now ${formatNumber(live.requestsPerSecond)}`);
    this.latencyCanvas.setAttribute('aria-label',
      `Latency of ${this.serverName}, last ${this.history.size} samples; now p50 ${formatNumber(live.p50Millis)} ms,`
        + ` p99 ${formatNumber(live.p99Millis)} ms`);
    if (this.requests) {
      this.requests.update('none');
      this.latency.update('none');
    }
  }

  destroy() {
    if (this.requests) {
      this.requests.destroy();
      this.latency.destroy();
    }
  }
}
