//! Modelling a corpus: each file segmented, extracted and resolved, in two
//! passes so that every file recognises the body names the others print.
//!
//! A rebuild models only what can have changed: a file whose text is the
//! one the store holds is taken from the store's record of it (the names it
//! teaches the corpus, and the hash it was written with), and is modelled
//! again only when the names it learns from the rest of the corpus changed.

use super::guarded;
use crate::extract::bodies::{BodyKind, KnownBody};
use crate::extract::extract_knowing;
use crate::extract::known_acronyms::is_acronym_form;
use crate::model::{FileModel, SourceInfo};
use crate::resolve;
use crate::source::{hash_bytes, Source};
use crate::topics::TopicScheme;
use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// What an earlier build kept about a file whose text has not changed.
#[derive(Debug, Clone)]
pub struct Unchanged {
    /// The hash its graph was written with (text and learned names).
    pub hash: String,
    /// The body names it teaches the other files.
    pub names_taught: Vec<KnownBody>,
}

/// Segments, extracts and resolves one source, with the built-in topics.
pub fn model_source(source: &Source) -> Result<FileModel, String> {
    model_source_with(source, TopicScheme::builtin())
}

/// Segments, extracts and resolves one source, tagging items with `topics`.
pub fn model_source_with(source: &Source, topics: &TopicScheme) -> Result<FileModel, String> {
    model_source_knowing(source, topics, &[])
}

/// Models every source, in two passes: the second recognises, in each file,
/// the bodies other files name ("Rotherham Rise" listed as a charity in one
/// file, named bare in another). A file re-read with such names gets a
/// content hash that covers them, so a change elsewhere rewrites it.
///
/// Every model is held at once (for `extract`, `eval`, `bench-extract`); a
/// build uses [`plan_corpus`] and [`model_planned`] to model a chunk of
/// files at a time instead.
pub fn model_corpus(sources: &[Result<Source, String>], topics: &TopicScheme) -> Vec<Result<FileModel, String>> {
    let first: Vec<Result<FileModel, String>> = sources
        .par_iter()
        .map(|source| model_source_knowing(source.as_ref().map_err(Clone::clone)?, topics, &[]))
        .collect();
    let nothing_kept = vec![None; sources.len()];
    let taught = || first.iter().map(|f| f.as_ref().map(|model| &model.source.names_taught));
    let known = known_bodies(taught().filter_map(Result::ok).flatten());
    let plans = plans(&all_read(sources), &nothing_kept, taught(), &known);
    first
        .into_par_iter()
        .zip(plans)
        .zip(sources.par_iter())
        .map(|((first, plan), source)| match (plan?, first?) {
            // Nothing learned: the first pass's model is the file's.
            (Plan::Model { learned, .. }, model) if learned.is_empty() => Ok(model),
            (plan, _) => model_planned(source.as_ref().map_err(Clone::clone)?, topics, &plan),
        })
        .collect()
}

/// What a build does with one file.
#[derive(Debug, Clone)]
pub enum Plan {
    /// Its graph in the store is current.
    Current,
    /// Model it, recognising `learned` (names other files teach), and write
    /// it with `hash`.
    Model {
        learned: Vec<KnownBody>,
        hash: String,
        names_taught: Vec<KnownBody>,
    },
}

/// Decides, for every source, whether it must be modelled and with which
/// names learned from the others, holding no model: the files not `kept`
/// are modelled once here, for the names they teach, and dropped. Returns
/// the plans and the names the corpus teaches.
pub fn plan_corpus(
    sources: &[Result<Source, String>],
    topics: &TopicScheme,
    kept: &[Option<Unchanged>],
) -> (Vec<Result<Plan, String>>, Vec<KnownBody>) {
    let taught: Vec<Result<Vec<KnownBody>, String>> = sources
        .par_iter()
        .zip(kept)
        .map(|(source, kept)| match (source, kept) {
            (Ok(_), Some(kept)) => Ok(kept.names_taught.clone()),
            _ => {
                let source = source.as_ref().map_err(Clone::clone)?;
                Ok(model_source_knowing(source, topics, &[])?.source.names_taught)
            }
        })
        .collect();
    let known = known_bodies(taught.iter().filter_map(|t| t.as_ref().ok()).flatten());
    let plans = plans(&all_read(sources), kept, taught.iter().map(|t| t.as_ref()), &known);
    (plans, known)
}

