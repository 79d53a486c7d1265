//! Personal names as minutes print them: honorifics, lists of names, and
//! "Name, Role" appositions.
//!
//! Architecture invariant: pure functions over text slices; no knowledge of
//! any particular council, committee or person.

use crate::text::{is_letter, Span};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

static GIVEN_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("lexicon/given_names.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});

/// Words that make a capitalised phrase a role, post or body rather than a
/// person's name.
static NON_NAME_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    "head director directors manager managers officer officers chief executive assistant deputy member members cabinet chair chairs chairman \
     chairperson vice vice-chair commissioner commander superintendent inspector nurse lead leader leads scrutineer consultant \
     psychotherapist coordinator co-ordinator adviser advisor analyst principal senior strategic interim acting independent \
     designated service services team teams unit board boards partnership partnerships council councils group groups panel forum trust \
     police nhs university college school schools hub safeguarding performance planning commissioning children childrens \
     children's young people peoples people's education health care public business regional district joint transformation project \
     programme quality assurance community safety early help local authority government office department directorate support \
     social worker practitioner specialist governor mayor clerk secretary treasurer solicitor legal finance democratic \
     scrutiny policy partner partners representative report reports strategy plan annual update minutes meeting agenda select \
     commission committee the of for and in at from to with on by a an this that these there it its their his her all any \
     new national borough metropolitan county city town hall street road house centre center sector voluntary adult adults \
     mental housing customer customers human resources delivery exploitation neglect abuse domestic sexual child family families \
     families' strategic commissioning area areas england wales british south north east west yorkshire humber midlands \
     looked-after looked after leaving care corporate parenting virtual foundation clinical integrated regulatory victims \
     appendix section page pages item items resolved apologies present membership councillor councillors cllr mr mrs ms dr \
     please note members' elected ward wards portfolio holder spokesperson"
        .split_whitespace()
        .collect()
});

/// Honorifics and ranks, longest first, as they prefix names.
const HONORIFICS: &[(&str, &str)] = &[
    ("chief superintendent", "Chief Superintendent"),
    ("chief inspector", "Chief Inspector"),
    ("superintendent", "Superintendent"),
    ("councillors", "Councillor"),
    ("councillor", "Councillor"),
    ("inspector", "Inspector"),
    ("professor", "Professor"),
    ("cllrs", "Councillor"),
    ("cllr", "Councillor"),
    ("prof", "Professor"),
    ("dame", "Dame"),
    ("miss", "Miss"),
    ("revd", "Reverend"),
    ("rev", "Reverend"),
    ("sir", "Sir"),
    ("mrs", "Mrs"),
    ("dr", "Dr"),
    ("mr", "Mr"),
    ("ms", "Ms"),
    ("mx", "Mx"),
];

/// Splits a leading honorific off `s`: ("Councillor", rest offset).
pub fn split_honorific(s: &str) -> (Option<&'static str>, usize) {
    let lower = s.to_ascii_lowercase();
    for (prefix, canonical) in HONORIFICS {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let rest_trim = rest.strip_prefix('.').unwrap_or(rest);
            if rest_trim.starts_with(char::is_whitespace) {
                let consumed = s.len() - rest_trim.len();
                let skip = rest_trim.len() - rest_trim.trim_start().len();
                return (Some(canonical), consumed + skip);
            }
        }
    }
    (None, 0)
}

pub fn is_given_name(word: &str) -> bool {
    contains_lowercased(&GIVEN_NAMES, word)
}

pub fn is_non_name_word(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-');
    contains_lowercased(&NON_NAME_WORDS, w)
}

/// Whether `set` holds `word` lower-cased; a short ASCII word is
/// lower-cased on the stack, not into a new string.
fn contains_lowercased(set: &HashSet<&'static str>, word: &str) -> bool {
    let mut buf = [0u8; 32];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|w| set.contains(w))
    } else {
        set.contains(word.to_lowercase().as_str())
    }
}

static NAME_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    // A capitalised name token: "Gough", "Di'Lasio", "McNeely", "Warren-Sykes",
    // "Cherry- Swaine" (a line-break hyphen), or an initial "T." / "T".
    Regex::new(r"^(?:\p{Lu}\.|\p{Lu}(?:\p{Ll}|\p{Lu})*(?:['’]\p{Lu}?\p{Ll}+)?(?:-\s?\p{Lu}\p{Ll}+)*)$")
        .expect("name token")
});

