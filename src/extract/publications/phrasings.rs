//! Documents named in other ways than a capitalised title ending in its
//! head: titles in sentence case or led by an acronym, update reports,
//! acts of several years, links, numbered provisions, responses and
//! evaluations. Each rule adds mentions to those `super` found.

use super::*;

/// "the LAC sufficiency strategy", "the RESP strategic plan", "the
/// 'PAPERS' framework": an acronym marks a title whose other words are
/// printed in lower case. The acronym has two to six capitals: the repeat
/// is unbounded and a longer one passed over in `acronym_led` (a bounded
/// repeat of a Unicode class compiles to a copy per repeat). The bounded
/// pattern matches nowhere in such a match: inside the capitals is no word
/// boundary, and the rest of it has no capital.
static ACRONYM_LED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?P<acronym>\p{Lu}{2,})(?:\*\*)?['’\x22”]?(?P<rest>(?: [a-z][a-z-]+){0,3} (?:strategy|plan|report|review|framework|protocol|policy|pathway))\b",
    )
    .expect("regex")
});

pub(super) fn acronym_led(text: &str, span: Span, out: &mut Vec<DocumentMention>) {
    for c in ACRONYM_LED.captures_iter(span.slice(text)) {
        if c["acronym"].chars().count() > 6 {
            continue;
        }
        let m = c.get(0).expect("match");
        let found = Span::new(span.start + m.start(), span.start + m.end());
        if out.iter().any(|d| d.span.start < found.end && found.start < d.span.end) {
            continue;
        }
        let head = m.as_str().rsplit(' ').next().unwrap_or("");
        // "the '**PAPERS**' framework": quotes and bold marks are not the title's.
        let title = format!("{}{}", &c["acronym"], &c["rest"]);
        out.push(DocumentMention {
            title: Spanned::new(title, found),
            period: None,
            kind: HEADS.iter().find(|(h, _)| *h == head).map_or("other", |(_, t)| *t),
            span: found,
            earlier: false,
        });
    }
}

/// Documents named in `span` of `text`, in text order.
/// "the new strategic plan for 2025/2028", "the draft work programme
/// 2019/20": a title printed in lower case after an article, made a title
/// by its period ("the report 2023-24" names none: a head alone).
static DATED_LOWER_CASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Oo]ur) (?:(?:new|draft|revised|proposed|current) )*(?P<title>(?:[a-z]+ ){1,2}(?:strategy|plan|report|programme|framework|policy|prospectus))(?: for)? (?P<first>(?:19|20)\d{2})\s*[-–/]\s*(?P<second>(?:19|20)?\d{2})\b")
        .expect("regex")
});

pub(super) fn dated_in_lower_case(text: &str, span: Span, out: &mut Vec<DocumentMention>) {
    for c in DATED_LOWER_CASE.captures_iter(span.slice(text)) {
        let whole = c.get(0).expect("match");
        let title = c.name("title").expect("group");
        let title_span = Span::new(span.start + title.start(), span.start + title.end());
        let words: Vec<&str> = title.as_str().split(' ').collect();
        if out.iter().any(|m| m.span.overlaps(title_span)) {
            continue;
        }
        let head = words[words.len() - 1];
        out.push(DocumentMention {
            title: Spanned::from_source(text, title_span),
            period: Some(period(&c["first"], Some(&c["second"]))),
            kind: HEADS.iter().find(|(h, _)| *h == head).map_or("report", |(_, t)| *t),
            span: Span::new(title_span.start, span.start + whole.end()),
            earlier: false,
        });
    }
}

/// Heads a sentence-case title may end in: the capitalised words of its
/// name, then its other words and its head in lower case.
static SENTENCE_CASE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ ((?:[a-z][\p{L}'’-]* ){0,3})(strategy|plan|report|framework|protocol|procedures|guidance|prospectus|pathway|rules|policy|audit|charter)\b")
        .expect("regex")
});

/// A head's capitalised complement: "rules for Information Sharing".
static CAPITALISED_COMPLEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ (?:for|of|on) \p{Lu}[\p{L}'’-]*(?: (?:\p{Lu}[\p{L}'’-]*|of|and|for|the|in|to))*").expect("regex")
});

