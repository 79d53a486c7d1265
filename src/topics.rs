//! Topics: a SKOS concept scheme (`ontology/topics.ttl`, or a user's file)
//! and the tagger that finds an item's topics in its title and text.
//!
//! Architecture invariant: the scheme is data, never code. Every concept,
//! label and trigger comes from the Turtle file, so users extend the scheme
//! without recompiling; tagging is a pure function of the scheme and the text.
//!
//! Triggers are a concept's prefLabel, altLabels and hiddenLabels, matched as
//! whole words (an acronym-like label, with a capital after its first letter,
//! case-sensitively; any other in any case), with an optional plural "s". A
//! trigger inside a longer one counts for the longer one only. An item's
//! score for a concept is 3 × title hits + text hits; its weight is the score
//! over the item's best score (at least [`SCORE_FLOOR`], so one passing
//! mention is never a whole item's topic), rounded to 2 decimals.

use crate::text::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term, Triple};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::LazyLock;

/// The compiled-in scheme.
pub const BUILTIN_TURTLE: &str = include_str!("../ontology/topics.ttl");
/// Environment variable naming a scheme file to use instead of the built-in one.
pub const TOPICS_ENV: &str = "COUNCILGRAPH_TOPICS";
/// Relative IRIs in a scheme file resolve against this.
pub const TOPIC_BASE: &str = "https://councilgraph.org/id/topic/";

/// A title hit counts this many text hits.
pub const TITLE_FACTOR: u32 = 3;
/// Scores are divided by at least this, so thin evidence stays light.
pub const SCORE_FLOOR: u32 = 6;
/// Topics lighter than this are dropped.
pub const MIN_WEIGHT: f64 = 0.15;
/// At most this many topics per item.
pub const MAX_TOPICS: usize = 5;

const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// One concept of the scheme.
#[derive(Debug, Clone)]
pub struct Concept {
    pub iri: String,
    /// The skos:prefLabel (English or untagged).
    pub label: String,
}

/// A label as a matching pattern.
#[derive(Debug, Clone)]
struct Trigger {
    /// Normalised text (see [`normalise`]); what the automaton looks for.
    pattern: String,
    /// Acronym-like labels match only as written.
    case_sensitive: bool,
    /// Indices into [`TopicScheme::concepts`].
    concepts: Vec<usize>,
}

/// A loaded concept scheme, ready to tag text.
#[derive(Debug, Clone)]
pub struct TopicScheme {
    /// Where it came from: "built-in" or the file's path.
    pub origin: String,
    /// SHA-256 of the Turtle it was parsed from.
    pub hash: String,
    pub concepts: Vec<Concept>,
    /// Every triple of the file, for the store's topics graph.
    pub triples: Vec<Triple>,
    triggers: Vec<Trigger>,
    automaton: AhoCorasick,
}

/// A scheme file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {reason}")]
pub struct SchemeError {
    pub origin: String,
    pub reason: String,
}

/// One topic found for an item.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicHit {
    /// Index into [`TopicScheme::concepts`].
    pub concept: usize,
    /// 0..1, two decimals.
    pub weight: f64,
    /// 3 × title hits + text hits.
    pub score: u32,
    /// The first place it was found: in the title if it is there.
    pub first: Span,
}

static BUILTIN: LazyLock<TopicScheme> =
    LazyLock::new(|| TopicScheme::parse(BUILTIN_TURTLE, "built-in").expect("ontology/topics.ttl is a valid scheme"));

impl Default for TopicScheme {
    fn default() -> Self {
        TopicScheme::builtin().clone()
    }
}

