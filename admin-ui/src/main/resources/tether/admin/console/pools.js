// The pools and their servers, kept in step with GET /api/pools; and the dialogs that act on a
// server (ramp, drain, remove) or a pool (add a server).

import { api } from './api.js';
import { FormDialog } from './dialogs.js';
import { h, idOf, integerOrText, setText, show } from './dom.js';
import { ServerCard } from './server-card.js';

function slot(dialog, name, text) {
  for (const element of dialog.dialog.querySelectorAll(`[data-slot="${name}"]`)) {
    setText(element, text);
  }
}

export class PoolsView {
  /** `changed()` is called after every change made here; `announce(text)` speaks to screen readers. */
  constructor(container, { changed, announce }) {
    this.container = container;
    this.changed = changed;
    this.announce = announce;
    this.pools = new Map();
    this.dialogs = {
      ramp: new FormDialog(document.getElementById('ramp-dialog')),
      drain: new FormDialog(document.getElementById('drain-dialog')),
      add: new FormDialog(document.getElementById('add-dialog')),
      remove: new FormDialog(document.getElementById('remove-dialog')),
    };
    this.forceButton = document.getElementById('remove-force');
    this.forceNote = document.getElementById('remove-force-note');
    this.cardContext = {
      openRamp: (card, opener) => this.openRamp(card, opener),
      openDrain: (card, opener) => this.openDrain(card, opener),
      openRemove: (card, opener) => this.openRemove(card, opener),
      changed: () => this.changed(),
      announce: (text) => this.announce(text),
    };
  }

  /** Brings the page in line with the pools as the API lists them; a poll's figures go to the charts. */
  update(pools) {
    const seen = new Set();
    let previous = null;
    for (const pool of pools) {
      seen.add(pool.name);
      let section = this.pools.get(pool.name);
      if (!section) {
        section = this.createPool(pool.name);
        this.pools.set(pool.name, section);
      }
      this.placeAfter(this.container, section.element, previous);
      previous = section.element;
      setText(section.balancer, `balancer: ${pool.balancer}`);
      this.updateServers(section, pool);
    }
    for (const [name, section] of this.pools) {
      if (!seen.has(name)) {
        section.cards.forEach((card) => card.destroy());
        section.element.remove();
        this.pools.delete(name);
      }
    }
  }

  updateServers(section, pool) {
    const seen = new Set();
    let previous = null;
    for (const server of pool.servers) {
      seen.add(server.id);
      let card = section.cards.get(server.id);
      if (!card) {
        card = new ServerCard(pool.name, server, this.cardContext);
        section.cards.set(server.id, card);
      }
      this.placeAfter(section.list, card.element, previous);
      previous = card.element;
      card.render(server, true);
    }
    for (const [id, card] of section.cards) {
      if (!seen.has(id)) {
        this.dropCard(section, id, card);
      }
    }
    show(section.empty, pool.servers.length === 0);
  }

  /** Moves an element only when it is out of place: moving one takes the focus away from it. */
  placeAfter(parent, element, previous) {
    const wanted = previous ? previous.nextSibling : parent.firstChild;
    if (wanted !== element) {
      parent.insertBefore(element, wanted);
    }
  }

  dropCard(section, id, card) {
    const hadFocus = card.element.contains(document.activeElement);
    card.destroy();
    section.cards.delete(id);
    if (hadFocus) {
      section.heading.focus();
    }
  }

  createPool(name) {
    const base = idOf('pool', name);
    const heading = h('h3', { id: `${base}-title`, tabindex: '-1' }, `Pool ${name}`);
    const balancer = h('span', { class: 'note' });
    const addButton = h('button', { type: 'button', class: 'change', dataset: { action: 'add' } }, `Add server to ${name}…`);
    const list = h('div', { class: 'server-list' });
    const empty = h('p', { class: 'note', hidden: true }, 'No servers.');
    const element = h('section', { class: 'pool', id: base, 'aria-labelledby': heading.id, dataset: { pool: name } },
      h('div', { class: 'section-head' }, heading, balancer, addButton), list, empty);
    const section = { name, element, heading, balancer, list, empty, cards: new Map() };
    addButton.addEventListener('click', () => this.openAdd(section, addButton));
    return section;
  }

  /** Removes everything, as at sign-out. */
  clear() {
    for (const section of this.pools.values()) {
      section.cards.forEach((card) => card.destroy());
      section.element.remove();
    }
    this.pools.clear();
    Object.values(this.dialogs).forEach((dialog) => dialog.close());
  }

  openRamp(card, opener) {
    const dialog = this.dialogs.ramp;
    slot(dialog, 'server', card.id);
    dialog.open({
      opener,
      fallbackFocus: () => card.heading,
      prepare: (form) => {
        form.elements.target.value = String(card.view ? card.view.configuredWeight : '');
      },
      onSubmit: async (data) => {
        const view = await api.ramp(card.pool, card.id, {
          target: integerOrText(data.get('target')),
          duration: data.get('duration').trim(),
          curve: data.get('curve'),
        });
        card.changedBy(view, `Ramp of ${card.id} started`);
      },
    });
  }

  openDrain(card, opener) {
    const dialog = this.dialogs.drain;
    slot(dialog, 'server', card.id);
    dialog.open({
      opener,
      fallbackFocus: () => card.heading,
      onSubmit: async (data) => {
        const deadline = data.get('deadline').trim();
        const view = await api.drain(card.pool, card.id, deadline || null);
        card.changedBy(view, `Drain of ${card.id} started`);
      },
    });
  }

  openRemove(card, opener) {
    const dialog = this.dialogs.remove;
    slot(dialog, 'server', `${card.id} from pool ${card.pool}`);
    show(this.forceButton, false);
    show(this.forceNote, false);
    const section = this.pools.get(card.pool);
    dialog.open({
      opener,
      fallbackFocus: () => (section ? section.heading : document.getElementById('pools-title')),
      onSubmit: async (data, submitter) => {
        const force = Boolean(submitter && submitter.dataset.force === 'true');
        try {
          await api.removeServer(card.pool, card.id, force);
        } catch (error) {
          // Force is offered only once the API has said why a plain removal is refused.
          if (error.status === 409) {
            show(this.forceNote, true);
            show(this.forceButton, true);
          }
          throw error;
        }
        if (section && section.cards.get(card.id) === card) {
          this.dropCard(section, card.id, card);
        }
        this.announce(`Server ${card.id} removed from pool ${card.pool}`);
        this.changed();
      },
    });
  }

  openAdd(section, opener) {
    const dialog = this.dialogs.add;
    slot(dialog, 'pool', section.name);
    dialog.open({
      opener,
      fallbackFocus: () => section.heading,
      onSubmit: async (data) => {
        const server = {
          id: data.get('id').trim(),
          address: data.get('address').trim(),
          weight: integerOrText(data.get('weight')),
          state: data.get('state'),
        };
        const route = data.get('route').trim();
        if (route) {
          server.route = route;
        }
        const view = await api.addServer(section.name, server);
        if (!section.cards.has(view.id)) {
          const card = new ServerCard(section.name, view, this.cardContext);
          section.cards.set(view.id, card);
          section.list.append(card.element);
          card.render(view, true);
        }
        show(section.empty, false);
        this.announce(`Server ${view.id} added to pool ${section.name}`);
        this.changed();
      },
    });
  }
}
