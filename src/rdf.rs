//! Model → RDF quads: one named graph per source file.
//!
//! Architecture invariant: RDF is built only from a [`FileModel`]; this
//! stage never reads source text. Every node gets an IRI derived from a
//! deterministic key (no blank nodes), so a rebuild writes identical quads.

use crate::iri::{slug, Minter};
use crate::model::*;
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

/// Namespaces used in the graph and the ontology.
pub mod ns {
    pub const CG: &str = "https://councilgraph.org/ontology#";
    pub const ORG: &str = "http://www.w3.org/ns/org#";
    pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
    pub const SCHEMA: &str = "https://schema.org/";
    pub const PROV: &str = "http://www.w3.org/ns/prov#";
    pub const OA: &str = "http://www.w3.org/ns/oa#";
    pub const DCTERMS: &str = "http://purl.org/dc/terms/";
    pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";

    /// The SPARQL prologue declaring every prefix above.
    pub const SPARQL_PREFIXES: &str = "PREFIX cg: <https://councilgraph.org/ontology#>\n\
PREFIX org: <http://www.w3.org/ns/org#>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n\
PREFIX schema: <https://schema.org/>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n\
PREFIX oa: <http://www.w3.org/ns/oa#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n\
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n";
}

/// The property holding the build's record of a source file, in one
/// literal so a rebuild reads every file's record with one index scan:
/// "CONTENT-HASH<TAB>TEXT-HASH<TAB>SIZE MTIME<TAB>PATH" (see [`build_record`]).
pub const BUILD_RECORD: &str = "buildRecord";

/// A source file's build record: the hash its graph was written with, its
/// text's hash, its size and modification time when read (empty where
/// unknown), and its path (last: it may hold anything).
pub fn build_record(hash: &str, text_hash: &str, stat: Option<&str>, path: &str) -> String {
    format!("{hash}\t{text_hash}\t{}\t{path}", stat.unwrap_or(""))
}

/// The fields of a [`build_record`]: hash, text hash, stat, path.
pub fn parse_build_record(record: &str) -> Option<(&str, &str, Option<&str>, &str)> {
    let mut fields = record.splitn(4, '\t');
    let (hash, text, stat, path) = (fields.next()?, fields.next()?, fields.next()?, fields.next()?);
    Some((hash, text, (!stat.is_empty()).then_some(stat), path))
}

fn term(ns: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ns}{local}"))
}

/// Collects the quads of one file's graph.
pub struct GraphWriter<'a> {
    minter: &'a Minter,
    graph: GraphName,
    source: NamedNode,
    /// Character offsets where the source's pages start (PDF only).
    pages: &'a [usize],
    pub quads: Vec<Quad>,
}

impl<'a> GraphWriter<'a> {
    fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(s.clone()),
            p,
            o.into(),
            self.graph.clone(),
        ));
    }

    fn lit(&mut self, s: &NamedNode, p: NamedNode, value: &str) {
        self.add(s, p, Literal::new_simple_literal(value));
    }

    /// `cg:searchKey` for each distinct non-empty key of `labels`.
    fn search_keys<'l>(&mut self, s: &NamedNode, labels: impl IntoIterator<Item = &'l str>) {
        let mut keys: Vec<String> = labels.into_iter().map(crate::search_key::search_key).collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys.iter().filter(|k| !k.is_empty()) {
            self.lit(s, GraphWriter::cg("searchKey"), key);
        }
    }

    fn node(&self, key: &str) -> NamedNode {
        NamedNode::new_unchecked(self.minter.iri(key))
    }

    fn cg(local: &str) -> NamedNode {
        term(ns::CG, local)
    }

    /// An evidence node: the exact span and quote a fact rests on. It is
    /// an `oa:TextPositionSelector` and an `oa:TextQuoteSelector` by the
    /// range of `cg:evidence` (ontology/councilgraph.ttl), not by a type
    /// triple of its own: two of every seven evidence quads, a seventh of
    /// the store, said nothing a query could not know.
    fn evidence(&mut self, fact: &NamedNode, evidence: &Evidence) {
        let e = NamedNode::new_unchecked(format!("{}/evidence", fact.as_str()));
        self.add(fact, term(ns::CG, "evidence"), e.clone());
        self.add(&e, term(ns::OA, "start"), Literal::from(evidence.start as i64));
        self.add(&e, term(ns::OA, "end"), Literal::from(evidence.end as i64));
        self.lit(&e, term(ns::OA, "exact"), &evidence.quote);
        if !self.pages.is_empty() {
            // The page the quote starts on, counted from 1.
            let page = self.pages.partition_point(|&p| p <= evidence.start).max(1);
            self.add(&e, term(ns::CG, "page"), Literal::from(page as i64));
        }
        let source = self.source.clone();
        self.add(&e, term(ns::PROV, "wasDerivedFrom"), source);
    }
}

