//! Bodies known before a text is read: the lexicon of national bodies
//! (and their local branches: "Healthwatch Rotherham"), names found in
//! other files of the corpus, and the file's own council with the words
//! that refer to it ("the Council", "the Authority").
//!
//! Architecture invariant: finds mentions with spans and a kind, as the
//! rest of `bodies` does; merging them is `resolve`'s job.

use super::*;

struct NationalBody {
    name: &'static str,
    kind: BodyKind,
}

static NATIONAL_BODIES: LazyLock<Vec<NationalBody>> = LazyLock::new(|| {
    include_str!("../../lexicon/national_bodies.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (name, kind) = l.split_once('\t')?;
            Some(NationalBody {
                name: name.trim(),
                kind: BodyKind::parse(kind.trim())?,
            })
        })
        .collect()
});

/// A body name known before reading a text: from the lexicon of national
/// bodies, or found in another file of the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KnownBody {
    pub name: String,
    pub kind: BodyKind,
    pub national: bool,
    /// The key of the body the name belongs to, when it was found in a file
    /// (several names can be one body's); empty for the lexicon's names.
    pub key: String,
}

impl KnownBody {
    /// `kind<TAB>l|n<TAB>key<TAB>name`, one a line: how a file's names are kept in the store.
    pub fn encode_list(names: &[KnownBody]) -> String {
        names
            .iter()
            .map(|k| {
                let scope = if k.national { 'n' } else { 'l' };
                format!("{}\t{scope}\t{}\t{}\n", k.kind.as_str(), k.key, k.name)
            })
            .collect()
    }

    /// The inverse of [`KnownBody::encode_list`]; `None` when a line is not in its form.
    pub fn decode_list(text: &str) -> Option<Vec<KnownBody>> {
        text.lines()
            .map(|line| {
                let mut fields = line.splitn(4, '\t');
                let kind = BodyKind::parse(fields.next()?)?;
                let national = match fields.next()? {
                    "n" => true,
                    "l" => false,
                    _ => return None,
                };
                let key = fields.next()?.to_string();
                let name = fields.next()?.to_string();
                Some(KnownBody {
                    name,
                    kind,
                    national,
                    key,
                })
            })
            .collect()
    }
}

/// The printed forms of known names (as printed, and in capitals), found
/// in one pass over a text.
pub(super) struct KnownForms<'k> {
    automaton: Option<aho_corasick::AhoCorasick>,
    /// Each pattern's form and body, in the bodies' order.
    forms: Vec<(String, &'k KnownBody)>,
}

impl<'k> KnownForms<'k> {
    pub(super) fn new(known: impl Iterator<Item = &'k KnownBody>) -> Self {
        let mut forms = Vec::new();
        for body in known {
            let upper = body.name.to_uppercase();
            forms.push((body.name.clone(), body));
            if upper != body.name {
                forms.push((upper, body));
            }
        }
        let automaton = aho_corasick::AhoCorasick::new(forms.iter().map(|(f, _)| f.as_str())).ok();
        KnownForms { automaton, forms }
    }
}

