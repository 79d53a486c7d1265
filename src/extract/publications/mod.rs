//! Documents named in the text: strategies, plans, reports, reviews,
//! guidance, frameworks, protocols, procedures, pathways, acts and
//! regulations, with the period printed after them ("Neglect Strategy
//! 2024- 2026", "Annual Report for 2023/2024").
//!
//! A document's title is a capitalised phrase ending in a head noun that
//! says what kind of document it is; small words may join it ("Terms of
//! Reference for the Corporate Parenting Panel", "Working Together to
//! Safeguard Children"). An act or regulations keeps its year in its title.
//!
//! Architecture invariant: finds mentions with spans, a type and a period;
//! merging mentions into documents is `resolve`'s job.

mod phrasings;

use crate::extract::phrases::{runs, span_of, Run, Word};
use crate::text::{Span, Spanned};
use phrasings::{
    acronym_led, acts_of_years, dated_in_lower_case, evaluations, join_hyphenated_modifiers, linked_titles,
    numbered_titles, responses_to_documents, sentence_case_titles, update_reports,
};
use regex::Regex;
use std::sync::LazyLock;

/// Head nouns (singular, lower case) and the document type they name.
const HEADS: &[(&str, &str)] = &[
    ("strategy", "strategy"),
    ("plan", "plan"),
    ("report", "report"),
    ("review", "review"),
    ("guidance", "guidance"),
    ("framework", "framework"),
    ("protocol", "protocol"),
    ("procedure", "procedures"),
    ("procedures", "procedures"),
    ("pathway", "pathway"),
    ("programme", "programme"),
    ("survey", "survey"),
    ("prospectus", "prospectus"),
    ("policy", "policy"),
    ("audit", "audit"),
    ("consultation", "consultation"),
    ("charter", "charter"),
    ("leaflet", "other"),
    ("arrangements", "arrangements"),
    ("rules", "rules"),
    ("priorities", "plan"),
    ("act", "legislation"),
    ("regulations", "legislation"),
    ("regulation", "legislation"),
];

/// Heads that name a document only with a period after them
/// ("Child Exploitation Priorities 2023-2028", "Work Programme 2024/25");
/// without one they name a training course or a list.
const DATED_ONLY_HEADS: &[&str] = &["priorities", "programme"];

/// Heads whose plural still names one document; other plurals name a kind
/// of document ("Serious Case Reviews", "Child Protection Plans").
const PLURAL_TITLE_HEADS: &[&str] = &["procedures", "arrangements", "regulations", "priorities", "rules"];

/// Heads whose title may go on with "of", "for" or "on" ("Scrutiny Review
/// of …", "Arrangements for Safeguarding Children", "Guidance on …").
const HEADS_WITH_TAIL: &[&str] = &["review", "arrangements", "guidance", "rules", "framework", "protocol"];

/// Modifiers too generic to make a title on their own ("National Guidance").
const GENERIC_MODIFIERS: &[&str] = &["national", "local", "regional", "government", "statutory"];

/// Words that may join the words of a title.
const TITLE_CONNECTORS: &[&str] = &["of", "for", "to", "the", "and", "&", "in", "on"];

static PERIOD_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?:for[ \t]+)?\(?((?:19|20)\d{2})(?:[ \t]*[-–—/][ \t]*((?:19|20)?\d{2}))?\)?\b").expect("regex")
});

/// A document named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMention {
    /// The title as printed, without its period.
    pub title: Spanned,
    /// "2024-2026", "2023-2024", "2021".
    pub period: Option<String>,
    pub kind: &'static str,
    /// The title and its period as printed.
    pub span: Span,
    /// Printed as an earlier edition ("the previous Neglect Strategy"), so
    /// not the dated edition the text names elsewhere.
    pub earlier: bool,
}

/// Capitalised words after a head that name what the document produced:
/// "The Preparation for Adulthood Spotlight Review Recommendations were
/// presented" names the review.
const OUTCOMES: &[&str] = &["recommendations", "findings"];