fn date_literal(date: crate::date::Date) -> Literal {
    Literal::new_typed_literal(date.to_string(), xsd::DATE)
}

/// The named graph IRI of a source file.
pub fn graph_iri(minter: &Minter, source_id: &str) -> NamedNode {
    NamedNode::new_unchecked(minter.graph(source_id))
}

/// All quads of one file, in its own named graph.
pub fn to_quads(minter: &Minter, model: &FileModel) -> Vec<Quad> {
    let graph_node = graph_iri(minter, &model.source.id);
    let mut w = GraphWriter {
        minter,
        graph: GraphName::NamedNode(graph_node.clone()),
        source: graph_node.clone(),
        pages: &model.source.pages,
        quads: Vec::with_capacity(4096),
    };
    w.add(&graph_node, rdf::TYPE.into(), GraphWriter::cg("SourceFile"));
    w.lit(&graph_node, GraphWriter::cg("path"), &model.source.id);
    w.lit(&graph_node, GraphWriter::cg("contentHash"), &model.source.hash);
    w.lit(&graph_node, GraphWriter::cg("textHash"), &model.source.text_hash);
    let record = build_record(
        &model.source.hash,
        &model.source.text_hash,
        model.source.stat.as_deref(),
        &model.source.id,
    );
    w.lit(&graph_node, GraphWriter::cg(BUILD_RECORD), &record);
    w.lit(
        &graph_node,
        GraphWriter::cg("namesTaught"),
        &crate::extract::bodies::KnownBody::encode_list(&model.source.names_taught),
    );

    for (i, d) in model.documents.iter().enumerate() {
        let node = NamedNode::new_unchecked(format!("{}#document-{}", graph_node.as_str(), i + 1));
        w.add(&node, rdf::TYPE.into(), GraphWriter::cg("SourceDocument"));
        w.lit(&node, GraphWriter::cg("documentKind"), d.kind.as_str());
        if let Some(t) = &d.title {
            w.lit(&node, term(ns::DCTERMS, "title"), t);
        }
        w.add(&node, term(ns::DCTERMS, "isPartOf"), graph_node.clone());
        w.evidence(&node, &d.evidence);
    }

    for a in &model.acronyms {
        let node = NamedNode::new_unchecked(format!(
            "{}#acronym-{}-{}-{}",
            graph_node.as_str(),
            a.document + 1,
            slug(&a.acronym),
            slug(&a.expansion)
        ));
        let document = NamedNode::new_unchecked(format!("{}#document-{}", graph_node.as_str(), a.document + 1));
        w.add(&node, rdf::TYPE.into(), term(ns::SKOS, "Concept"));
        w.add(&node, rdf::TYPE.into(), GraphWriter::cg("AcronymDefinition"));
        w.lit(&node, term(ns::SKOS, "notation"), &a.acronym);
        w.lit(&node, term(ns::SKOS, "prefLabel"), &a.expansion);
        w.add(&node, GraphWriter::cg("definedIn"), document);
        w.lit(&node, GraphWriter::cg("basis"), a.basis);
        w.evidence(&node, &a.evidence);
    }

    for b in &model.bodies {
        body_quads(&mut w, b, &graph_node);
    }
    let publications: Vec<NamedNode> = model.publications.iter().map(|d| w.node(&d.key)).collect();
    for (d, node) in model.publications.iter().zip(&publications) {
        publication_quads(&mut w, d, node, &graph_node);
    }
    let people: Vec<NamedNode> = model.people.iter().map(|p| w.node(&p.key)).collect();
    for (p, node) in model.people.iter().zip(&people) {
        person_quads(&mut w, p, node);
    }
    let bodies: Vec<NamedNode> = model.bodies.iter().map(|b| w.node(&b.key)).collect();
    for m in &model.meetings {
        meeting_quads(&mut w, m, &people, &publications, &bodies);
    }
    for r in &model.relations {
        let end = |e: &EntityRef| -> Term {
            match e {
                EntityRef::Body(i) => bodies[*i].clone().into(),
                EntityRef::Document(i) => publications[*i].clone().into(),
                EntityRef::Person(i) => people[*i].clone().into(),
                EntityRef::Post(s) => Literal::new_simple_literal(s).into(),
            }
        };
        relation_quads(&mut w, r, end(&r.subject), end(&r.object), &graph_node);
        if let ("renamedTo", EntityRef::Body(old), EntityRef::Body(new)) = (r.predicate, &r.subject, &r.object) {
            change_event_quads(&mut w, r, &bodies[*old], &bodies[*new], model, &graph_node);
        }
    }
    for f in &model.frequencies {
        frequency_quads(&mut w, &bodies[f.body], f, &graph_node);
    }
    w.quads
}

