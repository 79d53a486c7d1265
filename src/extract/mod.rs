//! Extraction: mentions and facts found in segmented text, each with a span.
//!
//! Architecture invariant: extraction reads the source text and the
//! segmentation; it never decides identity (resolve) nor builds RDF.

pub mod acronyms;
pub mod bodies;
pub mod frequency;
pub mod known_acronyms;
pub mod lists;
pub mod mentions;
pub mod people;
pub mod phrases;
pub mod publications;
pub mod relations;
pub mod sentences;

use crate::segment::{segment, Segmented};
pub use people::{Capacity, Declaration, PersonFact, PersonRef, RefKind};

/// What one item says about people.
#[derive(Debug, Clone, Default)]
pub struct ItemPeople {
    pub facts: Vec<PersonFact>,
    pub declarations: Vec<Declaration>,
}

/// Everything extracted from one source text.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub segmented: Segmented,
    /// Per meeting (in `segmented.meetings()` order), per item.
    pub item_people: Vec<Vec<ItemPeople>>,
    /// Acronym definitions with the index of the document defining them.
    pub acronyms: Vec<(usize, acronyms::AcronymDefinition)>,
    /// Acronyms used but not defined, matched to a phrase their letters
    /// spell, with the index of the document using them.
    pub matched_acronyms: Vec<(usize, acronyms::AcronymDefinition)>,
    /// People named in passing anywhere in the file.
    pub mentions: Vec<mentions::Mention>,
    /// Bodies named anywhere in the file.
    pub bodies: Vec<bodies::BodyMention>,
    /// How often bodies meet, as stated.
    pub frequencies: Vec<frequency::FrequencyMention>,
    /// Acronyms learned from other files and used here, with the full name
    /// of the body each stands for (its uses are among `bodies`).
    pub known_acronyms: Vec<(String, String)>,
    /// Documents (strategies, plans, reports …) named anywhere in the file.
    pub publications: Vec<publications::DocumentMention>,
    /// Relations stated between them, with the span of the source document
    /// (agenda, minutes, report …) stating each.
    pub relations: Vec<(crate::text::Span, relations::RelationMention)>,
}

/// Every use of an acronym a document defines for a body ("the CEDG")
/// is a mention of that body, under the body's printed name.
fn acronym_mentions(
    text: &str,
    segmented: &Segmented,
    definitions: &[(usize, acronyms::AcronymDefinition)],
    found: &[bodies::BodyMention],
) -> Vec<bodies::BodyMention> {
    let mut out = Vec::new();
    for (document, def) in definitions {
        let Some(body) = found.iter().find(|b| b.name.span.end == def.expansion.span.end) else {
            continue;
        };
        let span = segmented.documents[*document].span;
        let acronym = def.acronym.text.as_str();
        for (at, _) in span.slice(text).match_indices(acronym) {
            let start = span.start + at;
            let end = start + acronym.len();
            let bounded =
                !text[..start].ends_with(char::is_alphanumeric) && !text[end..].starts_with(char::is_alphanumeric);
            if bounded && start != def.acronym.span.start {
                out.push(bodies::BodyMention {
                    name: crate::text::Spanned::new(body.name.text.clone(), crate::text::Span::new(start, end)),
                    kind: body.kind,
                    national: body.national,
                });
            }
        }
    }
    out
}

/// Uses of acronyms `known` from other files that no document of this
/// file defines or matches itself (see `known_acronyms`).
fn known_acronym_uses(
    text: &str,
    segmented: &Segmented,
    known: &[bodies::KnownBody],
    defined: &[(usize, acronyms::AcronymDefinition)],
    matched: &[(usize, acronyms::AcronymDefinition)],
    found: &[bodies::BodyMention],
) -> Vec<known_acronyms::KnownAcronymUse> {
    if known.is_empty() {
        return Vec::new();
    }
    let acronyms = known_acronyms::KnownAcronyms::new(known);
    let mut uses = Vec::new();
    for (i, d) in segmented.documents.iter().enumerate() {
        let local: std::collections::HashSet<&str> = defined
            .iter()
            .chain(matched)
            .filter(|(document, _)| *document == i)
            .map(|(_, a)| a.acronym.text.as_str())
            .collect();
        uses.extend(acronyms.uses(text, d.span, &local, found));
    }
    uses
}

pub fn extract(text: &str) -> Extraction {
    extract_knowing(text, &[])
}

/// The runs (in text order) that lie inside `span`: a contiguous slice.
fn runs_within<'r, 'a>(runs: &'r [phrases::Run<'a>], span: crate::text::Span) -> &'r [phrases::Run<'a>] {
    let first = |r: &phrases::Run| r.first().map_or(0, |w| w.span.start);
    let last = |r: &phrases::Run| r.last().map_or(0, |w| w.span.end);
    let lo = runs.partition_point(|r| first(r) < span.start);
    let mut hi = runs.partition_point(|r| first(r) < span.end);
    // A run crossing the end of the span is not the span's.
    while hi > lo && last(&runs[hi - 1]) > span.end {
        hi -= 1;
    }
    &runs[lo..hi]
}

