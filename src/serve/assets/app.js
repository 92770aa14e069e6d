// accord's research page. Corpus text only ever enters the page as text
// (textContent, text nodes), never as markup; the server's
// Content-Security-Policy forbids inline script besides.
"use strict";

const $ = (id) => document.getElementById(id);
const RESULTS = 100; // hits fetched per search; facets count every match
const DEBOUNCE_MS = 250;

// --- small DOM helpers --------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "className") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children) node.append(c);
  return node;
}

// `text` with the byte ranges `ranges` ([start, end) in UTF-8) marked.
function highlighted(text, ranges) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [start, end] of ranges || []) {
    if (start < at || end > bytes.length) continue;
    frag.append(dec.decode(bytes.subarray(at, start)));
    frag.append(el("mark", { text: dec.decode(bytes.subarray(start, end)) }));
    at = end;
  }
  frag.append(dec.decode(bytes.subarray(at)));
  return frag;
}

function setStatus(id, message, isError) {
  const node = $(id);
  node.textContent = message;
  node.classList.toggle("error", !!isError);
}

async function api(path, params) {
  const url = new URL("/api/" + path, location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    // An array is a parameter given once per value.
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one !== undefined && one !== null && one !== "") url.searchParams.append(k, one);
    }
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

// --- state in the URL ---------------------------------------------------

const state = {
  tab: "search", q: "", since: "", until: "", perdoc: false, facets: [],
  phrase: "", per: "year", sort: "doc", speaker: "", doc: "", passage: "",
};

function readUrl() {
  const p = new URLSearchParams(location.search);
  state.tab = ["search", "quotes", "wording", "reader"].includes(p.get("tab")) ? p.get("tab") : "search";
  state.q = p.get("q") || "";
  state.since = p.get("since") || "";
  state.until = p.get("until") || "";
  state.perdoc = p.get("perdoc") === "1";
  state.facets = p.getAll("f");
  state.phrase = p.get("phrase") || "";
  state.per = p.get("per") === "month" ? "month" : "year";
  state.sort = ["doc", "left", "right"].includes(p.get("sort")) ? p.get("sort") : "doc";
  state.speaker = p.get("speaker") || "";
  state.doc = p.get("doc") || "";
  state.passage = p.get("passage") || "";
}

