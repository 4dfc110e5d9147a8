// The web chat: acts as simulated people through the local Bot API's /sim API.
import { linkify, ownBotCommand, renderEntities, renderTelegramHtml } from "./html.js";

const POLL_SECONDS = 25;
const OTHERS_EVERY_MS = 3000;   // how often chats not on screen are refreshed
const MAX_BACKOFF_MS = 4000;
const PRESS_TIMEOUT_MS = 10000;
const SAFE_URL = /^(https?:|tg:)/i;
const CLOCK_REFRESH_MS = 30000;
const PHOTO_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

const $ = (id) => document.getElementById(id);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class HttpError extends Error {
  constructor(status, body) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function request(path, { body, signal } = {}) {
  const init = body === undefined ? { signal } : {
    method: "POST", signal, body: JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  };
  const response = await fetch(path, init);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new HttpError(response.status, data);
  return data;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function formatTime(seconds) {
  return new Date(seconds * 1000).toLocaleTimeString("en-GB", {
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: app.zone,
  });
}

function formatDay(date, long = false) {
  return date.toLocaleString("en-GB", {
    weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
    hourCycle: "h23", timeZone: app.zone, ...(long ? { year: "numeric", timeZoneName: "short" } : {}),
  });
}

/** "2 d 3 h" for an offset in seconds (the clock moved forward this much). */
function formatOffset(seconds) {
  const minutes = Math.round(seconds / 60);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [];
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (rest && !days) parts.push(`${rest} min`);
  return parts.length ? `+${parts.join(" ")}` : "";
}

/** Where this page last read each chat (per server start, kept across reloads). */
const readMarks = {
  key(view) { return `jol-webchat:${app.instance}:${view.chatId}`; },
  get(view) {
    const stored = localStorage.getItem(this.key(view));
    const value = Number(stored);
    return stored !== null && Number.isFinite(value) && value >= 0 ? value : null;
  },
  set(view, messageId) {
    try { localStorage.setItem(this.key(view), String(messageId)); } catch { /* private mode */ }
  },
};

// ----- one person's chat ----------------------------------------------------------------

class ChatView {
  constructor(person) {
    this.person = person;
    this.root = el("section", "chat");
    this.root.dataset.user = String(person.user_id);
    this.root.setAttribute("aria-label", `Chat of ${person.label}`);
    this.root.hidden = true;
    this.draft = "";
    this.reset();
  }

  reset() {
    this.version = 0;
    this.epoch = null;
    this.messages = new Map();   // message_id -> last JSON seen
    this.pending = new Map();    // callback query id -> pressed button
    this.replyMarkup = null;
    this.replyHidden = false;
    this.readUpTo = null;        // the newest message id read here; null until first loaded
    this.commands = [];
    this.scrollTop = null;
    this.root.replaceChildren(el("div", "hint", `You are ${this.person.label}. Send /start to begin.`));
  }

  get active() { return app.active === this; }

  get chatId() { return this.person.user_id; }

  /** The bot's messages newer than the last one read in this chat. */
  get unread() {
    if (this.readUpTo === null) return 0;
    let count = 0;
    for (const msg of this.messages.values()) {
      if (msg.from_bot && !msg.deleted && !msg.service && msg.message_id > this.readUpTo) count += 1;
    }
    return count;
  }

  newestId() {
    let newest = 0;
    for (const id of this.messages.keys()) newest = Math.max(newest, id);
    return newest;
  }

  /** Everything here so far has been seen (the chat is on screen). */
  markRead() {
    const newest = this.newestId();
    if (this.readUpTo !== null && newest <= this.readUpTo) return;
    this.readUpTo = newest;
    readMarks.set(this, newest);
  }

  /** Who asks for the command menu: the person (in a group, the member writing). */
  menuUser() { return this.person.user_id; }

  /** Who writes and where: the person, in their private chat. */
  actor() { return { user_id: this.person.user_id }; }

  /** Apply a /sim long-poll answer; false when the chat was reset and must be fetched again. */
  apply(data) {
    if (this.epoch !== null && data.epoch !== this.epoch) {
      this.reset();
      this.epoch = data.epoch;
      return false;
    }
    this.epoch = data.epoch;
    const stick = this.nearBottom();
    const anchor = stick ? null : this.anchor();
    const before = this.unread;
    let changed = false;
    for (const msg of data.messages || []) changed = this.upsert(msg) || changed;
    for (const answer of data.callback_answers || []) this.answered(answer);
    this.version = Math.max(this.version, data.version || 0);
    if (this.readUpTo === null) {
      // First sight of this chat: what came before the page opened is not new, unless
      // this page read it up to some point before (a reload).
      this.readUpTo = readMarks.get(this) ?? (app.lastAtOpen[this.chatId] || 0);
      readMarks.set(this, this.readUpTo);
    }
    if (this.active) this.markRead();
    if (this.unread !== before) app.renderPeople();
    this.updateReplyKeyboard();
    // A new message, or an edit that made one taller: stay at the bottom if we were
    // there; otherwise keep what is being read where it is.
    if (changed && (stick || !this.active)) this.scrollToBottom();
    else if (changed && anchor) this.restore(anchor);
    return true;
  }

  /** The first message on screen and its distance from the top (to keep it in place). */
  anchor() {
    const scroller = $("chats");
    const top = scroller.getBoundingClientRect().top;
    for (const row of this.root.children) {
      if (row.hidden || !row.dataset.id) continue;
      const box = row.getBoundingClientRect();
      if (box.bottom > top) return { id: row.dataset.id, offset: box.top - top };
    }
    return null;
  }

  restore(anchor) {
    const row = this.root.querySelector(`[data-id="${anchor.id}"]`);
    if (!row) return;
    const scroller = $("chats");
    const offset = row.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    scroller.scrollTop += offset - anchor.offset;
  }

  nearBottom() {
    const scroller = $("chats");
    return !this.active || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  }

  scrollToBottom() {
    if (this.active) {
      const scroller = $("chats");
      scroller.scrollTop = scroller.scrollHeight;
    } else {
      this.scrollTop = null;   // restored to the bottom when shown
    }
  }

  /** Add, replace or remove one message; true when what is shown changed. */
  upsert(msg) {
    const known = this.messages.get(msg.message_id);
    if (known && known.version >= msg.version) return false;
    this.messages.set(msg.message_id, msg);
    const old = this.root.querySelector(`[data-id="${msg.message_id}"]`);
    if (msg.deleted) {
      old?.remove();
      return old != null;
    }
    const row = renderMessage(msg, this);
    if (old) {
      old.replaceWith(row);   // an edit: same place, new content (maybe taller)
      return true;
    }
    this.root.querySelector(".hint")?.remove();
    const after = [...this.root.children].find((n) => Number(n.dataset.id) > msg.message_id);
    this.root.insertBefore(row, after ?? null);
    return true;
  }

  answered(answer) {
    const button = this.pending.get(answer.id);
    if (button === undefined) return;   // pressed in another tab, or long ago
    this.pending.delete(answer.id);
    button.classList.remove("busy");
    if (answer.text) showToast(answer.text, answer.show_alert);
    if (answer.url && SAFE_URL.test(answer.url)) window.open(answer.url, "_blank", "noopener");
  }

  updateReplyKeyboard() {
    let newest = null;
    for (const msg of this.messages.values()) {
      const markup = msg.reply_markup;
      if (!msg.from_bot || !markup || msg.deleted) continue;
      if ((markup.keyboard || markup.remove_keyboard)
          && (newest === null || msg.message_id > newest.message_id)) newest = msg;
    }
    const markup = newest && newest.reply_markup.keyboard ? newest.reply_markup : null;
    if (markup !== this.replyMarkup) {
      this.replyMarkup = markup;
      this.replyHidden = false;
    }
    if (this.active) renderReplyKeyboard(this);
  }
}


// ----- the staff group: a supergroup with a topic per case ------------------------------

class GroupView extends ChatView {
  constructor(group) {
    super({ user_id: group.chat_id, first_name: group.title, label: group.label, admin: false });
    this.group = group;
    this.root.classList.add("group");
    this.thread = null;          // null: the General topic
    this.topics = [];
    this.topicsVersion = -1;
    this.reset();
  }

  reset() {
    super.reset();
    if (!this.group) return;   // called once by ChatView's constructor, before ours ran
    this.topicsVersion = -1;
    this.root.replaceChildren(el("div", "hint",
      `The NGO's staff group: a topic per question. You write as ${this.group.act_as_name}; `
      + "choose a topic to answer in it."));
  }

  actor() {
    const who = { user_id: this.group.act_as, chat_id: this.group.chat_id };
    if (this.thread !== null) who.thread_id = this.thread;
    return who;
  }

  menuUser() { return this.group.act_as; }

  apply(data) {
    const ok = super.apply(data);
    if (ok && data.version !== this.topicsVersion) {
      this.topicsVersion = data.version;
      this.loadTopics();
    }
    this.filter();
    return ok;
  }

  async loadTopics() {
    try {
      const data = await request(`/sim/chats/${this.group.chat_id}/topics`);
      this.topics = data.topics;
      this.renderTopics();
    } catch {
      /* the next poll tries again */
    }
  }

  renderTopics() {
    let bar = this.root.querySelector(".topics");
    if (!bar) {
      bar = el("nav", "topics");
      bar.setAttribute("aria-label", "Topics");
      this.root.prepend(bar);
    }
    bar.replaceChildren();
    const choices = [{ thread_id: null, name: "General", closed: false }, ...this.topics];
    for (const topic of choices) {
      const tab = el("button", "topic", `${topic.closed ? "🔒 " : ""}${topic.name}`);
      tab.type = "button";
      tab.setAttribute("aria-pressed", String(topic.thread_id === this.thread));
      tab.addEventListener("click", () => {
        this.thread = topic.thread_id;
        this.renderTopics();
        this.filter();
        this.scrollToBottom();
      });
      bar.append(tab);
    }
  }

  /** Only the chosen topic's messages are shown, as in Telegram's topic view. */
  filter() {
    for (const row of this.root.querySelectorAll(".row, .service")) {
      const thread = row.dataset.thread ? Number(row.dataset.thread) : null;
      row.hidden = thread !== this.thread;
    }
  }

  upsert(msg) {
    const grew = super.upsert(msg);
    const row = this.root.querySelector(`[data-id="${msg.message_id}"]`);
    if (row) {
      if (msg.thread_id != null) row.dataset.thread = String(msg.thread_id);
      if (!msg.from_bot && msg.user_id != null && !row.querySelector(".sender")) {
        const name = app.names.get(msg.user_id) ?? String(msg.user_id);
        row.querySelector(".bubble")?.prepend(el("div", "sender", name));
      }
    }
    return grew;
  }
}

// ----- rendering ------------------------------------------------------------------------

function renderBody(msg) {
  const body = el("div", "text");
  const source = msg.text ?? msg.caption;
  if (msg.from_bot && source != null && (msg.parse_mode || "").toLowerCase() === "html") {
    body.append(linkify(renderTelegramHtml(source)));
  } else if (msg.from_bot) {
    body.append(linkify(renderEntities(msg.plain || "", msg.entities)));
  } else {
    body.textContent = msg.plain || msg.text || "";   // what a person typed is just text
  }
  return body;
}

function renderService(msg) {
  const row = el("div", "service");
  row.dataset.id = String(msg.message_id);
  const s = msg.service;
  const what = s.forum_topic_created ? `Topic created: ${s.forum_topic_created.name}`
    : s.forum_topic_edited ? `Topic renamed: ${s.forum_topic_edited.name}`
      : s.forum_topic_closed ? "Topic closed" : s.forum_topic_reopened ? "Topic reopened" : "·";
  row.append(el("span", "hint", what));
  return row;
}

function renderMessage(msg, view) {
  if (msg.service) return renderService(msg);
  const row = el("div", `row ${msg.from_bot ? "bot" : "user"}`);
  row.dataset.id = String(msg.message_id);
  const bubble = el("div", "bubble");
  if (msg.document) {
    const doc = el("a", "document");
    doc.href = msg.document.url;
    doc.download = msg.document.name;
    doc.append(el("span", "doc-icon", "📄"));
    const info = el("span", "doc-info");
    info.append(el("span", "doc-name", msg.document.name),
      el("span", "doc-size", formatSize(msg.document.size)));
    doc.append(info);
    bubble.append(doc);
  }
  if (msg.photo) {
    const img = el("img", "photo");
    img.alt = msg.photo.name;
    if (msg.photo.width) {
      // Room is kept before it loads, so the messages below do not jump (or get cut off).
      img.width = msg.photo.width;
      img.height = msg.photo.height;
    }
    img.src = msg.photo.url;
    bubble.append(img);
  }
  if (msg.voice) {
    const audio = el("audio", "voice");
    audio.controls = true;
    audio.src = msg.voice.url;
    bubble.append(audio);
  }
  if (msg.contact) {
    bubble.append(el("div", "contact", `📞 ${msg.contact.phone_number}`));
  }
  if (msg.location) {
    // A venue or a pin: a link that opens the point on a map.
    const { latitude, longitude } = msg.location;
    const place = msg.venue ? `${msg.venue.title}, ${msg.venue.address}` : `${latitude}, ${longitude}`;
    const pin = el("a", "location", `📍 ${place}`);
    pin.href = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
    pin.target = "_blank";
    pin.rel = "noopener";
    bubble.append(pin);
  }
  const hasText = (msg.text ?? msg.caption) != null || msg.plain;
  if (hasText) bubble.append(renderBody(msg));
  const meta = el("div", "meta");
  if (msg.edited) meta.append(el("span", "edited", "edited"));
  meta.append(el("span", "time", formatTime(msg.date)));
  bubble.append(meta);
  row.append(bubble);
  const inline = msg.reply_markup && msg.reply_markup.inline_keyboard;
  if (inline) row.append(renderInlineKeyboard(inline, msg, view));
  return row;
}

function renderInlineKeyboard(rows, msg, view) {
  const keyboard = el("div", "ikb");
  for (const buttons of rows) {
    const line = el("div", "ikb-row");
    for (const spec of buttons) line.append(inlineButton(spec, msg, view));
    keyboard.append(line);
  }
  return keyboard;
}

function inlineButton(spec, msg, view) {
  if (spec.url !== undefined) {
    const link = el("a", "ikb-button link", spec.text);
    link.title = spec.url;
    if (SAFE_URL.test(spec.url)) {
      link.href = spec.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    }
    return link;
  }
  const button = el("button", "ikb-button", spec.text);
  button.type = "button";
  button.title = spec.text;
  if (spec.callback_data !== undefined) {
    button.addEventListener("click", () => press(view, msg.message_id, spec.callback_data, button));
  } else if (spec.copy_text !== undefined) {
    button.addEventListener("click", () => {
      navigator.clipboard?.writeText(spec.copy_text.text).catch(() => {});
      showToast("Copied");
    });
  } else {
    button.disabled = true;
    button.title = "Not available in the local try-out";
  }
  return button;
}

function renderReplyKeyboard(view) {
  const box = $("reply-keyboard");
  const toggle = $("kb-toggle");
  const markup = view.replyMarkup;
  toggle.hidden = markup === null;
  box.replaceChildren();
  box.hidden = markup === null || view.replyHidden;
  $("input").placeholder = (markup && markup.input_field_placeholder) || "Message";
  if (markup === null) return;
  for (const buttons of markup.keyboard) {
    const line = el("div", "rkb-row");
    for (const raw of buttons) {
      const spec = typeof raw === "string" ? { text: raw } : raw;
      const button = el("button", "rkb-button", spec.text);
      button.type = "button";
      button.title = spec.text;
      button.addEventListener("click", () => {
        if (markup.one_time_keyboard) {
          view.replyHidden = true;
          renderReplyKeyboard(view);
        }
        if (spec.request_contact) shareContact(view); else sendText(view, spec.text);
      });
      line.append(button);
    }
    box.append(line);
  }
}

let toastTimer = 0;
function showToast(text, alert = false) {
  const toast = $("toast");
  toast.textContent = text;
  toast.classList.toggle("alert", alert);
  toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { toast.hidden = true; }, alert ? 6000 : 2500);
}

// ----- acting -----------------------------------------------------------------------------

async function withUser(view, action) {
  try {
    return await action();
  } catch (err) {
    // A restarted server forgets people: introduce them again and retry once.
    if (err instanceof HttpError && err.status === 404) {
      await registerPeople();
      return await action();
    }
    throw err;
  }
}

async function sendText(view, text) {
  try {
    const data = await withUser(view, () => request("/sim/send", {
      body: { ...view.actor(), text },
    }));
    view.upsert(data.message);
    view.markRead();
    view.scrollToBottom();
    return true;
  } catch (err) {
    showToast(err instanceof HttpError ? `Not sent: ${err.body.error || err.message}`
      : "Not sent: the local server is not answering", true);
    return false;
  }
}

const PHOTO_BOXES = [90, 320, 800];   // Telegram's smaller sizes (s, m, x)
const PHOTO_LARGEST = 1280;           // and the largest it keeps (y)

function jpeg(bitmap, box) {
  const scale = Math.min(1, box / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";   // a transparent PNG becomes a JPEG on white, as in Telegram
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob(
    (blob) => (blob ? resolve({ blob, size: Math.max(canvas.width, canvas.height) })
      : reject(new Error("no JPEG"))), "image/jpeg", 0.87));
}

/** A photo as a Telegram app sends it: a JPEG at most 1280 px, and its smaller sizes. */
async function compressPhoto(file) {
  const bitmap = await createImageBitmap(file);
  try {
    const largest = await jpeg(bitmap, PHOTO_LARGEST);
    const smaller = [];
    for (const box of PHOTO_BOXES) {
      if (box < largest.size) smaller.push((await jpeg(bitmap, box)).blob);
    }
    return { largest: largest.blob, smaller };
  } finally {
    bitmap.close();
  }
}

async function sendFile(view, file, kind) {
  const input = $("input");
  const caption = input.value.trim();
  const form = new FormData();
  for (const [key, value] of Object.entries(view.actor())) form.append(key, String(value));
  form.append("kind", kind);
  if (caption) form.append("caption", caption);
  let photo = null;
  if (kind === "photo") {
    try {
      photo = await compressPhoto(file);
    } catch {
      photo = null;   // a picture the browser cannot read: sent as it is; the server decides
    }
  }
  if (photo) {
    form.append("file", photo.largest, "photo.jpg");
    for (const blob of photo.smaller) form.append("smaller", blob, "photo.jpg");
  } else {
    form.append("file", file, file.name);
  }
  try {
    const data = await withUser(view, async () => {
      const response = await fetch("/sim/upload", { method: "POST", body: form });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new HttpError(response.status, body);
      return body;
    });
    if (caption && input.value.trim() === caption) {
      input.value = "";
      autoGrow();
    }
    view.upsert(data.message);
    view.markRead();
    view.scrollToBottom();
  } catch (err) {
    showToast(err instanceof HttpError ? `Not sent: ${err.body.error || err.message}`
      : "Not sent: the local server is not answering", true);
  }
}

async function shareContact(view) {
  const phone = window.prompt("Phone number to share", "+370 600 00000");
  if (!phone) return;
  try {
    const data = await withUser(view, () => request("/sim/contact", {
      body: { user_id: view.person.user_id, phone_number: phone },
    }));
    view.upsert(data.message);
  } catch {
    showToast("Not sent: the local server is not answering", true);
  }
}

async function press(view, messageId, data, button) {
  button.classList.add("busy");
  try {
    const answer = await withUser(view, () => request("/sim/press", {
      body: { ...view.actor(), message_id: messageId, data },
    }));
    view.pending.set(answer.callback_query_id, button);
    setTimeout(() => {
      view.pending.delete(answer.callback_query_id);
      button.classList.remove("busy");
    }, PRESS_TIMEOUT_MS);
  } catch (err) {
    button.classList.remove("busy");
    showToast(err instanceof HttpError && err.status === 404 ? "This message is gone"
      : "The local server is not answering", true);
  }
}

async function registerPeople() {
  await Promise.all(app.people.map((p) => request("/sim/users", {
    body: { user_id: p.user_id, first_name: p.first_name, language_code: p.language_code },
  })));
}

// ----- the page: people, connection, polling ------------------------------------------

const app = {
  instance: null,
  zone: undefined,    // the deployment's time zone (from the server)
  botUsername: "",
  clock: null,        // { now: Date, at: performance.now(), offset_seconds }
  lastAtOpen: {},     // chat id -> its last message id when the page opened (not new to it)
  stuck: true,        // the chat on screen is scrolled to its end (and should stay there)
  people: [],
  names: new Map(),   // user id -> first name, for senders in the group
  views: new Map(),
  active: null,
  online: false,
  poll: null,

  setStatus(state) {
    const status = $("status");
    status.dataset.state = state;
    status.textContent = { online: "online", connecting: "connecting…",
      reconnecting: "reconnecting…" }[state];
    document.body.classList.toggle("offline", state !== "online");
    this.online = state === "online";
  },

  renderPeople() {
    const nav = $("people");
    nav.replaceChildren();
    for (const view of this.views.values()) {
      const { person } = view;
      const chip = el("button", "person");
      chip.type = "button";
      chip.dataset.user = String(person.user_id);
      chip.setAttribute("aria-pressed", String(view === this.active));
      chip.append(el("span", "person-name", person.label));
      chip.title = person.label;
      if (person.admin) chip.append(el("span", "badge admin", "admin"));
      const unread = view === this.active ? 0 : view.unread;
      if (unread > 0) {
        const badge = el("span", "badge unread", String(unread));
        badge.setAttribute("aria-label", `${unread} unread`);
        chip.append(badge);
      }
      chip.addEventListener("click", () => this.switchTo(view));
      nav.append(chip);
    }
    const add = el("button", "person add-person", "+ person");
    add.type = "button";
    add.id = "add-person";
    add.title = "Add a simulated person (a name and a Telegram language)";
    add.setAttribute("aria-expanded", String(!$("person-panel").hidden));
    add.addEventListener("click", () => togglePanel("person-panel"));
    nav.append(add);
  },

  /** A chat view for someone the page can act as (once per person). */
  addPerson(person) {
    if (this.views.has(person.user_id)) return this.views.get(person.user_id);
    if (!this.people.some((p) => p.user_id === person.user_id)) this.people.push(person);
    this.names.set(person.user_id, person.first_name);
    const view = new ChatView(person);
    this.views.set(person.user_id, view);
    // People stay before the staff group in the chat list, in the order they came.
    const firstGroup = [...this.views.values()].find((v) => v instanceof GroupView);
    if (firstGroup) {
      this.views.delete(firstGroup.chatId);
      this.views.set(firstGroup.chatId, firstGroup);
    }
    $("chats").append(view.root);
    this.observeChat?.(view.root);
    return view;
  },

  switchTo(view) {
    const input = $("input");
    const scroller = $("chats");
    if (this.active) {
      this.active.draft = input.value;
      this.active.scrollTop = scroller.scrollTop;
      this.active.root.hidden = true;
    }
    this.active = view;
    view.root.hidden = false;
    view.markRead();
    input.value = view.draft;
    autoGrow();
    scroller.scrollTop = view.scrollTop ?? scroller.scrollHeight;
    this.stuck = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    renderReplyKeyboard(view);
    hideCommandMenu();
    hideAttachChoice();
    loadMenu(view);
    this.renderPeople();
    history.replaceState(null, "", `#${view.person.user_id}`);
    this.poll?.abort();   // the long poll follows the chat on screen
  },

  /** Until the server answers; a different instance means it restarted empty. */
  async reconnect() {
    let delay = 250;
    for (;;) {
      try {
        const config = await request("/webchat/config");
        if (this.instance !== null && config.instance !== this.instance) {
          this.lastAtOpen = config.last_message_ids || {};
          for (const view of this.views.values()) view.reset();
          renderReplyKeyboard(this.active);
          this.renderPeople();
          showToast("The local server restarted: earlier messages are gone.");
        }
        this.instance = config.instance;
        for (const person of config.people) this.addPerson(person);   // added in another tab
        this.showClock(config.clock);
        this.renderPeople();
        await registerPeople();
        this.setStatus("online");
        loadMenu(this.active);
        return;
      } catch {
        this.setStatus("reconnecting");
        await sleep(delay);
        delay = Math.min(delay * 2, MAX_BACKOFF_MS);
      }
    }
  },

  showClock(clock) {
    if (!clock) return;
    this.zone = clock.zone || this.zone;
    this.clock = { now: new Date(clock.now), at: performance.now(), offset: clock.offset_seconds };
    this.renderClock();
  },

  clockNow() {
    if (!this.clock) return new Date();
    return new Date(this.clock.now.getTime() + (performance.now() - this.clock.at));
  },

  renderClock() {
    if (!this.clock) return;
    const now = this.clockNow();
    $("clock-now").textContent = formatDay(now);
    $("clock-long").textContent = formatDay(now, true);
    const offset = $("clock-offset");
    offset.textContent = formatOffset(this.clock.offset);
    offset.hidden = !offset.textContent;
    $("clock-button").classList.toggle("moved", !offset.hidden);
  },

  async pollActive() {
    for (;;) {
      const view = this.active;
      const controller = new AbortController();
      this.poll = controller;
      const url = `/sim/chats/${view.person.user_id}/messages`
        + `?after_version=${view.version}&timeout=${POLL_SECONDS}`;
      try {
        view.apply(await request(url, { signal: controller.signal }));
      } catch {
        if (controller.signal.aborted) continue;   // switched person
        this.setStatus("reconnecting");
        await sleep(300);
        await this.reconnect();
      }
    }
  },

  async pollOthers() {
    for (;;) {
      await sleep(OTHERS_EVERY_MS);
      if (!this.online) continue;
      try {
        this.showClock(await request("/webchat/clock"));   // moved in another tab, maybe
      } catch {
        continue;   // the active poll notices and reconnects
      }
      for (const view of this.views.values()) {
        if (view === this.active) continue;
        try {
          const path = `/sim/chats/${view.person.user_id}/messages?after_version=${view.version}`;
          view.apply(await request(path));
        } catch {
          break;   // the active poll notices and reconnects
        }
      }
    }
  },
};

/** At the bottom, stay there when the room changes: a panel opens, the keyboard or the
 * menu shows, a photo loads, a message grows. Scrolled up, nothing moves. */
function wireStickiness() {
  const scroller = $("chats");
  scroller.addEventListener("scroll", () => {
    app.stuck = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  }, { passive: true });
  const observer = new ResizeObserver(() => {
    if (app.stuck) scroller.scrollTop = scroller.scrollHeight;
  });
  observer.observe(scroller);
  for (const root of scroller.querySelectorAll(".chat")) observer.observe(root);
  app.observeChat = (root) => observer.observe(root);
}

function autoGrow() {
  const input = $("input");
  input.style.height = "auto";
  input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
}

function wireComposer() {
  const input = $("input");
  const form = $("send-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    const view = app.active;
    input.value = "";
    autoGrow();
    hideCommandMenu();
    if (!(await sendText(view, text)) && !input.value) input.value = text;
  });
  input.addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter starts a new line, as in Telegram's desktop client.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener("input", autoGrow);
  input.addEventListener("input", () => filterCommandMenu(input.value));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideCommandMenu();
  });
  $("menu-button").addEventListener("click", () => {
    if ($("command-menu").hidden) openCommandMenu(app.active); else hideCommandMenu();
  });
  $("kb-toggle").addEventListener("click", () => {
    const view = app.active;
    view.replyHidden = !view.replyHidden;
    renderReplyKeyboard(view);
  });
}

