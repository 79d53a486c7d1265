//! Documents (strategies, plans, reports, acts …): mentions merged into one
//! document per title and period, and linked to the items discussing them.
//!
//! Mentions whose titles agree once spelling is set aside (see
//! [`name_core`]) are one document. A title printed with one period
//! ("Neglect Strategy 2024-2026") takes its undated mentions with it; a
//! title printed with several periods is several documents, and its undated
//! mentions stay a document of their own, since they could be any of them.
//!
//! Architecture invariant: keys depend only on the normalised title, the
//! period and the council.

use crate::extract::publications::{is_head_noun, DocumentMention};
use crate::iri::slug;
use crate::model::{EvidenceMaker, PublicationNode};
use crate::resolve::bodies::{name_core, preferred_name};
use std::collections::{BTreeMap, BTreeSet};

pub fn publication_key(core: &str, period: Option<&str>, council: &str) -> String {
    match period {
        Some(p) => format!("document/{council}/{}/{p}", slug(core)),
        None => format!("document/{council}/{}", slug(core)),
    }
}

/// Merges document mentions into documents, in order of first mention.
pub fn resolve_publications(
    mentions: &[DocumentMention],
    council: &str,
    evidence: &EvidenceMaker,
) -> Vec<PublicationNode> {
    let mut by_core: BTreeMap<String, Vec<&DocumentMention>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for m in mentions {
        let core = name_core(&m.title.text, council);
        if core.is_empty() {
            continue;
        }
        let list = by_core.entry(core.clone()).or_default();
        if list.is_empty() {
            order.push(core);
        }
        list.push(m);
    }
    let mut out = Vec::new();
    for core in order {
        let list = &by_core[&core];
        let periods: BTreeSet<&str> = list.iter().filter_map(|m| m.period.as_deref()).collect();
        let earlier: Vec<&DocumentMention> = list
            .iter()
            .filter(|m| m.earlier && m.period.is_none())
            .copied()
            .collect();
        let list: Vec<&DocumentMention> = list
            .iter()
            .filter(|m| !(m.earlier && m.period.is_none()))
            .copied()
            .collect();
        let mut groups: Vec<(Option<&str>, Vec<&DocumentMention>)> = if list.is_empty() {
            Vec::new()
        } else if periods.len() <= 1 {
            vec![(periods.first().copied(), list.clone())]
        } else {
            let mut groups: Vec<_> = periods
                .iter()
                .map(|p| {
                    (
                        Some(*p),
                        list.iter()
                            .filter(|m| m.period.as_deref() == Some(p))
                            .copied()
                            .collect(),
                    )
                })
                .collect();
            let undated: Vec<_> = list.iter().filter(|m| m.period.is_none()).copied().collect();
            if !undated.is_empty() {
                groups.push((None, undated));
            }
            groups
        };
        // "the previous Neglect Strategy": an earlier, undated edition.
        if !earlier.is_empty() {
            match groups.iter_mut().find(|(p, _)| p.is_none()) {
                Some((_, members)) => members.extend(earlier),
                None => groups.push((None, earlier)),
            }
        }
        for (period, members) in groups {
            let mut forms: BTreeMap<String, usize> = BTreeMap::new();
            for m in &members {
                *forms.entry(m.title.text.clone()).or_default() += 1;
            }
            let title = preferred_name(&forms, council);
            let mut variants: BTreeSet<String> = forms.into_keys().collect();
            for m in &members {
                let printed = m
                    .span
                    .slice(evidence.text())
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                variants.insert(printed);
            }
            variants.remove(&title);
            out.push(PublicationNode {
                key: publication_key(&core, period, council),
                title,
                period: period.map(str::to_string),
                kind: members[0].kind,
                variants,
                mentions: members.iter().map(|m| evidence.make(m.span)).collect(),
                spans: members.iter().map(|m| m.span).collect(),
                title_spans: members.iter().map(|m| m.title.span).collect(),
            });
        }
    }
    merge_short_forms(&mut out);
    out
}