/// Words marking an earlier edition of a document.
const EARLIER: &[&str] = &["previous", "former", "old", "last", "earlier", "preceding"];

/// Whether a lower-case word is a head noun naming a kind of document.
pub fn is_head_noun(word: &str) -> bool {
    let singular = word.strip_suffix('s').unwrap_or(word);
    HEADS.iter().any(|(h, _)| *h == word || *h == singular)
}

/// "the Rotherham Care Leavers Local Offer": a council's published "Local
/// Offer" (of services for care leavers or for children with special
/// educational needs) is a document; a bare "Offer" is not.
fn local_offer(run: &[Word], i: usize) -> Option<&'static str> {
    (run[i].lower == "offer" && i >= 2 && run[i - 1].lower == "local").then_some("other")
}

fn head_type(word: &Word) -> Option<&'static str> {
    let stem = word.stem();
    let singular = stem.strip_suffix('s').unwrap_or(stem);
    HEADS
        .iter()
        .find(|(h, _)| *h == stem || *h == singular)
        .map(|(_, t)| *t)
}

fn is_title_connector(word: &Word) -> bool {
    TITLE_CONNECTORS.contains(&word.lower.as_str())
}

/// "2023/24" → "2023-2024"; "2024- 2026" → "2024-2026".
fn period(first: &str, second: Option<&str>) -> String {
    match second {
        Some(s) if s.len() == 2 => format!("{first}-{}{s}", &first[..2]),
        Some(s) => format!("{first}-{s}"),
        None => first.to_string(),
    }
}

/// Where the title ending at `head` starts, after starters and connectors.
fn title_start(run: &[Word], head: usize) -> usize {
    let mut start = head;
    while start > 0 {
        let prev = &run[start - 1];
        if prev.after_comma || run[start].after_comma {
            break;
        }
        // "… Strategy and the Neglect Plan": a head before a connector ends another title.
        if run[start].is_connector() && head_type(prev).is_some() {
            break;
        }
        if prev.is_connector() && !is_title_connector(prev) {
            break;
        }
        // "the" joins a title only after "of", "for", "to", "in" or "on".
        let joins_the = start >= 2 && matches!(run[start - 2].lower.as_str(), "of" | "for" | "to" | "in" | "on");
        if prev.lower == "the" && !joins_the {
            break;
        }
        start -= 1;
    }
    while start < head && (run[start].is_starter() || run[start].is_connector()) {
        start += 1;
    }
    start
}

/// "Terms of Reference for the Corporate Parenting Panel": the title runs
/// on to the end of the phrase. Returns the last word's index.
fn terms_of_reference_end(run: &[Word], i: usize) -> Option<usize> {
    let is_tor = i >= 2 && run[i].lower == "reference" && run[i - 1].lower == "of" && run[i - 2].lower == "terms";
    if !is_tor {
        return None;
    }
    match run.get(i + 1).map(|w| w.lower.as_str()) {
        Some("for" | "of") => {
            let mut end = run.len() - 1;
            while end > i && (run[end].is_connector() || run[end].after_comma) {
                end -= 1;
            }
            Some(end)
        }
        _ => None,
    }
}

/// The last word of a title whose head takes a tail: "Review of
/// Alternative Management Arrangements for Children's Services" runs to the
/// end of the phrase, stopping before a comma or "and the".
fn tail_end(run: &[Word], head: usize) -> usize {
    let takes_tail = HEADS_WITH_TAIL.contains(&run[head].stem());
    let opens = run
        .get(head + 1)
        .is_some_and(|w| matches!(w.lower.as_str(), "of" | "for" | "on"));
    let capital_follows = run.get(head + 2).is_some_and(|w| !w.is_connector() || w.lower == "the");
    if !(takes_tail && opens && capital_follows) {
        return head;
    }
    let mut end = head + 1;
    while end + 1 < run.len() && !run[end + 1].after_comma {
        let and_the =
            matches!(run[end + 1].lower.as_str(), "and" | "&") && run.get(end + 2).is_some_and(|w| w.lower == "the");
        if and_the {
            break;
        }
        end += 1;
    }
    while end > head && run[end].is_connector() {
        end -= 1;
    }
    end
}

