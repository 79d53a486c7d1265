//! Bodies named by the phrasing around them rather than by a head noun at
//! the end of their name: an acronym printed inside the name ("the
//! Independent Sexual Violence Advocacy (ISVA) Team"), a name said to be a
//! collaboration or a charity ("Fostering Rotherham was a collaboration
//! of …"), and a name worked with in conjunction ("a bid in conjunction
//! with South Yorkshire Futures").
//!
//! Architecture invariant: finds mentions with spans and a kind, as
//! `bodies` does; merging them is `resolve`'s job.

use super::{head_noun_kind, BodyKind, BodyMention};
use crate::text::{Span, Spanned};
use regex::Regex;
use std::sync::LazyLock;

/// A capitalised name of up to five words ("South Yorkshire Futures").
const NAME: &str = r"\p{Lu}[\p{L}'’&-]*(?:\s+\p{Lu}[\p{L}'’&-]*){0,4}";

/// [`NAME`] with any number of words, for a name a pattern ends with
/// before the words after it: its last five words are what `NAME` would
/// match (see `last_words_start`).
const NAME_UNBOUNDED: &str = r"\p{Lu}[\p{L}'’&-]*(?:\s+\p{Lu}[\p{L}'’&-]*)*";

/// Last words of documents and events, not bodies: "in conjunction with
/// the Neglect Strategy".
const NOT_BODY_ENDS: &[&str] = &[
    "strategy",
    "plan",
    "report",
    "review",
    "policy",
    "act",
    "programme",
    "framework",
    "guidance",
    "protocol",
    "week",
    "day",
    "month",
    "year",
];

/// A name with its acronym printed before its head noun: "Independent
/// Sexual Violence Advocacy (ISVA) Team". Of two to seven words: the
/// repeat is unbounded and the match cut to its last seven words in
/// `phrased_bodies` (a bounded repeat of a Unicode class compiles to a copy
/// per repeat; the leftmost match of `{1,6}` starts at the seventh word
/// from the end).
static INTERRUPTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}[\p{L}'’-]*(?:\s+(?:and\s+|&\s+)?\p{Lu}[\p{L}'’-]*)+\s+\([A-Z][A-Za-z&]{1,7}\)\s+(?P<head>\p{Lu}\p{Ll}+)\b")
        .expect("regex")
});

/// "Fostering Rotherham was a collaboration of …", "X is a local charity".
/// The name is cut to its last five words in `phrased_bodies`.
static DESCRIBED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<name>{NAME_UNBOUNDED})\s+(?:was|is)\s+an?\s+(?:[a-z-]+\s+){{0,2}}(?P<kind>collaboration|charity|organisation|organization|consortium|network)\s*(?:of|between|with|that|which|[,.;])"
    ))
    .expect("regex")
});

/// "in conjunction with South Yorkshire Futures and neighbouring authorities".
static IN_CONJUNCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\bin\s+(?:conjunction|collaboration|partnership)\s+with\s+(?:the\s+)?(?P<name>{NAME})\b"
    ))
    .expect("regex")
});

/// Bodies named by the phrasing around them in `span` (appended to `out`
/// where no mention covers them; a name with its acronym inside replaces
/// the mentions it covers).
pub(crate) fn phrased_bodies(text: &str, span: Span, out: &mut Vec<BodyMention>) {
    let s = span.slice(text);
    for m in INTERRUPTED.captures_iter(s) {
        let whole = m.get(0).expect("match");
        let Some(kind) = head_noun_kind(&m["head"].to_lowercase()) else {
            continue;
        };
        let name = whole
            .as_str()
            .find('(')
            .map_or(whole.as_str(), |paren| &whole.as_str()[..paren]);
        let from = whole.start() + last_words_start(name, 7);
        let at = Span::new(span.start + from, span.start + whole.end());
        out.retain(|b| !at.contains(b.name.span));
        out.push(mention(&s[from..whole.end()], at, kind));
    }
    let described = DESCRIBED.captures_iter(s).map(|c| {
        let kind = if &c["kind"] == "charity" {
            BodyKind::Charity
        } else {
            BodyKind::Other
        };
        let name = c.name("name").expect("group");
        let from = name.start() + last_words_start(name.as_str(), 5);
        ((from, name.end()), kind)
    });
    let range = |m: regex::Match| (m.start(), m.end());
    let conjunctions = IN_CONJUNCTION
        .captures_iter(s)
        .map(|c| (range(c.name("name").expect("group")), BodyKind::Other));
    // The bounds on words and letters are counted here, not in the
    // patterns: a bounded repeat of a Unicode class compiles to a copy per
    // repeat (these three took 20 ms of every run; bench/regex-compile).
    let words = |c: &regex::Captures, group: &str| c.name(group).map_or(0, |g| g.as_str().split(' ').count());
    let letters = |c: &regex::Captures, group: &str| c.name(group).map_or(0, |g| g.as_str().chars().count());
    let listed = LISTED_SERVICE
        .captures_iter(s)
        .filter(|c| words(c, "name") <= 7)
        .map(|c| (range(c.name("name").expect("group")), BodyKind::Service));
    let meetings = MULTI_AGENCY_MEETINGS
        .captures_iter(s)
        // " Child Exploitation" splits into an empty first word and two.
        .filter(|c| words(c, "words") <= 6 && letters(c, "acronym") <= 9)
        .map(|c| (range(c.get(0).expect("match")), BodyKind::Group));
    let bracketed = BRACKETED_DESCRIPTION
        .captures_iter(s)
        .filter(|c| words(c, "name") <= 6 && letters(c, "description") <= 60)
        .map(|c| (range(c.name("name").expect("group")), BodyKind::Service));
    let found: Vec<_> = described
        .chain(conjunctions)
        .chain(listed)
        .chain(meetings)
        .chain(bracketed)
        .collect();
    for ((name_start, name_end), kind) in found {
        let text_of = s[name_start..name_end].trim_start_matches("The ");
        let start = span.start + name_end - text_of.len();
        let at = Span::new(start, span.start + name_end);
        if is_body_name(text_of) && !out.iter().any(|b| b.name.span.contains(at) || at.contains(b.name.span)) {
            out.push(mention(&without_acronym(text_of), at, kind));
        }
    }
}

