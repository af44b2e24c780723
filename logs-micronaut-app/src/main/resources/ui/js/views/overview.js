// Categories with their counts and sizes, and the sync state: last sync, progress while one runs, failures.
import { h, bytes, when, notice } from '../dom.js';
import { getJson, post } from '../api.js';

export async function overview(main) {
  main.append(h('h1', {}, 'Overview'));
  const cards = h('div', { class: 'cards', role: 'list', 'aria-label': 'Categories' });
  const sync = h('section', { 'aria-labelledby': 'sync-title' });
  main.append(cards, sync);
  let timer = null;
  let disposed = false;

  async function load() {
    const [stats, status] = await Promise.all([getJson('/services/stats'), getJson('/status')]);
    cards.replaceChildren(...Object.entries(stats.services || stats).map(([name, s]) =>
      h('a', { class: 'card', role: 'listitem', href: '#/files?service=' + encodeURIComponent(name) },
        h('div', { class: 'muted' }, name),
        h('div', { class: 'big' }, String(s.file_count ?? s.files ?? 0)),
        h('div', {}, bytes(s.total_size_bytes ?? s.total_size ?? 0)))));
    sync.replaceChildren(...syncState(status));
    if (!disposed) timer = setTimeout(load, status.sync_running ? 1000 : 5000);
  }

  function syncState(s) {
    const out = [h('h2', { id: 'sync-title' }, 'Sync')];
    const rows = [
      ['Source', s.mode], ['Last sync', when(s.last_sync_time) || 'never'],
      ['Next sync', when(s.next_sync_time) || '—'], ['Interval', s.sync_interval_seconds + ' s'],
      ['Successful syncs', s.total_syncs], ['Failed syncs', s.failed_syncs], ['Files in the mirror', s.indexed_files],
    ];
    out.push(h('table', {}, h('tbody', {}, rows.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, String(v ?? '')))))));
    if (s.sync_running && s.progress) {
      const p = s.progress;
      const done = p.bytes_total ? p.bytes_done / p.bytes_total : (p.files_total ? p.files_done / p.files_total : 0);
      out.push(h('p', {}, 'Syncing: ', `${p.files_done} of ${p.files_total} files, ${bytes(p.bytes_done)} of ${bytes(p.bytes_total)}`),
        h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(done * 100) },
          h('span', { style: `width:${Math.round(done * 100)}%` })));
    }
    if (s.last_error) out.push(notice('The last sync failed: ' + s.last_error, 'error'));
    const failures = s.last_changes && s.last_changes.failures || [];
    if (failures.length) {
      out.push(h('h2', {}, `Files the last sync could not bring up to date (${s.last_changes.files_failed})`),
        h('table', {}, h('tbody', {}, failures.map(f => h('tr', {}, h('td', {}, f.path), h('td', {}, f.reason))))));
    }
    out.push(h('p', {}, h('button', { type: 'button', class: 'primary', onclick: async (e) => {
      e.target.disabled = true; e.target.textContent = 'Syncing…';
      try { await post('/sync/trigger'); } finally { clearTimeout(timer); load(); }
    } }, 'Sync now')));
    return out;
  }

  await load();
  return { dispose() { disposed = true; clearTimeout(timer); } };
}