fn mentions_in_run(text: &str, run: &[Word], out: &mut Vec<DocumentMention>) {
    let mut covered: Option<usize> = None;
    for (i, word) in run.iter().enumerate() {
        if let Some(end) = terms_of_reference_end(run, i) {
            let words = &run[title_start(run, i - 2)..=end];
            let span = span_of(words);
            let title = span.slice(text).split_whitespace().collect::<Vec<_>>().join(" ");
            out.push(DocumentMention {
                title: Spanned::new(title, span),
                period: None,
                kind: "terms of reference",
                span,
                earlier: false,
            });
            continue;
        }
        let Some(kind) = head_type(word).or_else(|| local_offer(run, i)) else {
            continue;
        };
        // "Strategy Delivery Group", "Plan Update": the title goes on or is a body's.
        // "Spotlight Review Recommendations": the review's outcomes name it.
        let outcomes = run.get(i + 1).is_some_and(|n| OUTCOMES.contains(&n.lower.as_str()))
            && run.get(i + 2).is_none_or(|n| n.is_connector());
        if run.get(i + 1).is_some_and(|n| !n.is_connector() && !n.after_comma) && !outcomes {
            continue;
        }
        let plural = word.stem().ends_with('s') && word.stem() != word.lower.trim_end_matches('s');
        let plural = plural || word.lower.ends_with('s') && !PLURAL_TITLE_HEADS.contains(&word.lower.as_str());
        if plural && !PLURAL_TITLE_HEADS.contains(&word.stem()) && word.lower != "guidance" {
            continue;
        }
        if covered.is_some_and(|end| i <= end) {
            continue;
        }
        let start = title_start(run, i);
        // "Submission of the Report": the head after "the" refers back to a
        // paper; it does not end a title.
        if i > start && run[i - 1].lower == "the" {
            continue;
        }
        let end = tail_end(run, i);
        covered = Some(end);
        let words = &run[start..=end];
        let modifiers: Vec<&Word> = run[start..i].iter().filter(|w| !w.is_connector()).collect();
        let generic = modifiers.iter().all(|w| GENERIC_MODIFIERS.contains(&w.lower.as_str()))
            && !(kind == "legislation" && legislation_start(text, span_of(words).start) < span_of(words).start);
        if (generic && end == i) || words.len() > 20 {
            continue;
        }
        // "Review of Partnership Safeguarding Arrangements": a bare review
        // of something is the reviewing, a section's or item's business.
        if modifiers.is_empty() && word.lower == "review" {
            continue;
        }
        if names_a_kind(text, run, i) || qualifies_a_noun(text, word) {
            continue;
        }
        let title_span = span_of(words);
        let after = &text[title_span.end..];
        let found_period = PERIOD_AFTER.captures(after);
        let (title_span, period, span) = match (kind, found_period) {
            // An act's year is part of its title.
            ("legislation", Some(c)) => {
                let end = title_span.end + c.get(0).expect("match").end();
                let start = legislation_start(text, title_span.start);
                (Span::new(start, end), None, Span::new(start, end))
            }
            ("legislation", None) if word.lower == "act" => continue,
            (_, None) if DATED_ONLY_HEADS.contains(&word.lower.as_str()) && !words.ends_with_work_programme() => {
                continue
            }
            (_, Some(c)) => {
                let p = period(&c[1], c.get(2).map(|m| m.as_str()));
                let end = title_span.end + c.get(0).expect("match").end();
                (title_span, Some(p), Span::new(title_span.start, end))
            }
            (_, None) => (title_span, None, title_span),
        };
        let title = title_span.slice(text).split_whitespace().collect::<Vec<_>>().join(" ");
        let word_before = text[..title_span.start]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let earlier = EARLIER.iter().any(|w| word_before.eq_ignore_ascii_case(w));
        out.push(DocumentMention {
            title: Spanned::new(title, title_span),
            period,
            kind: if kind == "programme" && words.ends_with_work_programme() {
                "work programme"
            } else {
                kind
            },
            span,
            earlier,
        });
    }
}