/// A rename as a W3C ORG change event: the body before, the body after, and
/// the date (one the sentence prints, else that of the meeting whose papers
/// state it).
fn change_event_quads(
    w: &mut GraphWriter,
    r: &RelationFact,
    old: &NamedNode,
    new: &NamedNode,
    model: &FileModel,
    graph: &NamedNode,
) {
    let key = format!("{old} renamedTo {new}");
    let hash = &crate::source::hash_bytes(key.as_bytes())[..12];
    let event = NamedNode::new_unchecked(format!("{}#change-{hash}", graph.as_str()));
    w.add(&event, rdf::TYPE.into(), term(ns::ORG, "ChangeEvent"));
    w.add(&event, term(ns::ORG, "originalOrganization"), old.clone());
    w.add(&event, term(ns::ORG, "resultingOrganization"), new.clone());
    w.add(new, term(ns::ORG, "changedBy"), event.clone());
    w.add(old, term(ns::ORG, "changedBy"), event.clone());
    let stated = crate::date::find_date(&r.evidence.quote).map(|(date, _)| date);
    let meeting = model
        .meetings
        .iter()
        .rfind(|m| m.evidence.start <= r.evidence.start)
        .or(model.meetings.first())
        .map(|m| m.date);
    if let Some(date) = stated.or(meeting) {
        w.add(&event, term(ns::DCTERMS, "date"), date_literal(date));
    }
    w.evidence(&event, &r.evidence);
}

/// How often a body meets: the direct triple and a node with its evidence.
fn frequency_quads(w: &mut GraphWriter, body: &NamedNode, f: &FrequencyFact, graph: &NamedNode) {
    let key = format!("{body} {}", f.frequency);
    let hash = &crate::source::hash_bytes(key.as_bytes())[..12];
    let node = NamedNode::new_unchecked(format!("{}#frequency-{hash}", graph.as_str()));
    w.lit(body, GraphWriter::cg("meetingFrequency"), &f.frequency);
    w.add(&node, rdf::TYPE.into(), GraphWriter::cg("MeetingFrequency"));
    w.add(&node, GraphWriter::cg("frequencyOf"), body.clone());
    w.lit(&node, GraphWriter::cg("frequency"), &f.frequency);
    w.evidence(&node, &f.evidence);
}

