// Follow mode on a file or a set (category, glob, everything): live lines over server-sent events, pause and
// resume, auto-scroll that stops when the user scrolls up, and a visible reconnect. The browser's EventSource
// resumes after a cut with Last-Event-ID, so nothing is lost or shown twice.
import { h, notice, field } from '../dom.js';
import { eventSource, getJson } from '../api.js';
import { renderLine } from '../lines.js';
import { go } from '../app.js';

const KEPT = 5000;

export async function follow(main, { params }) {
  const path = params.get('path') || '';
  const service = params.get('service') || '';
  const glob = params.get('glob') || '';
  const level = params.get('level') || '';
  main.append(h('h1', {}, 'Follow'));

  const services = await getJson('/services');
  const pathInput = h('input', { name: 'path', value: path, placeholder: 'logs/... or categorized/<category>/...' });
  const serviceSelect = h('select', { name: 'service' }, h('option', { value: '' }, 'all'),
    services.map(s => h('option', { value: s, selected: s === service }, s)));
  const globInput = h('input', { name: 'glob', value: glob, placeholder: '*.err' });
  const levelSelect = h('select', { name: 'level' }, ['', 'error', 'warning', 'info'].map(l =>
    h('option', { value: l, selected: l === level }, l || 'any')));
  main.append(h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    go('follow', { path: pathInput.value.trim(), service: serviceSelect.value, glob: globInput.value.trim(), level: levelSelect.value });
  } }, field('File', pathInput), field('or category', serviceSelect), field('Glob', globInput), field('Level', levelSelect),
  h('button', { type: 'submit' }, 'Follow')));

  const state = h('span', { class: 'badge', role: 'status', 'aria-live': 'polite' }, 'connecting…');
  const pauseButton = h('button', { type: 'button', 'aria-pressed': 'false', title: 'Pause or resume (space)' }, 'Pause');
  const count = h('span', { class: 'muted' });
  const log = h('div', { class: 'follow-log', role: 'log', 'aria-live': 'off', tabindex: '0', 'aria-label': 'Followed lines' });
  main.append(h('div', { class: 'viewer-bar' }, state, pauseButton, count), log);

  let paused = false;
  let held = [];
  let received = 0;
  let stick = true;
  log.addEventListener('scroll', () => { stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 4; });

  function append(nodes) {
    log.append(...nodes);
    while (log.childElementCount > KEPT) log.firstElementChild.remove();
    if (stick) log.scrollTop = log.scrollHeight;
  }
  function show(node) { if (paused) held.push(node); else append([node]); }
  function setPaused(on) {
    paused = on;
    pauseButton.setAttribute('aria-pressed', String(paused));
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    if (!paused && held.length) { append(held); held = []; }
  }
  pauseButton.addEventListener('click', () => setPaused(!paused));

  const several = !path;
  const source = eventSource('/logs/follow', { path, service, glob, level, tail: params.get('tail') || 100 });
  source.onopen = () => { state.textContent = 'live'; state.className = 'badge running'; };
  source.onerror = () => {
    state.textContent = source.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting…';
    state.className = 'badge failed';
  };
  source.addEventListener('line', (e) => {
    const d = JSON.parse(e.data);
    received++;
    count.textContent = received + ' lines';
    const row = renderLine(d.line_number, d.line, { level: d.level });
    if (several) row.querySelector('.text').prepend(h('a', { class: 'file', href: '#/view?path=' + encodeURIComponent(d.path)
      + '&line=' + d.line_number }, d.path.replace(/^(logs|categorized\/[^/]+)\//, '') + ':'));
    show(row);
  });
  const marker = (text) => (e) => { const d = e.data ? JSON.parse(e.data) : {}; show(h('div', { class: 'event' }, text(d))); };
  source.addEventListener('replaced', marker(d => `— ${d.path || 'file'} was rewritten; its new content follows —`));
  source.addEventListener('gone', marker(d => `— ${d.path || 'file'} is gone from the cluster —`));
  source.addEventListener('dropped', marker(d => `— ${d.count ?? 'some'} lines were dropped because this page fell behind; `
    + `re-read from ${d.offset ?? d.sequence ?? 'the file'} —`));
  source.addEventListener('error', (e) => { if (e.data) show(notice(JSON.parse(e.data).detail || e.data, 'error')); });

  return {
    dispose() { source.close(); },
    onKey(e) { if (e.key === ' ') { e.preventDefault(); setPaused(!paused); } },
  };
}