// ----- the command menu ("/"), as setMyCommands left it for this chat -------------------

async function loadMenu(view) {
  try {
    const data = await request(
      `/sim/chats/${view.chatId}/commands?user_id=${view.menuUser()}`);
    view.commands = data.commands || [];
  } catch {
    view.commands = [];
  }
  if (view === app.active) $("menu-button").hidden = view.commands.length === 0;
  return view.commands;
}

function renderCommandMenu(view, commands) {
  const box = $("command-menu");
  box.replaceChildren();
  for (const item of commands) {
    const button = el("button", "command-item");
    button.type = "button";
    button.setAttribute("role", "menuitem");
    button.dataset.command = `/${item.command}`;
    button.append(el("span", "command-name", `/${item.command}`),
      el("span", "command-description", item.description));
    button.addEventListener("click", () => {
      hideCommandMenu();
      const input = $("input");
      if (/^\/\w*$/.test(input.value)) { input.value = ""; autoGrow(); }
      sendText(view, `/${item.command}`);
    });
    box.append(button);
  }
  box.hidden = commands.length === 0;
  $("menu-button").setAttribute("aria-expanded", String(!box.hidden));
}

async function openCommandMenu(view) {
  hideAttachChoice();
  const commands = await loadMenu(view);
  if (view === app.active) renderCommandMenu(view, commands);
}

