// The page shell: who is reading (sign-in), and which page the address shows. Pages render into <main> and may
// return a function that stops what they started (a live connection) when the viewer navigates away.
import { AuthenticationError, apiKey, query, setApiKey } from './graphql.js';
import { h, replace, state } from './dom.js';
import { renderSearch } from './search.js';
import { renderModel } from './model.js';
import { renderReport } from './report.js';
import { renderConsumer } from './consumer.js';

const main = document.getElementById('main');
const session = document.getElementById('session');
let leavePage = () => {};
let viewer = null;

const signInReasons = {
  MISSING_CREDENTIALS: null,
  INVALID_API_KEY: 'The registry did not accept that API key: it is unknown or has been revoked. Check the key and try again.',
  INVALID_TOKEN: 'The registry did not accept that credential. Check the key and try again.',
};

/** Asks the registry who the viewer is; shows the sign-in form when it wants credentials. */
async function identify() {
  const data = await query('query Viewer { me { name } }');
  viewer = data.me;
  showSession();
}

function showSession() {
  if (viewer) {
    replace(session, h('span', { class: 'who' }, 'Signed in as ', h('strong', {}, viewer.name)),
      h('button', { type: 'button', class: 'button button-quiet', onclick: signOut }, 'Sign out'));
  } else if (apiKey() === null) {
    replace(session, h('span', { class: 'who' }, 'Reading anonymously'),
      h('button', { type: 'button', class: 'button button-quiet', onclick: () => showSignIn() }, 'Sign in'));
  } else {
    replace(session);
  }
}

function signOut() {
  setApiKey(null);
  viewer = null;
  start();
}

/** The sign-in form: one API key, kept in this tab's sessionStorage. */
function showSignIn(message = null) {
  leavePage();
  leavePage = () => {};
  replace(session);
  document.title = 'Sign in · Model Registry';
  const input = h('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
    'aria-describedby': 'api-key-help' + (message ? ' sign-in-error' : '') });
  const error = message ? h('p', { id: 'sign-in-error', class: 'form-error', role: 'alert' }, message) : null;
  const submit = h('button', { type: 'submit', class: 'button' }, 'Sign in');
  const form = h('form', { class: 'sign-in card', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in to the Model Registry'),
    h('p', {}, 'This registry needs an API key to read. Ask your registry administrator for one.'),
    h('label', { for: 'api-key' }, 'API key'),
    input,
    h('p', { id: 'api-key-help', class: 'hint' }, 'The key stays in this browser tab only and is sent to this registry with each request.'),
    error,
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    submit.disabled = true;
    submit.textContent = 'Checking…';
    setApiKey(key);
    await start();
  });
  replace(main, form);
  input.focus();
}

/** Renders the page the address names. */
function route() {
  leavePage();
  leavePage = () => {};
  const path = decodeURI(location.pathname).replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(location.search);
  const model = /^\/ui\/models\/([^/]+)$/.exec(path);
  const report = /^\/ui\/models\/([^/]+)\/report$/.exec(path);
  const consumer = /^\/ui\/consumers\/([^/]+)$/.exec(path);
  const context = { main, onAuthenticationError: handleAuthenticationError, navigate };
  if (path === '/' || path === '/ui' || path === '/ui/search') {
    leavePage = renderSearch(context, params) ?? (() => {});
  } else if (model) {
    leavePage = renderModel(context, model[1]) ?? (() => {});
  } else if (report) {
    leavePage = renderReport(context, report[1]) ?? (() => {});
  } else if (consumer) {
    leavePage = renderConsumer(context, decodeURIComponent(consumer[1])) ?? (() => {});
  } else if (path === '/ui/lineage') {
    // The graph library is large: it loads only with the lineage page.
    let stop = null;
    let gone = false;
    replace(main, state('loading', 'Loading the lineage picture…'));
    import('./lineage.js').then(({ renderLineage }) => {
      if (!gone) stop = renderLineage(context, params);
    }, (error) => {
      if (!gone) replace(main, state('error', `The lineage page could not be loaded. ${error.message}`));
    });
    leavePage = () => {
      gone = true;
      stop?.();
    };
  } else {
    document.title = 'Page not found · Model Registry';
    replace(main, h('section', { class: 'card' }, h('h1', {}, 'Page not found'),
      h('p', {}, 'There is no page at this address. '), h('a', { href: '/', 'data-nav': true }, 'Go to the catalogue')));
  }
}

/** Moves to another page of the pages without reloading. */
function navigate(href, { replaceState = false } = {}) {
  if (replaceState) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  route();
  main.focus({ preventScroll: true });
  if (!location.hash) window.scrollTo(0, 0);
}

function handleAuthenticationError(error) {
  if (apiKey() !== null) setApiKey(null);
  showSignIn(signInReasons[error.reason] ?? error.message);
}

async function start() {
  try {
    await identify();
  } catch (error) {
    if (error instanceof AuthenticationError) {
      const hadKey = apiKey() !== null;
      setApiKey(null);
      showSignIn(hadKey ? (signInReasons[error.reason] ?? error.message) : null);
      return;
    }
    replace(main, state('error', error.message, ' ', h('button', { type: 'button', class: 'button', onclick: start }, 'Try again')));
    return;
  }
  route();
}

document.addEventListener('click', (event) => {
  const anchor = event.target.closest?.('a[data-nav]');
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = new URL(anchor.href, location.href);
  if (target.origin !== location.origin) return;
  event.preventDefault();
  navigate(target.pathname + target.search + target.hash);
});
window.addEventListener('popstate', route);
start();