/// A relation: the direct triple (when both ends are entities) and a
/// statement node carrying its basis and evidence.
fn relation_quads(w: &mut GraphWriter, r: &RelationFact, subject: Term, object: Term, graph: &NamedNode) {
    let predicate = GraphWriter::cg(r.predicate);
    let key = format!("{subject} {} {object}", r.predicate);
    let hash = &crate::source::hash_bytes(key.as_bytes())[..12];
    let node = NamedNode::new_unchecked(format!("{}#relation-{}-{hash}", graph.as_str(), r.predicate));
    if let (Term::NamedNode(s), Term::NamedNode(_)) = (&subject, &object) {
        w.add(s, predicate.clone(), object.clone());
    }
    w.add(&node, rdf::TYPE.into(), GraphWriter::cg("Relation"));
    w.add(&node, rdf::TYPE.into(), NamedNode::from(rdf::STATEMENT));
    w.add(&node, rdf::SUBJECT.into(), subject);
    w.add(&node, rdf::PREDICATE.into(), predicate);
    w.add(&node, rdf::OBJECT.into(), object);
    w.lit(&node, GraphWriter::cg("basis"), r.basis);
    w.evidence(&node, &r.evidence);
}

/// One mention node per place an entity is named, keyed by its span and
/// the entity (a body's name can start a document's title).
fn mention_quads(w: &mut GraphWriter, entity: &NamedNode, mentions: &[Evidence], graph: &NamedNode) {
    let entity_hash = &crate::source::hash_bytes(entity.as_str().as_bytes())[..8];
    for m in mentions {
        let mention = NamedNode::new_unchecked(format!(
            "{}#mention-{}-{}-{entity_hash}",
            graph.as_str(),
            m.start,
            m.end
        ));
        w.add(&mention, rdf::TYPE.into(), GraphWriter::cg("Mention"));
        w.add(&mention, GraphWriter::cg("mentionOf"), entity.clone());
        w.evidence(&mention, m);
    }
}

/// A document (strategy, plan, report …) with its title, period and type.
fn publication_quads(w: &mut GraphWriter, d: &PublicationNode, node: &NamedNode, graph: &NamedNode) {
    w.add(node, rdf::TYPE.into(), term(ns::FOAF, "Document"));
    w.add(node, rdf::TYPE.into(), GraphWriter::cg("Document"));
    w.lit(node, term(ns::DCTERMS, "title"), &d.title);
    w.lit(node, rdfs::LABEL.into(), &d.title);
    w.lit(node, GraphWriter::cg("documentType"), d.kind);
    if let Some(p) = &d.period {
        w.lit(node, GraphWriter::cg("period"), p);
    }
    for v in &d.variants {
        w.lit(node, term(ns::SKOS, "altLabel"), v);
    }
    let with_period = d.period.as_ref().map(|p| format!("{} {p}", d.title));
    let labels = [Some(d.title.as_str()), with_period.as_deref()];
    w.search_keys(
        node,
        labels
            .into_iter()
            .flatten()
            .chain(d.variants.iter().map(String::as_str)),
    );
    mention_quads(w, node, &d.mentions, graph);
}

/// A body with its names, and one mention node per place it is named.
fn body_quads(w: &mut GraphWriter, b: &BodyNode, graph: &NamedNode) {
    let node = w.node(&b.key);
    w.add(&node, rdf::TYPE.into(), term(ns::ORG, "Organization"));
    w.add(&node, rdf::TYPE.into(), GraphWriter::cg("Body"));
    w.lit(&node, rdfs::LABEL.into(), &b.name);
    w.lit(&node, term(ns::SKOS, "prefLabel"), &b.name);
    w.lit(&node, GraphWriter::cg("bodyType"), b.kind.as_str());
    for v in &b.variants {
        w.lit(&node, term(ns::SKOS, "altLabel"), v);
    }
    if let Some(a) = &b.acronym {
        w.lit(&node, GraphWriter::cg("acronym"), a);
    }
    let labels = std::iter::once(&b.name).chain(&b.variants).chain(&b.acronym);
    w.search_keys(&node, labels.map(String::as_str));
    mention_quads(w, &node, &b.mentions, graph);
}