/// A list item that is a name and a lower-case "service" or "team":
/// "- Rotherham Young Carers service" under "… on the following services:".
static LISTED_SERVICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*[-•*][ \t]+(?P<name>\p{Lu}[\p{L}'’&-]*(?: \p{Lu}[\p{L}'’&-]*)+ (?:service|team))[ \t]*$")
        .expect("regex")
});

/// Standing multi-agency meetings, which minutes name like bodies:
/// "Multi-Agency Child Exploitation Meetings", "Multi Agency Risk
/// Assessment Conference". An acronym printed inside ("… Exploitation
/// (MACE) meetings") is left out of the name.
static MULTI_AGENCY_MEETINGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bMulti[- ]?[Aa]gency(?P<words>(?: \p{Lu}[\p{L}'’-]*)+) (?:\((?P<acronym>\p{Lu}[\p{L}&]+)\) )?(?:[Mm]eetings?|[Cc]onferences?)\b")
        .expect("regex")
});

/// A list item's name followed by a bracketed description of what it is:
/// "- Rights to Rights (LAC children's rights service)".
static BRACKETED_DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*[-•*][ \t]+(?P<name>\p{Lu}[\p{L}'’&-]*(?: (?:\p{Lu}[\p{L}'’&-]*|to|of|and|for|the))*) \((?P<description>[^()\n]*)\b(?:service|charity|organisation|team|group|provider)\)[ \t]*$")
        .expect("regex")
});

/// The byte offset in `name` (capitalised words separated by white space,
/// "and" or "&" between two of them) at which its last `max` words start:
/// where a pattern repeating its words at most `max - 1` times after the
/// first would have started its leftmost match; 0 when it has no more.
pub(super) fn last_words_start(name: &str, max: usize) -> usize {
    let mut starts = Vec::new();
    let mut previous_space = true;
    for (i, c) in name.char_indices() {
        let space = c.is_whitespace();
        if previous_space && !space {
            let word = name[i..].split(char::is_whitespace).next().unwrap_or("");
            if word != "and" && word != "&" {
                starts.push(i);
            }
        }
        previous_space = space;
    }
    starts.len().checked_sub(max).map_or(0, |skip| starts[skip])
}

/// Whether a capitalised phrase can name a body: two words or more, not a
/// person's name, nor a document's or an event's.
fn is_body_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = words.first().copied().unwrap_or("");
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    words.len() >= 2
        && !crate::names::is_given_name(first)
        && !matches!(first, "Councillor" | "Cllr" | "Mr" | "Mrs" | "Ms" | "Miss" | "Dr")
        && !NOT_BODY_ENDS.contains(&last.as_str())
}

/// The name without an acronym printed inside it: "Multi Agency Child
/// Exploitation (MACE) meetings" is "Multi Agency Child Exploitation meetings".
fn without_acronym(name: &str) -> String {
    static INSIDE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r" \(\p{Lu}[\p{L}&]{1,8}\)").expect("regex"));
    INSIDE.replace_all(name, "").into_owned()
}

