// Search across files: matches stream in as the server finds them, newest files first; each opens the viewer at its
// line, in context.
import { h, notice, field, when } from '../dom.js';
import { getJson, streamNdjson } from '../api.js';
import { matcher } from '../lines.js';
import { go } from '../app.js';

export async function search(main, { params }) {
  const s = Object.fromEntries(params);
  main.append(h('h1', {}, 'Search'));
  const services = await getJson('/services');
  const q = h('input', { type: 'search', name: 'q', value: s.q || '', required: true, placeholder: 'text or regex' });
  const regex = h('input', { type: 'checkbox', name: 'regex', checked: s.regex === 'true' });
  const caseMode = h('select', { name: 'case' }, ['smart', 'insensitive', 'sensitive'].map(c =>
    h('option', { value: c, selected: c === (s.case || 'smart') }, c)));
  const service = h('select', { name: 'service' }, h('option', { value: '' }, 'all'),
    services.map(x => h('option', { value: x, selected: x === s.service }, x)));
  const path = h('input', { name: 'path', value: s.path || '', placeholder: 'file or folder' });
  const since = h('input', { name: 'since', value: s.since || '', placeholder: '2h' });
  const until = h('input', { name: 'until', value: s.until || '' });
  const context = h('input', { name: 'context', type: 'number', min: 0, max: 20, value: s.context || '0', style: 'width:5em' });
  main.append(h('form', { class: 'filters', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    go('search', { q: q.value, regex: regex.checked ? 'true' : '', case: caseMode.value === 'smart' ? '' : caseMode.value,
      service: service.value, path: path.value.trim(), since: since.value.trim(), until: until.value.trim(),
      context: context.value === '0' ? '' : context.value });
  } }, field('Search', q), field('regex', regex, true), field('Case', caseMode), field('Category', service),
  field('Path', path), field('Since', since), field('Until', until), field('Context lines', context),
  h('button', { type: 'submit', class: 'primary' }, 'Search')));
  if (!s.q) { q.focus(); return null; }

  const status = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' }, 'Searching…');
  const results = h('div', { class: 'results' });
  main.append(status, results);
  const re = matcher(s.q, s.case || 'smart', s.regex === 'true');
  const abort = new AbortController();
  let count = 0;
  let summary = null;
  let lastFile = null;
  const started = performance.now();

  function lineRow(file, number, text, isMatch) {
    const body = h('span', { class: isMatch ? '' : 'ctx' });
    if (isMatch && re) {
      re.lastIndex = 0;
      let last = 0; let m;
      while ((m = re.exec(text)) !== null) {
        if (!m[0].length) { re.lastIndex++; continue; }
        body.append(text.slice(last, m.index), h('mark', {}, m[0]));
        last = m.index + m[0].length;
      }
      body.append(text.slice(last));
    } else body.textContent = text;
    return h('div', { class: 'match' }, h('a', { class: 'lineno', href: '#/view?path=' + encodeURIComponent(file)
      + '&line=' + number + '&q=' + encodeURIComponent(s.q) }, String(number)), body);
  }

  try {
    await streamNdjson('/logs/search', { q: s.q, regex: s.regex, case: s.case, service: s.service, path: s.path,
      since: s.since, until: s.until, context: s.context }, (m) => {
      if (m.summary) { summary = m.summary; return; }
      if (m.line_number === undefined) return;
      if (m.path !== lastFile) {
        lastFile = m.path;
        results.append(h('div', { class: 'file-head' }, h('a', { href: '#/view?path=' + encodeURIComponent(m.path) }, m.path),
          m.time ? h('span', { class: 'muted' }, '  ' + when(m.time)) : null));
      }
      const before = m.before || m.context_before || [];
      const after = m.after || m.context_after || [];
      before.forEach((t, i) => results.append(lineRow(m.path, t.line_number ?? m.line_number - before.length + i, typeof t === 'string' ? t : t.line, false)));
      results.append(lineRow(m.path, m.line_number, m.line, true));
      after.forEach((t, i) => results.append(lineRow(m.path, t.line_number ?? m.line_number + 1 + i, typeof t === 'string' ? t : t.line, false)));
      count++;
      status.textContent = `${count} matches so far…`;
    }, abort.signal);
    status.textContent = `${count} matches in ${Math.round(performance.now() - started)} ms` + (count ? '' : ': nothing found')
      + (summary ? ` (${summary.files_searched} files searched${summary.stopped && summary.stopped !== 'completed' ? ', stopped: ' + summary.stopped : ''})` : '');
  } catch (e) {
    if (e.name !== 'AbortError') { status.replaceWith(notice(e.message, 'error')); }
  }
  return { dispose() { abort.abort(); } };
}