impl TopicScheme {
    /// The scheme compiled in from `ontology/topics.ttl`.
    pub fn builtin() -> &'static TopicScheme {
        &BUILTIN
    }

    /// The scheme to use: `file` if given, else `$COUNCILGRAPH_TOPICS` if set,
    /// else the built-in one.
    pub fn choose(file: Option<&Path>) -> Result<TopicScheme, SchemeError> {
        match file {
            Some(path) => TopicScheme::load(path),
            None => match std::env::var_os(TOPICS_ENV).filter(|v| !v.is_empty()) {
                Some(path) => TopicScheme::load(Path::new(&path)),
                None => Ok(TopicScheme::builtin().clone()),
            },
        }
    }

    /// Reads and parses a scheme file.
    pub fn load(path: &Path) -> Result<TopicScheme, SchemeError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| SchemeError {
            origin: origin.clone(),
            reason: format!("cannot read the topics file: {e}"),
        })?;
        TopicScheme::parse(&text, &origin)
    }

    /// Parses a SKOS scheme in Turtle. `origin` names it in errors.
    pub fn parse(turtle: &str, origin: &str) -> Result<TopicScheme, SchemeError> {
        let fail = |reason: String| SchemeError {
            origin: origin.to_string(),
            reason,
        };
        let parser = RdfParser::from_format(RdfFormat::Turtle)
            .with_base_iri(TOPIC_BASE)
            .map_err(|e| fail(e.to_string()))?;
        let triples: Vec<Triple> = parser
            .for_slice(turtle)
            .map(|q| q.map(Triple::from))
            .collect::<Result<_, _>>()
            .map_err(|e| fail(format!("not valid Turtle: {e}")))?;

        let skos = |local: &str| format!("{SKOS}{local}");
        let (concept_class, pref, alt, hidden) = (
            skos("Concept"),
            skos("prefLabel"),
            skos("altLabel"),
            skos("hiddenLabel"),
        );
        let mut concepts: Vec<Concept> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for t in &triples {
            if let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (&t.subject, &t.object) {
                if t.predicate.as_str() == RDF_TYPE && o.as_str() == concept_class && !index.contains_key(s.as_str()) {
                    index.insert(s.as_str().to_string(), concepts.len());
                    concepts.push(Concept {
                        iri: s.as_str().to_string(),
                        label: String::new(),
                    });
                }
            }
        }
        if concepts.is_empty() {
            return Err(fail("no skos:Concept in the topics file".to_string()));
        }
        // Labels: English or untagged; a concept's own English prefLabel wins.
        let mut labels: Vec<(usize, String)> = Vec::new();
        let mut pref_rank: Vec<u8> = vec![0; concepts.len()];
        for t in &triples {
            let (NamedOrBlankNode::NamedNode(s), Term::Literal(l)) = (&t.subject, &t.object) else {
                continue;
            };
            let Some(&c) = index.get(s.as_str()) else { continue };
            let p = t.predicate.as_str();
            if p != pref && p != alt && p != hidden {
                continue;
            }
            let rank = match l.language() {
                None => 1,
                Some(lang) if lang == "en" || lang.starts_with("en-") => 2,
                Some(_) => continue,
            };
            if p == pref && rank > pref_rank[c] {
                pref_rank[c] = rank;
                concepts[c].label = l.value().trim().to_string();
            }
            labels.push((c, l.value().to_string()));
        }
        if let Some(c) = concepts.iter().find(|c| c.label.is_empty()) {
            return Err(fail(format!(
                "<{}> is a skos:Concept without an English or untagged skos:prefLabel",
                c.iri
            )));
        }

        let mut by_pattern: BTreeMap<(String, bool), Vec<usize>> = BTreeMap::new();
        for (c, label) in labels {
            let case_sensitive = is_acronym(&label);
            let mut variants = vec![label.clone()];
            if label.contains(['\'', '’']) {
                variants.push(label.replace(['\'', '’'], ""));
            }
            for v in variants {
                let (pattern, _) = normalise(&v);
                let pattern = pattern.trim().to_string();
                if !pattern.chars().any(char::is_alphanumeric) {
                    continue;
                }
                let pattern = if case_sensitive {
                    pattern
                } else {
                    pattern.to_lowercase()
                };
                let list = by_pattern.entry((pattern, case_sensitive)).or_default();
                if !list.contains(&c) {
                    list.push(c);
                }
            }
        }
        let triggers: Vec<Trigger> = by_pattern
            .into_iter()
            .map(|((pattern, case_sensitive), concepts)| Trigger {
                pattern,
                case_sensitive,
                concepts,
            })
            .collect();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(triggers.iter().map(|t| t.pattern.as_str()))
            .map_err(|e| fail(format!("cannot build the trigger matcher: {e}")))?;
        Ok(TopicScheme {
            origin: origin.to_string(),
            hash: crate::source::hash_bytes(turtle.as_bytes()),
            concepts,
            triples,
            triggers,
            automaton,
        })
    }

    /// Number of distinct trigger patterns.
    pub fn trigger_count(&self) -> usize {
        self.triggers.len()
    }

    /// Whole-word trigger occurrences in `span` of `text`, longest first
    /// where they overlap: (trigger index, span in `text`).
    fn hits(&self, text: &str, span: Span) -> Vec<(usize, Span)> {
        let slice = span.slice(text);
        let (norm, map) = normalise(slice);
        let bytes = norm.as_bytes();
        let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, trigger)
        for m in self.automaton.find_overlapping_iter(&norm) {
            let trigger = &self.triggers[m.pattern().as_usize()];
            let (start, mut end) = (m.start(), m.end());
            if trigger.case_sensitive && &bytes[start..end] != trigger.pattern.as_bytes() {
                continue;
            }
            if norm[..start].chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let mut after = norm[end..].chars();
            match after.next() {
                Some(c) if c.is_alphanumeric() => {
                    // A plural "s": lower case after an acronym, either case after a word.
                    let plural = c == 's' || (c == 'S' && !trigger.case_sensitive);
                    if plural && !after.next().is_some_and(char::is_alphanumeric) {
                        end += 1;
                    } else {
                        continue;
                    }
                }
                _ => {}
            }
            found.push((start, end, m.pattern().as_usize()));
        }
        // A trigger inside a longer one counts for the longer one only.
        found.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
        let mut taken: Vec<(usize, usize, usize)> = Vec::new();
        for f in found {
            if !taken.iter().any(|t| f.0 < t.1 && t.0 < f.1) {
                taken.push(f);
            }
        }
        taken.sort();
        taken
            .into_iter()
            .map(|(s, e, t)| (t, Span::new(span.start + map[s] as usize, span.start + map[e] as usize)))
            .collect()
    }

    /// The topics of an item with title `title` and text `body` (spans of
    /// `text`), heaviest first: at most [`MAX_TOPICS`], each at least
    /// [`MIN_WEIGHT`].
    pub fn tag(&self, text: &str, title: Span, body: Span) -> Vec<TopicHit> {
        // concept → (score, first title hit, first body hit)
        let mut scores: BTreeMap<usize, (u32, Option<Span>, Option<Span>)> = BTreeMap::new();
        for (in_title, span, factor) in [(true, title, TITLE_FACTOR), (false, body, 1)] {
            if span.is_empty() {
                continue;
            }
            for (t, hit) in self.hits(text, span) {
                for &c in &self.triggers[t].concepts {
                    let entry = scores.entry(c).or_default();
                    entry.0 += factor;
                    let first = if in_title { &mut entry.1 } else { &mut entry.2 };
                    first.get_or_insert(hit);
                }
            }
        }
        let best = scores.values().map(|s| s.0).max().unwrap_or(0).max(SCORE_FLOOR);
        let mut hits: Vec<TopicHit> = scores
            .into_iter()
            .filter_map(|(concept, (score, in_title, in_body))| {
                Some(TopicHit {
                    concept,
                    weight: (f64::from(score) / f64::from(best) * 100.0).round() / 100.0,
                    score,
                    first: in_title.or(in_body)?,
                })
            })
            .filter(|h| h.weight >= MIN_WEIGHT)
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| self.concepts[a.concept].label.cmp(&self.concepts[b.concept].label))
        });
        hits.truncate(MAX_TOPICS);
        hits
    }
}

