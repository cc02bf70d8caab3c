// Building the page without HTML strings: every text from the API goes in as a text node, so no
// description or reason can ever become markup.
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A table: a caption, column headers (`{ label, amount }`) and rows of cells (text or nodes). */
export function table(caption, columns, rows, attributes = {}) {
  // A table wider than a phone scrolls inside its own region, which the keyboard can reach.
  return el('div', { class: 'table-wrap', role: 'region', tabindex: 0, 'aria-label': caption },
    el('table', attributes,
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, columns.map((column) => el('th', { scope: 'col', class: column.amount ? 'amount' : column.class }, column.label)))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((cell, index) =>
        el('td', { class: [columns[index].amount ? 'amount' : '', columns[index].class ?? '', cell?.class ?? ''].join(' ').trim() || undefined },
          cell?.text ?? cell)))))));
}

/** Says `message` to screen readers (the polite live region) without moving the focus. */
export function announce(message) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  setTimeout(() => (region.textContent = message), 50);
}

export function labelled(label, input) {
  return el('label', {}, label, input);
}