/// Plans a rebuild in which some files were not read: `sources[i]` is
/// `None` for a file whose size and modification time are those its graph
/// was written from. Such a file's graph is current as long as the names
/// the corpus teaches are `known_before`, those the last build planned
/// with. That holds when every file read teaches at least the names its
/// record says it taught (`recorded[i]`; `None` for a file new to the
/// store) and nothing that would change the corpus's names (a name not
/// known, or one known but sorting before it, which would represent it
/// instead). Otherwise returns `None`: every file must be read and planned.
pub fn plan_unread(
    sources: &[Option<Result<Source, String>>],
    topics: &TopicScheme,
    kept: &[Option<Unchanged>],
    recorded: &[Option<Vec<KnownBody>>],
    known_before: &[KnownBody],
) -> Option<Vec<Result<Plan, String>>> {
    let empty = Vec::new();
    let taught: Vec<Result<Vec<KnownBody>, String>> = sources
        .par_iter()
        .zip(kept)
        .map(|(source, kept)| match (source, kept) {
            (None, _) => Ok(empty.clone()),
            (Some(Err(reason)), _) => Err(reason.clone()),
            (Some(Ok(_)), Some(kept)) => Ok(kept.names_taught.clone()),
            (Some(Ok(source)), None) => Ok(model_source_knowing(source, topics, &[])?.source.names_taught),
        })
        .collect();
    let represented = |k: &KnownBody| {
        known_bodies(std::iter::once(k)).is_empty()
            || known_before
                .binary_search_by(|rep| rep.name.cmp(&k.name))
                .is_ok_and(|i| known_before[i] <= *k)
    };
    for ((source, names), recorded) in sources.iter().zip(&taught).zip(recorded) {
        let (Some(_), Ok(names)) = (source, names) else {
            continue;
        };
        let kept_all = recorded
            .as_ref()
            .is_none_or(|old| old.iter().all(|k| names.contains(k)));
        if !kept_all || !names.iter().all(represented) {
            return None;
        }
    }
    let views: Vec<Result<Option<&Source>, String>> = sources
        .iter()
        .map(|s| {
            s.as_ref()
                .map_or(Ok(None), |s| s.as_ref().map(Some).map_err(Clone::clone))
        })
        .collect();
    Some(plans(&views, kept, taught.iter().map(|t| t.as_ref()), known_before))
}

/// Every source, read.
fn all_read(sources: &[Result<Source, String>]) -> Vec<Result<Option<&Source>, String>> {
    sources
        .iter()
        .map(|s| s.as_ref().map(Some).map_err(Clone::clone))
        .collect()
}

/// Models one file as its plan says (a `Current` file is modelled as is).
pub fn model_planned(source: &Source, topics: &TopicScheme, plan: &Plan) -> Result<FileModel, String> {
    match plan {
        Plan::Current => model_source_knowing(source, topics, &[]),
        Plan::Model {
            learned,
            hash,
            names_taught,
        } => {
            let mut model = model_source_knowing(source, topics, learned)?;
            model.source.hash = hash.clone();
            model.source.names_taught = names_taught.clone();
            Ok(model)
        }
    }
}

/// Each file's plan, from the names every file teaches (`Err`: the file
/// failed); a file not read (`Ok(None)`) is current.
fn plans<'t>(
    sources: &[Result<Option<&Source>, String>],
    kept: &[Option<Unchanged>],
    taught: impl Iterator<Item = Result<&'t Vec<KnownBody>, &'t String>>,
    known: &[KnownBody],
) -> Vec<Result<Plan, String>> {
    let taught: Vec<Result<&Vec<KnownBody>, &String>> = taught.collect();
    let finder = KnownNameFinder::new(known);
    sources
        .par_iter()
        .zip(kept)
        .zip(taught)
        .map(|((source, kept), names)| {
            let Some(source) = source.as_ref().map_err(Clone::clone)? else {
                return Ok(Plan::Current);
            };
            let names = names.map_err(Clone::clone)?;
            let learned = finder.unfound_names(&source.text, names);
            let hash = hash_with_learned(&source.hash, &learned);
            if kept.as_ref().is_some_and(|k| k.hash == hash) {
                return Ok(Plan::Current);
            }
            Ok(Plan::Model {
                learned,
                hash,
                names_taught: names.clone(),
            })
        })
        .collect()
}

/// The hash a file's graph is written with: its text's, and the names it
/// learned from other files.
fn hash_with_learned(text_hash: &str, learned: &[KnownBody]) -> String {
    if learned.is_empty() {
        return text_hash.to_string();
    }
    let names: Vec<&str> = learned.iter().map(|k| k.name.as_str()).collect();
    hash_bytes(format!("{text_hash}\n{}", names.join("\n")).as_bytes())
}