/// A label written with a capital after its first letter ("CSE", "SEND",
/// "CiC", "EHCPs") is an acronym and matches only as written.
fn is_acronym(label: &str) -> bool {
    label.trim().chars().skip(1).any(char::is_uppercase)
}

/// Text as triggers see it: whitespace, hyphens and dashes become one space,
/// curly apostrophes straight ones. Returns the text and, per byte of it, the
/// byte offset in `text` of the character it came from, with `text.len()`
/// after the last: a character of the result spans from its own offset to
/// the next one's (a space standing for a run of whitespace, the whole run).
fn normalise(text: &str) -> (String, Vec<u32>) {
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut starts: Vec<u32> = Vec::with_capacity(text.len() + 1);
    let offset = |i: usize| u32::try_from(i).expect("an item's text is under 4 GiB");
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII, most of the text, byte by byte: white space (as
        // `char::is_whitespace` has it in ASCII) and hyphens become a space.
        let (c, width) = match bytes[i] {
            b'\t'..=b'\r' | b' ' | b'-' => (' ', 1),
            b if b.is_ascii() => (char::from(b), 1),
            _ => {
                let c = text[i..].chars().next().expect("a character");
                let mapped = match c {
                    c if c.is_whitespace() => ' ',
                    '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => ' ',
                    '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
                    c => c,
                };
                (mapped, c.len_utf8())
            }
        };
        // One space stands for the whole run.
        if !(c == ' ' && out.last() == Some(&b' ')) {
            let mut buf = [0; 4];
            let encoded = c.encode_utf8(&mut buf);
            out.extend_from_slice(encoded.as_bytes());
            starts.extend(std::iter::repeat_n(offset(i), encoded.len()));
        }
        i += width;
    }
    starts.push(offset(text.len()));
    (String::from_utf8(out).expect("characters encoded as UTF-8"), starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme() -> &'static TopicScheme {
        TopicScheme::builtin()
    }

    /// Tags "title\n\nbody" and returns (label, weight) pairs.
    fn tag_with(s: &TopicScheme, title: &str, body: &str) -> Vec<(String, f64)> {
        let text = format!("{title}\n\n{body}");
        let t = Span::new(0, title.len());
        let b = Span::new(title.len(), text.len());
        s.tag(&text, t, b)
            .into_iter()
            .map(|h| (s.concepts[h.concept].label.clone(), h.weight))
            .collect()
    }

    fn tag(title: &str, body: &str) -> Vec<(String, f64)> {
        tag_with(scheme(), title, body)
    }

    fn labels(tags: &[(String, f64)]) -> Vec<&str> {
        tags.iter().map(|(l, _)| l.as_str()).collect()
    }

    #[test]
    fn normalised_text_maps_each_byte_back_to_its_character() {
        let text = "Cost-of-living\u{2013}crisis:  the child\u{2019}s\u{a0}\u{a0}plan\t\x0B\r\n– ½ naïve";
        let (norm, starts) = normalise(text);
        assert_eq!(norm, "Cost of living crisis: the child's plan ½ naïve");
        assert_eq!(starts.len(), norm.len() + 1);
        assert_eq!(starts[4], 4); // the space for the hyphen
        let child = norm.find("child's").expect("word");
        assert_eq!(
            &text[starts[child] as usize..starts[child + 7] as usize],
            "child\u{2019}s"
        );
        assert_eq!(starts[norm.len()] as usize, text.len());
        assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn the_builtin_scheme_loads_with_lower_case_labels() {
        let s = scheme();
        assert!((40..=80).contains(&s.concepts.len()), "{}", s.concepts.len());
        for c in &s.concepts {
            assert_eq!(c.label, c.label.to_lowercase(), "{}", c.iri);
        }
        assert!(s.trigger_count() > 300);
        assert!(s.concepts.iter().any(|c| c.label == "neglect"));
    }

    #[test]
    fn the_title_counts_most_and_weights_are_normalised() {
        let tags = tag(
            "150. NEGLECT STRATEGY UPDATE",
            "The new Neglect Strategy set out the partnership's approach to neglect. 40% of Child \
Protection Plans were in relation to neglect. Work on poverty and the cost-of-living crisis would \
prevent poverty leading to neglect.",
        );
        assert_eq!(tags[0], ("neglect".to_string(), 1.0), "{tags:?}");
        // neglect: 3 (title) + 4 (text) = 7; poverty 3 → 0.43; child
        // protection 1 → 0.14, under the threshold.
        assert_eq!(tags, vec![("neglect".to_string(), 1.0), ("poverty".to_string(), 0.43)]);
    }

    #[test]
    fn acronyms_match_as_written_and_plurals_are_allowed() {
        let tags = tag(
            "Post CSE support",
            "Survivors of CSE were supported. Please send the report to members. SARs were completed.",
        );
        assert_eq!(labels(&tags)[0], "child sexual exploitation", "{tags:?}");
        assert!(!labels(&tags).contains(&"special educational needs and disabilities"));
        let tags = tag("SEND STRATEGY", "The SEND strategy and EHCPs for children with SEND.");
        assert_eq!(labels(&tags), vec!["special educational needs and disabilities"]);
        let tags = tag("Care leavers", "CARE LEAVERS and a care leaver's offer.");
        assert_eq!(labels(&tags), vec!["care leavers"]);
    }

    #[test]
    fn a_trigger_inside_a_longer_one_counts_for_the_longer_one_only() {
        let tags = tag(
            "CHILD SEXUAL EXPLOITATION",
            "Child sexual exploitation and child criminal exploitation.",
        );
        // Not also "child exploitation" via "exploitation", nor "sexual
        // exploitation" twice: 3 + 1 and 1, over the floor of 6.
        assert_eq!(
            tags,
            vec![
                ("child sexual exploitation".to_string(), 0.67),
                ("child criminal exploitation".to_string(), 0.17)
            ]
        );
        let tags = tag("Self-neglect", "Self neglect was a theme of the SARs.");
        assert_eq!(labels(&tags)[0], "self-neglect", "{tags:?}");
        assert!(!labels(&tags).contains(&"neglect"), "{tags:?}");
    }

    #[test]
    fn whole_words_only_and_apostrophes_and_line_breaks_fold() {
        let tags = tag(
            "Children’s Services",
            "A schoolteacher spoke about education and safeguarding\nchildren.",
        );
        assert_eq!(
            labels(&tags),
            vec!["children's social care", "child safeguarding", "education"],
            "{tags:?}"
        );
        assert!(labels(&tag("Planning", "Unneglected schoolrooms.")).is_empty());
    }

    #[test]
    fn one_passing_mention_in_a_long_item_is_not_a_topic() {
        let body = "Fostering was discussed. ".repeat(10) + "Adoption was mentioned once.";
        let tags = tag("Fostering update", &body);
        assert_eq!(labels(&tags), vec!["fostering"]);
        // In a short item a single mention is its topic, but a light one.
        let tags = tag("Communications", "The Chair reported on the Corporate Parenting Panel.");
        assert!(tags.contains(&("corporate parenting".to_string(), 0.17)), "{tags:?}");
    }

    #[test]
    fn evidence_points_at_the_first_hit_preferring_the_title() {
        let text = "12. FOSTERING\n\nFoster carers were thanked.";
        let s = scheme();
        let hits = s.tag(text, Span::new(4, 13), Span::new(13, text.len()));
        assert_eq!(hits[0].first.slice(text), "FOSTERING");
        let hits = s.tag(text, Span::new(4, 4), Span::new(13, text.len()));
        assert_eq!(hits[0].first.slice(text), "Foster carers");
    }

    #[test]
    fn a_user_scheme_adds_concepts_and_bad_files_are_clear_errors() {
        let user = TopicScheme::parse(
            "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\
             <potholes> a skos:Concept ; skos:prefLabel \"potholes\" ; skos:altLabel \"road repairs\", \"pothole\" .\n\
             <highways> a skos:Concept ; skos:prefLabel \"highways\"@en ; skos:narrower <potholes> .",
            "mine.ttl",
        )
        .unwrap();
        assert_eq!(user.concepts.len(), 2);
        assert_eq!(user.concepts[0].iri, "https://councilgraph.org/id/topic/potholes");
        let tags = tag_with(&user, "Road repairs", "Potholes on the A57.");
        assert_eq!(tags, vec![("potholes".to_string(), 0.67)]);

        let err = TopicScheme::parse("<a> <b> .", "bad.ttl").unwrap_err().to_string();
        assert!(err.starts_with("bad.ttl: not valid Turtle"), "{err}");
        let err = TopicScheme::parse("<a> <b> <c> .", "empty.ttl")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "empty.ttl: no skos:Concept in the topics file");
        let err = TopicScheme::parse("<a> a <http://www.w3.org/2004/02/skos/core#Concept> .", "nolabel.ttl")
            .unwrap_err()
            .to_string();
        assert!(err.contains("without an English or untagged skos:prefLabel"), "{err}");
        let err = TopicScheme::load(Path::new("/nonexistent/topics.ttl"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("/nonexistent/topics.ttl: cannot read the topics file"),
            "{err}"
        );
    }

    #[test]
    fn normalising_keeps_a_map_to_the_original_bytes() {
        let (n, map) = normalise("a  –\n b’s");
        assert_eq!(n, "a b's");
        assert_eq!(map.len(), n.len() + 1);
        // The space stands for "  –\n " (bytes 1 to 8), the apostrophe for "’".
        assert_eq!((map[1], map[2]), (1, 8));
        assert_eq!((map[3], map[4]), (9, 12));
        assert_eq!(map[n.len()], 13);
    }
}