fn person_quads(w: &mut GraphWriter, p: &PersonNode, node: &NamedNode) {
    w.add(node, rdf::TYPE.into(), term(ns::FOAF, "Person"));
    w.lit(node, term(ns::FOAF, "name"), &p.name);
    w.lit(node, rdfs::LABEL.into(), &p.name);
    if let Some(surname) = p.name.split_whitespace().last() {
        w.lit(node, term(ns::FOAF, "familyName"), surname);
    }
    if let Some(h) = &p.honorific {
        w.lit(node, term(ns::SCHEMA, "honorificPrefix"), h);
    }
    if p.councillor {
        w.add(node, rdf::TYPE.into(), GraphWriter::cg("Councillor"));
    }
    for v in &p.variants {
        w.lit(node, term(ns::SKOS, "altLabel"), v);
    }
    w.search_keys(node, std::iter::once(&p.name).chain(&p.variants).map(String::as_str));
    for why in &p.merges {
        w.lit(node, GraphWriter::cg("mergeReason"), why);
    }
    for r in &p.roles {
        let holding = NamedNode::new_unchecked(format!(
            "{}/role/{}/{}{}",
            node.as_str(),
            r.date,
            slug(&r.title),
            r.organisation
                .as_deref()
                .map(|o| format!("--{}", slug(o)))
                .unwrap_or_default()
        ));
        w.add(&holding, rdf::TYPE.into(), term(ns::ORG, "Membership"));
        w.add(&holding, term(ns::ORG, "member"), node.clone());
        let post = w.node(&format!("post/{}", slug(&r.title)));
        w.add(&holding, term(ns::ORG, "role"), post.clone());
        w.add(&post, rdf::TYPE.into(), term(ns::ORG, "Role"));
        w.lit(&post, rdfs::LABEL.into(), &r.title);
        w.lit(&holding, GraphWriter::cg("postTitle"), &r.title);
        if let Some(o) = &r.organisation {
            w.lit(&holding, GraphWriter::cg("organisationName"), o);
        }
        // The post alone, and the post with its organisation ("Cabinet
        // Member" + "Children's Services").
        let with_organisation = r.organisation.as_ref().map(|o| format!("{} {o}", r.title));
        let labels = [Some(r.title.as_str()), with_organisation.as_deref()];
        w.search_keys(&holding, labels.into_iter().flatten());
        w.add(&holding, GraphWriter::cg("asOf"), date_literal(r.date));
        w.evidence(&holding, &r.evidence);
    }
}