/// The names the files teach, long enough to be told apart, one per name.
fn known_bodies<'k>(names: impl Iterator<Item = &'k KnownBody>) -> Vec<KnownBody> {
    let mut known: Vec<KnownBody> = names
        .filter(|k| k.name.chars().filter(|c| c.is_alphabetic()).count() >= 4 || is_acronym_form(&k.name))
        .cloned()
        .collect();
    known.sort();
    known.dedup_by(|a, b| a.name == b.name);
    known
}

/// Every body name `model` prints by itself, with its kind.
fn names_taught(model: &FileModel) -> Vec<KnownBody> {
    model
        .bodies
        .iter()
        .flat_map(|b| {
            std::iter::once(&b.name)
                .chain(&b.variants)
                .chain(&b.acronym)
                .map(|name| KnownBody {
                    name: name.clone(),
                    kind: b.kind,
                    national: b.key.split('/').count() == 2,
                    key: b.key.clone(),
                })
        })
        .collect()
}

/// Finds the corpus's known names in a text, in one pass over it.
struct KnownNameFinder<'k> {
    known: &'k [KnownBody],
    automaton: Option<AhoCorasick>,
    /// The corpus's one council, if it has exactly one.
    only_council: Option<&'k KnownBody>,
    /// Each body key's names, by index in `known`: an acronym printed in a
    /// text brings its body's full name along.
    names_of_key: HashMap<&'k str, Vec<usize>>,
}

impl<'k> KnownNameFinder<'k> {
    fn new(known: &'k [KnownBody]) -> Self {
        // One council body, however many names it goes by; its longest name.
        let councils: Vec<&KnownBody> = known.iter().filter(|k| k.kind == BodyKind::Council).collect();
        let one_body = councils.windows(2).all(|pair| pair[0].key == pair[1].key);
        let only_council = councils
            .iter()
            .max_by_key(|k| (k.name.len(), std::cmp::Reverse(k.name.as_str())))
            .copied()
            .filter(|_| one_body);
        let automaton = AhoCorasick::new(known.iter().map(|k| k.name.as_str())).ok();
        let mut names_of_key: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, k) in known.iter().enumerate().filter(|(_, k)| !k.key.is_empty()) {
            names_of_key.entry(k.key.as_str()).or_default().push(i);
        }
        KnownNameFinder {
            known,
            automaton,
            only_council,
            names_of_key,
        }
    }

    /// The known names printed (word-bounded) in `text` that are not among
    /// the file's own names, and the corpus's one council when the text
    /// says "the Council" and names no council itself.
    fn unfound_names(&self, text: &str, own: &[KnownBody]) -> Vec<KnownBody> {
        let own_names: HashSet<&str> = own.iter().map(|k| k.name.as_str()).collect();
        let mut found = vec![false; self.known.len()];
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(text) {
                let bounded = !text[..m.start()].ends_with(char::is_alphanumeric)
                    && !text[m.end()..].starts_with(char::is_alphanumeric);
                if bounded {
                    found[m.pattern().as_usize()] = true;
                }
            }
        }
        let acronyms: Vec<usize> = (0..found.len())
            .filter(|i| found[*i] && is_acronym_form(&self.known[*i].name))
            .collect();
        for i in acronyms {
            for same_body in self.names_of_key.get(self.known[i].key.as_str()).into_iter().flatten() {
                found[*same_body] = true;
            }
        }
        let unnamed_council = self
            .only_council
            .filter(|_| text.contains("the Council") && !own.iter().any(|k| k.kind == BodyKind::Council));
        self.known
            .iter()
            .zip(found)
            .filter(|(k, found)| *found && !own_names.contains(k.name.as_str()))
            .map(|(k, _)| k)
            .chain(unnamed_council)
            .cloned()
            .collect()
    }
}

/// Segments, extracts and resolves one source, also recognising `known` bodies.
///
/// A bug that panics while reading one file becomes that file's error, so
/// the other files still build and the store is never left half-written.
pub fn model_source_knowing(source: &Source, topics: &TopicScheme, known: &[KnownBody]) -> Result<FileModel, String> {
    guarded(|| model_unguarded(source, topics, known))
}

