//! People named anywhere in a document (report authors, signatories,
//! officers mentioned in passing): a personal name marked by an honorific or
//! by a known given name.
//!
//! Architecture invariant: only marked names are taken; a capitalised pair
//! without either mark ("Rotherham Rise") is never read as a person here.

use crate::extract::bodies::KIND_NOUNS;
use crate::names::{clean_name, name_at, starts_clause, NameEvidence};
use crate::text::{Span, Spanned};
use regex::Regex;
use std::sync::LazyLock;

/// A name, with its honorific if any. It starts at a word boundary (`\b`),
/// which `find_mentions` checks: a Unicode `\b` in the pattern makes the
/// lazy DFA give up on text with non-ASCII letters.
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?:Councillor|Cllr|Dr|Mr|Mrs|Ms|Miss|Superintendent|Chief Superintendent|Inspector|Professor)\.?\s+)?\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’-]*(?:-\s\p{Lu}\p{Ll}+)?){1,2}",
    )
    .expect("regex")
});

/// A person named in passing: honorific (if any), the cleaned name, and
/// the post printed with it in a signature, author line or sign-off table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub honorific: Option<&'static str>,
    pub name: Spanned,
    pub role: Option<Spanned>,
    /// The text says the person was appointed to the post.
    pub appointed: bool,
    /// For a chair appointed without a body named ("… was appointed as a
    /// new Chair"): the kind of body the paragraph last calls "the group"
    /// ("board", "panel" …) and where, for `resolve` to find that body.
    pub chair_of: Option<(String, usize)>,
}

/// "the group", "the Board": a body named by its kind.
static THE_KIND: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"\b[Tt]he ({KIND_NOUNS})\b")).expect("regex"));

/// The kind of body the paragraph before `named` (up to 400 bytes) last
/// names as "the group", "the Board" …, and where.
fn kind_named_before(text: &str, named: usize) -> Option<(String, usize)> {
    let paragraph_start = text[..named].rfind("\n\n").map_or(0, |i| i + 2);
    let mut window_start = paragraph_start.max(named.saturating_sub(400));
    while !text.is_char_boundary(window_start) {
        window_start += 1;
    }
    let kind = THE_KIND.captures_iter(&text[window_start..named]).last()?;
    Some((
        kind[1].to_lowercase(),
        window_start + kind.get(0).expect("match").start(),
    ))
}

/// "Superintendent Andy Wright was appointed as a new Chair".
static APPOINTED_AS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:has been|had been|was|is|were)\s+appointed\s+as\s+(?:an?\s+|the\s+)?(?:new\s+|interim\s+)?(?P<post>\p{Lu}[\p{L}'’-]*(?:\s+(?:of|for|and|&)?\s*\p{Lu}[\p{L}'’-]*)*)")
        .expect("regex")
});