fn mention(name: &str, at: Span, kind: BodyKind) -> BodyMention {
    BodyMention {
        name: Spanned::new(name.split_whitespace().collect::<Vec<_>>().join(" "), at),
        kind,
        national: false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::names;
    use super::*;

    /// The matches of `bounded` in `text` (start of group `name`, or of the
    /// match, to the match's end) and those of `unbounded` with that start
    /// moved to the last `max` words, as `phrased_bodies` and
    /// `apposed_names` cut them.
    type Ranges = Vec<(usize, usize)>;

    fn both(bounded: &str, unbounded: &Regex, text: &str, max: usize) -> (Ranges, Ranges) {
        let bounded = Regex::new(bounded).expect("regex");
        fn start<'h>(c: &regex::Captures<'h>) -> regex::Match<'h> {
            c.name("name").unwrap_or_else(|| c.get(0).expect("match"))
        }
        let old = bounded
            .captures_iter(text)
            .map(|c| (start(&c).start(), c.get(0).expect("match").end()))
            .collect();
        let new = unbounded
            .captures_iter(text)
            .map(|c| {
                let name = start(&c).as_str();
                let name = name.find('(').map_or(name, |paren| &name[..paren]);
                (
                    start(&c).start() + last_words_start(name, max),
                    c.get(0).expect("match").end(),
                )
            })
            .collect();
        (old, new)
    }

    #[test]
    fn unbounded_names_cut_to_their_last_words_match_as_bounded_ones() {
        let interrupted = r"\p{Lu}[\p{L}'’-]*(?:\s+(?:and\s+|&\s+)?\p{Lu}[\p{L}'’-]*){1,6}\s+\([A-Z][A-Za-z&]{1,7}\)\s+(?P<head>\p{Lu}\p{Ll}+)\b";
        let described = format!(
            r"(?P<name>{NAME})\s+(?:was|is)\s+an?\s+(?:[a-z-]+\s+){{0,2}}(?P<kind>collaboration|charity|organisation|organization|consortium|network)\s*(?:of|between|with|that|which|[,.;])"
        );
        let apposed = r"(?P<name>\p{Lu}[\p{L}'’&-]*(?:\s+\p{Lu}[\p{L}'’&-]*){0,3}),\s+the\s+(?P<desc>(?:[a-z][a-z-]*\s+){0,3})(?P<kind>charity|unit|provider|organisation|organization|agency|trust|school|college)\s*[,.;:)]";
        let texts = [
            "the Rotherham And District Independent Sexual Violence and Domestic & Abuse Advocacy Service (ISVA) Team met. \
             Then xYz One Two (AB) Board, A B C D E F G H (CD) Panel and Zoë’s Ñandú-Group (EF) Forum.",
            "Of The Big Local Area Youth Music Action Group was a network of. Fostering Rotherham was a collaboration of \
             others; Safe Lives, the national charity, and The Rotherham Young Carers Support Project Ltd, the local charity.",
            "A\nB\tC  D E (XY) Unit1 or Aa Bb (XY) Team. One Two Three Four Five Six Seven Eight, the pupil referral unit.",
        ];
        for text in texts {
            for (bounded, unbounded, max) in [
                (interrupted.to_string(), &*INTERRUPTED, 7),
                (described.clone(), &*DESCRIBED, 5),
                (apposed.to_string(), &*super::super::NAME_THEN_KIND, 4),
            ] {
                let (old, new) = both(&bounded, unbounded, text, max);
                assert_eq!(new, old, "{bounded} in {text}");
            }
        }
    }

    #[test]
    fn an_acronym_inside_a_name_stays_in_it() {
        assert_eq!(
            names("15% of referrals were from the Independent Sexual Violence Advocacy (ISVA) Team."),
            ["Independent Sexual Violence Advocacy (ISVA) Team"]
        );
    }

    #[test]
    fn a_listed_name_and_service_is_a_body() {
        assert_eq!(
            names("on the following services:\n\n- Rotherham Young Carers service\n\nAll the"),
            ["Rotherham Young Carers service"]
        );
        assert!(names("The service was a good service.\n- the team met").is_empty());
    }

    #[test]
    fn a_listed_name_described_in_brackets_as_a_service_is_a_body() {
        assert_eq!(
            names("on the following services:\n- Rights to Rights (LAC children's rights service)\n- Other"),
            ["Rights to Rights"]
        );
        assert!(names("- Annual Review (see the report from the service)\n").is_empty());
    }

    #[test]
    fn standing_multi_agency_meetings_are_bodies() {
        assert_eq!(
            names("data went to the Evolve Team and Multi-Agency Child Exploitation Meetings. Then"),
            ["Evolve Team", "Multi-Agency Child Exploitation Meetings"]
        );
        assert_eq!(
            names("discussed at Multi Agency Child Exploitation (MACE) meetings weekly"),
            ["Multi Agency Child Exploitation meetings"]
        );
        assert!(names("a multi-agency meeting was held").is_empty());
    }

    #[test]
    fn a_name_said_to_be_a_collaboration_is_a_body() {
        assert_eq!(
            names("- Fostering Rotherham was a collaboration of digital on-line marketing and carers."),
            ["Fostering Rotherham"]
        );
        assert!(names("The strategy was a partnership strategy.").is_empty());
        assert!(names("Sarah Jones was a network of one.").is_empty());
    }

    #[test]
    fn a_name_worked_with_in_conjunction_is_a_body() {
        assert_eq!(
            names("a successful bid in conjunction with South Yorkshire Futures and neighbouring authorities"),
            ["South Yorkshire Futures"]
        );
        assert!(names("delivered in conjunction with the Neglect Strategy").is_empty());
        assert!(names("written in conjunction with Councillor Cusworth").is_empty());
    }
}