function writeUrl(push) {
  const p = new URLSearchParams();
  p.set("tab", state.tab);
  if (state.q) p.set("q", state.q);
  if (state.since) p.set("since", state.since);
  if (state.until) p.set("until", state.until);
  if (state.perdoc) p.set("perdoc", "1");
  for (const f of state.facets) p.append("f", f);
  if (state.phrase) p.set("phrase", state.phrase);
  if (state.per !== "year") p.set("per", state.per);
  if (state.sort !== "doc") p.set("sort", state.sort);
  if (state.speaker) p.set("speaker", state.speaker);
  if (state.doc) p.set("doc", state.doc);
  if (state.passage !== "") p.set("passage", state.passage);
  const url = "?" + p.toString();
  if (url === location.search) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

// --- tabs ---------------------------------------------------------------

function showTab(tab) {
  for (const button of document.querySelectorAll(".tab")) {
    const on = button.dataset.tab === tab;
    if (on) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
    if (button.dataset.tab === "reader") button.hidden = !state.doc;
  }
  for (const view of document.querySelectorAll(".view")) {
    view.hidden = view.id !== tab + "-view";
  }
}

function go(tab) {
  state.tab = tab;
  writeUrl(true);
  render();
}

// --- search -------------------------------------------------------------

let lastHits = [];
let lastFacets = null;
let searchSeq = 0;

// Facets the server counts over every matching passage. A value is sent
// back as the filter of the same name; a year as the date range.
const FACETS = [
  ["kind", "Kind", "none"],
  ["source", "Source", "no source"],
  ["year", "Year", "undated"],
  ["speaker", "Speaker", "none"],
];
const FACETS_SHOWN = 12;

// The values chosen of facet `name`: alternatives, any of which a passage
// may have. A year is a date range, so at most one.
function chosen(name) {
  if (name === "year") return state.since && state.since === state.until && /^\d{4}$/.test(state.since) ? [state.since] : [];
  return state.facets.filter((f) => f.startsWith(name + ":")).map((f) => f.slice(name.length + 1));
}

function choose(name, value) {
  const again = chosen(name).includes(value);
  if (name === "year") {
    state.since = again ? "" : value;
    state.until = again ? "" : value;
    $("since").value = state.since;
    $("until").value = state.until;
  } else if (again) {
    state.facets = state.facets.filter((f) => f !== `${name}:${value}`);
  } else {
    state.facets.push(`${name}:${value}`);
  }
  writeUrl(true);
  runSearch();
}

async function runSearch() {
  const seq = ++searchSeq;
  $("hits").replaceChildren();
  $("facets").replaceChildren();
  if (!state.q.trim()) {
    setStatus("search-status", "Type words to search the corpus.");
    lastHits = [];
    return;
  }
  setStatus("search-status", "Searching…");
  try {
    const answer = await api("search", {
      q: state.q, limit: RESULTS, since: state.since, until: state.until,
      per_doc: state.perdoc ? 1 : "", facets: "true",
      kind: chosen("kind"), source: chosen("source"), speaker: chosen("speaker"),
    });
    if (seq !== searchSeq) return;
    // With facets, the last object is {"facets": …}.
    lastFacets = answer.length && answer[answer.length - 1].facets ? answer.pop().facets : null;
    lastHits = answer;
    drawSearch();
  } catch (e) {
    if (seq === searchSeq) setStatus("search-status", e.message, true);
  }
}

function drawSearch() {
  const total = lastFacets ? lastFacets.passages : lastHits.length;
  const shown = lastHits.length < total ? ` (the best ${lastHits.length} shown)` : "";
  setStatus("search-status", lastHits.length
    ? `${total} passage${total === 1 ? "" : "s"} match${total === 1 ? "es" : ""}${shown}`
    : "No passages match.");
  drawFacets();
  $("hits").replaceChildren(...lastHits.map(hitItem));
}

function drawFacets() {
  const aside = $("facets");
  aside.replaceChildren();
  if (!lastFacets) return;
  for (const [name, label, none] of FACETS) {
    // A chosen value stays listed, so it can be unchosen.
    const counts = lastFacets[name].slice(0, FACETS_SHOWN);
    for (const value of chosen(name)) {
      if (!counts.some((c) => c.value === value)) {
        counts.push(lastFacets[name].find((c) => c.value === value) || { value, passages: 0 });
      }
    }
    if (!counts.length) continue;
    aside.append(el("h3", { text: label }), el("ul", {}, ...counts.map(({ value, passages }) => {
      const text = el("span", { text: value === null ? none : value });
      const count = el("span", { className: "count", text: String(passages) });
      // "No source" and "undated" name no filter to send back.
      if (value === null) return el("li", {}, el("span", { className: "facet none" }, text, count));
      const on = chosen(name).includes(value);
      return el("li", {}, el("button", {
        type: "button", className: "facet", "aria-pressed": on ? "true" : "false",
        onclick: () => choose(name, value),
      }, text, count));
    })));
  }
}

function citationText(hit) {
  return `${hit.title}${hit.source ? ", " + hit.source : ""}${hit.date ? ", " + hit.date : ""}, ${hit.citation}`;
}

function hitItem(hit) {
  const similar = el("div", { className: "similar", hidden: true });
  const meta = [hit.kind, hit.date, hit.source].filter(Boolean).join(" · ");
  return el("li", {},
    el("button", { type: "button", className: "title", text: hit.title || hit.doc,
      onclick: () => openReader(hit.doc, hit.passage, hit.highlights) }),
    el("div", { className: "meta" }, meta,
      hit.spun ? el("span", { className: "spun", text: " · machine-paraphrased" }) : null),
    el("div", { className: "citation", text: hit.citation }),
    hit.heading ? el("div", { className: "heading", text: hit.heading }) : null,
    el("p", {}, highlighted(hit.snippet, hit.snippet_highlights)),
    el("div", { className: "actions" },
      el("button", { type: "button", text: "Similar passages",
        onclick: (e) => showSimilar(hit, similar, e.currentTarget) }),
      el("button", { type: "button", text: "Copy citation",
        onclick: (e) => copy(hit.citation, e.currentTarget) }),
      el("button", { type: "button", text: "Copy reference",
        onclick: (e) => copy(citationText(hit), e.currentTarget) })),
    similar);
}

async function copy(text, button) {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Copy failed";
  }
  setTimeout(() => { button.textContent = label; }, 1200);
}