/// Whether `word` could be part of a personal name.
pub fn is_name_token(word: &str) -> bool {
    let initial = word.len() == 2 && word.ends_with('.');
    let shaped = if word.is_ascii() {
        is_ascii_name_token(word.as_bytes())
    } else {
        NAME_TOKEN.is_match(word)
    };
    shaped && (initial || (!is_non_name_word(word) && word.chars().any(|c| c.is_lowercase())))
}

/// [`NAME_TOKEN`] on ASCII, matched by hand: "T.", or a capital, letters,
/// an optional "'Neil" part, then any number of "-Sykes" / "- Swaine" parts.
fn is_ascii_name_token(w: &[u8]) -> bool {
    if w.len() == 2 && w[0].is_ascii_uppercase() && w[1] == b'.' {
        return true;
    }
    if !w.first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    let mut i = 1;
    while i < w.len() && w[i].is_ascii_alphabetic() {
        i += 1;
    }
    // A run of lower-case letters starting at `at`: where it ends, if not empty.
    let lower_run = |at: usize| {
        let end = at + w[at..].iter().take_while(|b| b.is_ascii_lowercase()).count();
        (end > at).then_some(end)
    };
    if w.get(i) == Some(&b'\'') {
        i += 1;
        if w.get(i).is_some_and(u8::is_ascii_uppercase) {
            i += 1;
        }
        let Some(end) = lower_run(i) else { return false };
        i = end;
    }
    while w.get(i) == Some(&b'-') {
        i += 1;
        // `\s` in ASCII: space, tab, line feed, vertical tab, form feed, carriage return.
        if w.get(i)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
        {
            i += 1;
        }
        if !w.get(i).is_some_and(u8::is_ascii_uppercase) {
            return false;
        }
        let Some(end) = lower_run(i + 1) else { return false };
        i = end;
    }
    i == w.len()
}

/// The length of the token at the start of `s`, as the pattern
/// `^[\p{L}.'’]+(?:-\s?[\p{L}'’]+)*` matches it (0 where it does not):
/// letters, periods and apostrophes, then hyphenated parts ("Warren-Sykes",
/// "Cherry- Swaine").
fn leading_token(s: &str) -> usize {
    let run = |from: usize, period: bool| {
        s[from..]
            .char_indices()
            .find(|&(_, c)| !(is_letter(c) || c == '\'' || c == '’' || (period && c == '.')))
            .map_or(s.len(), |(i, _)| from + i)
    };
    let mut end = run(0, true);
    if end == 0 {
        return 0;
    }
    while s[end..].starts_with('-') {
        let mut at = end + 1;
        if let Some(space) = s[at..].chars().next().filter(|c| c.is_whitespace()) {
            at += space.len_utf8();
        }
        let part = run(at, false);
        if part == at {
            break;
        }
        end = part;
    }
    end
}

/// The name tokens at the start of `s` (split on single spaces, with the
/// "Cherry- Swaine" line-break hyphen kept inside one token): the byte length
/// of the run and the number of tokens.
pub fn leading_name_run(s: &str) -> (usize, usize) {
    let mut pos = 0;
    let mut count = 0;
    loop {
        let rest = &s[pos..];
        let lead = rest.len() - rest.trim_start_matches(' ').len();
        if count > 0 && (lead == 0 || lead > 1) {
            break;
        }
        let token = leading_token(&rest[lead..]);
        if token == 0 {
            break;
        }
        if !(is_name_token(&rest[lead..lead + token]) || is_bare_initial_before_name(&rest[lead..], token))
            || count == 4
        {
            break;
        }
        pos += lead + token;
        count += 1;
    }
    (pos, count)
}

/// "J Lewis", "D Coupar": an initial printed without its period, right
/// before a name token.
fn is_bare_initial_before_name(s: &str, end: usize) -> bool {
    let initial = &s[..end];
    let next = s[end..].strip_prefix(' ').unwrap_or("");
    let next = next.split([' ', ',', ';', '(']).next().unwrap_or("");
    initial.len() == 1 && initial.chars().all(|c| c.is_ascii_uppercase()) && is_name_token(next)
}