/// Lower-case words that cannot stand between a name and its head: they
/// belong to the sentence ("the Cabinet received the report").
const NOT_IN_TITLES: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her", "of", "for", "to", "in",
    "on", "at", "by", "with", "from", "as", "is", "was", "were", "be", "been", "are", "has", "have", "had", "would",
    "will", "should", "could", "may", "can", "must", "which", "who", "not", "or", "but", "into", "about", "new",
    "draft", "current", "previous", "latest", "also", "any", "each", "every", "all", "such", "further", "final",
    "verbal", "written",
];

/// A middle word of a sentence-case title: a content word, not one of the
/// sentence's ("presented", "recently").
fn title_word(word: &str) -> bool {
    !NOT_IN_TITLES.contains(&word) && !word.ends_with("ed") && !word.ends_with("ly")
}

/// Words that may follow a head ending a title: a verb, a relative or a
/// preposition; a lower-case noun instead means the head only qualifies it
/// ("A consultation session", "policy and strategic agendas").
const AFTER_TITLE: &[&str] = &[
    "was", "were", "is", "are", "has", "had", "have", "would", "will", "should", "could", "can", "may", "must", "be",
    "being", "been", "which", "that", "who", "to", "for", "of", "in", "on", "at", "by", "with", "from", "as", "across",
    "within", "into", "so",
];

/// Whether the text after a head ends the noun phrase the head ends.
fn ends_noun_phrase(after: &str) -> bool {
    let next = after.trim_start_matches([' ', '\t']);
    let word: String = next.chars().take_while(|c| c.is_alphanumeric() || *c == '-').collect();
    if !word.starts_with(|c: char| c.is_lowercase()) {
        return true;
    }
    AFTER_TITLE.contains(&word.as_str()) || word.ends_with("ed")
}

/// A title whose only capitalised word opens a sentence, list item or
/// table cell: the capital may be the sentence's ("Clear procedures",
/// "Using consultation"), unless two or more lower-case words follow it
/// ("Safeguarding adults annual report") or the word is a hyphenated
/// compound, a modifier ("Multi-agency threshold guidance").
fn sentence_initial_word(text: &str, run: &[Word], start: usize, last: usize) -> bool {
    let before = text[..run[start].span.start].trim_end_matches([' ', '\t']);
    let opens = before.is_empty()
        || before.ends_with(['.', '\n', '-', '•', '>', ':', '*'])
        || before.ends_with(char::is_numeric);
    start == last && opens && !run[start].text.contains('-')
}

/// "… has also been published", "… was approved": the sentence says the
/// phrase before is a document.
fn said_published(after: &str) -> bool {
    static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s+(?:has|have|had|was|were|will|would|is|are)(?: \w+ly| also)? (?:been |be )?(?:published|approved|launched|produced|issued|developed|refreshed|agreed|adopted|endorsed|revised|updated)\b").expect("regex")
    });
    PUBLISHED.is_match(after)
}