/// Lower-case nouns a head may qualify: then the phrase names an activity
/// or a group, not the document ("Peer Review activity", "the Annual Report
/// process").
const QUALIFIED_NOUNS: &[&str] = &[
    "activity",
    "activities",
    "process",
    "processes",
    "session",
    "sessions",
    "meeting",
    "meetings",
    "team",
    "teams",
    "visit",
    "visits",
    "event",
    "events",
    "workshop",
    "workshops",
    "group",
    "groups",
    "cycle",
    "timetable",
];

/// Whether the head is followed by a lower-case noun it qualifies.
fn qualifies_a_noun(text: &str, head: &Word) -> bool {
    let after = text[head.span.end..].trim_start_matches([' ', '\t']);
    let next: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    QUALIFIED_NOUNS.contains(&next.as_str())
}

/// "Action Plan(s)", "Multi-Agency Safeguarding Policies and Procedures":
/// a head marked plural, or coordinated with the plural of another head,
/// names a kind of document rather than one document.
fn names_a_kind(text: &str, run: &[Word], i: usize) -> bool {
    if text[run[i].span.end..].starts_with("(s)") {
        return true;
    }
    let coordinated = i >= 2 && matches!(run[i - 1].lower.as_str(), "and" | "&");
    coordinated && {
        let other = &run[i - 2];
        let singular = match other.lower.strip_suffix("ies") {
            Some(stem) => format!("{stem}y"),
            None => other.lower.strip_suffix('s').unwrap_or("").to_string(),
        };
        is_head_noun(&singular) && !PLURAL_TITLE_HEADS.contains(&other.lower.as_str())
    }
}

/// Where an act's or regulations' title really starts, when the words
/// before the run read so far belong to it: a coordination ("Further and
/// Higher Education Act 1992") or a parenthesis ("Children's Homes
/// (England) Regulations 2015", "School Admissions (Admission Arrangements
/// and Co-ordination of Admission Arrangements) (England) Regulations 2012").
fn legislation_start(text: &str, start: usize) -> usize {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:\p{Lu}[\p{L}'’-]*(?: (?:and|of|for|in|on|to) | )|\([^()\n]{1,80}\) )+$").expect("regex")
    });
    let window = crate::text::window_before(text, start, 240);
    let Some(found) = BEFORE.find(window) else { return start };
    // Only a coordination or a parenthesis joins the title; plain capitalised
    // words before the run are the sentence's.
    let joined = found.as_str();
    if !(joined.ends_with(" and ") || joined.ends_with(") ")) {
        return start;
    }
    let mut at = start - window.len() + found.start();
    for article in ["The ", "the "] {
        if text[at..start].starts_with(article) {
            at += article.len();
        }
    }
    at
}

trait WorkProgramme {
    fn ends_with_work_programme(&self) -> bool;
}

impl WorkProgramme for [Word<'_>] {
    fn ends_with_work_programme(&self) -> bool {
        self.len() >= 2 && self[self.len() - 2].lower == "work"
    }
}

static NATIONAL_DOCUMENTS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    include_str!("../../lexicon/national_documents.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(title, kind)| (title.trim(), kind.trim()))
        .collect()
});

