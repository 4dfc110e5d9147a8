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

// ----- what Telegram makes clickable in a message's text ----------------------------------

// A web address (with its scheme or a bare t.me/…), an e-mail address, a /command
// (optionally @bot) or an @username, each standing alone: not inside a word or a path.
const LINKABLE = new RegExp(
  String.raw`(https?:\/\/[^\s<>"']+|(?:^|(?<=[\s(«"']))(?:www\.|t\.me\/|telegram\.me\/)[^\s<>"']+)`
  + String.raw`|(?:^|(?<=[\s(«"':]))([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,})(?![\w@])`
  + String.raw`|(?:^|(?<=[\s(«"']))(\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{5,32})?)(?![\w\/@])`
  + String.raw`|(?:^|(?<=[\s(«"']))(@[a-zA-Z][a-zA-Z0-9_]{4,31})(?![\w@])`,
  "g",
);
const TRAILING = /[.,;:!?»"')\]]+$/;
const SKIP = new Set(["A", "CODE", "PRE"]);

function insideSkipped(node, root) {
  for (let at = node.parentNode; at && at !== root; at = at.parentNode) {
    if (SKIP.has(at.nodeName)) return true;
  }
  return false;
}

/** Links and commands in the text nodes of `root` (never inside links or code), in place.
 *
 * Only text is read and only text is written: each match becomes an element whose
 * textContent is the matched text, so nothing in the message is parsed as markup. */
export function linkify(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!insideSkipped(node, root)) nodes.push(node);
  }
  for (const node of nodes) {
    const text = node.data;
    const parts = [];
    let last = 0;
    for (const m of text.matchAll(LINKABLE)) {
      let found = m[0];
      const kind = m[1] ? "url" : m[2] ? "email" : m[3] ? "command" : "mention";
      if (kind === "url") {
        // A sentence's full stop or closing bracket is not part of the address.
        const trail = found.match(TRAILING);
        if (trail && !(trail[0] === ")" && found.includes("("))) found = found.slice(0, -trail[0].length);
        if (/^(https?:\/\/|www\.|t\.me\/|telegram\.me\/)$/i.test(found)) continue;
      }
      if (m.index > last) parts.push(text.slice(last, m.index));
      if (kind === "url") {
        const a = document.createElement("a");
        a.href = /^https?:/i.test(found) ? found : `https://${found}`;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        a.textContent = found;
        parts.push(a);
      } else if (kind === "email") {
        const a = document.createElement("a");
        a.href = `mailto:${found}`;
        a.textContent = found;
        parts.push(a);
      } else if (kind === "mention") {
        const a = document.createElement("a");
        a.href = `https://t.me/${found.slice(1)}`;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        a.textContent = found;
        parts.push(a);
      } else {
        const a = document.createElement("a");
        a.className = "command";
        a.href = "#";
        a.dataset.command = found;
        a.textContent = found;
        parts.push(a);
      }
      last = m.index + found.length;
    }
    if (parts.length === 0) continue;
    if (last < text.length) parts.push(text.slice(last));
    node.replaceWith(...parts);
  }
  return root;
}

/** `/start payload` for a link that opens this bot (t.me/<bot>?start=…), else null. */
export function ownBotCommand(href, username) {
  if (!username) return null;
  let url;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (!["t.me", "telegram.me", "www.t.me"].includes(host)) return null;
  if (url.pathname.replace(/^\/|\/$/g, "").toLowerCase() !== username.toLowerCase()) return null;
  const payload = url.searchParams.get("start");
  return payload ? `/start ${payload}` : "/start";
}