/// The length of a surname that is also a common word ("Hall", "Senior"),
/// right after an honorific or a given name: a capitalised word that ends the text or comes
/// before a comma or a parenthesis, and is not a word of a post.
fn honorific_surname(after: &str) -> Option<usize> {
    let word_len = after
        .find(|c: char| !(c.is_alphabetic() || c == '\'' || c == '-'))
        .unwrap_or(after.len());
    let word = &after[..word_len];
    let rest = after[word_len..].trim_start();
    let titlecase = word.starts_with(char::is_uppercase) && word.chars().skip(1).all(|c| !c.is_uppercase());
    let ends = rest.is_empty() || rest.starts_with(['(', ',']);
    let post = matches!(
        word.to_lowercase().as_str(),
        "present" | "member" | "members" | "chair" | "cabinet" | "leader" | "mayor" | "deputy" | "the"
    );
    (word.chars().count() > 1 && titlecase && ends && !post).then_some(word_len)
}

/// A personal name found at the start of a chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameAt {
    pub honorific: Option<&'static str>,
    /// The name without the honorific.
    pub name: Span,
    /// What follows the name in the chunk (a role, often), trimmed.
    pub rest: Span,
}

/// How strongly a chunk is taken to start with a person's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameEvidence {
    /// Only a personal name is accepted when an honorific or a known given
    /// name marks it.
    Marked,
    /// The context (a "Name, Role" apposition, an attendance list) says a
    /// person is named here: any run of name tokens is accepted.
    Context,
}

/// Reads a personal name at the start of `span` in `text`.
pub fn name_at(text: &str, span: Span, evidence: NameEvidence) -> Option<NameAt> {
    let span = span.trimmed(text, &[',', ';', ':', '.', '(', ')', '-', '•']);
    let mut s = span.slice(text);
    let mut start = span.start;
    // "and Councillor X" at a list's end.
    if let Some(rest) = s.strip_prefix("and ") {
        start += 4;
        s = rest;
    }
    let (honorific, skip) = split_honorific(s);
    let after = &s[skip..];
    let (mut len, mut tokens) = leading_name_run(after);
    if tokens == 0 && honorific.is_some() {
        // "Councillor Hall declared …": after an honorific, a capitalised
        // common word that ends the chunk (or comes before a note) is a surname.
        (len, tokens) = honorific_surname(after).map_or((0, 0), |l| (l, 1));
    }
    if tokens == 0 {
        return None;
    }
    // "Joanne Senior", "Aisha Hall, Head of …": after a lone given name, a
    // capitalised common word that ends the chunk (or comes before a comma
    // or a note) is a surname.
    if tokens == 1 && is_given_name(&after[..len]) {
        let last = after[len..].trim_start_matches(' ');
        let gap = after.len() - len - last.len();
        if let Some(surname) = honorific_surname(last).filter(|_| gap == 1) {
            len += gap + surname;
            tokens = 2;
        }
    }
    let first = after.split([' ', '.']).next().unwrap_or("");
    let accepted = honorific.is_some()
        || match evidence {
            NameEvidence::Context => true,
            NameEvidence::Marked => tokens >= 2 && is_given_name(first),
        };
    if !accepted {
        return None;
    }
    // A lone initial is no name.
    if tokens == 1 && after[..len].trim_end_matches('.').len() <= 1 {
        return None;
    }
    let name = Span::new(start + skip, start + skip + len);
    let rest = Span::new(name.end, span.end).trimmed(text, &[',', ';', ':']);
    Some(NameAt { honorific, name, rest })
}