/// "the Safeguarding Partners annual report", "Directorate workforce
/// strategy", "The Seven Golden rules for Information Sharing": minutes
/// often print a title in sentence case, its first words capitalised and
/// the rest, head noun included, in lower case. The capitalised run must be
/// followed at once by the lower-case words and the head.
pub(super) fn sentence_case_titles(text: &str, runs: &[Run], out: &mut Vec<DocumentMention>) {
    for run in runs {
        let Some(last) = run.len().checked_sub(1) else { continue };
        let after = &text[run[last].span.end..];
        let Some(c) = SENTENCE_CASE_TAIL.captures(after) else {
            continue;
        };
        let middle: Vec<&str> = c[1].split_whitespace().collect();
        let joins = middle
            .iter()
            .enumerate()
            .all(|(k, w)| title_word(w) || *w == "and" && k > 0 && k + 1 < middle.len());
        if !joins {
            continue;
        }
        let head = c.get(2).expect("head");
        let after_head = &after[head.end()..];
        if !ends_noun_phrase(after_head) {
            continue;
        }
        let mut start = title_start(run, last);
        while start <= last && (run[start].is_starter() || run[start].is_connector()) {
            start += 1;
        }
        let short = middle.len() < 2;
        if start > last || short && sentence_initial_word(text, run, start, last) && !said_published(after_head) {
            continue;
        }
        let names: Vec<&Word> = run[start..].iter().filter(|w| !w.is_connector()).collect();
        if names.is_empty() || names.iter().all(|w| GENERIC_MODIFIERS.contains(&w.lower.as_str())) {
            continue;
        }
        let mut end = run[last].span.end + head.end();
        let head_word = head.as_str();
        if HEADS_WITH_TAIL.contains(&head_word) {
            if let Some(t) = CAPITALISED_COMPLEMENT.find(&text[end..]) {
                let mut complement = t.as_str();
                // A trailing connector is not part of the complement.
                while let Some((rest, word)) = complement.rsplit_once(' ') {
                    if !TITLE_CONNECTORS.contains(&word) {
                        break;
                    }
                    complement = rest;
                }
                end += complement.len();
            }
        }
        let title_span = Span::new(run[start].span.start, end);
        if out.iter().any(|m| m.span.overlaps(title_span)) {
            continue;
        }
        let found_period = PERIOD_AFTER.captures(&text[end..]);
        let period = found_period
            .as_ref()
            .map(|c| period(&c[1], c.get(2).map(|m| m.as_str())));
        let full = end + found_period.map_or(0, |c| c.get(0).expect("match").end());
        let singular = head_word.strip_suffix('s').unwrap_or(head_word);
        let title = title_span.slice(text).split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(DocumentMention {
            title: Spanned::new(title, title_span),
            period,
            kind: HEADS
                .iter()
                .find(|(h, _)| *h == head_word || *h == singular)
                .map_or("other", |(_, t)| *t),
            span: Span::new(title_span.start, full),
            earlier: false,
        });
    }
}

/// "the Carers Strategy Update had been rescheduled", "on the Child
/// Adolescent Mental Health Update (CAMHS)": in running text "the" and a
/// capitalised name ending in "Update" is a report brought to a meeting.
/// Item headings ("CHILD EXPLOITATION UPDATE") name the business instead,
/// so a heading in capitals or without "the" is not taken.
pub(super) fn update_reports(text: &str, runs: &[Run], out: &mut Vec<DocumentMention>) {
    for run in runs {
        let Some(last) = run.len().checked_sub(1) else { continue };
        if run[last].text != "Update" {
            continue;
        }
        // The name starts after the last "the" before it.
        let mut start = run[..last].iter().rposition(|w| w.lower == "the").map_or(0, |k| k + 1);
        while start < last && run[start].is_starter() {
            start += 1;
        }
        let names = run[start..last].iter().filter(|w| !w.is_connector()).count();
        let before = text[..run[start].span.start].trim_end_matches([' ', '\t']);
        let after_the =
            before.ends_with(" the") || before.ends_with(" The") || before == "The" || before.ends_with("\nThe");
        if names < 2 || !after_the {
            continue;
        }
        let title_span = span_of(&run[start..]);
        if out.iter().any(|m| m.span.overlaps(title_span)) {
            continue;
        }
        let title = title_span.slice(text).split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(DocumentMention {
            title: Spanned::new(title, title_span),
            period: None,
            kind: "report",
            span: title_span,
            earlier: false,
        });
    }
}

/// "the Children Acts of 1989 and 2004": one printed name for two acts,
/// each with its year ("Children Act 1989", "Children Act 2004").
static ACTS_OF_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:\p{Lu}[\p{L}'’]* )+)Acts of ((?:19|20)\d{2})((?:, (?:19|20)\d{2})*,? and (?:19|20)\d{2})\b")
        .expect("regex")
});

pub(super) fn acts_of_years(text: &str, span: Span, out: &mut Vec<DocumentMention>) {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:19|20)\d{2}").expect("regex"));
    for c in ACTS_OF_YEARS.captures_iter(span.slice(text)) {
        let whole = c.get(0).expect("match");
        let found = Span::new(span.start + whole.start(), span.start + whole.end());
        let name = c[1]
            .split_whitespace()
            .filter(|w| *w != "The")
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() {
            continue;
        }
        out.retain(|m| !(m.kind == "legislation" && found.contains(m.span)));
        let years = std::iter::once(&c[2]).chain(YEAR.find_iter(&c[3]).map(|m| m.as_str()));
        for year in years {
            out.push(DocumentMention {
                title: Spanned::new(format!("{name} Act {year}"), found),
                period: None,
                kind: "legislation",
                span: found,
                earlier: false,
            });
        }
    }
}

