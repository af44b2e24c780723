// The file list: newest first, filters for category, name, date range and "has errors", paging; size, time and
// error counts per file. Every filter lives in the URL.
import { h, bytes, when, notice, field } from '../dom.js';
import { getJson } from '../api.js';
import { go } from '../app.js';

const PAGE = 100;

export async function files(main, { params }) {
  const state = Object.fromEntries(params);
  const page = Math.max(0, Number(state.page || 0));
  main.append(h('h1', {}, 'Files'));

  const services = await getJson('/services');
  const service = h('select', { name: 'service' }, h('option', { value: '' }, 'all'),
    services.map(s => h('option', { value: s, selected: s === state.service }, s)));
  const name = h('input', { type: 'search', name: 'name', value: state.name || '', placeholder: 'part of the path' });
  const since = h('input', { name: 'since', value: state.since || '', placeholder: '2h, 7d or 2026-12-01' });
  const until = h('input', { name: 'until', value: state.until || '', placeholder: 'now' });
  const hasErrors = h('input', { type: 'checkbox', name: 'has_errors', checked: state.has_errors === 'true' });
  const form = h('form', { class: 'filters', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    go('files', { service: service.value, name: name.value.trim(), since: since.value.trim(), until: until.value.trim(),
      has_errors: hasErrors.checked ? 'true' : '' }, true);
  } },
  field('Category', service), field('Name', name), field('Modified since', since), field('Until', until),
  field('has errors', hasErrors, true), h('button', { type: 'submit' }, 'Filter'));
  service.addEventListener('change', () => form.requestSubmit());
  hasErrors.addEventListener('change', () => form.requestSubmit());
  main.append(form);

  const query = { service: state.service, name: state.name, since: state.since, until: state.until,
    limit: PAGE, offset: page * PAGE || undefined };
  if (state.has_errors === 'true') query.has_errors = 'true';
  let list;
  try {
    list = await getJson('/logs', query);
  } catch (e) {
    main.append(notice(e.message, 'error'));
    return null;
  }
  const fullPage = list.length === PAGE;
  if (!list.length) {
    main.append(notice(page ? 'No more files.' : 'No files match.'));
  } else {
    const hasCounts = list.some(f => f.error_count !== undefined);
    main.append(h('table', {},
      h('caption', { class: 'muted', style: 'text-align:left' }, `Files ${page * PAGE + 1} to ${page * PAGE + list.length}, newest first`),
      h('thead', {}, h('tr', {}, h('th', {}, 'File'), h('th', {}, 'Category'), h('th', { class: 'num' }, 'Size'),
        h('th', {}, 'Modified'), hasCounts ? h('th', { class: 'num' }, 'Errors') : null,
        hasCounts ? h('th', { class: 'num' }, 'Warnings') : null)),
      h('tbody', {}, list.map(f => h('tr', {},
        h('td', {}, h('a', { href: '#/view?path=' + encodeURIComponent(f.path) }, f.path.replace(/^categorized\/[^/]+\//, ''))),
        h('td', {}, f.service), h('td', { class: 'num' }, bytes(f.size_bytes)), h('td', {}, when(f.modified_time)),
        hasCounts ? h('td', { class: 'num' + (f.error_count ? ' lvl-error' : '') }, String(f.error_count ?? '')) : null,
        hasCounts ? h('td', { class: 'num' + (f.warning_count ? ' lvl-warning' : '') }, String(f.warning_count ?? '')) : null)))));
  }
  main.append(h('div', { class: 'pager' },
    h('button', { type: 'button', disabled: page === 0, onclick: () => go('files', { ...state, page: page - 1 || '' }) }, '← Newer'),
    h('span', { class: 'muted' }, 'Page ' + (page + 1)),
    h('button', { type: 'button', disabled: !fullPage, onclick: () => go('files', { ...state, page: page + 1 }) }, 'Older →')));
  return null;
}
