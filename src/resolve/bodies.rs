//! Bodies: mentions merged into one body per real organisation in a file.
//!
//! Two mentions are one body when their names agree once spelling that
//! does not change the name is set aside: case, "&"/"and", possessives
//! ("Children's" = "Children" = "Childrens"), plural heads, hyphens in
//! "sub-group"/"multi-agency", a leading "the", and the council's own place
//! name in front ("Safeguarding Children Partnership" = "Rotherham
//! Safeguarding Children Partnership").
//!
//! Architecture invariant: keys depend only on the normalised name and the
//! council; national bodies (from the lexicon) are keyed without a council.

use crate::extract::bodies::{BodyKind, BodyMention};
use crate::iri::slug;
use crate::model::{BodyNode, EvidenceMaker};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Prefixes written joined, spaced or hyphenated ("sub-group", "sub group", "subgroup").
const JOINING_PREFIXES: &[&str] = &["sub", "co", "multi", "inter", "well", "non"];
const COUNCIL_QUALIFIERS: &[&str] = &["metropolitan", "borough", "city", "county", "district"];

/// The spelling-independent core of a body's name or a document's title, with the council's place
/// name dropped from the front.
pub fn name_core(name: &str, council: &str) -> String {
    // Lower case, curly apostrophes straight, "&" a word, hyphens, slashes
    // and commas spaces: one pass, one buffer.
    let mut lowered = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        match c {
            '’' | '‘' => lowered.push('\''),
            '&' => lowered.push_str(" and "),
            '-' | '/' | ',' => lowered.push(' '),
            c if c.is_ascii() => lowered.push(c.to_ascii_lowercase()),
            c => lowered.extend(c.to_lowercase()),
        }
    }
    // The words, written one after another into `out`; `words` holds each
    // one's range.
    let mut out = String::with_capacity(lowered.len());
    let mut words: Vec<(usize, usize)> = Vec::new();
    for raw in lowered.split_whitespace() {
        let joined = words
            .last()
            .is_some_and(|&(start, end)| JOINING_PREFIXES.contains(&&out[start..end]));
        let start = if joined {
            words.pop().expect("joined to a word").0
        } else {
            out.len()
        };
        let word_start = out.len();
        out.extend(raw.trim_end_matches("'s").chars().filter(|&c| c != '\''));
        // A plural "s" goes, but not from "ss" nor from words of three letters.
        let word = &out[word_start..];
        if word.len() > 3 && word.ends_with('s') && !word[..word.len() - 1].ends_with('s') {
            out.pop();
        }
        words.push((start, out.len()));
    }
    let word = |&(start, end): &(usize, usize)| &out[start..end];
    let mut kept: &[(usize, usize)] = &words;
    if kept.first().is_some_and(|w| word(w) == "the") {
        kept = &kept[1..];
    }
    let council_named = kept.last().is_some_and(|w| word(w) == "council");
    let mut kept: Vec<&str> = kept
        .iter()
        .map(word)
        .filter(|w| !(council_named && COUNCIL_QUALIFIERS.contains(w)))
        .collect();
    if kept.len() > 1 && slug(kept[0]) == council {
        kept.remove(0);
    }
    kept.join(" ")
}

/// The key of a body: `body/<council>/<core>`, or `body/<core>` for a
/// national body.
pub fn body_key(core: &str, council: &str, national: bool) -> String {
    if national {
        format!("body/{}", slug(core))
    } else {
        format!("body/{}/{}", council, slug(core))
    }
}

/// Which printed form names the body: mixed case over capitals, the
/// place-qualified form, the most frequent, then the longest.
pub fn preferred_name(forms: &BTreeMap<String, usize>, council: &str) -> String {
    forms
        .iter()
        .max_by_key(|(form, count)| {
            let mixed = form.chars().any(char::is_lowercase);
            let placed = form.split_whitespace().next().is_some_and(|w| slug(w) == council);
            (mixed, placed, **count, form.len(), std::cmp::Reverse((*form).clone()))
        })
        .map(|(f, _)| f.clone())
        .unwrap_or_default()
}