/// Mentions of known names (as printed, or in capitals), word-bounded and
/// not inside a mention already found; an earlier name wins an overlap.
pub(super) fn known_mentions(text: &str, span: Span, known: &KnownForms, out: &mut Vec<BodyMention>) {
    let Some(automaton) = &known.automaton else { return };
    let s = span.slice(text);
    let mut found: Vec<(usize, usize)> = automaton
        .find_overlapping_iter(s)
        .filter(|m| {
            let before = s[..m.start()].chars().next_back();
            let after = s[m.end()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|m| (m.pattern().as_usize(), m.start()))
        .collect();
    found.sort_unstable();
    for (pattern, at) in found {
        let (form, body) = &known.forms[pattern];
        let found = Span::new(span.start + at, span.start + at + form.len());
        if !out
            .iter()
            .any(|m| m.name.span.contains(found) || found.contains(m.name.span))
        {
            out.push(BodyMention {
                name: Spanned::new(form.as_str(), found),
                kind: body.kind,
                national: body.national,
            });
        }
    }
}

/// A national body's name followed by the place of a council ("Healthwatch
/// Rotherham", "Age UK Barnsley") names that place's own branch: a local
/// body. The places are those of the councils named in `found` or `known`.
pub(super) fn local_branches(text: &str, known: &[KnownBody], found: &mut [BodyMention]) {
    let councils = found
        .iter()
        .map(|m| m.name.text.as_str())
        .filter(|n| n.ends_with("Council"));
    let known_councils = known
        .iter()
        .filter(|k| k.kind == BodyKind::Council)
        .map(|k| k.name.as_str());
    let places: Vec<String> = councils
        .chain(known_councils)
        .filter_map(|name| name.split_whitespace().next())
        .filter(|place| place.chars().all(char::is_alphabetic) && place.len() > 2)
        .map(str::to_string)
        .collect();
    for m in found.iter_mut().filter(|m| m.national) {
        let after = &text[m.name.span.end..];
        let place = places.iter().find(|place| {
            after
                .strip_prefix(' ')
                .and_then(|a| a.strip_prefix(place.as_str()))
                .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
        });
        if let Some(place) = place {
            m.name.span.end += 1 + place.len();
            m.name.text = m.name.span.slice(text).to_string();
            m.national = false;
        }
    }
}

/// The council a text names, when every council it names by a name with
/// "Council" in it is one place's ("Rotherham Metropolitan Borough
/// Council", "Rotherham Council"): the longest of those names, for "the
/// Council" to refer to. `None` when it names none, or two places'.
pub fn own_council(mentions: &[BodyMention]) -> Option<KnownBody> {
    let councils: Vec<&str> = mentions
        .iter()
        .filter(|m| m.kind == BodyKind::Council && !m.national)
        .map(|m| m.name.text.as_str())
        .filter(|name| name.split_whitespace().any(|w| w.eq_ignore_ascii_case("council")))
        .collect();
    // The place is the first word, unless that is a word of the kind of
    // council ("Metropolitan Borough Council" names no place).
    let place = |name: &str| {
        let first = name.split_whitespace().next()?;
        (!crate::names::is_non_name_word(first)).then(|| first.to_lowercase())
    };
    let placed: Vec<(&str, String)> = councils.iter().filter_map(|c| Some((*c, place(c)?))).collect();
    let (_, first) = placed.first()?;
    if placed.iter().any(|(_, p)| p != first) {
        return None;
    }
    let (name, _) = placed.iter().max_by_key(|(c, _)| (c.len(), std::cmp::Reverse(*c)))?;
    Some(KnownBody {
        name: name.to_string(),
        kind: BodyKind::Council,
        national: false,
        key: String::new(),
    })
}

/// "the Council" and "the Council's …" in `span`, read as `council`
/// (appended to `out` where no mention covers them).
pub fn council_references(text: &str, span: Span, council: &KnownBody, out: &mut Vec<BodyMention>) {
    council_anaphora(text, span, std::slice::from_ref(council), out);
}

/// "the Council": the one local-authority council among the known bodies,
/// when there is exactly one.
pub(super) fn council_anaphora(text: &str, span: Span, known: &[KnownBody], out: &mut Vec<BodyMention>) {
    let mut councils = known.iter().filter(|k| k.kind == BodyKind::Council);
    let (Some(council), None) = (councils.next(), councils.next()) else {
        return;
    };
    let s = span.slice(text);
    // "the Council", and a possessive "Council's" with no name before it.
    let possessive = ["Council's ", "Council’s "].into_iter().flat_map(|p| {
        s.match_indices(p).filter(|(at, _)| {
            let before = s[..*at].trim_end();
            let last_word = before.rsplit(' ').next().unwrap_or("");
            *at == 0 || !last_word.starts_with(char::is_uppercase) || before.ends_with(['.', '–', '-', ':'])
        })
    });
    let the_council = s.match_indices("the Council").map(|(at, m)| (at + "the ".len(), m));
    for (word_start, _) in the_council.chain(possessive) {
        let end = word_start + "Council".len();
        let after = &s[end..];
        let owns = after.starts_with("'s") || after.starts_with("’s");
        let after = after.trim_start_matches("'s").trim_start_matches("’s");
        // "the Council Chamber" names something else; "the Council's Commission" does not.
        let names_more = !owns && after.starts_with(' ') && after[1..].starts_with(char::is_uppercase);
        if after.starts_with(char::is_alphanumeric) || names_more {
            continue;
        }
        let found = Span::new(span.start + word_start, span.start + end);
        if !out.iter().any(|m| m.name.span.contains(found)) {
            out.push(BodyMention {
                name: Spanned::new(council.name.clone(), found),
                kind: BodyKind::Council,
                national: false,
            });
        }
    }
}

pub(super) static NATIONAL_FORMS: LazyLock<KnownForms<'static>> =
    LazyLock::new(|| KnownForms::new(NATIONAL_KNOWN.iter()));

static NATIONAL_KNOWN: LazyLock<Vec<KnownBody>> = LazyLock::new(|| {
    NATIONAL_BODIES
        .iter()
        .map(|b| KnownBody {
            name: b.name.to_string(),
            kind: b.kind,
            national: true,
            key: String::new(),
        })
        .collect()
});

#[cfg(test)]
mod tests {
    use super::super::tests::bodies;
    use super::*;

    #[test]
    fn a_national_body_followed_by_a_councils_place_is_its_local_branch() {
        assert_eq!(
            bodies("Rotherham Metropolitan Borough Council met Healthwatch Rotherham and Healthwatch England."),
            vec![
                ("Rotherham Metropolitan Borough Council".to_string(), "council"),
                ("Healthwatch Rotherham".to_string(), "other"),
                ("Healthwatch".to_string(), "other"),
            ]
        );
    }

    #[test]
    fn national_bodies_without_a_head_noun_come_from_the_lexicon() {
        assert_eq!(
            bodies("An OFSTED inspection; Ofsted found"),
            vec![
                ("OFSTED".to_string(), "government"),
                ("Ofsted".to_string(), "government")
            ]
        );
    }

    #[test]
    fn names_known_from_other_files_are_found_unmarked() {
        let known = [KnownBody {
            name: "Rotherham Rise".into(),
            kind: BodyKind::Charity,
            national: false,
            key: String::new(),
        }];
        let text = "Rotherham Rise would complete a triage process.";
        let found = find_bodies_knowing(text, Span::new(0, text.len()), &known);
        assert_eq!(found[0].name.text, "Rotherham Rise");
        assert!(find_bodies(text, Span::new(0, text.len())).is_empty());
    }

    #[test]
    fn the_council_is_the_one_known_council() {
        let council = KnownBody {
            name: "Rotherham Metropolitan Borough Council".into(),
            kind: BodyKind::Council,
            national: false,
            key: String::new(),
        };
        let text = "It was agreed by the Council. The Council Chamber was full.";
        let found = find_bodies_knowing(text, Span::new(0, text.len()), std::slice::from_ref(&council));
        let names: Vec<_> = found
            .iter()
            .map(|m| (m.name.text.as_str(), m.name.span.slice(text)))
            .collect();
        assert_eq!(names, vec![("Rotherham Metropolitan Borough Council", "Council")]);
        let two = [
            council.clone(),
            KnownBody {
                name: "Sheffield City Council".into(),
                ..council.clone()
            },
        ];
        assert!(find_bodies_knowing(text, Span::new(0, text.len()), &two).is_empty());
        let text = "It went to the Council's Improving Lives Select Commission, under the Council’s Fresh Start Plan; Sheffield Council's plan differs.";
        let found = find_bodies_knowing(text, Span::new(0, text.len()), std::slice::from_ref(&council));
        let councils: Vec<usize> = found
            .iter()
            .filter(|m| m.name.text == council.name)
            .map(|m| m.name.span.start)
            .collect();
        assert_eq!(
            councils,
            [text.find("Council's").unwrap(), text.find("Council’s").unwrap()]
        );
    }

    #[test]
    fn a_file_naming_one_places_council_reads_the_council_as_it() {
        let text =
            "Rotherham Metropolitan Borough Council and Rotherham Council met. The plan went to the Council's Cabinet.";
        let whole = Span::new(0, text.len());
        let council = own_council(&find_bodies(text, whole)).expect("one place's council");
        assert_eq!(council.name, "Rotherham Metropolitan Borough Council");
        let mut found = find_bodies(text, whole);
        council_references(text, whole, &council, &mut found);
        assert!(found
            .iter()
            .any(|m| m.name.text == council.name && m.name.span.start == text.find("Council's").unwrap()));
        let two = "Rotherham Metropolitan Borough Council and Sheffield City Council met.";
        let found = find_bodies(two, Span::new(0, two.len()));
        assert!(own_council(&found).is_none(), "{found:?}");
    }
}