/** Typing "/" shows the commands that start with what is typed, as Telegram does. */
function filterCommandMenu(text) {
  const view = app.active;
  const typed = /^\/(\w*)$/.exec(text);
  if (!typed || view.commands.length === 0) {
    if (!$("command-menu").hidden) hideCommandMenu();
    return;
  }
  const start = typed[1].toLowerCase();
  renderCommandMenu(view, view.commands.filter((c) => c.command.startsWith(start)));
}

// A tap anywhere but the menu and its button closes it, as a popup menu does.
document.addEventListener("click", (event) => {
  if ($("command-menu").hidden) return;
  if (event.target.closest("#command-menu, #menu-button, #input")) return;
  hideCommandMenu();
});

function hideCommandMenu() {
  $("command-menu").hidden = true;
  $("menu-button").setAttribute("aria-expanded", "false");
}

// ----- attaching a photo or a file --------------------------------------------------------

let chosenFile = null;

function hideAttachChoice() {
  chosenFile = null;
  $("attach-choice").hidden = true;
}

function wireAttach() {
  const picker = $("file-input");
  $("attach").addEventListener("click", () => {
    hideCommandMenu();
    picker.value = "";
    picker.click();
  });
  picker.addEventListener("change", () => {
    const file = picker.files && picker.files[0];
    if (!file) return;
    if (PHOTO_TYPES.has(file.type)) {
      // Telegram asks the same: a compressed photo, or the file as it is.
      chosenFile = file;
      $("attach-name").textContent = file.name;
      $("attach-choice").hidden = false;
    } else {
      sendFile(app.active, file, "document");
    }
  });
  for (const [id, kind] of [["attach-photo", "photo"], ["attach-file", "document"]]) {
    $(id).addEventListener("click", () => {
      const file = chosenFile;
      hideAttachChoice();
      if (file) sendFile(app.active, file, kind);
    });
  }
  $("attach-cancel").addEventListener("click", hideAttachChoice);
}