fn meeting_quads(
    w: &mut GraphWriter,
    m: &MeetingNode,
    people: &[NamedNode],
    publications: &[NamedNode],
    bodies: &[NamedNode],
) {
    let meeting = w.node(&m.key);
    let body = w.node(&m.body_key);
    w.add(&body, rdf::TYPE.into(), term(ns::ORG, "Organization"));
    w.lit(&body, rdfs::LABEL.into(), &m.body_name);
    w.lit(&body, term(ns::SKOS, "prefLabel"), &m.body_name);
    w.search_keys(&body, [m.body_name.as_str()]);
    w.add(&meeting, rdf::TYPE.into(), GraphWriter::cg("Meeting"));
    w.add(&meeting, GraphWriter::cg("body"), body);
    w.add(&meeting, term(ns::DCTERMS, "date"), date_literal(m.date));
    w.lit(&meeting, GraphWriter::cg("kind"), m.kind.as_str());
    w.lit(&meeting, rdfs::LABEL.into(), &format!("{} {}", m.body_name, m.date));
    if let Some(t) = &m.time {
        w.lit(&meeting, GraphWriter::cg("startTime"), t);
    }
    if let Some(v) = &m.venue {
        w.lit(&meeting, GraphWriter::cg("venue"), v);
    }
    if let Some(d) = m.next_meeting {
        w.add(&meeting, GraphWriter::cg("nextMeetingDate"), date_literal(d));
    }
    w.add(&meeting, term(ns::PROV, "wasDerivedFrom"), w.source.clone());
    w.evidence(&meeting, &m.evidence);

    for a in &m.attendance {
        let record = NamedNode::new_unchecked(format!(
            "{}/attendance/{}/{}",
            meeting.as_str(),
            a.status.as_str(),
            people[a.person].as_str().rsplit('/').next().unwrap_or("")
        ));
        let record = unique_record(record, &people[a.person]);
        w.add(&record, rdf::TYPE.into(), GraphWriter::cg("Attendance"));
        w.add(&record, GraphWriter::cg("meeting"), meeting.clone());
        w.add(&record, GraphWriter::cg("person"), people[a.person].clone());
        w.lit(&record, GraphWriter::cg("status"), a.status.as_str());
        w.lit(&record, GraphWriter::cg("basis"), a.basis);
        w.evidence(&record, &a.evidence);
    }
    for item in &m.items {
        let node = NamedNode::new_unchecked(format!("{}/item/{}", meeting.as_str(), slug(&item.number)));
        w.add(&node, rdf::TYPE.into(), GraphWriter::cg("AgendaItem"));
        w.add(&node, GraphWriter::cg("meeting"), meeting.clone());
        w.lit(&node, GraphWriter::cg("number"), &item.number);
        w.lit(&node, term(ns::DCTERMS, "title"), &item.title);
        w.evidence(&node, &item.evidence);
        for (n, r) in item.resolutions.iter().enumerate() {
            let res = NamedNode::new_unchecked(format!("{}/resolution/{}", node.as_str(), n + 1));
            w.add(&res, rdf::TYPE.into(), GraphWriter::cg("Resolution"));
            w.add(&res, GraphWriter::cg("item"), node.clone());
            if let Some(num) = &r.number {
                w.lit(&res, GraphWriter::cg("number"), num);
            }
            w.lit(&res, rdf::VALUE.into(), &r.text);
            if let Some(person) = r.requests_person {
                w.add(&res, GraphWriter::cg("requests"), people[person].clone());
            }
            if let Some(body) = r.requests {
                w.add(&res, GraphWriter::cg("requests"), bodies[body].clone());
            }
            w.evidence(&res, &r.evidence);
        }
        for (kind, list) in [("Presentation", &item.presenters), ("Welcome", &item.welcomed)] {
            for p in list {
                let fact = NamedNode::new_unchecked(format!(
                    "{}/{}/{}",
                    node.as_str(),
                    kind.to_lowercase(),
                    people[p.person].as_str().rsplit('/').next().unwrap_or("")
                ));
                let fact = unique_record(fact, &people[p.person]);
                w.add(&fact, rdf::TYPE.into(), GraphWriter::cg(kind));
                w.add(&fact, GraphWriter::cg("item"), node.clone());
                w.add(&fact, GraphWriter::cg("person"), people[p.person].clone());
                w.evidence(&fact, &p.evidence);
            }
        }
        for &d in &item.documents {
            w.add(&node, GraphWriter::cg("discusses"), publications[d].clone());
        }
        for &b in &item.bodies {
            w.add(&node, GraphWriter::cg("mentions"), bodies[b].clone());
        }
        for minute in &item.cross_refs {
            w.lit(&node, GraphWriter::cg("refersToMinute"), minute);
        }
        topic_quads(w, &node, &item.topics);
    }
    for (n, d) in m.declarations.iter().enumerate() {
        let fact = NamedNode::new_unchecked(format!("{}/declaration/{}", meeting.as_str(), n + 1));
        w.add(&fact, rdf::TYPE.into(), GraphWriter::cg("Declaration"));
        w.add(&fact, GraphWriter::cg("meeting"), meeting.clone());
        w.add(&fact, GraphWriter::cg("person"), people[d.person].clone());
        if let Some(minute) = &d.minute {
            w.lit(&fact, GraphWriter::cg("minute"), minute);
            let item = NamedNode::new_unchecked(format!("{}/item/{}", meeting.as_str(), slug(minute)));
            w.add(&fact, GraphWriter::cg("item"), item);
        }
        w.lit(&fact, GraphWriter::cg("interest"), &d.interest);
        if let Some(a) = &d.action {
            w.lit(&fact, GraphWriter::cg("action"), a);
        }
        w.evidence(&fact, &d.evidence);
    }
}