/// Splits a list of names or name-role appositions at top-level separators:
/// ";", "," and " and " (not inside parentheses). Returns trimmed spans.
pub fn split_list(text: &str, span: Span) -> Vec<Span> {
    let s = span.slice(text);
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'(' => depth += 1,
            b')' => depth = (depth - 1).max(0),
            b';' | b',' if depth == 0 => {
                out.push(Span::new(start, i));
                start = i + 1;
            }
            b' ' if depth == 0 && s[i..].starts_with(" and ") => {
                out.push(Span::new(start, i));
                start = i + 5;
                i += 4;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(Span::new(start, s.len()));
    out.into_iter()
        .map(|sp| sp.offset(span.start).trimmed(text, &['.', ':', ';', ',']))
        .filter(|sp| !sp.is_empty())
        .collect()
}

/// Normalises a printed name for keys and display: collapses whitespace and
/// repairs line-break hyphens ("Cherry- Swaine" → "Cherry-Swaine").
pub fn clean_name(s: &str) -> String {
    let collapsed: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.replace("- ", "-").replace(" -", "-").replace('’', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_name_tokens_are_matched_as_their_patterns_match() {
        let token = Regex::new(r"^[\p{L}.'’]+(?:-\s?[\p{L}'’]+)*").expect("token regex");
        let shaped = |w: &str| NAME_TOKEN.is_match(w);
        for s in [
            "Gough",
            "Di'Lasio",
            "McNeely",
            "Warren-Sykes",
            "Cherry- Swaine",
            "T.",
            "T",
            "J.",
            "O'neil",
            "O'N",
            "O'Neil-",
            "O'Neil-Smith",
            "Smith-",
            "Smith-jones",
            "Smith- Jones-Brown",
            "Smith-\nJones",
            "Smith--Jones",
            "Smith -Jones",
            "AB",
            "A.B.",
            "Ab'c'd",
            "Zoë",
            "Élodie",
            "Ng’ang’a",
            "D’Arcy",
            "Smith\u{a0}- x",
            "x",
            "'s",
            ".",
            "-Jones",
            "Smith-Jones,",
            "Smith's",
            "Mc'",
            "Ann-\u{2003}Marie",
            "Ann-\u{85}Marie",
            "Ann-\x0BMarie",
            "Ann-\u{a0}Marie",
            "3rd",
            "Smith3",
            "",
            "Smith-J",
            "Smith-Jo-",
            "Le'Marr-O'Neil",
        ] {
            assert_eq!(leading_token(s), token.find(s).map_or(0, |m| m.end()), "token of {s:?}");
            if s.is_ascii() {
                assert_eq!(is_ascii_name_token(s.as_bytes()), shaped(s), "name token {s:?}");
            }
        }
    }

    fn name(text: &str, evidence: NameEvidence) -> Option<(Option<&'static str>, String, String)> {
        name_at(text, Span::new(0, text.len()), evidence).map(|n| {
            (
                n.honorific,
                n.name.slice(text).to_string(),
                n.rest.slice(text).to_string(),
            )
        })
    }

    #[test]
    fn an_initial_may_lack_its_period() {
        assert_eq!(
            name("Councillor J Lewis, Leader", NameEvidence::Context),
            Some((Some("Councillor"), "J Lewis".into(), "Leader".into()))
        );
        assert_eq!(name("A Report was noted", NameEvidence::Marked), None);
    }

    #[test]
    fn honorifics_are_split_from_names() {
        assert_eq!(
            name("Councillor Pitchley (in the Chair)", NameEvidence::Marked)
                .unwrap()
                .1,
            "Pitchley"
        );
        assert_eq!(
            name("Cllr Amy Brookes", NameEvidence::Marked).unwrap(),
            (Some("Councillor"), "Amy Brookes".into(), "".into())
        );
        assert_eq!(
            name("Dr Janine Cherry- Swaine", NameEvidence::Marked).unwrap().1,
            "Janine Cherry- Swaine"
        );
        assert_eq!(
            name("Ms. J. Jones (Voluntary Sector Consortium)", NameEvidence::Marked)
                .unwrap()
                .1,
            "J. Jones"
        );
        assert_eq!(
            name("Superintendent Andy Wright", NameEvidence::Marked).unwrap().0,
            Some("Superintendent")
        );
    }

    #[test]
    fn given_names_mark_people_and_roles_follow() {
        let got = name("Julie Warren-Sykes Deputy Chief Nurse", NameEvidence::Marked).unwrap();
        assert_eq!(
            (got.1.as_str(), got.2.as_str()),
            ("Julie Warren-Sykes", "Deputy Chief Nurse")
        );
        assert_eq!(name("Rotherham Rise", NameEvidence::Marked), None);
        assert_eq!(name("Performance Assurance Manager", NameEvidence::Context), None);
        assert_eq!(name("Pepe Di'Lasio", NameEvidence::Context).unwrap().1, "Pepe Di'Lasio");
    }

    #[test]
    fn after_an_honorific_a_common_word_can_be_a_surname() {
        assert_eq!(name("Councillor Hall", NameEvidence::Marked).unwrap().1, "Hall");
        assert_eq!(
            name("Councillor Senior (in the Chair)", NameEvidence::Marked)
                .unwrap()
                .1,
            "Senior"
        );
        assert_eq!(name("Councillors Present", NameEvidence::Marked), None);
        assert_eq!(name("Councillor Senior Adviser", NameEvidence::Marked), None);
    }

    #[test]
    fn a_given_name_then_a_common_word_ending_the_chunk_is_a_full_name() {
        assert_eq!(name("Joanne Senior", NameEvidence::Marked).unwrap().1, "Joanne Senior");
        assert_eq!(name("Aisha Hall", NameEvidence::Context).unwrap().1, "Aisha Hall");
        assert_eq!(
            name("Dr Fiona Hall, Head of Service", NameEvidence::Marked).unwrap().1,
            "Fiona Hall"
        );
        let got = name("Joanne Head of Service", NameEvidence::Context).unwrap();
        assert_eq!((got.1.as_str(), got.2.as_str()), ("Joanne", "Head of Service"));
        assert_eq!(name("Rotherham Hall", NameEvidence::Marked), None);
    }

    #[test]
    fn a_bare_name_between_a_role_and_a_post_starts_a_new_person() {
        let text = "Ian Lockwood, Head of Service for Children's Social Care and Priya Fletcher, District Commander for North Riding Police";
        let people: Vec<(&str, &str)> = parse_name_roles(text, Span::new(0, text.len()))
            .iter()
            .map(|p| (p.name.slice(text), p.role.map_or("", |r| r.slice(text))))
            .collect();
        assert_eq!(
            people,
            [
                ("Ian Lockwood", "Head of Service for Children's Social Care"),
                ("Priya Fletcher", "District Commander for North Riding Police")
            ]
        );
        let text = "Jo Smith, Head of Service for Early Help and Family Engagement, Service Manager";
        assert_eq!(parse_name_roles(text, Span::new(0, text.len())).len(), 1);
    }

    #[test]
    fn lists_split_at_commas_semicolons_and_and() {
        let text = "Councillor Pitchley (in the Chair); Councillors Blackham, T. Collingham and Sutton.";
        let parts: Vec<_> = split_list(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(
            parts,
            vec![
                "Councillor Pitchley (in the Chair)",
                "Councillors Blackham",
                "T. Collingham",
                "Sutton"
            ]
        );
    }

    #[test]
    fn clean_name_repairs_line_break_hyphens() {
        assert_eq!(clean_name("Janine Cherry- Swaine"), "Janine Cherry-Swaine");
        assert_eq!(clean_name("Pepe Di’Lasio"), "Pepe Di'Lasio");
    }
}

/// A person named in a "Name, Role; Name, Role and Name, Role" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedWithRole {
    pub honorific: Option<&'static str>,
    pub name: Span,
    /// The role or post printed after the name, if any.
    pub role: Option<Span>,
}

/// Reads a list of people with their roles. Within each ";"-clause, the
/// first chunk is read as a name whenever it looks like one (the clause
/// structure says a person comes first); later chunks only when an honorific
/// or a known given name marks them. Chunks that are not names extend the
/// role of the person before them.
/// Whether a list chunk opens a clause: a lower-case word that is not one
/// a post or an organisation's name goes on with ("of", "and", "the" …).
pub fn starts_clause(chunk: &str) -> bool {
    let first = chunk.split_whitespace().next().unwrap_or("");
    first.starts_with(|c: char| c.is_lowercase())
        && !matches!(
            first,
            "of" | "for" | "and" | "the" | "to" | "in" | "on" | "at" | "from" | "with" | "&"
        )
}

pub fn parse_name_roles(text: &str, span: Span) -> Vec<NamedWithRole> {
    let mut out: Vec<NamedWithRole> = Vec::new();
    for clause in split_top_level(text, span, b';') {
        let chunks = split_list(text, clause);
        for (n, &chunk) in chunks.iter().enumerate() {
            // "…, Head of Service and Priya Fletcher, District Commander for …":
            // a run of names between separators, then a post, is a person.
            let before_a_post = chunks.get(n + 1).is_some_and(|next| starts_with_post(next.slice(text)));
            let evidence = if n == 0 || (before_a_post && is_bare_full_name(chunk.slice(text))) {
                NameEvidence::Context
            } else {
                NameEvidence::Marked
            };
            let found = name_at(text, chunk, evidence).filter(|found| {
                // A clause-first chunk read on context alone must be a short name.
                evidence == NameEvidence::Marked
                    || found.honorific.is_some()
                    || is_given_name(found.name.slice(text).split(' ').next().unwrap_or(""))
                    || found.rest.is_empty()
            });
            match found {
                Some(found) => out.push(NamedWithRole {
                    honorific: found.honorific,
                    name: found.name,
                    role: (!found.rest.is_empty()).then_some(found.rest),
                }),
                // "Vicky Schofield, Head of Service for First Response,
                // presented a report …": a clause after the apposition ends
                // the list; it is no part of the post.
                None if starts_clause(chunk.slice(text)) => break,
                None => {
                    if let Some(last) = out.last_mut() {
                        let start = last.role.map_or(chunk.start, |r| r.start);
                        last.role = Some(Span::new(start, chunk.end));
                    }
                }
            }
        }
    }
    for person in &mut out {
        person.role = person
            .role
            .map(|r| unbracketed(text, r.trimmed(text, &[',', ';', '.', ':'])))
            .filter(|r| !r.is_empty());
    }
    out
}

/// A role printed in brackets after the name ("Councillor Watson (Deputy
/// Leader)"), without them.
fn unbracketed(text: &str, role: Span) -> Span {
    let s = role.slice(text);
    match s.strip_prefix('(') {
        Some(inner) if !inner.contains('(') => {
            let inner = inner.strip_suffix(')').unwrap_or(inner);
            Span::new(role.start + 1, role.start + 1 + inner.len()).trimmed(text, &[])
        }
        _ => role,
    }
}

/// Whether `s` opens with a word of a post or body ("District Commander …",
/// "Head of Service …").
fn starts_with_post(s: &str) -> bool {
    s.split_whitespace()
        .next()
        .is_some_and(|w| w.starts_with(char::is_uppercase) && is_non_name_word(w))
}

/// "Priya Fletcher": two or three name tokens and nothing else, no initials.
fn is_bare_full_name(s: &str) -> bool {
    let (len, tokens) = leading_name_run(s);
    len == s.len() && (2..=3).contains(&tokens) && !s.contains('.')
}

/// Splits at a separator byte outside parentheses.
pub fn split_top_level(text: &str, span: Span, sep: u8) -> Vec<Span> {
    let s = span.slice(text).as_bytes();
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.iter().enumerate() {
        match *c {
            b'(' => depth += 1,
            b')' => depth = (depth - 1).max(0),
            c if c == sep && depth == 0 => {
                out.push(Span::new(span.start + start, span.start + i));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(Span::new(span.start + start, span.end));
    out
}

#[cfg(test)]
mod role_list_tests {
    use super::*;

    fn people(text: &str) -> Vec<(String, Option<String>)> {
        parse_name_roles(text, Span::new(0, text.len()))
            .into_iter()
            .map(|p| {
                (
                    p.name.slice(text).to_string(),
                    p.role.map(|r| r.slice(text).to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn a_clause_after_the_apposition_is_no_part_of_the_post() {
        let text = "Vicky Schofield, Head of Service for First Response, presented a report on the procedures.";
        assert_eq!(
            people(text),
            vec![(
                "Vicky Schofield".into(),
                Some("Head of Service for First Response".into())
            )]
        );
    }

    #[test]
    fn semicolon_clauses_start_with_a_name() {
        let text = "John Edwards, Regional Schools Commissioner (East Midlands); Councillor Watson, Cabinet Member for Children; \
Pepe Di'Lasio, Assistant Director for Education; Sue Wilson, Head of Service, Performance and Planning and Anne Hawke, Performance Manager.";
        assert_eq!(
            people(text),
            vec![
                (
                    "John Edwards".into(),
                    Some("Regional Schools Commissioner (East Midlands)".into())
                ),
                ("Watson".into(), Some("Cabinet Member for Children".into())),
                ("Pepe Di'Lasio".into(), Some("Assistant Director for Education".into())),
                (
                    "Sue Wilson".into(),
                    Some("Head of Service, Performance and Planning".into())
                ),
                ("Anne Hawke".into(), Some("Performance Manager".into())),
            ]
        );
    }

    #[test]
    fn roles_in_brackets_lose_them() {
        let text = "Councillor Watson (Deputy Leader) and Councillor Steele (Chair of the Overview and Scrutiny Management Board)";
        assert_eq!(
            people(text),
            vec![
                ("Watson".into(), Some("Deputy Leader".into())),
                (
                    "Steele".into(),
                    Some("Chair of the Overview and Scrutiny Management Board".into())
                ),
            ]
        );
    }

    #[test]
    fn comma_lists_rely_on_marked_names() {
        let text = "Councillor Cusworth, Cabinet Member for Children's and Young Peoples Services, Laura Kosciwicz, District Commander \
for South Yorkshire Police, Julie Warren-Sykes Deputy Chief Nurse and Designated Nurse for Safeguarding and Looked-after Children and \
Darren Downs, Independent Scrutineer";
        let got = people(text);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(
            got[0].1.as_deref(),
            Some("Cabinet Member for Children's and Young Peoples Services")
        );
        assert_eq!(
            got[2],
            (
                "Julie Warren-Sykes".into(),
                Some("Deputy Chief Nurse and Designated Nurse for Safeguarding and Looked-after Children".into())
            )
        );
    }
}