async function showSimilar(hit, box, button) {
  if (!box.hidden) { box.hidden = true; button.setAttribute("aria-expanded", "false"); return; }
  box.hidden = false;
  button.setAttribute("aria-expanded", "true");
  box.replaceChildren(el("p", { className: "status", text: "Looking for similar passages…" }));
  try {
    const likes = await api("similar", { paragraph: `${hit.doc}:${hit.paragraph}`, limit: 5 });
    box.replaceChildren(likes.length
      ? el("ol", { className: "hits" }, ...likes.map((like) => el("li", {},
          el("button", { type: "button", className: "title", text: like.title || like.doc,
            onclick: () => openReader(like.doc, like.passage, like.highlights) }),
          el("div", { className: "citation",
            text: `${like.citation} · similarity ${like.similarity.toFixed(2)}${like.copy ? " · copy" : ""}` }),
          el("p", {}, highlighted(like.snippet, like.snippet_highlights)))))
      : el("p", { className: "status", text: "No similar passages in other documents." }));
  } catch (e) {
    box.replaceChildren(el("p", { className: "error", text: e.message }));
  }
}

// --- reader -------------------------------------------------------------

let readerHighlights = null;

function openReader(doc, passage, highlights) {
  state.doc = doc;
  state.passage = String(passage);
  readerHighlights = { passage: Number(passage), ranges: highlights || [] };
  go("reader");
}

async function runReader() {
  const box = $("reader");
  box.replaceChildren();
  if (!state.doc) { setStatus("reader-status", "Open a document from a search result."); return; }
  setStatus("reader-status", "Opening…");
  try {
    const d = await api("documents/" + encodeURIComponent(state.doc));
    setStatus("reader-status", "");
    const bySpeaker = new Map();
    for (const q of d.quotes) {
      const list = bySpeaker.get(q.passage) || [];
      list.push(q);
      bySpeaker.set(q.passage, list);
    }
    const meta = [d.kind, d.date, d.source, d.author].filter(Boolean).join(" · ");
    box.append(el("header", {},
      el("h2", { text: d.title || d.doc }),
      el("div", { className: "meta" }, meta,
        d.spun ? el("span", { className: "spun", text: " · machine-paraphrased" }) : null),
      el("div", { className: "citation", text: d.doc }),
      d.url ? el("div", { className: "citation", text: d.url }) : null));
    let target = null;
    for (const p of d.passages) {
      const isTarget = String(p.passage) === state.passage;
      const ranges = isTarget && readerHighlights && readerHighlights.passage === p.passage
        ? readerHighlights.ranges : [];
      const where = `¶${p.paragraph}` + (p.page ? ` p.${p.page_label || p.page}` : "");
      const quotes = bySpeaker.get(p.passage) || [];
      const row = el("div", {
        className: "para" + (isTarget ? " target" : "") + (p.block === "heading" ? " heading-block" : ""),
        id: "passage-" + p.passage, tabindex: isTarget ? "-1" : null,
      },
        el("div", { className: "margin", text: where }),
        el("div", {},
          el("p", {}, highlighted(p.text, ranges)),
          ...quotes.map((q) => el("div", { className: "quote-note",
            text: `quote — ${q.speaker || q.surface || "unnamed speaker"}${q.role ? " (" + q.role + ")" : ""}: “${q.text}”` }))));
      if (isTarget) target = row;
      box.append(row);
    }
    if (target) { target.scrollIntoView({ block: "center" }); target.focus({ preventScroll: true }); }
  } catch (e) {
    setStatus("reader-status", e.message, true);
  }
}

