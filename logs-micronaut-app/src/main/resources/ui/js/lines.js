// One log line on screen: line number, level colour, ANSI colours and search highlights (matches are marked, never
// filtered out).
import { h } from './dom.js';
import { hasAnsi, renderAnsi } from './ansi.js';

const LEVEL = /\b(FATAL|CRITICAL|ERROR|WARNING|WARN|INFO|DEBUG|TRACE)\b|^([EWIF])\d{4} /;
const LEVEL_NAMES = { E: 'error', W: 'warning', I: 'info', F: 'fatal' };

export function levelOf(text) {
  const m = LEVEL.exec(text.length > 200 ? text.slice(0, 200) : text);
  if (!m) return /Traceback \(most recent call last\)|CUDA out of memory|OutOfMemoryError|Segmentation fault/.test(text)
    ? 'error' : '';
  return m[1] ? m[1].toLowerCase() : LEVEL_NAMES[m[2]];
}

export function matcher(query, caseMode = 'smart', regex = false) {
  if (!query) return null;
  const insensitive = caseMode === 'insensitive' || (caseMode === 'smart' && query === query.toLowerCase());
  try {
    const source = regex ? query : query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(source, insensitive ? 'gi' : 'g');
  } catch {
    return null;
  }
}

function highlight(target, text, re) {
  if (!re) { target.textContent = text; return; }
  re.lastIndex = 0;
  let last = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    if (m.index > last) target.append(text.slice(last, m.index));
    target.append(h('mark', {}, m[0]));
    last = m.index + m[0].length;
  }
  if (last < text.length) target.append(text.slice(last));
}

export function renderLine(number, text, { re, current, level } = {}) {
  const lvl = level || levelOf(text);
  const body = h('span', { class: 'text' + (lvl ? ' lvl-' + lvl : '') });
  if (hasAnsi(text)) renderAnsi(body, text, (span, chunk) => highlight(span, chunk, re));
  else highlight(body, text, re);
  return h('div', { class: 'line' + (current ? ' current' : ''), dataset: { line: number } },
    h('span', { class: 'no', 'aria-hidden': 'true' }, number === null ? '' : String(number)), body);
}
