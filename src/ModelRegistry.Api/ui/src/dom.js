// A tiny element builder: h('a', { href: '/x', class: 'link' }, 'text', child). Text is always set as text, never as
// HTML, so registry content cannot inject markup (and the Content-Security-Policy forbids inline script anyway).

/**
 * Creates an element with attributes and children.
 * Attributes starting with "on" attach listeners; `false`, `null` and `undefined` leave an attribute out.
 * Children may be strings, numbers, nodes, arrays of them, or null (skipped).
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces everything inside `element` with `children`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A sentence in place of a panel: loading, empty or failed, announced to screen readers. */
export function state(kind, text, ...extra) {
  return h('p', { class: `state state-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text, ...extra);
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** A date and time in UTC, in a <time> element that keeps the exact instant. */
export function when(iso) {
  if (!iso) return '—';
  return h('time', { datetime: iso, title: iso }, `${dateFormat.format(new Date(iso))} UTC`);
}

/** A metric value with up to three decimals. */
export function number(value) {
  if (value === null || value === undefined) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
}

/** A byte count for people. */
export function bytes(count) {
  const value = Number(count);
  if (value < 1024) return `${value} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = value / 1024;
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return `${scaled.toFixed(1)} ${units[unit]}`;
}

/** Enum values (PRODUCTION, DRIFTING) as words (Production, Drifting). */
export function words(value) {
  if (!value) return '';
  const lower = value.toLowerCase().replaceAll('_', ' ');
  return lower[0].toUpperCase() + lower.slice(1);
}

/** A coloured label for a stage, drift status or status, with the value in words. */
export function badge(kind, value) {
  if (!value) return null;
  return h('span', { class: `badge badge-${kind} badge-${kind}-${value.toLowerCase()}` }, words(value));
}

/** An in-page link handled by the router (no reload). */
export function link(href, ...children) {
  return h('a', { href, 'data-nav': true }, ...children);
}
