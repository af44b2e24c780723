// The file viewer. It never holds the file: it asks /logs/line-index where every 512th line begins, then fetches
// only the chunks of lines on screen from /logs/content by byte range, and keeps a few of them. The scroll area is as
// tall as the file's lines (scaled down past what browsers can scroll), so a 1 GB file opens at once and scrolls
// to its end. Line numbers, a wrap toggle, start and end, ANSI colours, level colours, and search matches marked
// without filtering anything out.
import { h, notice, bytes } from '../dom.js';
import { getJson, getBytes, streamNdjson, NotAvailable } from '../api.js';
import { renderLine, matcher } from '../lines.js';
import { go } from '../app.js';

const LINE_PX = 18;
const MAX_SCROLL_PX = 8_000_000;
const CHUNKS_KEPT = 48;
const decoder = new TextDecoder('utf-8');

export async function viewer(main, { params }) {
  const path = params.get('path');
  if (!path) { main.append(notice('Pick a file in Files first.')); return null; }
  const generation = params.get('generation') || undefined;
  let q = params.get('q') || '';
  let wrap = params.get('wrap') === '1';
  let currentLine = Number(params.get('line')) || 0;

  const lines = h('div', { class: 'lines' });
  const spacerY = h('div', { class: 'spacer-y' });
  const viewport = h('div', { class: 'viewport' + (wrap ? ' wrap' : ''), tabindex: '0', role: 'log',
    'aria-label': 'Content of ' + path }, lines, spacerY);
  const info = h('span', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const qInput = h('input', { type: 'search', name: 'q', value: q, placeholder: 'mark matches' });
  const wrapButton = h('button', { type: 'button', 'aria-pressed': String(wrap), title: 'Wrap lines (w)' }, 'Wrap');
  const matchInfo = h('span', { class: 'muted' });
  main.append(h('div', { class: 'viewer-bar' },
    h('span', { class: 'path' }, path),
    h('button', { type: 'button', title: 'Start (Home)', onclick: () => scrollToLine(1) }, '⇤ Start'),
    h('button', { type: 'button', title: 'End (End)', onclick: () => scrollToEnd() }, 'End ⇥'),
    wrapButton,
    h('button', { type: 'button', title: 'Follow (f)', onclick: () => go('follow', { path }) }, 'Follow'),
    h('form', { role: 'search', onsubmit: (e) => { e.preventDefault(); setQuery(qInput.value); } },
      h('label', { for: 'viewer-find' }, 'Find '), Object.assign(qInput, { id: 'viewer-find' })),
    h('button', { type: 'button', title: 'Previous match (N)', onclick: () => nextMatch(-1) }, '↑'),
    h('button', { type: 'button', title: 'Next match (n)', onclick: () => nextMatch(1) }, '↓'),
    matchInfo, info), viewport);

  let index = { size_bytes: 0, lines: 0, every: 512, offsets: [0] };
  const chunks = new Map(); // chunk number -> {lines: string[]} or a Promise while loading
  let re = matcher(q);
  let matches = null; // sorted line numbers, when the search endpoint answers
  let disposed = false;
  let indexed = false;
  let frame = 0;

  // The scroll position is a fraction of the way through the lines, so a file too tall for the browser to scroll in
  // pixels still reaches every line, and the last one exactly at the bottom.
  function fullyVisible() { return Math.max(1, Math.floor(viewport.clientHeight / LINE_PX)); }
  function scrollable() { return Math.max(0, index.lines - fullyVisible()); }
  function maxTop() { return Math.max(0, viewport.scrollHeight - viewport.clientHeight); }
  function fraction() { return maxTop() > 0 ? Math.min(1, viewport.scrollTop / maxTop()) : 0; }
  function firstVisibleLine() { return 1 + Math.round(fraction() * scrollable()); }

  function chunkRange(n) {
    const start = index.offsets[n];
    const end = n + 1 < index.offsets.length ? index.offsets[n + 1] : index.size_bytes;
    return [start, end];
  }

  function loadChunk(n) {
    if (chunks.has(n)) { const c = chunks.get(n); chunks.delete(n); chunks.set(n, c); return c; }
    const [start, end] = chunkRange(n);
    const pending = getBytes('/logs/content', { path, generation, offset: start, length: Math.max(1, end - start) })
      .then(({ bytes: raw }) => {
        let text = decoder.decode(raw);
        if (text.endsWith('\n')) text = text.slice(0, -1);
        const chunk = { lines: text.length || end > start ? text.split('\n').map(l => l.endsWith('\r') ? l.slice(0, -1) : l) : [] };
        chunks.set(n, chunk);
        while (chunks.size > CHUNKS_KEPT) chunks.delete(chunks.keys().next().value);
        schedule();
        return chunk;
      })
      .catch((e) => { chunks.delete(n); if (!disposed) info.textContent = e.message; });
    chunks.set(n, pending);
    return pending;
  }

  function lineText(number) {
    const n = Math.floor((number - 1) / index.every);
    if (n >= index.offsets.length) return null;
    const c = loadChunk(n);
    if (c instanceof Promise) return null;
    return c.lines[(number - 1) % index.every] ?? null;
  }

  function draw() {
    frame = 0;
    sizeSpacer();
    const atEnd = index.lines > fullyVisible() && fraction() >= 0.9999;
    const last = atEnd ? index.lines : Math.min(index.lines, firstVisibleLine() + fullyVisible());
    const first = atEnd ? Math.max(1, last - fullyVisible()) : firstVisibleLine();
    lines.classList.toggle('at-end', atEnd);
    const rows = [];
    for (let n = first; n <= last; n++) {
      const text = lineText(n);
      rows.push(text === null ? renderLine(n, '…') : renderLine(n, text, { re, current: n === currentLine }));
    }
    lines.replaceChildren(...rows);
    info.textContent = `${index.lines.toLocaleString()} lines, ${bytes(index.size_bytes)}`
      + (index.lines ? ` · lines ${first}–${last}` : '');
  }

  function sizeSpacer() {
    const total = Math.min(Math.max(1, index.lines) * LINE_PX, MAX_SCROLL_PX);
    spacerY.style.height = Math.max(0, total - viewport.clientHeight) + 'px';
  }

  function schedule() { if (!frame && !disposed) frame = requestAnimationFrame(draw); }

  function scrollToLine(n) {
    currentLine = n;
    const top = Math.max(0, n - 1 - Math.floor(fullyVisible() / 3));
    viewport.scrollTop = scrollable() ? top / scrollable() * maxTop() : 0;
    schedule();
  }
  function scrollToEnd() { viewport.scrollTop = viewport.scrollHeight; schedule(); }

  async function loadIndex() {
    const fresh = await getJson('/logs/line-index', { path, generation });
    indexed = true;
    chunks.clear();
    index = fresh;
    sizeSpacer();
    schedule();
  }

  async function setQuery(value) {
    q = value;
    re = matcher(q);
    matches = null;
    matchInfo.textContent = '';
    go('view', { path, generation, q, line: currentLine || undefined, wrap: wrap ? '1' : undefined }, true);
  }

  async function findMatches() {
    if (!q) return;
    const found = [];
    try {
      await streamNdjson('/logs/search', { q, path, limit: 10000 }, (m) => { if (m.line_number) found.push(m.line_number); });
      matches = found.sort((a, b) => a - b);
      matchInfo.textContent = matches.length + (matches.length === 10000 ? '+' : '') + ' matches';
    } catch (e) {
      matchInfo.textContent = e instanceof NotAvailable ? 'marking matches on screen' : e.message;
    }
  }

  function nextMatch(direction) {
    if (!matches || !matches.length) return;
    const from = currentLine || firstVisibleLine();
    const next = direction > 0 ? matches.find(n => n > from) ?? matches[0]
      : [...matches].reverse().find(n => n < from) ?? matches[matches.length - 1];
    scrollToLine(next);
  }

  function setWrap(on) {
    wrap = on;
    viewport.classList.toggle('wrap', wrap);
    wrapButton.setAttribute('aria-pressed', String(wrap));
    schedule();
  }
  wrapButton.addEventListener('click', () => setWrap(!wrap));
  viewport.addEventListener('scroll', schedule);
  const resize = () => schedule();
  window.addEventListener('resize', resize);

  // The first screen shows at once from the file's first bytes; the line index (one pass over the file on the
  // server, about a second for 1 GB) replaces this provisional view when it arrives.
  const indexing = loadIndex();
  getBytes('/logs/content', { path, generation, offset: 0, length: 65536 }).then(({ bytes: raw, size }) => {
    if (indexed || disposed) return;
    let text = decoder.decode(raw);
    const complete = raw.length >= size;
    if (!complete) text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
    else if (text.endsWith('\n')) text = text.slice(0, -1);
    const first = text ? text.split('\n').map(l => l.endsWith('\r') ? l.slice(0, -1) : l) : [];
    index = { size_bytes: size, lines: first.length, every: Number.MAX_SAFE_INTEGER, offsets: [0] };
    chunks.set(0, { lines: first });
    sizeSpacer();
    schedule();
  }).catch(() => {});
  await indexing;
  if (currentLine) scrollToLine(currentLine); else if (params.get('end') === '1') scrollToEnd(); else schedule();
  findMatches();
  viewport.focus();

  return {
    dispose() { disposed = true; window.removeEventListener('resize', resize); },
    onKey(e) {
      if (e.key === 'Home') { e.preventDefault(); scrollToLine(1); }
      else if (e.key === 'End') { e.preventDefault(); scrollToEnd(); }
      else if (e.key === 'w') setWrap(!wrap);
      else if (e.key === 'n') nextMatch(1);
      else if (e.key === 'N') nextMatch(-1);
      else if (e.key === 'f') go('follow', { path });
    },
  };
}