// --- quotes -------------------------------------------------------------

let speakerRows = [];

async function runQuotes() {
  if (!speakerRows.length) {
    setStatus("quotes-status", "Loading speakers…");
    try {
      speakerRows = await api("speakers");
      setStatus("quotes-status", `${speakerRows.length} speakers`);
    } catch (e) {
      setStatus("quotes-status", e.message, true);
      return;
    }
  }
  drawSpeakers();
  drawQuotes();
}

function drawSpeakers() {
  const words = $("speaker-filter").value.toLowerCase().split(/\s+/).filter(Boolean);
  const rows = speakerRows.filter((s) => {
    const hay = `${s.speaker} ${s.role || ""}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  $("speakers").tBodies[0].replaceChildren(...rows.map((s) => el("tr", {},
    el("td", {}, el("button", { type: "button", className: "title", text: s.speaker,
      "aria-pressed": s.speaker === state.speaker ? "true" : "false",
      onclick: () => { state.speaker = s.speaker; writeUrl(true); drawSpeakers(); drawQuotes(); } })),
    el("td", { text: s.role || "" }),
    el("td", { className: "num", text: String(s.quotes) }),
    el("td", { className: "num", text: String(s.documents.length) }))));
}

async function drawQuotes() {
  const list = $("quote-list");
  list.replaceChildren();
  if (!state.speaker) { $("quotes-heading").textContent = "Quotes: choose a speaker"; return; }
  $("quotes-heading").textContent = `Quotes by ${state.speaker}`;
  try {
    const quotes = await api("quotes", { speaker: state.speaker });
    list.replaceChildren(...quotes.map((q) => el("li", {},
      el("p", {}, "“", q.text, "”"),
      el("div", { className: "meta", text: [q.role, q.kind === "partial" ? "partial quote" : null].filter(Boolean).join(" · ") }),
      el("button", { type: "button", className: "title", text: q.title || q.doc,
        onclick: () => openReader(q.doc, q.passage, []) }),
      el("div", { className: "citation", text: q.citation }))));
  } catch (e) {
    list.replaceChildren(el("li", { className: "error", text: e.message }));
  }
}

// --- wording ------------------------------------------------------------

let wordingSeq = 0;

async function runWording() {
  const seq = ++wordingSeq;
  for (const id of ["kwic", "variants"]) $(id).tBodies[0].replaceChildren();
  $("trend").replaceChildren();
  for (const b of document.querySelectorAll("button.sort")) {
    b.setAttribute("aria-pressed", b.dataset.sort === state.sort ? "true" : "false");
  }
  if (!state.phrase.trim()) { setStatus("wording-status", "Give a word or phrase."); return; }
  setStatus("wording-status", "Counting…");
  try {
    const q = state.phrase;
    const [lines, variants, periods] = await Promise.all([
      api("kwic", { q, sort: state.sort }),
      api("variants", { q }),
      api("trend", { q, per: state.per }),
    ]);
    if (seq !== wordingSeq) return;
    setStatus("wording-status", `${lines.length} occurrences, ${variants.length} wordings`);
    drawTrend(periods);
    $("variants").tBodies[0].replaceChildren(...variants.map((v) => el("tr", {},
      el("td", { text: v.variant + (v.spun ? " (machine-paraphrased)" : "") }),
      el("td", { className: "num", text: String(v.count) }),
      el("td", { text: Object.entries(v.documents).map(([d, n]) => `${d} ${n}`).join(", ") }))));
    $("kwic").tBodies[0].replaceChildren(...lines.map((l) => el("tr", {},
      el("td", { className: "left", text: l.left }),
      el("td", { className: "match", text: l.match }),
      el("td", { text: l.right }),
      el("td", {}, el("button", { type: "button", className: "title", text: l.citation,
        onclick: () => openReader(l.doc, l.passage, [[l.start, l.end]]) })))));
  } catch (e) {
    if (seq === wordingSeq) setStatus("wording-status", e.message, true);
  }
}

function drawTrend(periods) {
  const box = $("trend");
  const dated = periods.filter((p) => p.period);
  const undated = periods.find((p) => !p.period);
  if (!dated.length) {
    box.replaceChildren(el("figcaption", { text: "No dated occurrences." }));
    return;
  }
  const W = 720, H = 200, pad = 28;
  const most = Math.max(...dated.map((p) => p.count), 1);
  // Bars at most 48 units wide, so one period is not one wide block.
  const step = Math.min((W - pad) / dated.length, 48);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H + 30}`, role: "img",
    "aria-label": `Occurrences of ${state.phrase} per ${state.per}` });
  chart.append(svg("text", { x: 0, y: 12, text: String(most) }));
  const labelEvery = Math.ceil(dated.length / 12);
  dated.forEach((p, i) => {
    const h = Math.round((p.count / most) * (H - 20));
    const x = pad + i * step;
    const bar = svg("rect", {
      class: "bar", x: x + 1, y: H - h, width: Math.max(step - 2, 1), height: Math.max(h, p.count ? 1 : 0),
      tabindex: 0, role: "button", "aria-label": `${p.period}: ${p.count} occurrences in ${p.documents.length} documents`,
      onclick: () => searchPeriod(p.period),
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); searchPeriod(p.period); } },
    }, svg("title", { text: `${p.period}: ${p.count}` }));
    chart.append(bar);
    if (i % labelEvery === 0) chart.append(svg("text", { x, y: H + 16, text: p.period }));
  });
  box.replaceChildren(chart, el("figcaption", {
    text: `Occurrences per ${state.per}; choose a bar to search that period.` +
      (undated ? ` Undated: ${undated.count}.` : ""),
  }));
}

