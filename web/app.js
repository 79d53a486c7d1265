// councilgraph's web page: a SPARQL editor, a governance graph, and pages
// for people, bodies and meetings. Everything is read through the server's
// own SPARQL endpoint (/query) and /api/*; every fact shown carries a
// "source" button that opens the quote it was read from (its cg:evidence).
"use strict";

const ENDPOINT = "/query";
const main = document.getElementById("main");

// ---------- helpers ----------

/** Creates an element: h("a", {href: "/"}, "text", child…). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** An IRI that can go inside <…> in a query. */
function iriOk(iri) {
  return typeof iri === "string" && /^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(iri);
}

/** Runs a SELECT/ASK on the endpoint; returns rows of {var: value}, plain strings. */
async function select(query) {
  const res = await fetch(ENDPOINT, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json" },
    body: new URLSearchParams({ query }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}: ${text}`);
  const json = JSON.parse(text);
  return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}

/** Keeps the first row for each key. */
function uniq(rows, key) {
  const seen = new Set();
  return rows.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The evidence of fact variable ?v, as an OPTIONAL block (quote, span, file path). */
function EV(v) {
  return `OPTIONAL { ?${v} cg:evidence ?${v}_e . ?${v}_e oa:exact ?${v}_q ; oa:start ?${v}_s ; oa:end ?${v}_n ; prov:wasDerivedFrom ?${v}_f . ?${v}_f cg:path ?${v}_p }`;
}
function evVars(v) {
  return `?${v} ?${v}_q ?${v}_s ?${v}_n ?${v}_p`;
}

/** A "source" button showing the quote behind the fact in row[v]. */
function src(row, v) {
  if (!row[v + "_q"]) return null;
  const ev = { fact: row[v], quote: row[v + "_q"], start: row[v + "_s"], end: row[v + "_n"], path: row[v + "_p"] };
  return h(
    "button",
    {
      type: "button",
      class: "src",
      title: `“${ev.quote}” (${ev.path}, characters ${ev.start}–${ev.end})`,
      "data-quote": ev.quote,
      onclick: () => showEvidence([ev]),
    },
    "source"
  );
}

const panel = document.getElementById("evidence");
panel.querySelector(".close").addEventListener("click", () => (panel.hidden = true));

/** Opens the side panel with quotes: [{fact, quote, path, start, end, kind?}]. */
function showEvidence(list, title) {
  const box = panel.querySelector(".content");
  box.replaceChildren(
    h("strong", {}, title || "Source"),
    ...list.map((e) =>
      h(
        "div",
        { class: "quote" },
        h("blockquote", {}, e.quote),
        h(
          "div",
          { class: "where" },
          e.kind ? `${e.kind} · ` : "",
          `${e.path}, characters ${e.start}–${e.end} · `,
          h("a", { href: "/why?iri=" + encodeURIComponent(e.fact) }, "all evidence")
        )
      )
    )
  );
  panel.hidden = false;
}

/** The page an IRI opens: person, body, meeting, or the generic resource page. */
function pageFor(iri) {
  if (/\/id\/(person|councillor)\//.test(iri)) return "/person?iri=" + encodeURIComponent(iri);
  if (/\/id\/body\//.test(iri)) return "/body?iri=" + encodeURIComponent(iri);
  if (/\/id\/meeting\/[^/]+\/[^/]+$/.test(iri)) return "/meeting?iri=" + encodeURIComponent(iri);
  return "/resource?iri=" + encodeURIComponent(iri);
}
function link(iri, label) {
  return h("a", { href: pageFor(iri) }, label || iri);
}

/** A table; cols: [[header, row => cell, className?]]. */
function table(rows, cols, emptyText) {
  if (!rows.length) return h("p", { class: "empty" }, emptyText || "None recorded.");
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, cols.map(([head]) => h("th", {}, head)))),
    h("tbody", {}, rows.map((r) => h("tr", {}, cols.map(([, cell, cls]) => h("td", { class: cls }, cell(r))))))
  );
}

function status(s) {
  return h("span", { class: "status " + s }, s);
}

function local(iri) {
  return iri.replace(/^.*[#/]/, "");
}

function ready() {
  document.body.dataset.ready = "1";
}

function fail(e) {
  main.append(h("p", { class: "error" }, String(e.message || e)));
  ready();
}

// ---------- SPARQL editor (/) ----------

async function editorPage(params) {
  document.title = "councilgraph · SPARQL";
  const textarea = h("textarea", { id: "query", spellcheck: "false", "aria-label": "SPARQL query" });
  textarea.value =
    params.get("query") ||
    "# Prefixes cg: org: foaf: schema: prov: oa: dcterms: skos: rdfs: rdf: xsd: are predeclared;\n" +
      "# the default graph is the union of every file's graph.\n" +
      "SELECT ?date ?body (COUNT(?item) AS ?items) WHERE {\n" +
      "  ?meeting a cg:Meeting ; dcterms:date ?date ; cg:body/skos:prefLabel ?body .\n" +
      "  OPTIONAL { ?item cg:meeting ?meeting ; a cg:AgendaItem }\n" +
      "} GROUP BY ?date ?body ORDER BY ?date";
  const examples = h("select", { id: "examples", "aria-label": "Named queries" }, h("option", { value: "" }, "Named queries…"));
  const question = h("p", { class: "question" });
  const paramBox = h("div", { class: "params", id: "params" });
  const format = h(
    "select",
    { id: "download-format", "aria-label": "Download format" },
    ["json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld"].map((f) => h("option", { value: f }, f))
  );
  const download = h("a", { href: "#", id: "download" }, "open raw result");
  const runButton = h("button", { type: "button", class: "run", id: "run" }, "Run");
  const meta = h("p", { class: "meta", id: "meta" });
  const results = h("div", { class: "results", id: "results" });
  main.replaceChildren(
    h("h1", {}, "SPARQL"),
    h(
      "p",
      { class: "sub" },
      "Query the graph here, or point any SPARQL 1.1 client at ",
      h("code", {}, location.origin + ENDPOINT),
      "."
    ),
    h("div", { class: "editor" }, h("div", { class: "toolbar" }, examples, question), paramBox, textarea, h("div", { class: "toolbar" }, runButton, format, download, meta)),
    results
  );

  let queries = [];
  const bindings = () =>
    [...paramBox.querySelectorAll("input")].filter((i) => i.value.trim() !== "").map((i) => `${i.name}=${i.value.trim()}`);
  const showParams = (list, values) => {
    paramBox.replaceChildren(
      ...list.map((p) =>
        h("label", {}, p.name + (p.hint ? ` (${p.hint})` : ""), h("input", { name: p.name, value: values.get(p.name) || "", placeholder: p.hint }))
      )
    );
  };
  const urlFor = (fmt) => {
    const u = new URLSearchParams({ query: textarea.value });
    for (const b of bindings()) u.append("bind", b);
    if (fmt) u.set("format", fmt);
    return ENDPOINT + "?" + u.toString();
  };
  download.addEventListener("click", (e) => {
    e.preventDefault();
    window.open(urlFor(format.value), "_blank");
  });

  async function run() {
    const started = performance.now();
    meta.textContent = "Running…";
    results.replaceChildren();
    const state = new URLSearchParams({ query: textarea.value });
    for (const b of bindings()) state.append("bind", b);
    if (examples.value) state.set("example", examples.value);
    history.replaceState(null, "", "/?" + state.toString());
    try {
      const body = new URLSearchParams({ query: textarea.value });
      for (const b of bindings()) body.append("bind", b);
      const res = await fetch(ENDPOINT, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.9",
        },
        body,
      });
      const text = await res.text();
      const ms = Math.round(performance.now() - started);
      if (!res.ok) {
        meta.textContent = `${res.status} ${res.statusText} · ${ms} ms`;
        results.replaceChildren(h("p", { class: "error", id: "query-error" }, text));
        return;
      }
      if ((res.headers.get("Content-Type") || "").includes("sparql-results+json")) {
        const json = JSON.parse(text);
        if ("boolean" in json) {
          meta.textContent = `${ms} ms`;
          results.replaceChildren(h("p", { id: "boolean" }, String(json.boolean)));
          return;
        }
        const vars = json.head.vars;
        const rows = json.results.bindings;
        meta.textContent = `${rows.length} row${rows.length === 1 ? "" : "s"} · ${ms} ms`;
        const cell = (t) => {
          if (!t) return "";
          if (t.type === "uri") return link(t.value);
          return t.value;
        };
        results.replaceChildren(
          h(
            "table",
            { id: "result-table" },
            h("thead", {}, h("tr", {}, vars.map((v) => h("th", {}, v)))),
            h("tbody", {}, rows.map((r) => h("tr", {}, vars.map((v) => h("td", {}, cell(r[v]))))))
          )
        );
      } else {
        meta.textContent = `${text.split("\n").filter((l) => l.trim() && !l.startsWith("@prefix")).length} lines · ${ms} ms`;
        results.replaceChildren(h("pre", { class: "raw", id: "result-raw" }, text));
      }
    } catch (e) {
      results.replaceChildren(h("p", { class: "error" }, String(e)));
    } finally {
      ready();
    }
  }
  runButton.addEventListener("click", run);
  textarea.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run();
  });

  const values = new Map(params.getAll("bind").map((b) => [b.slice(0, b.indexOf("=")), b.slice(b.indexOf("=") + 1)]));
  try {
    const res = await fetch("/api/queries");
    queries = await res.json();
    for (const q of queries) examples.append(h("option", { value: q.name, title: q.question }, `${q.name} — ${q.question}`));
    examples.addEventListener("change", () => {
      const q = queries.find((q) => q.name === examples.value);
      if (!q) return;
      textarea.value = q.text;
      question.textContent = q.question + (q.columns ? ` Columns: ${q.columns}` : "");
      showParams(q.parameters, new Map());
    });
    const chosen = queries.find((q) => q.name === params.get("example"));
    if (chosen) {
      examples.value = chosen.name;
      if (!params.get("query")) textarea.value = chosen.text;
      question.textContent = chosen.question;
      showParams(chosen.parameters, values);
    } else if (values.size) {
      showParams([...values.keys()].map((name) => ({ name, hint: "" })), values);
    }
  } catch (e) {
    question.textContent = "Could not load the named queries: " + e;
  }
  if (params.has("run")) run();
  else ready();
}

// ---------- lists ----------

async function peoplePage() {
  document.title = "councilgraph · People";
  main.replaceChildren(h("h1", {}, "People"), h("p", { class: "sub" }, "Everyone the minutes name, with the meetings they attended."));
  const rows = await select(`
    SELECT ?p (SAMPLE(?n) AS ?name) (SAMPLE(?c) AS ?councillor) (COUNT(DISTINCT ?m) AS ?meetings) (COUNT(DISTINCT ?role) AS ?roles) WHERE {
      ?p a foaf:Person ; foaf:name ?n .
      BIND(EXISTS { ?p a cg:Councillor } AS ?c)
      OPTIONAL { ?a a cg:Attendance ; cg:person ?p ; cg:meeting ?m }
      OPTIONAL { ?role a org:Membership ; org:member ?p }
    } GROUP BY ?p ORDER BY DESC(?meetings) LCASE(?name)`);
  main.append(
    table(rows, [
      ["Name", (r) => link(r.p, (r.councillor === "true" ? "Councillor " : "") + r.name)],
      ["Meetings", (r) => r.meetings, "num"],
      ["Roles recorded", (r) => r.roles, "num"],
      ["Sources", (r) => h("a", { href: "/why?iri=" + encodeURIComponent(r.p) }, "why")],
    ])
  );
  ready();
}

async function bodiesPage() {
  document.title = "councilgraph · Bodies";
  main.replaceChildren(h("h1", {}, "Bodies"), h("p", { class: "sub" }, "Councils, boards, partnerships, groups and services the minutes name."));
  const rows = await select(`
    SELECT ?b (SAMPLE(?n) AS ?name) (SAMPLE(?t) AS ?type) (SAMPLE(?a) AS ?acronym) (COUNT(DISTINCT ?m) AS ?meetings) WHERE {
      ?b a cg:Body ; skos:prefLabel ?n .
      OPTIONAL { ?b cg:bodyType ?t } OPTIONAL { ?b cg:acronym ?a }
      OPTIONAL { ?m a cg:Meeting ; cg:body ?b }
    } GROUP BY ?b ORDER BY DESC(?meetings) LCASE(?name)`);
  main.append(
    table(rows, [
      ["Body", (r) => link(r.b, r.name)],
      ["Acronym", (r) => r.acronym || ""],
      ["Type", (r) => r.type || ""],
      ["Meetings minuted", (r) => r.meetings, "num"],
      ["Sources", (r) => h("a", { href: "/why?iri=" + encodeURIComponent(r.b) }, "why")],
    ])
  );
  ready();
}

async function meetingsPage() {
  document.title = "councilgraph · Meetings";
  main.replaceChildren(h("h1", {}, "Meetings"));
  const rows = uniq(
    await select(`
    SELECT ?date ?kind ?b ?body (COUNT(DISTINCT ?item) AS ?items) ${evVars("m")} WHERE {
      ?m a cg:Meeting ; dcterms:date ?date ; cg:kind ?kind ; cg:body ?b .
      OPTIONAL { ?b skos:prefLabel ?body }
      OPTIONAL { ?item a cg:AgendaItem ; cg:meeting ?m }
      ${EV("m")}
    } GROUP BY ?date ?kind ?b ?body ${evVars("m")} ORDER BY DESC(?date)`),
    (r) => r.m + r.kind
  );
  main.append(
    table(rows, [
      ["Date", (r) => [link(r.m, r.date), src(r, "m")]],
      ["Body", (r) => link(r.b, r.body || local(r.b))],
      ["Kind", (r) => r.kind],
      ["Items", (r) => r.items, "num"],
    ])
  );
  ready();
}

// ---------- person ----------

async function personPage(iri) {
  const I = `<${iri}>`;
  const [info, roles, attendance, presented, declarations, relations] = await Promise.all([
    select(`SELECT ?name ?alt ?honorific (EXISTS { ${I} a cg:Councillor } AS ?councillor) WHERE {
      ${I} foaf:name ?name . OPTIONAL { ${I} skos:altLabel ?alt } OPTIONAL { ${I} schema:honorificPrefix ?honorific } }`),
    select(`SELECT ?date ?post ?org ${evVars("m")} WHERE {
      ?m a org:Membership ; org:member ${I} ; cg:postTitle ?post ; cg:asOf ?date .
      OPTIONAL { ?m cg:organisationName ?org } ${EV("m")} } ORDER BY ?date ?post`),
    select(`SELECT ?meeting ?date ?kind ?b ?body ?status ${evVars("a")} WHERE {
      ?a a cg:Attendance ; cg:person ${I} ; cg:meeting ?meeting ; cg:status ?status .
      ?meeting dcterms:date ?date ; cg:body ?b . OPTIONAL { ?meeting cg:kind ?kind }
      OPTIONAL { ?b skos:prefLabel ?body } ${EV("a")} } ORDER BY ?date ?status`),
    select(`SELECT ?meeting ?date ?number ?title ${evVars("pr")} WHERE {
      ?pr a cg:Presentation ; cg:person ${I} ; cg:item ?item .
      ?item cg:number ?number ; dcterms:title ?title ; cg:meeting ?meeting . ?meeting dcterms:date ?date .
      ${EV("pr")} } ORDER BY ?date xsd:integer(?number)`),
    select(`SELECT ?meeting ?date ?minute ?interest ?action ${evVars("d")} WHERE {
      ?d a cg:Declaration ; cg:person ${I} ; cg:meeting ?meeting ; cg:interest ?interest .
      ?meeting dcterms:date ?date . OPTIONAL { ?d cg:minute ?minute } OPTIONAL { ?d cg:action ?action }
      ${EV("d")} } ORDER BY ?date`),
    select(`SELECT ?s ?label ?p ${evVars("st")} WHERE {
      ?st a cg:Relation ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ${I} .
      OPTIONAL { ?s skos:prefLabel|foaf:name ?label } ${EV("st")} } ORDER BY ?p`),
  ]);
  const first = info[0] || {};
  const name = first.name ? (first.councillor === "true" ? "Councillor " : "") + first.name : local(iri);
  document.title = "councilgraph · " + name;
  const alts = [...new Set(info.map((r) => r.alt).filter(Boolean))];
  const att = uniq(attendance, (r) => r.meeting + r.status);
  main.replaceChildren(
    h("h1", { id: "title" }, name),
    h("p", { class: "sub" }, first.councillor === "true" ? "Councillor" : "Person", alts.length ? ` · also written ${alts.join("; ")}` : "", " · ", h("a", { href: "/why?iri=" + encodeURIComponent(iri) }, "every source"), " · ", h("code", {}, iri)),
    h("h2", {}, "Roles over time"),
    table(uniq(roles, (r) => r.date + r.post + (r.org || "")), [
      ["As of", (r) => r.date],
      ["Post", (r) => [r.post, src(r, "m")]],
      ["Organisation", (r) => r.org || ""],
    ]),
    h("h2", {}, `Meetings (${new Set(att.map((r) => r.meeting)).size})`),
    table(
      att,
      [
        ["Date", (r) => link(r.meeting, r.date)],
        ["Body", (r) => link(r.b, r.body || local(r.b))],
        ["Status", (r) => [status(r.status), src(r, "a")]],
        ["Record", (r) => r.kind || ""],
      ],
      "No attendance recorded."
    ),
    h("h2", {}, "Items presented"),
    table(uniq(presented, (r) => r.pr), [
      ["Date", (r) => link(r.meeting, r.date)],
      ["Item", (r) => r.number, "num"],
      ["Title", (r) => [r.title, src(r, "pr")]],
    ]),
    h("h2", {}, "Declarations of interest"),
    table(uniq(declarations, (r) => r.d), [
      ["Date", (r) => link(r.meeting, r.date)],
      ["Minute", (r) => r.minute || ""],
      ["Interest", (r) => [r.interest, src(r, "d")]],
      ["Action", (r) => r.action || ""],
    ]),
    relations.length ? h("h2", {}, "Named in relations") : "",
    relations.length
      ? table(uniq(relations, (r) => r.st), [
          ["Subject", (r) => link(r.s, r.label || local(r.s))],
          ["Relation", (r) => [local(r.p), src(r, "st")]],
        ])
      : ""
  );
  ready();
}

// ---------- body ----------

async function bodyPage(iri) {
  const I = `<${iri}>`;
  const [info, meetings, chairs, attendees, relations] = await Promise.all([
    select(`SELECT ?name ?type ?acronym ?alt WHERE {
      OPTIONAL { ${I} skos:prefLabel ?name } OPTIONAL { ${I} cg:bodyType ?type }
      OPTIONAL { ${I} cg:acronym ?acronym } OPTIONAL { ${I} skos:altLabel ?alt } }`),
    select(`SELECT ?date ?kind (COUNT(DISTINCT ?item) AS ?items) ${evVars("m")} WHERE {
      ?m a cg:Meeting ; cg:body ${I} ; dcterms:date ?date ; cg:kind ?kind .
      OPTIONAL { ?item a cg:AgendaItem ; cg:meeting ?m } ${EV("m")}
    } GROUP BY ?date ?kind ${evVars("m")} ORDER BY DESC(?date)`),
    select(`SELECT ?meeting ?date ?p ?name ?status ${evVars("a")} WHERE {
      ?meeting a cg:Meeting ; cg:body ${I} ; dcterms:date ?date .
      ?a a cg:Attendance ; cg:meeting ?meeting ; cg:person ?p ; cg:status ?status .
      FILTER(?status IN ("chair", "vice-chair")) ?p foaf:name ?name . ${EV("a")} } ORDER BY DESC(?date)`),
    select(`SELECT ?p ?name ?councillor ?n ?first ?last ${evVars("a")} WHERE {
      { SELECT ?p (COUNT(DISTINCT ?m) AS ?n) (MIN(?date) AS ?first) (MAX(?date) AS ?last) (SAMPLE(?rec) AS ?a) WHERE {
          ?m a cg:Meeting ; cg:body ${I} ; cg:kind "minutes" ; dcterms:date ?date .
          ?rec a cg:Attendance ; cg:meeting ?m ; cg:person ?p ; cg:status ?s .
          FILTER(?s IN ("present", "chair", "vice-chair"))
        } GROUP BY ?p }
      ?p foaf:name ?name . BIND(EXISTS { ?p a cg:Councillor } AS ?councillor) ${EV("a")}
    } ORDER BY DESC(?n) ?name`),
    select(`SELECT ?dir ?p ?other ?otherLabel ?basis ${evVars("st")} WHERE {
      { ?st a cg:Relation ; rdf:subject ${I} ; rdf:predicate ?p ; rdf:object ?other . BIND("out" AS ?dir) }
      UNION
      { ?st a cg:Relation ; rdf:object ${I} ; rdf:predicate ?p ; rdf:subject ?other . BIND("in" AS ?dir) }
      OPTIONAL { ?other skos:prefLabel|foaf:name|dcterms:title ?otherLabel }
      OPTIONAL { ?st cg:basis ?basis } ${EV("st")} } ORDER BY ?dir ?p`),
  ]);
  const first = info.find((r) => r.name) || {};
  const name = first.name || local(iri);
  document.title = "councilgraph · " + name;
  const rels = uniq(relations, (r) => r.st + r.dir);
  const other = (r) => (/^https?:\/\//.test(r.other) ? link(r.other, r.otherLabel || local(r.other)) : r.other);
  const relTable = (pred, dir, heading) => {
    const rows = rels.filter((r) => r.dir === dir && (!pred || pred.includes(local(r.p))));
    return [h("h2", {}, heading), table(rows, [[dir === "out" ? "To" : "From", (r) => [other(r), src(r, "st")]], ["Relation", (r) => local(r.p)], ["Basis", (r) => r.basis || ""]])];
  };
  const alts = [...new Set(info.map((r) => r.alt).filter(Boolean))];
  main.replaceChildren(
    h("h1", { id: "title" }, name),
    h(
      "p",
      { class: "sub" },
      [first.type, first.acronym ? `(${first.acronym})` : ""].filter(Boolean).join(" "),
      alts.length ? ` · also written ${alts.slice(0, 6).join("; ")}` : "",
      " · ",
      h("a", { href: "/why?iri=" + encodeURIComponent(iri) }, "every source"),
      " · ",
      h("code", {}, iri)
    ),
    h("h2", {}, "Chairs"),
    table(
      [
        ...uniq(rels.filter((r) => r.dir === "out" && local(r.p) === "chairedBy"), (r) => r.other).map((r) => ({ kind: "stated", r })),
        ...uniq(chairs, (r) => r.meeting + r.p).map((r) => ({ kind: "meeting", r })),
      ],
      [
        ["Chair", ({ kind, r }) => (kind === "stated" ? [other(r), src(r, "st")] : [link(r.p, r.name), " ", status(r.status), src(r, "a")])],
        ["When", ({ kind, r }) => (kind === "stated" ? "stated in the minutes" : link(r.meeting, r.date))],
      ]
    ),
    ...relTable(["reportsTo", "partOf", "governedBy", "providedBy", "ownedBy", "approvedBy", "renamedTo", "memberOf"], "out", "Reports to, part of, and other relations from it"),
    ...relTable(["reportsTo", "partOf"], "in", "Reporting to it, or part of it"),
    ...relTable(["memberOf"], "in", "Members named in the minutes"),
    ...relTable(["chairedBy", "governedBy", "providedBy", "ownedBy", "approvedBy", "renamedTo", "appointedTo"], "in", "Other relations naming it"),
    h("h2", {}, "Present at its minuted meetings"),
    table(
      uniq(attendees, (r) => r.p),
      [
        ["Person", (r) => link(r.p, (r.councillor === "true" ? "Councillor " : "") + r.name)],
        ["Meetings present", (r) => [r.n, src(r, "a")], "num"],
        ["First", (r) => r.first],
        ["Last", (r) => r.last],
      ],
      "No minuted attendance."
    ),
    h("h2", {}, "Meetings"),
    table(uniq(meetings, (r) => r.m + r.kind), [
      ["Date", (r) => [link(r.m, r.date), src(r, "m")]],
      ["Record", (r) => r.kind],
      ["Items", (r) => r.items, "num"],
    ])
  );
  ready();
}

// ---------- meeting ----------

const STATUS_ORDER = ["chair", "vice-chair", "present", "member", "co-opted", "in-attendance", "apologies"];

async function meetingPage(iri) {
  const I = `<${iri}>`;
  const [info, attendance, items, presenters, resolutions, declarations] = await Promise.all([
    select(`SELECT ?label ?date ?kind ?b ?body ?time ?venue ${evVars("m")} WHERE {
      BIND(${I} AS ?m) ?m dcterms:date ?date . OPTIONAL { ?m rdfs:label ?label } OPTIONAL { ?m cg:kind ?kind }
      OPTIONAL { ?m cg:body ?b OPTIONAL { ?b skos:prefLabel ?body } } OPTIONAL { ?m cg:startTime ?time } OPTIONAL { ?m cg:venue ?venue }
      ${EV("m")} }`),
    select(`SELECT ?p ?name ?councillor ?status ?basis ${evVars("a")} WHERE {
      ?a a cg:Attendance ; cg:meeting ${I} ; cg:person ?p ; cg:status ?status . ?p foaf:name ?name .
      BIND(EXISTS { ?p a cg:Councillor } AS ?councillor) OPTIONAL { ?a cg:basis ?basis } ${EV("a")} } ORDER BY ?name`),
    select(`SELECT ?number ?title ${evVars("item")} WHERE {
      ?item a cg:AgendaItem ; cg:meeting ${I} ; cg:number ?number ; dcterms:title ?title . ${EV("item")}
    } ORDER BY xsd:integer(?number) ?number`),
    select(`SELECT ?item ?p ?name ${evVars("pr")} WHERE {
      ?pr a cg:Presentation ; cg:item ?item ; cg:person ?p . ?item cg:meeting ${I} . ?p foaf:name ?name . ${EV("pr")} }`),
    select(`SELECT ?item ?text ${evVars("r")} WHERE {
      ?r a cg:Resolution ; cg:item ?item ; rdf:value ?text . ?item cg:meeting ${I} . ${EV("r")} } ORDER BY ?r`),
    select(`SELECT ?p ?name ?minute ?interest ?action ${evVars("d")} WHERE {
      ?d a cg:Declaration ; cg:meeting ${I} ; cg:person ?p ; cg:interest ?interest . ?p foaf:name ?name .
      OPTIONAL { ?d cg:minute ?minute } OPTIONAL { ?d cg:action ?action } ${EV("d")} } ORDER BY ?minute`),
  ]);
  const m = info[0] || {};
  const title = m.body ? `${m.body}, ${m.date}` : m.label || local(iri);
  document.title = "councilgraph · " + title;
  const att = uniq(attendance, (r) => r.a).sort(
    (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.name.localeCompare(b.name)
  );
  const by = (rows, key) => rows.reduce((acc, r) => ((acc[r[key]] = acc[r[key]] || []).push(r), acc), {});
  const pres = by(uniq(presenters, (r) => r.pr), "item");
  const res = by(uniq(resolutions, (r) => r.r), "item");
  const person = (r) => link(r.p, (r.councillor === "true" ? "Councillor " : "") + r.name);
  main.replaceChildren(
    h("h1", { id: "title" }, title),
    h(
      "dl",
      { class: "kv" },
      h("dt", {}, "Body"),
      h("dd", {}, m.b ? link(m.b, m.body || local(m.b)) : ""),
      h("dt", {}, "Date"),
      h("dd", {}, m.date || "", src(m, "m")),
      m.time ? [h("dt", {}, "Time"), h("dd", {}, m.time)] : "",
      m.venue ? [h("dt", {}, "Venue"), h("dd", {}, m.venue)] : "",
      h("dt", {}, "Record"),
      h("dd", {}, m.kind || ""),
      h("dt", {}, "Sources"),
      h("dd", {}, h("a", { href: "/why?iri=" + encodeURIComponent(iri) }, "every source"))
    ),
    h("h2", {}, `Attendance (${att.length})`),
    table(att, [
      ["Person", person],
      ["Status", (r) => [status(r.status), src(r, "a")]],
      ["Basis", (r) => r.basis || ""],
    ]),
    h("h2", {}, `Items (${uniq(items, (r) => r.item).length})`),
    table(uniq(items, (r) => r.item), [
      ["No.", (r) => r.number, "num"],
      [
        "Item",
        (r) =>
          h(
            "div",
            { id: "item-" + r.number },
            h("strong", {}, r.title),
            src(r, "item"),
            pres[r.item] ? h("div", {}, "Presented by ", pres[r.item].map((p, i) => [i ? ", " : "", link(p.p, p.name), src(p, "pr")])) : "",
            res[r.item] ? h("ul", { class: "facts" }, res[r.item].map((x) => h("li", {}, "Resolved: ", x.text, src(x, "r")))) : ""
          ),
      ],
    ]),
    h("h2", {}, "Declarations of interest"),
    table(uniq(declarations, (r) => r.d), [
      ["Person", person],
      ["Minute", (r) => r.minute || ""],
      ["Interest", (r) => [r.interest, src(r, "d")]],
      ["Action", (r) => r.action || ""],
    ])
  );
  ready();
}

// ---------- any resource; why ----------

async function resourcePage(iri) {
  const types = (await select(`SELECT DISTINCT ?t WHERE { <${iri}> a ?t }`)).map((r) => r.t);
  const has = (t) => types.some((x) => x.endsWith(t));
  if (has("#Person")) return personPage(iri);
  if (has("#Meeting")) return meetingPage(iri);
  if (has("#Body") || has("#Organization")) return bodyPage(iri);
  const [out, inc] = await Promise.all([
    select(`SELECT DISTINCT ?p ?o WHERE { <${iri}> ?p ?o } ORDER BY ?p LIMIT 500`),
    select(`SELECT DISTINCT ?s ?p WHERE { ?s ?p <${iri}> } ORDER BY ?p LIMIT 500`),
  ]);
  const term = (v) => (/^[a-z]+:\/\//i.test(v) ? link(v, v) : v);
  document.title = "councilgraph · " + local(iri);
  main.replaceChildren(
    h("h1", { id: "title" }, local(iri)),
    h("p", { class: "sub" }, types.map(local).join(", "), " · ", h("a", { href: "/why?iri=" + encodeURIComponent(iri) }, "every source"), " · ", h("code", {}, iri)),
    h("h2", {}, "Properties"),
    table(out, [["Property", (r) => local(r.p)], ["Value", (r) => term(r.o)]]),
    h("h2", {}, "Referenced by"),
    table(inc, [["Subject", (r) => term(r.s)], ["Property", (r) => local(r.p)]])
  );
  ready();
}

async function whyPage(iri) {
  document.title = "councilgraph · sources of " + local(iri);
  const res = await fetch("/api/why?iri=" + encodeURIComponent(iri));
  if (!res.ok) throw new Error(await res.text());
  const list = await res.json();
  main.replaceChildren(
    h("h1", {}, "Sources"),
    h("p", { class: "sub" }, "Every quote behind ", link(iri, iri), ": its own evidence, its mentions', and the facts naming it."),
    table(list, [
      ["Fact", (r) => link(r.fact_iri, r.fact || local(r.fact_iri))],
      ["Quote", (r) => h("blockquote", {}, r.quote)],
      ["Where", (r) => `${r.path}, ${r.start}–${r.end}`],
    ])
  );
  ready();
}

// ---------- governance graph ----------

const EDGE_COLOURS = { reportsTo: "var(--reports)", partOf: "var(--part)", chairedBy: "var(--chair)" };
const SVGNS = "http://www.w3.org/2000/svg";
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  el.append(...children);
  return el;
}

async function governancePage() {
  document.title = "councilgraph · Governance";
  const rows = await select(`
    SELECT ?s ?p ?o ?sl ?ol ?otype ${evVars("st")} WHERE {
      ?st a cg:Relation ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
      FILTER(?p IN (cg:reportsTo, cg:partOf, cg:chairedBy))
      ?s a cg:Body .
      OPTIONAL { ?s skos:prefLabel ?sl }
      OPTIONAL { ?o skos:prefLabel|foaf:name ?ol }
      BIND(IF(isIRI(?o), IF(EXISTS { ?o a foaf:Person }, "person", "body"), "post") AS ?otype)
      ${EV("st")}
    }`);
  // Nodes and edges; an edge keeps every quote stating it.
  const nodes = new Map();
  const node = (id, label, kind) => {
    if (!nodes.has(id)) nodes.set(id, { id, label: label || local(id), kind, x: 0, y: 0, vx: 0, vy: 0, degree: 0 });
    return nodes.get(id);
  };
  const edges = new Map();
  for (const r of rows) {
    const p = local(r.p);
    const a = node(r.s, r.sl, "body");
    const b = node(r.otype === "post" ? "post:" + r.o : r.o, r.otype === "post" ? r.o : r.ol, r.otype);
    const key = `${a.id} ${p} ${b.id}`;
    if (!edges.has(key)) edges.set(key, { a, b, p, quotes: [] });
    const e = edges.get(key);
    if (r.st_q && !e.quotes.some((q) => q.fact === r.st && q.start === r.st_s))
      e.quotes.push({ fact: r.st, quote: r.st_q, start: r.st_s, end: r.st_n, path: r.st_p, kind: p });
  }
  const N = [...nodes.values()];
  const E = [...edges.values()];
  for (const e of E) {
    e.a.degree++;
    e.b.degree++;
  }

  // A force-directed layout: repulsion between all nodes, springs along
  // edges, a weak pull to the centre; a fixed number of steps.
  N.forEach((n, i) => {
    const angle = i * 2.399963;
    const r = 40 * Math.sqrt(i + 1);
    n.x = r * Math.cos(angle);
    n.y = r * Math.sin(angle);
  });
  for (let step = 0, heat = 1; step < 400; step++, heat *= 0.99) {
    for (let i = 0; i < N.length; i++)
      for (let j = i + 1; j < N.length; j++) {
        const a = N[i], b = N[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = Math.random() - 0.5; dy = Math.random() - 0.5; d2 = 0.5; }
        const f = 9000 / d2;
        const d = Math.sqrt(d2);
        a.vx += (dx / d) * f; a.vy += (dy / d) * f;
        b.vx -= (dx / d) * f; b.vy -= (dy / d) * f;
      }
    for (const e of E) {
      const dx = e.b.x - e.a.x, dy = e.b.y - e.a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = (d - 120) * 0.05;
      e.a.vx += (dx / d) * f; e.a.vy += (dy / d) * f;
      e.b.vx -= (dx / d) * f; e.b.vy -= (dy / d) * f;
    }
    for (const n of N) {
      n.vx -= n.x * 0.01; n.vy -= n.y * 0.01;
      const v = Math.sqrt(n.vx * n.vx + n.vy * n.vy) || 1;
      const cap = Math.min(v, 30 * heat);
      n.x += (n.vx / v) * cap; n.y += (n.vy / v) * cap;
      n.vx *= 0.5; n.vy *= 0.5;
    }
  }

  const radius = (n) => 5 + Math.min(10, 2 * Math.sqrt(n.degree));
  const fill = { body: "#4a78b5", person: "#b5651d", post: "#9a9a9a" };
  const viewport = s("g", { id: "viewport" });
  const defs = s(
    "defs",
    {},
    ...Object.entries(EDGE_COLOURS).map(([p, c]) =>
      s("marker", { id: "arrow-" + p, viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" }, s("path", { d: "M0,0 L10,5 L0,10 z", style: `fill:${c}` }))
    )
  );
  for (const e of E) {
    const dx = e.b.x - e.a.x, dy = e.b.y - e.a.y;
    const d = Math.sqrt(dx * dx + dy * dy) || 1;
    const ra = radius(e.a), rb = radius(e.b) + 2;
    const line = s(
      "line",
      {
        class: "edge " + e.p,
        x1: e.a.x + (dx / d) * ra, y1: e.a.y + (dy / d) * ra,
        x2: e.b.x - (dx / d) * rb, y2: e.b.y - (dy / d) * rb,
        style: `stroke:${EDGE_COLOURS[e.p]}`,
        "marker-end": `url(#arrow-${e.p})`,
        onclick: () => showEvidence(e.quotes, `${e.a.label} ${e.p} ${e.b.label}`),
      },
      s("title", {}, `${e.a.label} —${e.p}→ ${e.b.label} (click for the source)`)
    );
    viewport.append(line);
  }
  for (const n of N) {
    const g = s(
      "g",
      {
        class: "node " + n.kind,
        transform: `translate(${n.x},${n.y})`,
        "data-iri": n.id,
        onclick: (ev) => {
          ev.stopPropagation();
          if (n.kind !== "post") location.href = pageFor(n.id);
        },
      },
      s("circle", { r: radius(n), style: `fill:${fill[n.kind]}` }),
      s("text", { x: radius(n) + 3, y: 4 }, n.label),
      s("title", {}, n.label)
    );
    viewport.append(g);
  }
  const svg = s("svg", { id: "governance-graph", role: "img", "aria-label": "Governance graph" }, defs, viewport);

  // Zoom (wheel, buttons) and pan (drag).
  const xs = N.map((n) => n.x), ys = N.map((n) => n.y);
  let view = { k: 1, x: 0, y: 0 };
  const apply = () => viewport.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);
  const fit = () => {
    const w = svg.clientWidth || 1000, hgt = svg.clientHeight || 600;
    if (!N.length) return;
    const minX = Math.min(...xs) - 20, maxX = Math.max(...xs) + 160, minY = Math.min(...ys) - 20, maxY = Math.max(...ys) + 20;
    view.k = Math.min(w / (maxX - minX), hgt / (maxY - minY), 2);
    view.x = (w - (maxX + minX) * view.k) / 2;
    view.y = (hgt - (maxY + minY) * view.k) / 2;
    apply();
  };
  const zoomAt = (factor, cx, cy) => {
    const k = Math.max(0.1, Math.min(8, view.k * factor));
    view.x = cx - ((cx - view.x) * k) / view.k;
    view.y = cy - ((cy - view.y) * k) / view.k;
    view.k = k;
    apply();
  };
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const box = svg.getBoundingClientRect();
    zoomAt(ev.deltaY < 0 ? 1.15 : 1 / 1.15, ev.clientX - box.left, ev.clientY - box.top);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => {
    if (ev.target.closest(".node") || ev.target.closest(".edge")) return;
    drag = { x: ev.clientX - view.x, y: ev.clientY - view.y };
    svg.classList.add("panning");
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    view.x = ev.clientX - drag.x;
    view.y = ev.clientY - drag.y;
    apply();
  });
  svg.addEventListener("pointerup", () => { drag = null; svg.classList.remove("panning"); });
  const centre = () => [svg.clientWidth / 2, svg.clientHeight / 2];
  const controls = h(
    "div",
    { class: "controls" },
    h("button", { type: "button", title: "Zoom in", onclick: () => zoomAt(1.3, ...centre()) }, "+"),
    h("button", { type: "button", title: "Zoom out", onclick: () => zoomAt(1 / 1.3, ...centre()) }, "−"),
    h("button", { type: "button", title: "Fit", onclick: fit }, "⤢")
  );
  main.replaceChildren(
    h("h1", {}, "Governance"),
    h(
      "p",
      { class: "sub" },
      `${N.filter((n) => n.kind === "body").length} bodies and ${E.length} links stated in the minutes. `,
      "Drag to pan, scroll to zoom, click a body to open it, click a link for the sentence stating it."
    ),
    h(
      "div",
      { class: "legend" },
      Object.entries(EDGE_COLOURS).map(([p, c]) => h("span", {}, h("span", { class: "swatch", style: `background:${c}` }), p)),
      h("span", {}, "● body ", h("span", { style: "color:#b5651d" }, "● person "), h("span", { style: "color:#9a9a9a" }, "● post"))
    ),
    h("div", { class: "graph-wrap" }, svg, controls),
    h("h2", {}, "Links"),
    table(
      E.slice().sort((x, y) => x.p.localeCompare(y.p) || x.a.label.localeCompare(y.a.label)),
      [
        ["From", (e) => link(e.a.id, e.a.label)],
        ["Relation", (e) => e.p],
        ["To", (e) => (e.b.kind === "post" ? e.b.label : link(e.b.id, e.b.label))],
        ["Source", (e) => h("button", { type: "button", class: "src", onclick: () => showEvidence(e.quotes, `${e.a.label} ${e.p} ${e.b.label}`) }, `${e.quotes.length} quote${e.quotes.length === 1 ? "" : "s"}`)],
      ]
    )
  );
  requestAnimationFrame(fit);
  ready();
}

// ---------- routing ----------

async function route() {
  document.getElementById("endpoint").textContent = location.origin + ENDPOINT;
  const params = new URLSearchParams(location.search);
  const iri = params.get("iri");
  const needIri = (fn) => {
    if (!iriOk(iri)) throw new Error("This page needs ?iri= with a valid IRI.");
    return fn(iri);
  };
  switch (location.pathname) {
    case "/person": return needIri(personPage);
    case "/body": return needIri(bodyPage);
    case "/meeting": return needIri(meetingPage);
    case "/resource": return needIri(resourcePage);
    case "/why": return needIri(whyPage);
    case "/governance": return governancePage();
    case "/people": return peoplePage();
    case "/bodies": return bodiesPage();
    case "/meetings": return meetingsPage();
    default: return editorPage(params);
  }
}

route().catch(fail);
