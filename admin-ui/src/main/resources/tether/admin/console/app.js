// The console's entry point: sign-in and sign-out, and the poll that keeps the pools up to date.
// Start reading here; pools.js and server-card.js show the servers, api.js makes every call.

import { api, setCsrfToken, whenSignedOut } from './api.js';
import { AuditView } from './audit.js';
import { clearError, setText, show, showError } from './dom.js';
import { PoolsView } from './pools.js';
import { ReloadView } from './reload.js';
import { RoutesView } from './routes.js';

/** How often the figures are fetched. */
const POLL_MILLIS = 1000;
/** The audit log is fetched on every this many polls, and after each change made here. */
const AUDIT_EVERY_POLLS = 5;

const page = {
  loading: document.getElementById('loading'),
  signIn: document.getElementById('sign-in'),
  signInForm: document.getElementById('sign-in-form'),
  signInNote: document.getElementById('sign-in-note'),
  signInError: document.getElementById('sign-in-error'),
  token: document.getElementById('token'),
  console: document.getElementById('console'),
  who: document.getElementById('who'),
  whoName: document.getElementById('who-name'),
  whoRole: document.getElementById('who-role'),
  signOut: document.getElementById('sign-out'),
  poolsTitle: document.getElementById('pools-title'),
  pollStatus: document.getElementById('poll-status'),
  pollError: document.getElementById('poll-error'),
  announcer: document.getElementById('announcer'),
};

function announce(text) {
  setText(page.announcer, text);
}

const audit = new AuditView();
const routes = new RoutesView({ changed: () => audit.load() });
// A reload may change the configured routes too; the pools show its changes at the next poll.
const reload = new ReloadView({
  reloaded: () => {
    routes.load();
    audit.load();
  },
  announce,
});
const pools = new PoolsView(document.getElementById('pool-list'), {
  changed: () => audit.load(),
  announce,
});

/** Bumped at sign-in and sign-out, so that a poll from an earlier session stops by itself. */
let generation = 0;
let timer = null;
let polls = 0;

async function poll(mine) {
  try {
    const answer = await api.pools();
    if (mine !== generation) {
      return;
    }
    pools.update(answer.pools);
    clearError(page.pollError);
    setText(page.pollStatus, `Updated ${new Date().toLocaleTimeString()}; refreshed every ${POLL_MILLIS / 1000} s`);
    polls += 1;
    if (polls % AUDIT_EVERY_POLLS === 0) {
      audit.load();
    }
  } catch (error) {
    if (mine !== generation) {
      return;
    }
    if (error.status !== 401) {
      showError(page.pollError, error);
    }
  }
  if (mine === generation) {
    timer = setTimeout(() => poll(mine), POLL_MILLIS);
  }
}

function signedIn(info, fromForm) {
  generation += 1;
  setCsrfToken(info.csrfToken);
  document.body.dataset.role = info.role;
  setText(page.whoName, info.name);
  setText(page.whoRole, info.role === 'operator' ? 'operator' : 'viewer: read only');
  show(page.loading, false);
  show(page.signIn, false);
  show(page.who, true);
  show(page.console, true);
  page.token.value = '';
  clearError(page.signInError, page.signInForm);
  polls = 0;
  poll(generation);
  routes.load();
  audit.load();
  if (fromForm) {
    page.poolsTitle.focus();
    announce(`Signed in as ${info.name}`);
  }
}

function signedOut(note) {
  generation += 1;
  clearTimeout(timer);
  setCsrfToken(null);
  delete document.body.dataset.role;
  pools.clear();
  routes.clear();
  reload.clear();
  audit.clear();
  clearError(page.pollError);
  show(page.loading, false);
  show(page.who, false);
  show(page.console, false);
  show(page.signIn, true);
  setText(page.signInNote, note || '');
  page.token.focus();
}

page.signInForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError(page.signInError, page.signInForm);
  try {
    signedIn(await api.signIn(page.token.value), true);
  } catch (error) {
    showError(page.signInError, error, page.signInForm);
    page.token.focus();
  }
});

page.signOut.addEventListener('click', async () => {
  try {
    await api.signOut();
    signedOut('Signed out.');
  } catch (error) {
    if (error.status === 401) {
      signedOut('Signed out.');
    } else {
      showError(page.pollError, error);
    }
  }
});

whenSignedOut(() => {
  if (!page.console.hidden) {
    signedOut('Your session has ended: sign in again.');
  }
});

// A reloaded page carries on while the session cookie is valid: the API hands the CSRF token back.
async function start() {
  try {
    const info = await api.session();
    if (info.via === 'session') {
      signedIn(info, false);
      return;
    }
    signedOut('');
  } catch (error) {
    signedOut('');
    if (error.status !== 401) {
      showError(page.signInError, error);
    }
  }
}

start();