// ----- links and commands in messages -------------------------------------------------------

function wireLinks() {
  $("chats").addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (!link || !$("chats").contains(link)) return;
    const view = app.active;
    if (link.classList.contains("command")) {
      event.preventDefault();
      sendText(view, link.dataset.command);
      return;
    }
    // A link that opens this very bot (a deep link) starts it here, as Telegram does.
    const command = link.href ? ownBotCommand(link.href, app.botUsername) : null;
    if (command) {
      event.preventDefault();
      sendText(view, command);
    }
  });
}

// ----- panels: the clock and adding a person -------------------------------------------------

function togglePanel(id) {
  for (const panel of ["clock-panel", "person-panel"]) {
    const node = $(panel);
    node.hidden = panel === id ? !node.hidden : true;
  }
  $("clock-button").setAttribute("aria-expanded", String(!$("clock-panel").hidden));
  $("add-person")?.setAttribute("aria-expanded", String(!$("person-panel").hidden));
  if (!$("person-panel").hidden) $("person-name").focus();
  if (!$("clock-panel").hidden) {
    // Suggest an hour ahead, in the deployment's zone, as the "to" time.
    const ahead = new Date(app.clockNow().getTime() + 3600 * 1000);
    const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", {
      timeZone: app.zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(ahead).map((p) => [p.type, p.value]));
    $("clock-to").value = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
  }
}

