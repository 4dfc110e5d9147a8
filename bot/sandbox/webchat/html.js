// Telegram's HTML subset turned into DOM nodes, never through innerHTML.
//
// The text comes from the bot, and the bot puts user-typed text into it, so it
// is untrusted. We tokenize it ourselves (as Telegram does, not as a browser
// would), create elements only for Telegram's own tags, and put everything else
// on the page as text.

const TAGS = {
  b: "b", strong: "b", i: "i", em: "i", u: "u", ins: "u",
  s: "s", strike: "s", del: "s", code: "code", pre: "pre",
  blockquote: "blockquote", "tg-spoiler": "span", a: "a", span: "span", "tg-emoji": "span",
};
const SAFE_LINK = /^(https?:|tg:)/i;
const TAG_RE = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*?)?)\s*(\/?)>/;
const ATTR_RE = /([a-zA-Z_][a-zA-Z0-9_-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const NAMED = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Replace &lt; &#39; &#x1F600; and friends; unknown ones stay as typed. */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X"
        ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

function parseAttrs(source) {
  const attrs = {};
  for (const m of source.matchAll(ATTR_RE)) {
    attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

/** The element for an opening tag, or null when the tag is not Telegram's. */
function elementFor(name, attrs) {
  const kind = TAGS[name];
  if (kind === undefined) return null;
  if (name === "span" && attrs.class !== "tg-spoiler") return document.createElement("span");
  const el = document.createElement(kind);
  if (name === "tg-spoiler" || name === "span") {
    el.className = "spoiler";
    el.title = "spoiler: click to show";
    el.addEventListener("click", () => el.classList.add("shown"));
  } else if (name === "a") {
    const href = (attrs.href || "").trim();
    if (SAFE_LINK.test(href)) {
      el.href = href;
      el.target = "_blank";
      el.rel = "noopener noreferrer";
    } else {
      el.className = "dead-link";  // shown, but not clickable: javascript:, data:, …
    }
  } else if (name === "code" && attrs.class && /^language-[\w+-]+$/.test(attrs.class)) {
    el.dataset.language = attrs.class.slice("language-".length);
  } else if (name === "blockquote" && "expandable" in attrs) {
    el.classList.add("expandable");
  }
  return el;
}

/** A DocumentFragment for Telegram HTML `source`. */
export function renderTelegramHtml(source) {
  const root = document.createDocumentFragment();
  const stack = [{ name: null, el: root }];
  let text = "";
  const flush = () => {
    if (text) stack[stack.length - 1].el.append(decodeEntities(text));
    text = "";
  };
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf("<", i);
    if (lt < 0) { text += source.slice(i); break; }
    text += source.slice(i, lt);
    const m = TAG_RE.exec(source.slice(lt));
    if (!m) { text += "<"; i = lt + 1; continue; }
    const [whole, closing, rawName, rawAttrs] = m;
    const name = rawName.toLowerCase();
    i = lt + whole.length;
    if (closing) {
      const at = stack.findLastIndex((f) => f.name === name);
      if (at > 0) { flush(); stack.length = at; } else { text += whole; }
      continue;
    }
    const el = elementFor(name, parseAttrs(rawAttrs));
    if (el === null) { text += whole; continue; }  // not Telegram's: show it as typed
    flush();
    stack[stack.length - 1].el.append(el);
    stack.push({ name, el });
  }
  flush();
  return root;
}

/** Plain text with Telegram entities (messages sent without parse_mode). */
export function renderEntities(plain, entities) {
  const root = document.createDocumentFragment();
  if (!entities || entities.length === 0) { root.append(plain); return root; }
  // Offsets count UTF-16 code units, which is what JS strings index by.
  const kinds = {
    bold: "b", italic: "i", underline: "u", strikethrough: "s", code: "code",
    pre: "pre", blockquote: "blockquote", expandable_blockquote: "blockquote",
    spoiler: "tg-spoiler", text_link: "a", url: "a",
  };
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  const build = (start, end, items, parent) => {
    let pos = start;
    let k = 0;
    while (k < items.length) {
      const ent = items[k];
      const inner = [];
      let j = k + 1;
      while (j < items.length && items[j].offset < ent.offset + ent.length) inner.push(items[j++]);
      if (ent.offset > pos) parent.append(plain.slice(pos, ent.offset));
      const name = kinds[ent.type];
      const segment = plain.slice(ent.offset, ent.offset + ent.length);
      const el = name ? elementFor(name, { href: ent.url ?? segment }) : null;
      const target = el ?? document.createDocumentFragment();
      build(ent.offset, ent.offset + ent.length, inner, target);
      parent.append(target);
      pos = Math.max(pos, ent.offset + ent.length);
      k = j;
    }
    if (pos < end) parent.append(plain.slice(pos, end));
  };
  build(0, plain.length, sorted, root);
  return root;
}
