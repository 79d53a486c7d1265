//! Bodies named only by their place in a list: minutes list bodies side by
//! side, and an acronym or a bare name listed with bodies, or under a word
//! for a kind of body, is a body too ("from the Cabinet, OSMB or other
//! sources", "multi-agency meetings such as MARAC and MADA").
//!
//! Architecture invariant: finds mentions with spans and a kind, as
//! `bodies` does; merging them is `resolve`'s job.

use super::{BodyKind, BodyMention};
use crate::text::{Span, Spanned};
use regex::Regex;
use std::sync::LazyLock;

/// A list of capitalised items: "the Cabinet, OSMB", "SYP, CCG,
/// Hospitals, Fire Service, College".
static LIST: LazyLock<Regex> = LazyLock::new(|| {
    let item = r"(?:the\s+)?\p{Lu}[\p{L}'’&-]*(?:\s+\p{Lu}[\p{L}'’&-]*)*";
    let separator = r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)";
    Regex::new(&format!(r"{item}(?:{separator}{item})+")).expect("regex")
});

/// One item of a list.
static ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Lu}[\p{L}'’&-]*(?:\s+\p{Lu}[\p{L}'’&-]*)*").expect("regex"));

/// A word in capitals that is an acronym ("SYP", "OSMB", "HWbB").
fn is_acronym(word: &str) -> bool {
    let capitals = word.chars().filter(char::is_ascii_uppercase).count();
    (2..=7).contains(&word.len())
        && capitals >= 2
        && word.chars().all(|c| c.is_ascii_alphabetic() || c == '&')
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.ends_with(|c: char| c.is_ascii_uppercase())
}

/// Acronyms listed with a body: "from the Cabinet, OSMB or other sources",
/// "decision makers from SYP, CCG, Hospitals, Fire Service".
pub(crate) fn acronyms_listed_with_bodies(text: &str, span: Span, out: &mut Vec<BodyMention>) {
    let s = span.slice(text);
    let mut found = Vec::new();
    for list in LIST.find_iter(s) {
        let within = Span::new(span.start + list.start(), span.start + list.end());
        if !out.iter().any(|m| within.contains(m.name.span)) {
            continue;
        }
        for item in ITEM.find_iter(list.as_str()) {
            let at = Span::new(within.start + item.start(), within.start + item.end());
            let covered = out.iter().any(|m| m.name.span.contains(at) || at.contains(m.name.span));
            if is_acronym(item.as_str()) && !covered {
                found.push(BodyMention {
                    name: Spanned::new(item.as_str(), at),
                    kind: BodyKind::Other,
                    national: false,
                });
            }
        }
    }
    out.extend(found);
}

/// "multi-agency meetings such as MARAC and MADA": names listed after a
/// plural word for a kind of body.
static LISTED_AFTER_BODIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(meetings|boards|panels|partnerships|forums|committees|services|teams)(?:,?\s+such\s+as|,?\s+including)\s+((?:\p{Lu}[\p{L}'’&-]*(?:\s+\p{Lu}[\p{L}'’&-]*)*(?:,\s*|\s+and\s+|\s+or\s+)?)+)",
    )
    .expect("regex")
});

/// Names listed after a plural kind of body are bodies of that kind.
pub(crate) fn listed_after_bodies(text: &str, span: Span, out: &mut Vec<BodyMention>) {
    let s = span.slice(text);
    let mut found = Vec::new();
    for c in LISTED_AFTER_BODIES.captures_iter(s) {
        let kind = match &c[1] {
            "services" => BodyKind::Service,
            "teams" => BodyKind::Team,
            "boards" => BodyKind::Board,
            "panels" => BodyKind::Panel,
            "partnerships" => BodyKind::Partnership,
            "committees" => BodyKind::Committee,
            _ => BodyKind::Group,
        };
        let list = c.get(2).expect("group");
        for item in ITEM.find_iter(list.as_str()) {
            let at = Span::new(
                span.start + list.start() + item.start(),
                span.start + list.start() + item.end(),
            );
            let covered = out.iter().any(|m| m.name.span.contains(at) || at.contains(m.name.span));
            if !covered {
                found.push(BodyMention {
                    name: Spanned::new(item.as_str(), at),
                    kind,
                    national: false,
                });
            }
        }
    }
    out.extend(found);
}

#[cfg(test)]
mod tests {
    use super::super::tests::names;

    #[test]
    fn an_acronym_listed_with_a_body_is_a_body() {
        assert_eq!(
            names("should any items be referred to it from the Cabinet, OSMB or other sources."),
            ["Cabinet", "OSMB"]
        );
        assert_eq!(
            names("decision makers on it from SYP, CCG, Hospitals, Fire Service, College etc."),
            ["SYP", "CCG", "Fire Service"]
        );
        assert!(names("the SEND and EHCP figures").is_empty());
    }

    #[test]
    fn names_listed_after_a_kind_of_body_are_bodies() {
        assert_eq!(
            names("a review of all multi-agency meetings such as MARAC and MADA."),
            ["MARAC", "MADA"]
        );
    }
}