function panelError(id, text) {
  const box = $(id);
  box.textContent = text || "";
  box.hidden = !text;
}

async function moveClock(body) {
  panelError("clock-error", "");
  for (const button of document.querySelectorAll("#clock-panel button")) button.disabled = true;
  try {
    const data = await request("/webchat/clock", { body });
    app.showClock(data);
  } catch (err) {
    panelError("clock-error", err instanceof HttpError ? err.body.error || err.message
      : "The local server is not answering");
  } finally {
    for (const button of document.querySelectorAll("#clock-panel button")) button.disabled = false;
  }
}

function wirePanels() {
  $("clock-button").addEventListener("click", () => togglePanel("clock-panel"));
  for (const button of document.querySelectorAll("#clock-panel [data-hours], #clock-panel [data-days]")) {
    button.addEventListener("click", () => moveClock(button.dataset.hours
      ? { hours: Number(button.dataset.hours) } : { days: Number(button.dataset.days) }));
  }
  $("clock-form").addEventListener("submit", (event) => {
    event.preventDefault();
    moveClock({ to: $("clock-to").value });
  });
  $("person-cancel").addEventListener("click", () => togglePanel(null));
  $("person-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    panelError("person-error", "");
    try {
      const data = await request("/webchat/people", { body: {
        first_name: $("person-name").value, language_code: $("person-language").value,
      } });
      $("person-name").value = "";
      togglePanel(null);
      const view = app.addPerson(data.person);
      app.switchTo(view);
    } catch (err) {
      panelError("person-error", err instanceof HttpError ? err.body.error || err.message
        : "The local server is not answering");
    }
  });
  setInterval(() => app.renderClock(), CLOCK_REFRESH_MS);
}

async function main() {
  app.setStatus("connecting");
  let config;
  for (let delay = 250; ; delay = Math.min(delay * 2, MAX_BACKOFF_MS)) {
    try {
      config = await request("/webchat/config");
      break;
    } catch {
      app.setStatus("reconnecting");
      await sleep(delay);
    }
  }
  app.instance = config.instance;
  app.botUsername = config.bot.username || "";
  app.showClock(config.clock);
  app.lastAtOpen = config.last_message_ids || {};
  $("bot-name").textContent = config.bot.first_name;
  document.title = `${config.bot.first_name}: local try-out`;
  const chats = $("chats");
  for (const person of config.people) app.addPerson(person);
  for (const group of config.groups || []) {
    const view = new GroupView(group);
    app.views.set(group.chat_id, view);
    chats.append(view.root);
  }
  wireComposer();
  wireStickiness();
  wireAttach();
  wireLinks();
  wirePanels();
  const wanted = Number(location.hash.slice(1));
  app.switchTo(app.views.get(wanted) ?? app.views.values().next().value);
  await app.reconnect();
  app.pollOthers();
  app.pollActive();
}

main();
