//! Acronyms of bodies learned from other files, used in this one without
//! a definition: "MASH" in minutes that never spell out the Multi Agency
//! Safeguarding Hub another file defined. Each use is a mention of that
//! body, under its full name, so it resolves to the same body.
//!
//! An acronym means what the document itself says first: one the document
//! defines, or matches to a phrase of its own, is left to that meaning
//! (CPP is the Corporate Parenting Panel in one year's papers and Child
//! Protection Plans in another's). One the corpus gives to two bodies is
//! left alone: a unique meaning or nothing.
//!
//! Architecture invariant: reads only the text and the names it is given.

use crate::extract::bodies::{BodyMention, KnownBody};
use crate::text::{Span, Spanned};
use std::collections::{HashMap, HashSet};

/// A name printed as an acronym ("MASH", "HWbB", "SYP"): one word of at
/// least three letters, two or more capitals, no lower-case first letter
/// or ending.
pub fn is_acronym_form(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = name.chars().filter(|c| c.is_uppercase()).count();
    !name.contains(char::is_whitespace)
        && letters >= 3
        && capitals >= 2
        && name.chars().all(|c| c.is_alphanumeric() || c == '&')
        && name.starts_with(|c: char| c.is_uppercase())
        && name.ends_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// A use of a known acronym: the body mention, and the acronym with the
/// body's full name (so the body keeps its acronym).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownAcronymUse {
    pub mention: BodyMention,
    pub acronym: String,
}

/// The acronyms the corpus gives exactly one body, each with that body's
/// full name: built once a file, read once a document.
pub struct KnownAcronyms<'k> {
    meanings: Vec<(&'k str, &'k KnownBody)>,
}

impl<'k> KnownAcronyms<'k> {
    pub fn new(known: &'k [KnownBody]) -> Self {
        let mut full_names: HashMap<&str, &KnownBody> = HashMap::new();
        for k in known.iter().filter(|k| !is_acronym_form(&k.name)) {
            let longest = full_names.entry(k.key.as_str()).or_insert(k);
            if (k.name.len(), std::cmp::Reverse(&k.name)) > (longest.name.len(), std::cmp::Reverse(&longest.name)) {
                *longest = k;
            }
        }
        let mut keys: HashMap<&str, Vec<&KnownBody>> = HashMap::new();
        for k in known.iter().filter(|k| is_acronym_form(&k.name) && !k.key.is_empty()) {
            let bodies = keys.entry(k.name.as_str()).or_default();
            if !bodies.iter().any(|b| b.key == k.key) {
                bodies.push(k);
            }
        }
        let mut meanings: Vec<(&str, &KnownBody)> = keys
            .into_iter()
            .filter_map(|(acronym, bodies)| match bodies.as_slice() {
                [body] => Some((acronym, full_names.get(body.key.as_str()).copied().unwrap_or(body))),
                _ => None,
            })
            .collect();
        meanings.sort_by_key(|(acronym, _)| *acronym);
        KnownAcronyms { meanings }
    }

    /// The uses in `span` of the acronyms, except those in `local`
    /// (defined or matched in this document) and those inside a body
    /// mention already `found`.
    pub fn uses(&self, text: &str, span: Span, local: &HashSet<&str>, found: &[BodyMention]) -> Vec<KnownAcronymUse> {
        let s = span.slice(text);
        let mut out = Vec::new();
        for (acronym, full) in self.meanings.iter().filter(|(a, _)| !local.contains(a)) {
            for (at, _) in s.match_indices(acronym) {
                let used = Span::new(span.start + at, span.start + at + acronym.len());
                let bounded = !text[..used.start].ends_with(char::is_alphanumeric)
                    && !text[used.end..].starts_with(char::is_alphanumeric);
                if !bounded || found.iter().any(|m| m.name.span.overlaps(used)) {
                    continue;
                }
                out.push(KnownAcronymUse {
                    mention: BodyMention {
                        name: Spanned::new(full.name.clone(), used),
                        kind: full.kind,
                        national: full.national,
                    },
                    acronym: acronym.to_string(),
                });
            }
        }
        out.sort_by_key(|u| u.mention.name.span);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::bodies::BodyKind;

    fn known(name: &str, key: &str) -> KnownBody {
        KnownBody {
            name: name.into(),
            kind: BodyKind::Team,
            national: false,
            key: key.into(),
        }
    }

    fn uses(text: &str, known: &[KnownBody], local: &[&str]) -> Vec<(String, String)> {
        let local: HashSet<&str> = local.iter().copied().collect();
        KnownAcronyms::new(known)
            .uses(text, Span::new(0, text.len()), &local, &[])
            .into_iter()
            .map(|u| (u.mention.name.span.slice(text).to_string(), u.mention.name.text))
            .collect()
    }

    #[test]
    fn a_known_acronym_is_a_mention_of_its_body_under_the_full_name() {
        let corpus = [
            known("Multi Agency Safeguarding Hub", "body/x/mash"),
            known("MASH", "body/x/mash"),
        ];
        assert_eq!(
            uses("Referrals to the MASH rose; MASHED potatoes.", &corpus, &[]),
            [("MASH".to_string(), "Multi Agency Safeguarding Hub".to_string())]
        );
    }

    #[test]
    fn the_documents_own_meaning_or_two_meanings_leave_it_alone() {
        let corpus = [
            known("Corporate Parenting Panel", "body/x/cpp"),
            known("CPP", "body/x/cpp"),
            known("SYP", "body/x/syp"),
            known("SYP", "body/x/other"),
        ];
        assert!(uses("Children on a CPP; the SYP attended.", &corpus, &["CPP"]).is_empty());
    }

    #[test]
    fn acronym_forms() {
        for name in ["MASH", "HWbB", "SYP", "RDaSH", "GROW"] {
            assert!(is_acronym_form(name), "{name}");
        }
        for name in ["Rothacs", "GP", "Healthwatch", "NHS Trust", "CCGs"] {
            assert!(!is_acronym_form(name), "{name}");
        }
    }
}
