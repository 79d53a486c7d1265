//! People named anywhere in a document (report authors, signatories,
//! officers mentioned in passing): a personal name marked by an honorific or
//! by a known given name.
//!
//! Architecture invariant: only marked names are taken; a capitalised pair
//! without either mark ("Rotherham Rise") is never read as a person here.

use crate::names::{clean_name, name_at, NameEvidence};
use crate::text::{Span, Spanned};
use regex::Regex;
use std::sync::LazyLock;

static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:(?:Councillor|Cllr|Dr|Mr|Mrs|Ms|Miss|Superintendent|Chief Superintendent|Inspector|Professor)\.?\s+)?\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’-]*(?:-\s\p{Lu}\p{Ll}+)?){1,2}",
    )
    .expect("regex")
});

/// A person named in passing: honorific (if any) and the cleaned name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub honorific: Option<&'static str>,
    pub name: Spanned,
}

pub fn find_mentions(text: &str, span: Span) -> Vec<Mention> {
    let s = span.slice(text);
    let mut out = Vec::new();
    for m in CANDIDATE.find_iter(s) {
        let candidate = Span::new(span.start + m.start(), span.start + m.end());
        let Some(found) = name_at(text, candidate, NameEvidence::Marked) else {
            continue;
        };
        let name = clean_name(found.name.slice(text));
        // A councillor may be named by surname alone; anyone else needs two tokens.
        if found.honorific != Some("Councillor") && !name.contains(' ') {
            continue;
        }
        out.push(Mention {
            honorific: found.honorific,
            name: Spanned::new(name, found.name),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        find_mentions(text, Span::new(0, text.len()))
            .into_iter()
            .map(|m| m.name.text)
            .collect()
    }

    #[test]
    fn marked_names_in_running_text() {
        assert_eq!(
            names("Report Author: Phil Morris, Business Manager, Rotherham LSCB"),
            vec!["Phil Morris"]
        );
        assert_eq!(
            names("the Chair of the group, Superintendent Andy Wright, said"),
            vec!["Andy Wright"]
        );
        assert_eq!(
            names("research by Dr Rebecca Hamer at Sheffield Hallam University"),
            vec!["Rebecca Hamer"]
        );
        assert_eq!(names("thanks to Cllr Amy Brookes for her work"), vec!["Amy Brookes"]);
    }

    #[test]
    fn unmarked_capitalised_phrases_are_not_people() {
        assert!(names("Rotherham Rise and Sheffield Hallam University and Early Help Strategy").is_empty());
    }
}