/// The one longer name `short` abbreviates by leaving words out ("Child
/// Practice Review Panel" for "Child Safeguarding Practice Review Panel",
/// "Neglect Group" for "Neglect Delivery Group"): same first and last word,
/// at least two words and at most two left out (one from a two-word
/// name), its words in order in the longer name; `None` when no name or
/// several names fit.
fn shortened_from(short: &str, cores: &[String]) -> Option<String> {
    let words: Vec<&str> = short.split(' ').collect();
    if words.len() < 2 {
        return None;
    }
    let most_left_out = if words.len() == 2 { 1 } else { 2 };
    let fits = |long: &&String| {
        let long_words: Vec<&str> = long.split(' ').collect();
        let mut rest = long_words.iter();
        long_words.len() > words.len()
            && long_words.len() <= words.len() + most_left_out
            && long_words.first() == words.first()
            && long_words.last() == words.last()
            && words.iter().all(|w| rest.any(|l| l == w))
    };
    let mut candidates = cores.iter().filter(fits);
    match (candidates.next(), candidates.next()) {
        (Some(one), None) => Some(one.clone()),
        _ => None,
    }
}

mod merges;

/// The mentions gathered under one core.
pub(crate) struct Gathered {
    kind: BodyKind,
    national: bool,
    forms: BTreeMap<String, usize>,
    /// The kind each printed form was read as: the body's is its name's
    /// ("Rotherham Council" alone reads as a group; with "Rotherham
    /// Metropolitan Borough Council" it is a council).
    kinds: BTreeMap<String, BodyKind>,
    mentions: Vec<crate::text::Span>,
    /// Forms that shorten the body's name ("Select Commission"): they name it
    /// only when no fuller form is printed.
    shortened: BTreeSet<String>,
}

impl Gathered {
    /// Takes in another core's mentions: the two are one body.
    fn absorb(&mut self, other: Gathered) {
        self.shortened.extend(other.shortened);
        for (form, n) in other.forms {
            *self.forms.entry(form).or_default() += n;
        }
        for (form, kind) in other.kinds {
            self.kinds.entry(form).or_insert(kind);
        }
        self.mentions.extend(other.mentions);
    }
}