/// "the Rotherham multi-agency Safeguarding Children Procedures": a
/// hyphenated modifier printed in lower case ("multi-agency",
/// "inter-agency") stands inside a title between capitalised words; the
/// title starts at the capitalised words before it.
pub(super) fn join_hyphenated_modifiers(text: &str, out: &mut [DocumentMention]) {
    static HYPHENATED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[ \t][a-z]+-[a-z]+[ \t]$").expect("regex"));
    for m in out.iter_mut().filter(|m| m.kind != "legislation") {
        let from = m.title.span.start - crate::text::window_before(text, m.title.span.start, 120).len();
        let before = runs(text, Span::new(from, m.title.span.start));
        let Some(run) = before.last() else { continue };
        let last = run.len() - 1;
        if !HYPHENATED.is_match(&text[run[last].span.end..m.title.span.start]) || run[last].lower.ends_with("'s") {
            continue;
        }
        let mut start = title_start(run, last);
        while start <= last && (run[start].is_starter() || run[start].is_connector()) {
            start += 1;
        }
        if start > last {
            continue;
        }
        let title_span = Span::new(run[start].span.start, m.title.span.end);
        let title = title_span.slice(text).split_whitespace().collect::<Vec<_>>().join(" ");
        m.title = Spanned::new(title, title_span);
        m.span = Span::new(title_span.start, m.span.end);
    }
}

/// "the multi-agency [dispute resolution protocol](#)": a link whose text
/// ends in a head noun points at the document, whatever its case. The
/// words before the head are at most `LINKED_WORDS_CHARS` long, counted in
/// code (a bounded repeat of `\p{L}` compiles to a copy per repeat).
static LINKED_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[(?P<title>(?P<words>[\p{L}'’ -]{2,}) (?i:strategy|plan|report|framework|protocol|procedures|guidance|prospectus|pathway|policy|charter|leaflet))\]\(")
        .expect("regex")
});

const LINKED_WORDS_CHARS: usize = 80;

pub(super) fn linked_titles(text: &str, span: Span, out: &mut Vec<DocumentMention>) {
    for c in LINKED_TITLE.captures_iter(span.slice(text)) {
        if c.name("words").expect("group").as_str().chars().count() > LINKED_WORDS_CHARS {
            continue;
        }
        let title = c.name("title").expect("group");
        let title_span = Span::new(span.start + title.start(), span.start + title.end());
        if out.iter().any(|m| m.span.overlaps(title_span)) {
            continue;
        }
        let head = title.as_str().rsplit(' ').next().unwrap_or("").to_lowercase();
        out.push(DocumentMention {
            title: Spanned::new(
                title.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
                title_span,
            ),
            period: None,
            kind: HEADS.iter().find(|(h, _)| *h == head).map_or("other", |(_, t)| *t),
            span: title_span,
            earlier: false,
        });
    }
}

/// "a Section 175 Audit", "the Section 11 Review": a numbered statutory
/// provision or stage names the document before its head.
static NUMBERED_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:Section|Phase|Stage|Part) \d{1,3}[A-Z]? (?:Audit|Review|Report|Plan|Strategy|Framework|Assessment)\b",
    )
    .expect("regex")
});

pub(super) fn numbered_titles(text: &str, span: Span, out: &mut Vec<DocumentMention>) {
    for m in NUMBERED_TITLE.find_iter(span.slice(text)) {
        let found = Span::new(span.start + m.start(), span.start + m.end());
        if out.iter().any(|d| d.span.overlaps(found)) {
            continue;
        }
        let head = m.as_str().rsplit(' ').next().unwrap_or("").to_lowercase();
        out.push(DocumentMention {
            title: Spanned::new(m.as_str(), found),
            period: None,
            kind: HEADS.iter().find(|(h, _)| *h == head).map_or("other", |(_, t)| *t),
            span: found,
            earlier: false,
        });
    }
}

