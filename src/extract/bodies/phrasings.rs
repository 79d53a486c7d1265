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
    // The multi-agency pattern only where it can match: a text without
    // "Multi" does not compile it.
    let multi = s.contains("Multi");
    let items = list_items(s);
    let listed = items
        .iter()
        .filter_map(|item| item.listed_service())
        .filter(|&(start, end)| s[start..end].split(' ').count() <= 7)
        .map(|name| (name, BodyKind::Service));
    let meetings = multi
        .then(|| MULTI_AGENCY_MEETINGS.captures_iter(s))
        .into_iter()
        .flatten()
        // " Child Exploitation" splits into an empty first word and two.
        .filter(|c| words(c, "words") <= 6 && letters(c, "acronym") <= 9)
        .map(|c| (range(c.get(0).expect("match")), BodyKind::Group));
    let bracketed = items
        .iter()
        .filter_map(|item| item.bracketed_description())
        .filter(|&((start, end), description)| {
            s[start..end].split(' ').count() <= 6 && description.chars().count() <= 60
        })
        .map(|(name, _)| (name, BodyKind::Service));
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

/// A line that is a list item: spaces or tabs, a dash, bullet or asterisk,
/// spaces or tabs (`(?m)^[ \t]*[-•*][ \t]+`), then `text` (at byte `at` of
/// the text, up to the line's end).
struct ListItem<'a> {
    at: usize,
    text: &'a str,
}

/// The list items of `s`, in order.
fn list_items(s: &str) -> Vec<ListItem<'_>> {
    let mut items = Vec::new();
    let mut start = 0;
    for line in s.split('\n') {
        let indented = line.trim_start_matches([' ', '\t']);
        if let Some(rest) = indented.strip_prefix(['-', '•', '*']) {
            let text = rest.trim_start_matches([' ', '\t']);
            if text.len() < rest.len() {
                items.push(ListItem {
                    at: start + line.len() - text.len(),
                    text,
                });
            }
        }
        start += line.len() + 1;
    }
    items
}

/// A capitalised word of a list item's name: `\p{Lu}[\p{L}'’&-]*`.
fn is_capitalised_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(crate::text::is_upper_letter)
        && chars.all(|c| matches!(c, '\'' | '’' | '&' | '-') || crate::text::is_letter(c))
}

impl ListItem<'_> {
    /// "Rotherham Young Carers service": two capitalised words or more and
    /// a lower-case "service" or "team", ending the line (but for spaces and
    /// tabs). What the pattern
    /// `(?P<name>\p{Lu}[\p{L}'’&-]*(?: \p{Lu}[\p{L}'’&-]*)+ (?:service|team))[ \t]*$`
    /// after the bullet matches as `name` (its byte range in the text).
    fn listed_service(&self) -> Option<(usize, usize)> {
        let name = self.text.trim_end_matches([' ', '\t']);
        let words = name.strip_suffix(" service").or_else(|| name.strip_suffix(" team"))?;
        let capitalised = words.split(' ').all(is_capitalised_word);
        (capitalised && words.contains(' ')).then_some((self.at, self.at + name.len()))
    }

    /// "Rights to Rights (LAC children's rights service)": a capitalised
    /// name (with "to", "of", "and", "for", "the" inside) and a bracketed
    /// description ending in "service", "charity", "organisation", "team",
    /// "group" or "provider", ending the line. What the pattern
    /// `(?P<name>\p{Lu}[\p{L}'’&-]*(?: (?:\p{Lu}[\p{L}'’&-]*|to|of|and|for|the))*) \((?P<description>[^()\n]*)\b(?:service|charity|organisation|team|group|provider)\)[ \t]*$`
    /// after the bullet matches: the name's byte range in the text, and the
    /// description.
    fn bracketed_description(&self) -> Option<((usize, usize), &str)> {
        let open = self.text.find('(')?;
        let name = self.text[..open].strip_suffix(' ')?;
        let mut words = name.split(' ');
        let named = words.next().is_some_and(is_capitalised_word)
            && words.all(|w| matches!(w, "to" | "of" | "and" | "for" | "the") || is_capitalised_word(w));
        let inside = &self.text[open + 1..];
        let close = inside.find(')')?;
        let (inside, after) = (&inside[..close], &inside[close + 1..]);
        if !named || inside.contains('(') || !after.chars().all(|c| c == ' ' || c == '\t') {
            return None;
        }
        let description = ["service", "charity", "organisation", "team", "group", "provider"]
            .iter()
            .find_map(|kind| inside.strip_suffix(kind))?;
        // `\b` before the kind: the description ends in a character that is not a word's.
        if description.chars().next_back().is_some_and(crate::text::is_word_char) {
            return None;
        }
        Some(((self.at, self.at + name.len()), description))
    }
}