/// "A new Strategic Director for Childrens Services, Nicola Curley was appointed".
static NEW_POST_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\ban?\s+new\s+(?P<post>[\p{L}'’ -]+?),\s*$").expect("regex"));

/// A post the person is said to be appointed to, after or before the name.
fn appointment(text: &str, name: Span) -> Option<Spanned> {
    let after = &text[name.end..];
    if let Some(c) = APPOINTED_AS.captures(after) {
        let post = c.name("post").expect("group");
        let start = name.end + post.start();
        return Some(Spanned::from_source(text, Span::new(start, name.end + post.end())));
    }
    let appointed_follows =
        after.trim_start().starts_with("was appointed") || after.trim_start().starts_with("has been appointed");
    if !appointed_follows {
        return None;
    }
    let sentence_start = text[..name.start].rfind(['.', '\n']).map_or(0, |p| p + 1);
    let c = NEW_POST_BEFORE.captures(&text[sentence_start..name.start])?;
    let post = c.name("post").expect("group");
    Some(Spanned::from_source(
        text,
        Span::new(sentence_start + post.start(), sentence_start + post.end()),
    ))
}

/// Nouns that make a phrase a post ("Strategic Director of …", "Business
/// Manager, Rotherham LSCB", "Assistant Chief Constable").
const POST_NOUNS: &[&str] = &[
    "director",
    "manager",
    "officer",
    "executive",
    "adviser",
    "advisor",
    "head",
    "lead",
    "chair",
    "constable",
    "superintendent",
    "inspector",
    "commander",
    "nurse",
    "scrutineer",
    "commissioner",
    "coordinator",
    "co-ordinator",
    "consultant",
    "leader",
    "secretary",
    "clerk",
    "principal",
    "headteacher",
    "member",
];

/// Whether `s` reads as a post: a post noun among its first words.
fn is_post(s: &str) -> bool {
    let head = s.split([',', '(']).next().unwrap_or(s);
    let head = head.split(" of ").next().unwrap_or(head);
    let head = head.split(" for ").next().unwrap_or(head);
    s.starts_with(char::is_uppercase)
        && head.split_whitespace().count() <= 6
        && head
            .split_whitespace()
            .any(|w| POST_NOUNS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str()))
}

/// The post after a name that opens a line: "Jon Stonehouse, Strategic
/// Director of Children and Young People's Services" (a signature or
/// author line), up to the end of the line.
fn role_after(text: &str, name: Span) -> Option<Spanned> {
    let line_start = text[..name.start].rfind('\n').map_or(0, |p| p + 1);
    let before = text[line_start..name.start].trim();
    let opens_line = before.is_empty() || before.ends_with(':') && before.split_whitespace().count() <= 3;
    let rest = text[name.end..].strip_prefix(", ")?;
    let line = rest.split('\n').next().unwrap_or(rest);
    // "…, Head of Service for First Response, presented a report": the
    // post ends where a clause starts.
    let line = line
        .match_indices(", ")
        .find(|(at, _)| starts_clause(&line[at + 2..]))
        .map_or(line, |(at, _)| &line[..at]);
    let line = line.trim_end().trim_end_matches(',');
    if !opens_line || line.is_empty() || line.len() > 150 || !is_post(line) {
        return None;
    }
    let start = name.end + 2;
    Some(Spanned::from_source(text, Span::new(start, start + line.len())))
}

/// The post in the same row of a sign-off table: "Head of Legal Services
/// (Deputy Monitoring Officer)<TAB>Bal Nahal<TAB>23/04/19".
fn role_in_row(text: &str, name: Span) -> Option<Spanned> {
    let line_start = text[..name.start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[name.end..].find('\n').map_or(text.len(), |p| name.end + p);
    let line = &text[line_start..line_end];
    if !line.contains('\t') {
        return None;
    }
    let mut at = line_start;
    for cell in line.split('\t') {
        let cell_span = Span::new(at, at + cell.len());
        at += cell.len() + 1;
        let trimmed = cell.trim();
        if !cell_span.contains(name) && !trimmed.is_empty() && is_post(trimmed) {
            let offset = cell.len() - cell.trim_start().len();
            let start = cell_span.start + offset;
            return Some(Spanned::from_source(text, Span::new(start, start + trimmed.len())));
        }
    }
    None
}

/// Sign-off tables mark a name by its row: a cell of two or three name
/// tokens beside a cell holding a post ("Head of Legal Services<TAB>Bal
/// Nahal<TAB>23/04/19"), even when the given name is not in the lexicon.
fn sign_off_rows(text: &str, span: Span, out: &mut Vec<Mention>) {
    for line in crate::text::lines_in(text, span) {
        if line.text.matches('\t').count() < 1 {
            continue;
        }
        let mut at = line.span.start;
        for cell in line.text.split('\t') {
            let cell_span = Span::new(at, at + cell.len()).trimmed(text, &[]);
            at += cell.len() + 1;
            let tokens: Vec<&str> = cell_span.slice(text).split(' ').collect();
            let looks_like_name =
                (2..=3).contains(&tokens.len()) && tokens.iter().all(|t| crate::names::is_name_token(t));
            if !looks_like_name || is_post(cell_span.slice(text)) || out.iter().any(|m| m.name.span == cell_span) {
                continue;
            }
            if let Some(role) = role_in_row(text, cell_span) {
                out.push(Mention {
                    honorific: None,
                    name: Spanned::from_source(text, cell_span),
                    role: Some(role),
                    appointed: false,
                    chair_of: None,
                });
            }
        }
    }
}

/// The matches of [`CANDIDATE`] in `s` that start at a word boundary, as
/// `find_iter` finds those of the pattern led by `\b`: a match after a
/// word character is passed over and the search goes on from the next
/// character.
fn candidates(s: &str) -> impl Iterator<Item = regex::Match<'_>> {
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let m = CANDIDATE.find_at(s, at)?;
        if s[..m.start()]
            .chars()
            .next_back()
            .is_some_and(crate::text::is_word_char)
        {
            at = m.start() + s[m.start()..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        at = m.end();
        return Some(m);
    })
}

pub fn find_mentions(text: &str, span: Span) -> Vec<Mention> {
    let s = span.slice(text);
    let mut out = Vec::new();
    for m in candidates(s) {
        let candidate = Span::new(span.start + m.start(), span.start + m.end());
        let Some(found) = name_at(text, candidate, NameEvidence::Marked) else {
            continue;
        };
        let name = clean_name(found.name.slice(text));
        // A councillor may be named by surname alone; anyone else needs two tokens.
        if found.honorific != Some("Councillor") && !name.contains(' ') {
            continue;
        }
        let appointed = appointment(text, found.name);
        let bare_chair = appointed.as_ref().is_some_and(|post| {
            matches!(
                post.text.as_str(),
                "Chair" | "Vice-Chair" | "Vice Chair" | "Chairperson"
            )
        });
        let role = role_after(text, found.name).or_else(|| role_in_row(text, found.name));
        out.push(Mention {
            honorific: found.honorific,
            name: Spanned::new(name, found.name),
            appointed: appointed.is_some(),
            chair_of: bare_chair.then(|| kind_named_before(text, found.name.start)).flatten(),
            role: appointed.or(role),
        });
    }
    sign_off_rows(text, span, &mut out);
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
    fn candidates_start_at_word_boundaries_as_with_the_pattern_led_by_b() {
        let led = Regex::new(&format!(r"\b(?:{})", CANDIDATE.as_str())).expect("regex");
        for text in [
            "McDonald and Councillor Smith Jones met Dr. Ann Lee; xMr Bob Smith, _Ann Lee, 9Ann Lee and éAnn Lee",
            "Zoë Ángel Smith’s Óscar Ruiz-Díaz met ÉMILE Zola ’Ann Lee Cllr Brown- Green and Dame Judi Dench",
            "AAnn Lee BBob Ray Ann",
        ] {
            let expected: Vec<(usize, usize)> = led.find_iter(text).map(|m| (m.start(), m.end())).collect();
            let got: Vec<(usize, usize)> = candidates(text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(got, expected, "{text}");
        }
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

    fn roles(text: &str) -> Vec<(String, String)> {
        find_mentions(text, Span::new(0, text.len()))
            .into_iter()
            .filter_map(|m| m.role.map(|r| (m.name.text, r.text)))
            .collect()
    }

    #[test]
    fn signature_lines_and_sign_off_tables_give_posts() {
        assert_eq!(
            roles("Yours,\nJon Stonehouse, Strategic Director of Children and Young People's Services\n"),
            vec![(
                "Jon Stonehouse".to_string(),
                "Strategic Director of Children and Young People's Services".to_string()
            )]
        );
        assert_eq!(
            roles("Chris Edwards, Chief Officer,\nNHS Rotherham CCG"),
            vec![("Chris Edwards".to_string(), "Chief Officer".to_string())]
        );
        assert_eq!(
            roles("Head of Legal Services (Deputy Monitoring Officer)\tBal Nahal\t23/04/19"),
            vec![(
                "Bal Nahal".to_string(),
                "Head of Legal Services (Deputy Monitoring Officer)".to_string()
            )]
        );
    }

    #[test]
    fn appointments_give_posts() {
        assert_eq!(
            roles("Superintendent Andy Wright was appointed\n\nas a new Chair and attendee roles were reviewed"),
            vec![("Andy Wright".to_string(), "Chair".to_string())]
        );
        assert_eq!(
            roles("- A new Strategic Director for Childrens Services, Nicola Curley was appointed, bringing"),
            vec![(
                "Nicola Curley".to_string(),
                "Strategic Director for Childrens Services".to_string()
            )]
        );
    }

    #[test]
    fn names_in_running_text_get_no_post() {
        assert_eq!(
            roles("Vicky Schofield, Head of Service for First Response, presented a report on it."),
            [("Vicky Schofield".into(), "Head of Service for First Response".into())]
        );
        assert!(roles("He thanked Jon Stonehouse, Phil Morris and others.").is_empty());
        assert!(roles("Laura Gough, who spoke, said").is_empty());
    }

    #[test]
    fn unmarked_capitalised_phrases_are_not_people() {
        assert!(names("Rotherham Rise and Sheffield Hallam University and Early Help Strategy").is_empty());
    }
}