/// "the Cabinet's response to the Scrutiny Review of …": a body's
/// response to a document is a document of its own, a report.
pub(super) fn responses_to_documents(text: &str, out: &mut Vec<DocumentMention>) {
    static RESPONSE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b\p{Lu}[\p{L}-]*['’]s response to the $").expect("regex"));
    let mut found = Vec::new();
    for m in out.iter() {
        let window = crate::text::window_before(text, m.title.span.start, 80);
        let Some(r) = RESPONSE.find(window) else { continue };
        let start = m.title.span.start - window.len() + r.start();
        let title_span = Span::new(start, m.title.span.end);
        let title = title_span.slice(text).split_whitespace().collect::<Vec<_>>().join(" ");
        found.push(DocumentMention {
            title: Spanned::new(title, title_span),
            period: None,
            kind: "report",
            span: title_span,
            earlier: false,
        });
    }
    out.extend(found);
}

/// "That the evaluation of the Early Years Home Visiting Project be
/// submitted": the evaluation of a named project or programme is a report.
static EVALUATION_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[Tt]he|[Aa]n) (?P<title>evaluation of the \p{Lu}[\p{L}'’-]*(?: (?:\p{Lu}[\p{L}'’-]*|of|and|for))* (?:Project|Programme|Pilot|Scheme|Service))\b")
        .expect("regex")
});