/// Whether `short` is printed as a short form of `long`'s title:
/// - an edition's short title, without a head noun, that begins the full
///   one and has its period ("Working Together 2018" for "Working Together
///   to Safeguard Children 2018");
/// - a long act's or regulations' title cut short at the front ("Admissions
///   (Admission Arrangements …) (England) Regulations 2012" for "School
///   Admissions (…) Regulations 2012"); four words at least, so that
///   "Education Act 1996" stays apart from a longer act of the same year;
/// - the full title without its first word, the place ("Inclusive Growth
///   Strategy 2023-2030" for "Leeds Inclusive Growth Strategy 2023-2030"),
///   of the same kind and period.
fn is_short_form(short: &PublicationNode, long: &PublicationNode) -> bool {
    let words = |t: &str| {
        t.to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (s, l) = (words(&short.title), words(&long.title));
    if s.len() >= l.len() || s.is_empty() {
        return false;
    }
    let edition = short.period.is_some()
        && short.period == long.period
        && l.starts_with(&s)
        && !s.last().is_some_and(|w| is_head_noun(w));
    let cut_act = short.kind == "legislation" && long.kind == "legislation" && s.len() >= 4 && l.ends_with(&s);
    let place_led = short.period.is_some()
        && short.period == long.period
        && short.kind == long.kind
        && l.len() == s.len() + 1
        && l.ends_with(&s);
    edition || cut_act || place_led
}

/// Folds each document printed only as a short form of another's title
/// into that document.
fn merge_short_forms(docs: &mut Vec<PublicationNode>) {
    let mut i = 0;
    while i < docs.len() {
        let Some(j) = (0..docs.len()).find(|&j| j != i && is_short_form(&docs[i], &docs[j])) else {
            i += 1;
            continue;
        };
        let short = docs.remove(i);
        let long = &mut docs[if j > i { j - 1 } else { j }];
        long.variants.insert(short.title);
        long.variants.extend(short.variants);
        long.mentions.extend(short.mentions);
        long.spans.extend(short.spans);
        long.title_spans.extend(short.title_spans);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Span, Spanned};

    fn mention(text: &str, title: &str, period: Option<&str>) -> DocumentMention {
        let start = text.find(title).unwrap();
        let span = Span::new(start, start + title.len());
        DocumentMention {
            title: Spanned::new(title, span),
            period: period.map(str::to_string),
            kind: "strategy",
            span,
            earlier: false,
        }
    }

    #[test]
    fn an_earlier_edition_stays_apart_from_the_dated_one() {
        let text = "Neglect Strategy; previous Neglect Strategy";
        let ev = EvidenceMaker::new(text);
        let mut previous = mention(text, "Neglect Strategy;", None);
        previous.title = Spanned::new("Neglect Strategy", Span::new(27, 43));
        previous.span = previous.title.span;
        previous.earlier = true;
        let docs = resolve_publications(
            &[mention(text, "Neglect Strategy", Some("2024-2026")), previous],
            "x",
            &ev,
        );
        let got: Vec<_> = docs.iter().map(|d| d.period.as_deref()).collect();
        assert_eq!(got, vec![Some("2024-2026"), None]);
    }

    #[test]
    fn one_period_takes_the_undated_mentions_several_keep_them_apart() {
        let text = "Neglect Strategy; NEGLECT STRATEGY; Plan A Strategy; Plan a Strategy";
        let ev = EvidenceMaker::new(text);
        let docs = resolve_publications(
            &[
                mention(text, "Neglect Strategy", Some("2024-2026")),
                mention(text, "NEGLECT STRATEGY", None),
            ],
            "x",
            &ev,
        );
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].title, "Neglect Strategy");
        assert_eq!(docs[0].period.as_deref(), Some("2024-2026"));
        assert_eq!(docs[0].key, "document/x/neglect-strategy/2024-2026");

        let docs = resolve_publications(
            &[
                mention(text, "Plan A Strategy", Some("2019-2022")),
                mention(text, "Plan a Strategy", Some("2023-2028")),
                mention(text, "Neglect Strategy", None),
                mention(text, "NEGLECT STRATEGY", None),
            ],
            "x",
            &ev,
        );
        let periods: Vec<_> = docs.iter().map(|d| (d.title.as_str(), d.period.as_deref())).collect();
        assert_eq!(
            periods,
            vec![
                ("Plan A Strategy", Some("2019-2022")),
                ("Plan a Strategy", Some("2023-2028")),
                ("Neglect Strategy", None)
            ]
        );
    }

    #[test]
    fn a_title_without_its_place_folds_into_the_full_one() {
        let text = "the Leeds Inclusive Growth Strategy 2023-2030; the refreshed Inclusive Growth Strategy 2023-2030; the Growth Strategy 2019";
        let ev = EvidenceMaker::new(text);
        let mut mentions = vec![
            mention(text, "Leeds Inclusive Growth Strategy", Some("2023-2030")),
            mention(text, "Inclusive Growth Strategy", Some("2023-2030")),
        ];
        mentions[1].title = Spanned::new("Inclusive Growth Strategy", Span::new(61, 86));
        let docs = resolve_publications(&mentions, "x", &ev);
        assert_eq!(docs.len(), 1, "{docs:?}");
        assert_eq!(docs[0].title, "Leeds Inclusive Growth Strategy");
        // Another period is another document.
        mentions[1].period = Some("2019".into());
        assert_eq!(resolve_publications(&mentions, "x", &ev).len(), 2);
    }

    #[test]
    fn a_short_form_folds_into_the_full_title() {
        let text = "Working Together to Safeguard Children 2018; Working Together 2018; Neglect Strategy 2018";
        let ev = EvidenceMaker::new(text);
        let mut mentions = vec![
            mention(text, "Working Together to Safeguard Children", Some("2018")),
            mention(text, "Working Together", Some("2018")),
        ];
        mentions[1].title = Spanned::new("Working Together", Span::new(45, 61));
        let docs = resolve_publications(&mentions, "x", &ev);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].title, "Working Together to Safeguard Children");
        assert!(docs[0].variants.contains("Working Together"));
        // A title ending in a head noun is a document of its own.
        let docs = resolve_publications(
            &[
                mention(text, "Neglect Strategy", Some("2018")),
                DocumentMention {
                    title: Spanned::new("Neglect Strategy Delivery Plan", Span::new(0, 5)),
                    ..mention(text, "Neglect Strategy", Some("2018"))
                },
            ],
            "x",
            &ev,
        );
        assert_eq!(docs.len(), 2);
    }

    #[test]
    fn an_act_cut_short_at_the_front_folds_into_the_full_title() {
        let text = "the School Admissions (Admission Arrangements) (England) Regulations 2012\n- Admissions (Admission Arrangements) (England) Regulations 2012. Education Act 2002; Higher Education Act 2002";
        let ev = EvidenceMaker::new(text);
        let act = |title: &str, from: usize| {
            let start = from + text[from..].find(title).unwrap();
            let span = Span::new(start, start + title.len());
            DocumentMention {
                title: Spanned::new(title, span),
                period: None,
                kind: "legislation",
                span,
                earlier: false,
            }
        };
        let docs = resolve_publications(
            &[
                act(
                    "School Admissions (Admission Arrangements) (England) Regulations 2012",
                    0,
                ),
                act("Admissions (Admission Arrangements) (England) Regulations 2012", 60),
                act("Education Act 2002", 0),
                act("Higher Education Act 2002", 0),
            ],
            "x",
            &ev,
        );
        let titles: Vec<_> = docs.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "School Admissions (Admission Arrangements) (England) Regulations 2012",
                "Education Act 2002",
                "Higher Education Act 2002"
            ]
        );
    }
}
