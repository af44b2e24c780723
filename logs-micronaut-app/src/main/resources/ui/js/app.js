// The page's shell: hash routes (the URL holds each view's state, so any view can be linked), theme, keyboard
// shortcuts, the API token prompt and the sync badge in the header.
import { clear, notice } from './dom.js';
import { getJson, setToken, NotAvailable } from './api.js';
import { overview } from './views/overview.js';
import { files } from './views/files.js';
import { viewer } from './views/viewer.js';
import { follow } from './views/follow.js';
import { search } from './views/search.js';
import { errors } from './views/errors.js';
import { jobs } from './views/jobs.js';

const ROUTES = { '': overview, files, view: viewer, follow, search, errors, jobs };
const main = document.getElementById('view');
let current = null;

export function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [pathPart, query = ''] = hash.split('?');
  const [name, ...rest] = pathPart.split('/');
  return { name, rest: rest.map(decodeURIComponent), params: new URLSearchParams(query) };
}

// Changes the URL (and so the view) to name with params; replace keeps the browser history short for filter edits.
export function go(name, params = {}, replace = false) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, v);
  const hash = '#/' + name + (q.toString() ? '?' + q : '');
  if (replace) history.replaceState(null, '', hash); else location.hash = hash;
  if (replace) render();
}

async function render() {
  const r = route();
  const view = ROUTES[r.name] || overview;
  if (current && current.dispose) current.dispose();
  current = null;
  for (const a of document.querySelectorAll('[data-nav]')) {
    const active = a.dataset.nav === (r.name || 'overview') || (r.name === 'view' && a.dataset.nav === 'files');
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  clear(main);
  try {
    current = await view(main, r) || null;
  } catch (e) {
    main.append(notice(e instanceof NotAvailable ? e.message : 'Could not load this view: ' + e.message,
      e instanceof NotAvailable ? '' : 'error'));
  }
}

function toggleTheme() {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = next;
  localStorage.setItem('theme', next);
}

async function syncBadge() {
  const badge = document.getElementById('sync-badge');
  try {
    const s = await getJson('/status');
    badge.className = 'badge' + (s.sync_running ? ' running' : s.last_error ? ' failed' : '');
    badge.textContent = s.sync_running ? 'syncing…' : s.last_error ? 'last sync failed'
      : s.last_sync_time ? 'synced ' + s.last_sync_time.replace('T', ' ').replace(/\.\d+$/, '') : 'not synced yet';
    badge.title = s.last_error || '';
  } catch { badge.textContent = ''; }
}

let pendingG = false;
function onKey(e) {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) || e.target.isContentEditable;
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  if (pendingG) {
    pendingG = false;
    const target = { o: '', f: 'files', s: 'search', e: 'errors', j: 'jobs', l: 'follow' }[e.key];
    if (target !== undefined) { e.preventDefault(); go(target); }
    return;
  }
  if (e.key === 'g') { pendingG = true; setTimeout(() => { pendingG = false; }, 1000); return; }
  if (e.key === 't') { toggleTheme(); return; }
  if (e.key === '?') { document.getElementById('help').showModal(); return; }
  if (e.key === '/') {
    const box = main.querySelector('input[type=search], input[name=q], input[name=name]');
    if (box) { e.preventDefault(); box.focus(); }
    return;
  }
  if (current && current.onKey) current.onKey(e);
}

document.getElementById('theme-button').addEventListener('click', toggleTheme);
document.getElementById('help-button').addEventListener('click', () => document.getElementById('help').showModal());
const tokenButton = document.getElementById('token-button');
const tokenDialog = document.getElementById('token-dialog');
tokenButton.addEventListener('click', () => tokenDialog.showModal());
document.addEventListener('needs-token', () => { tokenButton.hidden = false; if (!tokenDialog.open) tokenDialog.showModal(); });
document.getElementById('token-form').addEventListener('submit', () => {
  setToken(document.getElementById('token-input').value.trim());
  render();
  syncBadge();
});
document.addEventListener('keydown', onKey);
window.addEventListener('hashchange', render);
render();
syncBadge();
setInterval(syncBadge, 5000);