/// Merges body mentions (and the meeting's own body, first) into bodies,
/// linking acronyms whose expansion names one of them.
pub fn resolve_bodies(
    mentions: &[BodyMention],
    acronyms: &[(&str, &str)],
    council: &str,
    evidence: &EvidenceMaker,
) -> Vec<BodyNode> {
    let mut by_core: BTreeMap<String, Gathered> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    // A body is printed the same way many times in a file: one core per form.
    let mut cores: HashMap<&str, String> = HashMap::new();
    for m in mentions {
        let core = cores
            .entry(m.name.text.as_str())
            .or_insert_with(|| name_core(&m.name.text, council))
            .clone();
        if core.is_empty() {
            continue;
        }
        let g = by_core.entry(core.clone()).or_insert_with(|| {
            order.push(core.clone());
            Gathered {
                kind: m.kind,
                national: m.national,
                forms: BTreeMap::new(),
                kinds: BTreeMap::new(),
                mentions: Vec::new(),
                shortened: BTreeSet::new(),
            }
        });
        *g.forms.entry(m.name.text.clone()).or_default() += 1;
        g.kinds.entry(m.name.text.clone()).or_insert(m.kind);
        g.mentions.push(m.name.span);
    }
    for short in order.clone() {
        if let Some(long) = shortened_from(&short, &order) {
            let mut g = by_core.remove(&short).expect("gathered");
            g.shortened.extend(g.forms.keys().cloned());
            by_core.get_mut(&long).expect("gathered").absorb(g);
            order.retain(|c| *c != short);
        }
    }
    merges::merge_other_spellings(&mut by_core, &mut order, acronyms, council);
    let expansion_cores: Vec<(String, &str)> = acronyms
        .iter()
        .map(|(acronym, expansion)| (name_core(expansion, council), *acronym))
        .collect();
    order
        .into_iter()
        .map(|core| {
            let g = &by_core[&core];
            let full: BTreeMap<String, usize> = g
                .forms
                .iter()
                .filter(|(form, _)| !g.shortened.contains(*form))
                .map(|(form, n)| (form.clone(), *n))
                .collect();
            let name = preferred_name(if full.is_empty() { &g.forms } else { &full }, council);
            let acronym = expansion_cores
                .iter()
                .find(|(expansion, _)| *expansion == core)
                .map(|(_, acronym)| acronym.to_string());
            BodyNode {
                key: body_key(&core, council, g.national),
                variants: g.forms.keys().filter(|f| **f != name).cloned().collect::<BTreeSet<_>>(),
                kind: g.kinds.get(&name).copied().unwrap_or(g.kind),
                name,
                acronym,
                mentions: g.mentions.iter().map(|s| evidence.make(*s)).collect(),
                spans: g.mentions.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_that_does_not_change_the_name_is_ignored() {
        let a = name_core("Rotherham Safeguarding Children's Partnership", "rotherham");
        for other in [
            "Rotherham Safeguarding Children Partnership",
            "ROTHERHAM SAFEGUARDING CHILDRENS PARTNERSHIP",
            "Safeguarding Children’s Partnership",
            "the Rotherham Safeguarding Children's Partnerships",
        ] {
            assert_eq!(name_core(other, "rotherham"), a, "{other}");
        }
        assert_eq!(
            name_core("Co Production Subgroup", "x"),
            name_core("Co-production Sub-Group", "x")
        );
        assert_eq!(
            name_core("Health & Well-being Board", "x"),
            name_core("Health and Wellbeing Board", "x")
        );
        assert_eq!(
            name_core("Rotherham Council", "rotherham"),
            name_core("Rotherham Metropolitan Borough Council", "rotherham")
        );
    }

    #[test]
    fn a_name_with_words_left_out_is_the_one_longer_name() {
        let cores: Vec<String> = ["child safeguarding practice review panel", "child death overview panel"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            shortened_from("child practice review panel", &cores).as_deref(),
            Some("child safeguarding practice review panel")
        );
        assert_eq!(shortened_from("child panel", &cores), None);
        let neglect = vec!["neglect delivery group".to_string(), "delivery group".to_string()];
        assert_eq!(
            shortened_from("neglect group", &neglect).as_deref(),
            Some("neglect delivery group")
        );
        let two = ["child a review panel", "child b review panel"]
            .map(String::from)
            .to_vec();
        assert_eq!(shortened_from("child review panel", &two), None);
    }

    #[test]
    fn different_bodies_keep_different_cores() {
        assert_ne!(
            name_core("Rotherham Safeguarding Children's Partnership Board", "rotherham"),
            name_core("Rotherham Safeguarding Children's Partnership", "rotherham")
        );
        assert_ne!(
            name_core("Sheffield Safeguarding Children Partnership", "rotherham"),
            name_core("Safeguarding Children Partnership", "rotherham")
        );
    }

    #[test]
    fn the_preferred_name_is_mixed_case_place_qualified_and_frequent() {
        let forms: BTreeMap<String, usize> = [
            ("CORPORATE PARENTING PANEL".to_string(), 3),
            ("Corporate Parenting Panel".to_string(), 1),
        ]
        .into();
        assert_eq!(preferred_name(&forms, "rotherham"), "Corporate Parenting Panel");
        let forms: BTreeMap<String, usize> = [
            ("Safeguarding Children Partnership".to_string(), 3),
            ("Rotherham Safeguarding Children Partnership".to_string(), 1),
        ]
        .into();
        assert_eq!(
            preferred_name(&forms, "rotherham"),
            "Rotherham Safeguarding Children Partnership"
        );
    }
}