function searchPeriod(period) {
  state.q = `"${state.phrase.replace(/"/g, "")}"`;
  state.since = period;
  state.until = period;
  state.facets = [];
  go("search");
}

// --- wiring -------------------------------------------------------------

function render() {
  showTab(state.tab);
  $("q").value = state.q;
  $("since").value = state.since;
  $("until").value = state.until;
  $("per-doc").checked = state.perdoc;
  $("phrase").value = state.phrase;
  $("per").value = state.per;
  if (state.tab === "search") runSearch();
  else if (state.tab === "quotes") runQuotes();
  else if (state.tab === "wording") runWording();
  else runReader();
}

let typing = null;
function searchSoon() {
  clearTimeout(typing);
  typing = setTimeout(() => {
    state.q = $("q").value;
    state.since = $("since").value.trim();
    state.until = $("until").value.trim();
    state.perdoc = $("per-doc").checked;
    state.facets = [];
    // Typing replaces the history entry rather than adding one per pause;
    // facets, tabs and opened documents add entries.
    writeUrl(false);
    runSearch();
  }, DEBOUNCE_MS);
}

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll(".tab")) {
    button.addEventListener("click", () => go(button.dataset.tab));
  }
  for (const id of ["q", "since", "until"]) $(id).addEventListener("input", searchSoon);
  $("per-doc").addEventListener("change", searchSoon);
  $("search-form").addEventListener("submit", (e) => { e.preventDefault(); searchSoon(); });
  $("speaker-filter").addEventListener("input", drawSpeakers);
  $("wording-form").addEventListener("submit", (e) => {
    e.preventDefault();
    state.phrase = $("phrase").value;
    state.per = $("per").value;
    writeUrl(true);
    runWording();
  });
  $("per").addEventListener("change", () => { state.per = $("per").value; writeUrl(true); runWording(); });
  for (const b of document.querySelectorAll("button.sort")) {
    b.addEventListener("click", () => { state.sort = b.dataset.sort; writeUrl(true); runWording(); });
  }
  window.addEventListener("popstate", () => { readUrl(); render(); });
  readUrl();
  render();
  if (state.tab === "search") $("q").focus();
});