/// An item's topics: `cg:topic <concept>` and a `cg:TopicTag` with the
/// weight and the evidence of the first place the topic was found.
fn topic_quads(w: &mut GraphWriter, item: &NamedNode, topics: &[TopicTag]) {
    let mut seen: Vec<String> = Vec::new();
    for t in topics {
        let concept = NamedNode::new_unchecked(t.concept_iri.clone());
        let mut local = slug(t.concept_iri.rsplit(['/', '#']).find(|s| !s.is_empty()).unwrap_or(""));
        if local.is_empty() || seen.contains(&local) {
            local = format!("{local}-{}", &crate::source::hash_bytes(t.concept_iri.as_bytes())[..8]);
        }
        seen.push(local.clone());
        let tag = NamedNode::new_unchecked(format!("{}/topic/{local}", item.as_str()));
        w.add(item, GraphWriter::cg("topic"), concept.clone());
        w.add(&tag, rdf::TYPE.into(), GraphWriter::cg("TopicTag"));
        w.add(&tag, GraphWriter::cg("item"), item.clone());
        w.add(&tag, GraphWriter::cg("concept"), concept);
        w.add(&tag, GraphWriter::cg("weight"), decimal_literal(t.weight));
        w.evidence(&tag, &t.evidence);
    }
}

/// A weight as a canonical xsd:decimal with at most two decimals ("0.85", "1.0").
fn decimal_literal(value: f64) -> Literal {
    let mut s = format!("{value:.2}");
    while s.ends_with('0') && !s.ends_with(".0") {
        s.pop();
    }
    Literal::new_typed_literal(s, xsd::DECIMAL)
}

/// The IRI of the named graph holding the topic concept scheme.
pub fn topics_graph_iri(minter: &Minter) -> NamedNode {
    NamedNode::new_unchecked(minter.iri("graph/topics"))
}

/// The concept scheme's triples in the topics graph, with the hash of the
/// file they came from (a build whose scheme differs re-tags every file).
pub fn scheme_quads(minter: &Minter, scheme: &crate::topics::TopicScheme) -> Vec<Quad> {
    let graph = topics_graph_iri(minter);
    let in_graph = GraphName::NamedNode(graph.clone());
    let mut quads: Vec<Quad> = scheme
        .triples
        .iter()
        .map(|t| t.clone().in_graph(in_graph.clone()))
        .collect();
    // Concepts are looked up by topic name through their search keys.
    let labels = [term(ns::SKOS, "prefLabel"), term(ns::SKOS, "altLabel")];
    let mut keys: Vec<(NamedOrBlankNode, String)> = scheme
        .triples
        .iter()
        .filter(|t| labels.contains(&t.predicate))
        .filter_map(|t| match &t.object {
            Term::Literal(l) => Some((t.subject.clone(), crate::search_key::search_key(l.value()))),
            _ => None,
        })
        .filter(|(_, key)| !key.is_empty())
        .collect();
    keys.sort_unstable_by(|a, b| (a.0.to_string(), &a.1).cmp(&(b.0.to_string(), &b.1)));
    keys.dedup();
    for (concept, key) in keys {
        quads.push(Quad::new(
            concept,
            term(ns::CG, "searchKey"),
            Literal::new_simple_literal(key),
            in_graph.clone(),
        ));
    }
    quads.push(Quad::new(
        graph.clone(),
        term(ns::CG, "schemeHash"),
        Literal::new_simple_literal(build_fingerprint(scheme)),
        in_graph,
    ));
    quads
}

/// Bump whenever the quads a file yields change (extraction rules, the
/// model, the RDF mapping): a store written under another epoch is rebuilt
/// whole, because a file whose text is unchanged would otherwise keep the
/// graph an older councilgraph wrote.
pub const MODEL_EPOCH: u32 = 10;

/// What a store's graphs were written under: the topic scheme and
/// [`MODEL_EPOCH`]. Stored with the topics graph; when it differs, every
/// file is modelled again.
pub fn build_fingerprint(scheme: &crate::topics::TopicScheme) -> String {
    crate::source::hash_bytes(format!("{}\nmodel epoch {MODEL_EPOCH}", scheme.hash).as_bytes())
}

/// Fact IRIs end in the person's last key segment; people whose keys share
/// it (a councillor and an officer both "wilson") get the full key hashed in.
fn unique_record(record: NamedNode, person: &NamedNode) -> NamedNode {
    let key_hash = crate::source::hash_bytes(person.as_str().as_bytes());
    NamedNode::new_unchecked(format!("{}-{}", record.as_str(), &key_hash[..8]))
}
