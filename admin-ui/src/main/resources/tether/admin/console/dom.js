// Small DOM helpers. Text always goes in as text nodes, never as HTML: server ids, addresses and error
// messages come from the API and must not be able to inject markup.

/**
 * Creates an element. `props` sets attributes (strings), `hidden`/`disabled` (booleans), `dataset`
 * entries and `on*` listeners; children are nodes or strings.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (key.startsWith('on')) {
      element.addEventListener(key.slice(2), value);
    } else if (value === true) {
      element.setAttribute(key, '');
    } else {
      element.setAttribute(key, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** Sets the text only when it changed, so screen readers do not hear live regions repeat themselves. */
export function setText(element, text) {
  const value = String(text);
  if (element.textContent !== value) {
    element.textContent = value;
  }
}

export function show(element, visible) {
  if (element.hidden === visible) {
    element.hidden = !visible;
  }
}

/** A unique, valid id from parts that may hold any characters. */
export function idOf(...parts) {
  return parts.map((part) => String(part).replace(/[^A-Za-z0-9_-]/g, (c) => '_' + c.charCodeAt(0))).join('--');
}

/**
 * Shows an API error in `box` (a live region next to the control that failed): the message, every
 * message when there are several, and marks the form field the API named.
 */
export function showError(box, error, form) {
  clearError(box, form);
  const body = error && error.body ? error.body : { error: String(error && error.message ? error.message : error) };
  const prefix = error && error.status ? `${error.status}: ` : '';
  box.append(h('p', {}, prefix + (body.error || 'request failed')));
  if (Array.isArray(body.messages) && body.messages.length > 0) {
    box.append(h('ul', {}, body.messages.map((message) => h('li', {}, message))));
  }
  show(box, true);
  if (form && body.field) {
    const field = form.querySelector(`[name="${CSS.escape(body.field)}"]`);
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      if (box.id) {
        field.setAttribute('aria-describedby', box.id);
      }
    }
  }
}

export function clearError(box, form) {
  box.replaceChildren();
  show(box, false);
  if (form) {
    for (const field of form.querySelectorAll('[aria-invalid]')) {
      field.removeAttribute('aria-invalid');
      field.removeAttribute('aria-describedby');
    }
  }
}

/** Whole numbers as numbers; anything else as typed, for the API to name what is wrong with it. */
export function integerOrText(text) {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function formatNumber(value, digits = 1) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '–';
}

export function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined) {
    return 'time left not yet known';
  }
  if (seconds < 60) {
    return `about ${seconds} s left`;
  }
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `about ${minutes} min left` : `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

export function formatTime(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
