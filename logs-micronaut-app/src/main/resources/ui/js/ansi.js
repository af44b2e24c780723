// Renders text with ANSI SGR colour sequences (ESC [ ... m) as spans; other escape sequences are dropped.
// Colours map to CSS colours that read on both themes.
const BASIC = ['#6e7681', '#e5534b', '#57ab5a', '#c69026', '#539bf5', '#b083f0', '#39c5cf', '#adbac7'];
const BRIGHT = ['#909dab', '#ff938a', '#6bc46d', '#daaa3f', '#6cb6ff', '#dcbdfb', '#56d4dd', '#cdd9e5'];
const ESC = /\x1b\[([0-9;]*)([A-Za-z])/g;

function color256(n) {
  if (n < 8) return BASIC[n];
  if (n < 16) return BRIGHT[n - 8];
  if (n < 232) {
    const c = n - 16;
    const v = x => (x === 0 ? 0 : 55 + x * 40);
    return `rgb(${v(Math.floor(c / 36))},${v(Math.floor(c / 6) % 6)},${v(c % 6)})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g},${g},${g})`;
}

export function hasAnsi(text) { return text.includes('\x1b['); }

// Appends text to parent, split into styled spans; decorate(textNodeParent, text) may add highlights.
export function renderAnsi(parent, text, decorate) {
  let style = {};
  let last = 0;
  const emit = (chunk) => {
    if (!chunk) return;
    const span = document.createElement('span');
    if (style.fg) span.style.color = style.fg;
    if (style.bg) span.style.backgroundColor = style.bg;
    span.className = ['bold', 'dim', 'italic', 'underline'].filter(k => style[k]).map(k => 'ansi-' + k).join(' ');
    decorate(span, chunk);
    parent.append(span);
  };
  ESC.lastIndex = 0;
  let m;
  while ((m = ESC.exec(text)) !== null) {
    emit(text.slice(last, m.index));
    last = ESC.lastIndex;
    if (m[2] !== 'm') continue;
    const codes = m[1] === '' ? [0] : m[1].split(';').map(Number);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c === 0) style = {};
      else if (c === 1) style.bold = true;
      else if (c === 2) style.dim = true;
      else if (c === 3) style.italic = true;
      else if (c === 4) style.underline = true;
      else if (c === 22) { style.bold = false; style.dim = false; }
      else if (c === 23) style.italic = false;
      else if (c === 24) style.underline = false;
      else if (c >= 30 && c <= 37) style.fg = BASIC[c - 30];
      else if (c >= 90 && c <= 97) style.fg = BRIGHT[c - 90];
      else if (c >= 40 && c <= 47) style.bg = BASIC[c - 40];
      else if (c >= 100 && c <= 107) style.bg = BRIGHT[c - 100];
      else if (c === 39) style.fg = undefined;
      else if (c === 49) style.bg = undefined;
      else if ((c === 38 || c === 48) && codes[i + 1] === 5) {
        style[c === 38 ? 'fg' : 'bg'] = color256(codes[i + 2] || 0); i += 2;
      } else if ((c === 38 || c === 48) && codes[i + 1] === 2) {
        style[c === 38 ? 'fg' : 'bg'] = `rgb(${codes[i + 2] || 0},${codes[i + 3] || 0},${codes[i + 4] || 0})`; i += 4;
      }
    }
  }
  emit(text.slice(last));
}
