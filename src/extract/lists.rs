//! Labelled lists whose items a flattened table cell ran together:
//! "Relevant Agencies: National Probation Service Community Rehabilitation
//! Company CAFCASS South Yorkshire Fire & Rescue RMBC Adult Services". The
//! line breaks between the items are gone, so the capitalised run is one
//! phrase; each item ends at a word that ends names (a body's head noun, a
//! post word, a plural noun for people or providers) when a new capitalised
//! word follows it.
//!
//! Architecture invariant: tokenisation of one run; which entity an item
//! names is decided by the callers (`bodies` for bodies, `relations` for
//! the members of a membership table).

use crate::extract::bodies::{head_at, head_kind, is_post_word, kind_of, BodyKind};
use crate::extract::phrases::{span_of, Run, Word};
use crate::text::Span;
use regex::Regex;
use std::sync::LazyLock;

/// What one item of a run-together list names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A name ending in a body's head noun ("South Yorkshire Police").
    Body(BodyKind),
    /// A post ("Independent Chair", "Named Safeguarding Professionals").
    Post,
    /// Anything else ("CAFCASS", "Colleges and Training Providers").
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListItem {
    pub span: Span,
    pub kind: ItemKind,
}

/// A short capitalised label and a colon closing the text before a run, on
/// its line: "Core Membership: ", "<p>Relevant Agencies: ".
static LABEL_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[>\t\n])[ \t]*[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}:[ \t]*$").expect("regex"));

/// Plural nouns for the people or providers a table lists as members.
const PEOPLE_PLURALS: &[&str] = &["professionals", "providers", "practitioners"];

/// Words that open a place's name, so start a new item after an acronym
/// ("CAFCASS South Yorkshire Fire & Rescue").
const COMPASS_WORDS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
];

/// Fewest item ends that make a labelled run a run-together list; one or
/// two make an ordinary name ("Children's Services Improvement Board").
const MIN_ITEMS: usize = 3;

/// Whether `run[i]` ends an item: a head noun that ends a name there, a
/// post word, or a plural for people.
fn ends_item(run: &[Word], i: usize) -> bool {
    let word = &run[i];
    head_at(run, i).is_some() || is_post_word(word) || PEOPLE_PLURALS.contains(&word.lower.as_str())
}

/// A capitalised word other than a connector ("Of" in a title-case name),
/// or "The" opening a name.
fn starts_item(word: &Word) -> bool {
    word.is_capitalised() && (!word.is_connector() || word.lower == "the")
}

/// The items of `run` when it is a labelled run-together list, else `None`.
pub fn run_together_items(text: &str, run: &Run) -> Option<Vec<ListItem>> {
    let first = run.first()?;
    let line_start = text[..first.span.start].rfind('\n').map_or(0, |i| i + 1);
    if !LABEL_BEFORE.is_match(&text[line_start..first.span.start]) {
        return None;
    }
    let mut bounds = Vec::new();
    let mut start = 0;
    for i in 0..run.len().saturating_sub(1) {
        let next = &run[i + 1];
        let acronym_before_place =
            i == start && run[i].is_upper() && run[i].text.len() > 1 && COMPASS_WORDS.contains(&next.lower.as_str());
        if (ends_item(run, i) || acronym_before_place) && starts_item(next) {
            bounds.push((start, i + 1));
            start = i + 1;
        }
    }
    bounds.push((start, run.len()));
    if bounds.len() < MIN_ITEMS {
        return None;
    }
    Some(bounds.into_iter().map(|(s, e)| item(&run[s..e])).collect())
}

fn item(words: &[Word]) -> ListItem {
    let last = &words[words.len() - 1];
    let named = words.iter().filter(|w| !w.is_connector()).count() >= 2;
    // "Head of Service": a post word governing the rest names a post.
    let post_of = is_post_word(&words[0]) && words.get(1).is_some_and(|w| matches!(w.lower.as_str(), "of" | "for"));
    let kind = match head_kind(last) {
        _ if post_of => ItemKind::Post,
        // A plural names a kind of body, except "… Services".
        Some(head) if named && (!last.lower.ends_with('s') || head == BodyKind::Service) => {
            ItemKind::Body(kind_of(words, head))
        }
        _ if is_post_word(last) || PEOPLE_PLURALS.contains(&last.lower.as_str()) && named => ItemKind::Post,
        _ => ItemKind::Other,
    };
    ListItem {
        span: span_of(words),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::phrases::runs;

    fn items(text: &str) -> Vec<(&str, ItemKind)> {
        runs(text, Span::new(0, text.len()))
            .iter()
            .filter_map(|run| run_together_items(text, run))
            .flatten()
            .map(|item| (item.span.slice(text), item.kind))
            .collect()
    }

    #[test]
    fn a_labelled_run_splits_where_a_name_ends_and_another_starts() {
        let text = "<p>Core Membership: Independent Chair Children and Young Peoples Services South Yorkshire Police \
                    The Rotherham NHS Foundation Trust Named Safeguarding Professionals Business Manager</p>";
        assert_eq!(
            items(text),
            vec![
                ("Independent Chair", ItemKind::Post),
                ("Children and Young Peoples Services", ItemKind::Body(BodyKind::Service)),
                ("South Yorkshire Police", ItemKind::Body(BodyKind::Police)),
                ("The Rotherham NHS Foundation Trust", ItemKind::Body(BodyKind::Nhs)),
                ("Named Safeguarding Professionals", ItemKind::Post),
                ("Business Manager", ItemKind::Post),
            ]
        );
    }

    #[test]
    fn an_acronym_before_a_place_is_an_item_of_its_own() {
        let text = "Relevant Agencies: National Probation Service Community Rehabilitation Company \
                    CAFCASS South Yorkshire Fire & Rescue RMBC Adult Services";
        let names: Vec<&str> = items(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "National Probation Service",
                "Community Rehabilitation Company",
                "CAFCASS",
                "South Yorkshire Fire & Rescue",
                "RMBC Adult Services"
            ]
        );
    }

    #[test]
    fn a_name_with_two_heads_or_no_label_is_not_a_list() {
        assert!(items("Chair: Children's Services Improvement Board").is_empty());
        assert!(items("the Safeguarding Board Police Service Team Group met").is_empty());
    }
}