/// Extraction that also recognises body names `known` from other files.
pub fn extract_knowing(text: &str, known: &[bodies::KnownBody]) -> Extraction {
    let segmented = segment(text);
    let item_people = segmented
        .meetings()
        .map(|m| {
            m.items
                .iter()
                .map(|item| {
                    let (facts, declarations) = people::item_people(text, &item.title.text, item.body);
                    ItemPeople { facts, declarations }
                })
                .collect()
        })
        .collect();
    let acronyms: Vec<(usize, acronyms::AcronymDefinition)> = segmented
        .documents
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            acronyms::find_definitions(text, d.span)
                .into_iter()
                .map(move |a| (i, a))
        })
        .collect();
    // Capitalised phrases, found once for the body, document and acronym rules.
    let whole = crate::text::Span::new(0, text.len());
    let all_runs = phrases::runs(text, whole);
    let mut bodies: Vec<bodies::BodyMention> = segmented
        .documents
        .iter()
        .flat_map(|d| bodies::find_bodies_in(text, d.span, runs_within(&all_runs, d.span), known))
        .collect();
    // "the Council" in a file that names its council itself (a council
    // learned from other files is read in `find_bodies_in`).
    if !known.iter().any(|k| k.kind == bodies::BodyKind::Council) {
        if let Some(council) = bodies::own_council(&bodies) {
            for d in &segmented.documents {
                bodies::council_references(text, d.span, &council, &mut bodies);
            }
            bodies.sort_by_key(|m| (m.name.span.start, std::cmp::Reverse(m.name.span.end)));
        }
    }
    let defined: Vec<&str> = acronyms.iter().map(|(_, a)| a.acronym.text.as_str()).collect();
    let names: Vec<&str> = bodies.iter().map(|b| b.name.text.as_str()).collect();
    let matched_acronyms: Vec<(usize, acronyms::AcronymDefinition)> =
        acronyms::find_matched_in(text, whole, &all_runs, &defined, &names)
            .into_iter()
            .map(|a| {
                let document = segmented
                    .documents
                    .iter()
                    .position(|d| d.span.contains(a.acronym.span))
                    .unwrap_or(0);
                (document, a)
            })
            .collect();
    let mentions = segmented
        .documents
        .iter()
        .flat_map(|d| mentions::find_mentions(text, d.span))
        .collect();
    bodies.extend(acronym_mentions(text, &segmented, &acronyms, &bodies));
    let known_uses = known_acronym_uses(text, &segmented, known, &acronyms, &matched_acronyms, &bodies);
    let mut known_acronyms: Vec<(String, String)> = known_uses
        .iter()
        .map(|u| (u.acronym.clone(), u.mention.name.text.clone()))
        .collect();
    known_acronyms.sort();
    known_acronyms.dedup();
    bodies.extend(known_uses.into_iter().map(|u| u.mention));
    let publications: Vec<publications::DocumentMention> = segmented
        .documents
        .iter()
        .flat_map(|d| publications::find_documents_in(text, d.span, runs_within(&all_runs, d.span)))
        .collect();
    let entity_spans: Vec<crate::text::Span> = bodies
        .iter()
        .map(|b| b.name.span)
        .chain(publications.iter().map(|p| p.title.span))
        .collect();
    let body_spans: Vec<crate::text::Span> = bodies.iter().map(|b| b.name.span).collect();
    let title_spans: Vec<crate::text::Span> = publications.iter().map(|p| p.title.span).collect();
    // Each document's sentences, split once for the frequency and relation rules.
    let document_sentences: Vec<Vec<crate::text::Span>> = segmented
        .documents
        .iter()
        .map(|d| sentences::sentences(text, d.span))
        .collect();
    let frequencies = segmented
        .documents
        .iter()
        .zip(&document_sentences)
        .flat_map(|(d, sentences)| frequency::frequencies_in(text, d.span, sentences, &body_spans))
        .collect();
    let relations = segmented
        .documents
        .iter()
        .zip(&document_sentences)
        .flat_map(|(d, sentences)| {
            let in_document = |s: &&crate::text::Span| d.span.contains(**s);
            let bodies: Vec<_> = body_spans.iter().filter(in_document).copied().collect();
            let titles: Vec<_> = title_spans.iter().filter(in_document).copied().collect();
            relations::relations_in(text, d.span, sentences, &entity_spans)
                .into_iter()
                .chain(relations::name_relations(text, &bodies, &titles))
                .map(move |r| (d.span, r))
        })
        .collect();
    Extraction {
        segmented,
        bodies,
        frequencies,
        known_acronyms,
        publications,
        relations,
        item_people,
        acronyms,
        matched_acronyms,
        mentions,
    }
}