/// Standing multi-agency meetings, which minutes name like bodies:
/// "Multi-Agency Child Exploitation Meetings", "Multi Agency Risk
/// Assessment Conference". An acronym printed inside ("… Exploitation
/// (MACE) meetings") is left out of the name.
static MULTI_AGENCY_MEETINGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bMulti[- ]?[Aa]gency(?P<words>(?: \p{Lu}[\p{L}'’-]*)+) (?:\((?P<acronym>\p{Lu}[\p{L}&]+)\) )?(?:[Mm]eetings?|[Cc]onferences?)\b")
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
/// Every ` (ACRONYM)` is taken out, as the pattern ` \(\p{Lu}[\p{L}&]{1,8}\)`
/// replaced with nothing would (scanned by hand: that pattern took 3 ms to
/// compile).
fn without_acronym(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(i) = name[from..].find(" (") {
        let at = from + i;
        match bracketed_acronym_len(&name[at + 2..]) {
            Some(len) => {
                out.push_str(&name[copied..at]);
                copied = at + 2 + len;
                from = copied;
            }
            None => from = at + 1,
        }
    }
    out.push_str(&name[copied..]);
    out
}

/// The byte length of `s`'s leading "ISVA)": a capital letter, one to
/// eight letters or "&", and the closing bracket.
fn bracketed_acronym_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    if !chars.next().is_some_and(|(_, c)| crate::text::is_upper_letter(c)) {
        return None;
    }
    for (letters, (i, c)) in chars.enumerate() {
        if c == ')' {
            return (1..=8).contains(&letters).then_some(i + 1);
        }
        if !(c == '&' || crate::text::is_letter(c)) || letters == 8 {
            return None;
        }
    }
    None
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
    fn acronyms_in_brackets_are_taken_out_as_the_pattern_would() {
        let inside = Regex::new(r" \(\p{Lu}[\p{L}&]{1,8}\)").expect("regex");
        for name in [
            "Multi Agency Child Exploitation (MACE) meetings",
            "A (B) C (R&D) D (ABCDEFGHI) E (ABCDEFGHIJ) F (É) G (Éa) (Ab) (AB1) (ab)",
            "X  (AB) ( (AB)) (AB",
            "",
        ] {
            assert_eq!(without_acronym(name), inside.replace_all(name, ""), "{name}");
        }
    }

    #[test]
    fn list_items_are_read_as_the_list_patterns_read_them() {
        let listed = Regex::new(
            r"(?m)^[ \t]*[-•*][ \t]+(?P<name>\p{Lu}[\p{L}'’&-]*(?: \p{Lu}[\p{L}'’&-]*)+ (?:service|team))[ \t]*$",
        )
        .expect("regex");
        let bracketed = Regex::new(r"(?m)^[ \t]*[-•*][ \t]+(?P<name>\p{Lu}[\p{L}'’&-]*(?: (?:\p{Lu}[\p{L}'’&-]*|to|of|and|for|the))*) \((?P<description>[^()\n]*)\b(?:service|charity|organisation|team|group|provider)\)[ \t]*$").expect("regex");
        let text = "on the following services:\n- Rotherham Young Carers service\n \t•\tÉcole Zoë’s Ñ&-Co team \t\n\
            * Aa team team\n- Aa Bb team\r\n- Aa  Bb service\n-Aa Bb team\n - Aa service\n- aa Bb team\n\
            - Rights to Rights (LAC children's rights service)\n- The Hub of the North (a group)  \n\
            - Big Local (subgroup)\n- Big Local (the (big) group)\n- Big Local (a group) x\n- Big Local (a group)) \n\
            - Big to (a provider)\n- to Big (a charity)\n- Big Local ( organisation)\n- Big Local (é_team)\n\
            - Big Local (xéteam)\n- Big Local (the team)\r\n-  • Big Local (group)\n- Big  Local (group)\n\
            - Big Local(team)\n- Big Local (team)";
        let items = list_items(text);
        let range = |m: regex::Match| (m.start(), m.end());
        let expected: Vec<(usize, usize)> = listed
            .captures_iter(text)
            .map(|c| range(c.name("name").expect("name")))
            .collect();
        let got: Vec<(usize, usize)> = items.iter().filter_map(|i| i.listed_service()).collect();
        assert_eq!(got, expected);
        assert_eq!(expected.len(), 2);
        let expected: Vec<((usize, usize), &str)> = bracketed
            .captures_iter(text)
            .map(|c| {
                (
                    range(c.name("name").expect("name")),
                    c.name("description").expect("group").as_str(),
                )
            })
            .collect();
        let got: Vec<((usize, usize), &str)> = items.iter().filter_map(|i| i.bracketed_description()).collect();
        assert_eq!(got, expected);
        assert!(expected.len() >= 5, "{expected:?}");
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
