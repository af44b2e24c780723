// Jobs: every SLURM job seen in the logs with its state; a job's page lists its files, its first error and its
// error groups.
import { h, notice, when } from '../dom.js';
import { getJson } from '../api.js';
import { groupTable, sampleLink } from './errors.js';

const STATE_CLASS = { failed: 'lvl-error', cancelled: 'lvl-warning', timeout: 'lvl-error', time_limit: 'lvl-error',
  out_of_memory: 'lvl-error', oom: 'lvl-error', completed: '', running: 'lvl-info' };

function state(job) {
  const text = (job.state || 'unknown') + (job.exit_code !== undefined && job.exit_code !== null ? ` (exit ${job.exit_code})` : '');
  return h('span', { class: STATE_CLASS[job.state] || '' }, text);
}

export async function jobs(main, { rest }) {
  if (rest[0]) return job(main, rest[0]);
  main.append(h('h1', {}, 'Jobs'));
  const answer = await getJson('/jobs');
  const list = Array.isArray(answer) ? answer : answer.jobs || [];
  if (!list.length) { main.append(notice('No SLURM job ids seen in the file names yet.')); return null; }
  main.append(h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, 'Job'), h('th', {}, 'State'), h('th', { class: 'num' }, 'Files'),
      h('th', {}, 'Last activity'), h('th', {}, 'First error'))),
    h('tbody', {}, list.map(j => h('tr', {},
      h('td', {}, h('a', { href: '#/jobs/' + encodeURIComponent(j.job_id ?? j.id) }, String(j.job_id ?? j.id))),
      h('td', {}, state(j)), h('td', { class: 'num' }, String(j.file_count ?? (j.files || []).length)),
      h('td', {}, when(j.last_modified || j.last_seen)),
      h('td', {}, j.first_error ? sampleLink(j.first_error, j.first_error.line || undefined) : ''))))));
  return null;
}

async function job(main, id) {
  const j = await getJson('/jobs/' + encodeURIComponent(id));
  main.append(h('h1', {}, 'Job ' + id), h('p', {}, 'State: ', state(j)));
  if (j.first_error) {
    main.append(h('h2', {}, 'First error'), h('p', {}, sampleLink(j.first_error),
      j.first_error.line ? h('code', { style: 'margin-left:1ch' }, j.first_error.line) : null));
  }
  main.append(h('h2', {}, 'Files'), h('table', {}, h('tbody', {}, (j.files || []).map(f => {
    const path = typeof f === 'string' ? f : f.path;
    return h('tr', {}, h('td', {}, h('a', { href: '#/view?path=' + encodeURIComponent(path) }, path)),
      h('td', {}, typeof f === 'string' ? '' : String(f.error_count ?? '')));
  }))));
  const groups = j.error_groups || j.groups || [];
  main.append(h('h2', {}, 'Error groups'), groups.length ? groupTable(groups) : notice('No error groups.'));
  return null;
}
