// Error and warning groups: each pattern with its level and count, when it was first and last seen, the files it
// appears in, and sample lines that open the viewer at the line.
import { h, notice, field, when } from '../dom.js';
import { getJson } from '../api.js';
import { go } from '../app.js';

export function sampleLink(sample, label) {
  const text = label || `${sample.path.replace(/^(logs|categorized\/[^/]+)\//, '')}:${sample.line_number}`;
  return h('a', { href: '#/view?path=' + encodeURIComponent(sample.path) + '&line=' + sample.line_number }, text);
}

export function groupTable(groups) {
  return h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, 'Level'), h('th', { class: 'num' }, 'Count'), h('th', {}, 'Pattern'),
      h('th', {}, 'First seen'), h('th', {}, 'Last seen'), h('th', {}, 'Samples'))),
    h('tbody', {}, groups.map(g => h('tr', {},
      h('td', { class: 'lvl-' + (g.level || '').toLowerCase() }, g.level || ''),
      h('td', { class: 'num' }, String(g.count)),
      h('td', { style: 'font-family:var(--mono);word-break:break-all' }, g.pattern || g.template || g.kind || ''),
      h('td', {}, when(g.first_seen)), h('td', {}, when(g.last_seen)),
      h('td', {}, (g.samples || []).slice(0, 5).map(s => h('div', {}, sampleLink(s))))))));
}

export async function errors(main, { params }) {
  const s = Object.fromEntries(params);
  main.append(h('h1', {}, 'Errors'));
  const services = await getJson('/services');
  const service = h('select', { name: 'service' }, h('option', { value: '' }, 'all'),
    services.map(x => h('option', { value: x, selected: x === s.service }, x)));
  const level = h('select', { name: 'level' }, ['', 'error', 'warning'].map(l =>
    h('option', { value: l, selected: l === (s.level || '') }, l || 'errors and warnings')));
  const path = h('input', { name: 'path', value: s.path || '', placeholder: 'one file' });
  const since = h('input', { name: 'since', value: s.since || '', placeholder: '24h' });
  main.append(h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    go('errors', { service: service.value, level: level.value, path: path.value.trim(), since: since.value.trim() });
  } }, field('Category', service), field('Level', level), field('File', path), field('Since', since),
  h('button', { type: 'submit' }, 'Show')));
  const answer = await getJson('/errors', { service: s.service, level: s.level, path: s.path, since: s.since });
  const groups = Array.isArray(answer) ? answer : answer.groups || [];
  main.append(groups.length ? groupTable(groups) : notice('No errors or warnings found.'));
  return null;
}