fn model_unguarded(source: &Source, topics: &TopicScheme, known: &[KnownBody]) -> Result<FileModel, String> {
    let extraction = extract_knowing(&source.text, known);
    if extraction.segmented.documents.is_empty() {
        return Err(crate::segment::why_no_documents(&source.text));
    }
    let index = crate::text::CharIndex::new(&source.text);
    let info = SourceInfo {
        id: source.id.clone(),
        hash: source.hash.clone(),
        pages: source
            .pages
            .iter()
            .map(|&b| index.char_offset(&source.text, b))
            .collect(),
        text_hash: source.hash.clone(),
        names_taught: Vec::new(),
        stat: source.stat.clone(),
    };
    let mut model = resolve::resolve_with_topics(info, &source.text, &extraction, topics);
    model.source.names_taught = names_taught(&model);
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(name: &str, kind: BodyKind) -> KnownBody {
        KnownBody {
            name: name.into(),
            kind,
            national: false,
            key: format!("body/x/{}", name.to_lowercase()),
        }
    }

    #[test]
    fn known_names_are_found_word_bounded_even_inside_longer_ones() {
        let known = [
            body("Safeguarding Board", BodyKind::Board),
            body("Rotherham Safeguarding Board", BodyKind::Board),
            body("Aspire Trust", BodyKind::Charity),
        ];
        let finder = KnownNameFinder::new(&known);
        let text = "The Rotherham Safeguarding Board met. The Aspire Trustees did not.";
        let names: Vec<String> = finder.unfound_names(text, &[]).into_iter().map(|k| k.name).collect();
        assert_eq!(names, ["Safeguarding Board", "Rotherham Safeguarding Board"]);
        let own = [body("Safeguarding Board", BodyKind::Board)];
        let names: Vec<String> = finder.unfound_names(text, &own).into_iter().map(|k| k.name).collect();
        assert_eq!(names, ["Rotherham Safeguarding Board"]);
    }

    #[test]
    fn the_council_means_the_corpus_s_one_council_unless_the_file_names_one() {
        let known = [body("Rotherham Metropolitan Borough Council", BodyKind::Council)];
        let finder = KnownNameFinder::new(&known);
        let names = finder.unfound_names("Approved by the Council.", &[]);
        assert_eq!(names, known);
        let own = [body("Barnsley Council", BodyKind::Council)];
        assert!(finder.unfound_names("Approved by the Council.", &own).is_empty());
    }

    #[test]
    fn a_council_known_by_several_names_is_still_the_one_council() {
        let council = |name: &str| KnownBody {
            key: "body/rotherham/council".into(),
            ..body(name, BodyKind::Council)
        };
        let known = [
            council("Rotherham Council"),
            council("Rotherham Metropolitan Borough Council"),
        ];
        let finder = KnownNameFinder::new(&known);
        let names = finder.unfound_names("Approved by the Council.", &[]);
        assert_eq!(names, known[1..]);
    }

    #[test]
    fn an_acronym_another_file_defines_names_that_files_body() {
        let source = |id: &str, text: &str| {
            Ok(Source {
                path: id.into(),
                id: id.into(),
                text: text.into(),
                hash: id.into(),
                pages: Vec::new(),
                stat: None,
            })
        };
        let heading =
            "HEALTH SELECT COMMISSION\nTuesday 29 October 2024\n\nPresent:- Councillor Ali (in the Chair).\n\n";
        let sources = [
            source(
                "a.txt",
                &format!("{heading}5. REFERRALS\n\nThe Multi Agency Safeguarding Hub (MASH) took referrals.\n"),
            ),
            source(
                "b.txt",
                &format!("{heading}7. REFERRALS\n\nReferrals to the MASH rose.\n"),
            ),
        ];
        let models: Vec<FileModel> = model_corpus(&sources, TopicScheme::builtin())
            .into_iter()
            .map(|m| m.expect("modelled"))
            .collect();
        let hub = |m: &FileModel| {
            m.bodies
                .iter()
                .find(|b| b.name.contains("Hub"))
                .map(|b| (b.key.clone(), b.acronym.clone()))
        };
        assert!(hub(&models[0]).is_some());
        assert_eq!(hub(&models[1]), hub(&models[0]));
        assert!(models[1].bodies.iter().all(|b| b.name != "MASH"));
    }

    #[test]
    fn kept_names_round_trip_through_their_store_form() {
        let names = vec![
            body("Corporate Parenting Panel", BodyKind::Panel),
            KnownBody {
                name: "Ofsted".into(),
                kind: BodyKind::Government,
                national: true,
                key: "body/ofsted".into(),
            },
        ];
        assert_eq!(KnownBody::decode_list(&KnownBody::encode_list(&names)), Some(names));
        assert_eq!(KnownBody::decode_list("board\tx\tName\n"), None);
    }
}