pub(super) fn evaluations(text: &str, span: Span, out: &mut Vec<DocumentMention>) {
    for c in EVALUATION_OF.captures_iter(span.slice(text)) {
        let title = c.name("title").expect("group");
        let title_span = Span::new(span.start + title.start(), span.start + title.end());
        if out.iter().any(|m| m.span.overlaps(title_span)) {
            continue;
        }
        out.push(DocumentMention {
            title: Spanned::new(
                title.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
                title_span,
            ),
            period: None,
            kind: "report",
            span: title_span,
            earlier: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{doc, docs};

    #[test]
    fn acronyms_of_more_than_six_capitals_lead_no_title_as_with_the_bounded_pattern() {
        let bounded = regex::Regex::new(
            r"\b(?P<acronym>\p{Lu}{2,6})(?:\*\*)?['’\x22”]?(?P<rest>(?: [a-z][a-z-]+){0,3} (?:strategy|plan|report|review|framework|protocol|policy|pathway))\b",
        )
        .expect("regex");
        let text = "the LAC sufficiency strategy, the ABCDEFG plan and the ABCDEF plan; ÉÑABCDE report, \
            xAB plan, AB's plan, the 'PAPERS' framework, **RESP** strategic plan, ABCDEFGHIJ new big plan \
            ABCDEFG AB plan, ABCDEFGH policy ABC review";
        let expected: Vec<(usize, usize)> = bounded.find_iter(text).map(|m| (m.start(), m.end())).collect();
        let got: Vec<(usize, usize)> = super::ACRONYM_LED
            .captures_iter(text)
            .filter(|c| c["acronym"].chars().count() <= 6)
            .map(|c| c.get(0).expect("match"))
            .map(|m| (m.start(), m.end()))
            .collect();
        assert_eq!(got, expected);
        assert!(expected.len() >= 5, "{expected:?}");
    }

    #[test]
    fn sentence_case_titles_capitalise_only_their_first_words() {
        assert_eq!(
            docs("reported into the Chief Officer Group and within the Safeguarding Partners annual report."),
            vec![doc("Safeguarding Partners annual report", None, "report")]
        );
        assert_eq!(
            docs("- The Seven Golden rules for Information Sharing and more"),
            vec![doc("Seven Golden rules for Information Sharing", None, "rules")]
        );
        assert_eq!(
            docs("<li> Safeguarding adults annual report School performance"),
            vec![doc("Safeguarding adults annual report", None, "report")]
        );
        assert_eq!(
            docs("Transitional guidance has also been published to set out the change."),
            vec![doc("Transitional guidance", None, "guidance")]
        );
        // The capital opens the sentence; the head qualifies a noun; the
        // words between belong to the sentence.
        assert!(docs("- Clear procedures and processes for cases").is_empty());
        assert!(docs("- A consultation session was held. A recent audit found").is_empty());
        assert!(docs("The Cabinet received the report.").is_empty());
    }

    #[test]
    fn an_update_named_after_the_is_a_report() {
        assert_eq!(
            docs("- The Carers Strategy Update had been rescheduled."),
            vec![doc("Carers Strategy Update", None, "report")]
        );
        assert_eq!(
            docs("work with the Health Select Commission on the Child Adolescent Mental Health Update (CAMHS), this"),
            vec![doc("Child Adolescent Mental Health Update", None, "report")]
        );
        assert!(docs("42. CHILD EXPLOITATION UPDATE").is_empty());
        assert!(docs("Corporate Parenting Panel Update").is_empty());
    }

    #[test]
    fn acts_of_two_years_are_two_acts() {
        assert_eq!(
            docs("- The Children Acts of 1989 and 2004 (amendment in 2017) set out duties."),
            vec![
                doc("Children Act 1989", None, "legislation"),
                doc("Children Act 2004", None, "legislation")
            ]
        );
    }

    #[test]
    fn a_reviewing_an_activity_or_a_kind_is_no_document() {
        assert!(docs("16. Review of Partnership Safeguarding Arrangements").is_empty());
        assert!(docs("Joint Targeted Area Inspections and Peer Review activity across the region").is_empty());
        assert!(docs("• Audit and Review Action Plan(s) Implementation").is_empty());
        assert!(docs("• Multi-Agency Safeguarding Policies and Procedures • Development").is_empty());
        assert_eq!(
            docs("the Scrutiny Review of Children's Services and the Peer Review findings"),
            vec![
                doc("Scrutiny Review of Children's Services", None, "review"),
                doc("Peer Review", None, "review")
            ]
        );
    }

    #[test]
    fn a_lower_case_hyphenated_modifier_stands_inside_a_title() {
        assert_eq!(
            docs("The Rotherham multi-agency Safeguarding Children Procedures which can be found here"),
            vec![doc(
                "Rotherham multi-agency Safeguarding Children Procedures",
                None,
                "procedures"
            )]
        );
        assert_eq!(
            docs("the Council's multi-agency Safeguarding Procedures"),
            vec![doc("Safeguarding Procedures", None, "procedures")]
        );
    }

    #[test]
    fn links_numbered_provisions_quoted_acronyms_and_leaflets_name_documents() {
        assert_eq!(
            docs("refer to the multi-agency [dispute resolution protocol](#) which provides guidance"),
            vec![doc("dispute resolution protocol", None, "protocol")]
        );
        assert!(docs("available [via the Council's website](#).").is_empty());
        assert_eq!(
            docs("- All schools were requested to complete a Section 175 Audit which provided"),
            vec![doc("Section 175 Audit", None, "audit")]
        );
        assert_eq!(
            docs("with reference to the '**PAPERS**' framework. This is as follows"),
            vec![doc("PAPERS framework", None, "framework")]
        );
        assert_eq!(
            docs("That hard copies of the Feel Safe Leaflet are provided"),
            vec![doc("Feel Safe Leaflet", None, "other")]
        );
    }

    #[test]
    fn recommendations_name_their_review_and_a_local_offer_is_a_document() {
        assert_eq!(
            docs("- The Preparation for Adulthood Spotlight Review Recommendations were presented to Cabinet."),
            vec![doc("Preparation for Adulthood Spotlight Review", None, "review")]
        );
        assert_eq!(
            docs("- An update on the Rotherham Care Leavers Local Offer."),
            vec![doc("Rotherham Care Leavers Local Offer", None, "other")]
        );
        assert!(docs("the Offer was made; the Local Offer").is_empty());
    }

    #[test]
    fn a_response_to_a_document_and_an_evaluation_of_a_project_are_reports() {
        assert_eq!(
            docs("That the Cabinet's response to the Scrutiny Review of Children's Services be approved."),
            vec![
                doc(
                    "Cabinet's response to the Scrutiny Review of Children's Services",
                    None,
                    "report"
                ),
                doc("Scrutiny Review of Children's Services", None, "review")
            ]
        );
        assert_eq!(
            docs("- 1) That the evaluation of the Early Years Home Visiting Project be submitted"),
            vec![doc(
                "evaluation of the Early Years Home Visiting Project",
                None,
                "report"
            )]
        );
        assert!(docs("the evaluation of the scheme").is_empty());
    }
}