/// National guidance from the lexicon, with any period printed after it.
fn national_documents(text: &str, span: Span, out: &mut Vec<DocumentMention>) {
    let s = span.slice(text);
    for (title, kind) in NATIONAL_DOCUMENTS.iter() {
        for (at, _) in s.match_indices(title) {
            let start = span.start + at;
            let end = start + title.len();
            if text[end..].starts_with(char::is_alphanumeric)
                || out.iter().any(|m| m.span.start <= start && end <= m.span.end)
            {
                continue;
            }
            let found = PERIOD_AFTER.captures(&text[end..]);
            let period = found.as_ref().map(|c| period(&c[1], c.get(2).map(|m| m.as_str())));
            let full = end + found.map_or(0, |c| c.get(0).expect("match").end());
            out.push(DocumentMention {
                title: Spanned::new(*title, Span::new(start, end)),
                period,
                kind,
                span: Span::new(start, full),
                earlier: false,
            });
        }
    }
}

pub fn find_documents(text: &str, span: Span) -> Vec<DocumentMention> {
    find_documents_in(text, span, &runs(text, span))
}

/// [`find_documents`] over the phrase runs of `span`, already found.
pub fn find_documents_in(text: &str, span: Span, runs: &[Run]) -> Vec<DocumentMention> {
    let mut out = Vec::new();
    for run in runs {
        mentions_in_run(text, run, &mut out);
    }
    join_hyphenated_modifiers(text, &mut out);
    national_documents(text, span, &mut out);
    sentence_case_titles(text, runs, &mut out);
    update_reports(text, runs, &mut out);
    linked_titles(text, span, &mut out);
    numbered_titles(text, span, &mut out);
    evaluations(text, span, &mut out);
    acts_of_years(text, span, &mut out);
    acronym_led(text, span, &mut out);
    dated_in_lower_case(text, span, &mut out);
    // Words inside an act's title ("… (Admission Arrangements …) …
    // Regulations 2012") are not documents of their own.
    let acts: Vec<Span> = out.iter().filter(|m| m.kind == "legislation").map(|m| m.span).collect();
    out.retain(|m| !acts.iter().any(|a| *a != m.span && a.contains(m.span)));
    responses_to_documents(text, &mut out);
    out.sort_by_key(|m| m.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn docs(text: &str) -> Vec<(String, Option<String>, &'static str)> {
        find_documents(text, Span::new(0, text.len()))
            .into_iter()
            .map(|d| (d.title.text, d.period, d.kind))
            .collect()
    }

    pub(super) fn doc(title: &str, period: Option<&str>, kind: &'static str) -> (String, Option<String>, &'static str) {
        (title.to_string(), period.map(str::to_string), kind)
    }

    #[test]
    fn legislation_titles_take_coordinations_and_parentheses() {
        assert_eq!(
            docs("within the meaning of the Further and Higher Education Act 1992."),
            vec![doc("Further and Higher Education Act 1992", None, "legislation")]
        );
        assert_eq!(
            docs("in accordance with the Children's Homes (England) Regulations 2015. Later text"),
            vec![doc("Children's Homes (England) Regulations 2015", None, "legislation")]
        );
        assert_eq!(
            docs("under the School Admissions (Admission Arrangements and Co-ordination of Admission Arrangements) (England) Regulations 2012"),
            vec![doc(
                "School Admissions (Admission Arrangements and Co-ordination of Admission Arrangements) (England) Regulations 2012",
                None,
                "legislation"
            )]
        );
        assert_eq!(
            docs("Partners Met The Data Protection Act 2018."),
            vec![doc("Data Protection Act 2018", None, "legislation")]
        );
    }

    #[test]
    fn titles_end_in_a_document_noun_and_keep_their_period_apart() {
        assert_eq!(
            docs("The Neglect Strategy 2024- 2026 was approved."),
            vec![doc("Neglect Strategy", Some("2024-2026"), "strategy")]
        );
        assert_eq!(
            docs("an update on the Rotherham Safeguarding Adults Board Annual Report for 2023/2024."),
            vec![doc(
                "Rotherham Safeguarding Adults Board Annual Report",
                Some("2023-2024"),
                "report"
            )]
        );
        assert_eq!(
            docs("the Work Programme for 2023/24"),
            vec![doc("Work Programme", Some("2023-2024"), "work programme")]
        );
    }

    #[test]
    fn small_words_join_a_title() {
        assert_eq!(
            docs("the new proposed Terms of Reference for the Corporate Parenting Panel were agreed"),
            vec![doc(
                "Terms of Reference for the Corporate Parenting Panel",
                None,
                "terms of reference"
            )]
        );
        assert_eq!(
            docs("the Evaluation of the Early Years Home Visiting Project Report"),
            vec![doc(
                "Evaluation of the Early Years Home Visiting Project Report",
                None,
                "report"
            )]
        );
        assert_eq!(
            docs("the Looked After Children's Sufficiency Strategy 2023-2027 and the Early Years Strategy."),
            vec![
                doc(
                    "Looked After Children's Sufficiency Strategy",
                    Some("2023-2027"),
                    "strategy"
                ),
                doc("Early Years Strategy", None, "strategy")
            ]
        );
        assert_eq!(
            docs("to agree a new strategic plan for 2025/2028 and the report 2023-24."),
            vec![doc("strategic plan", Some("2025-2028"), "plan")]
        );
        // A head right after "the" refers back to a paper.
        assert!(docs("Strategic Director Approving Submission of the Report: Sally Hodges").is_empty());
    }

    #[test]
    fn some_heads_take_a_tail() {
        assert_eq!(
            docs("the Scrutiny Review of Alternative Management Arrangements for Children's Services in Rotherham."),
            vec![doc(
                "Scrutiny Review of Alternative Management Arrangements for Children's Services in Rotherham",
                None,
                "review"
            )]
        );
        assert_eq!(
            docs("the National Guidance on Information Sharing and the Plan"),
            vec![doc("National Guidance on Information Sharing", None, "guidance")]
        );
    }

    #[test]
    fn national_guidance_comes_from_the_lexicon() {
        assert_eq!(
            docs("in line with Working Together to Safeguard Children 2018 and Working Together 2023."),
            vec![
                doc("Working Together to Safeguard Children", Some("2018"), "guidance"),
                doc("Working Together", Some("2023"), "guidance")
            ]
        );
    }

    #[test]
    fn an_earlier_edition_is_marked() {
        let found = find_documents("the previous Neglect Strategy was", Span::new(0, 33));
        assert!(found[0].earlier);
        let found = find_documents("the new Neglect Strategy was", Span::new(0, 28));
        assert!(!found[0].earlier);
    }

    #[test]
    fn an_acronym_marks_a_title_printed_in_lower_case() {
        assert_eq!(
            docs("the LAC sufficiency strategy and the RESP strategic plan; the SEND Strategy"),
            vec![
                doc("LAC sufficiency strategy", None, "strategy"),
                doc("RESP strategic plan", None, "plan"),
                doc("SEND Strategy", None, "strategy")
            ]
        );
        assert!(docs("the CSE team met; MASH was told of the plan").is_empty());
    }

    #[test]
    fn acts_keep_their_year_in_the_title() {
        assert_eq!(
            docs("under section 11 of the Children Act 2004 and the Data Protection Act 2018."),
            vec![
                doc("Children Act 2004", None, "legislation"),
                doc("Data Protection Act 2018", None, "legislation")
            ]
        );
    }

    #[test]
    fn a_head_that_goes_on_into_a_body_is_not_a_title() {
        assert!(docs("the Neglect Strategy Delivery Group and the Annual Report").is_empty());
        assert!(docs("The Plan").is_empty());
        assert!(docs("Serious Case Reviews and Child Protection Plans").is_empty());
        assert!(docs("the National Guidance and the Cranstoun Programme").is_empty());
    }
}
