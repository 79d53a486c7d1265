//! Relations between bodies and documents stated in sentences and tables:
//! "the Neglect Delivery Group, which reported directly to the RSCP
//! Executive Partnership Group", "It was owned by …", "was approved at
//! Cabinet", "were provided by three local charities which were GROW,
//! Rothacs and Rotherham Rise", "A change of name from the Corporate
//! Parenting Panel to the Corporate Parenting Partnership Board", and
//! tables captioned "Delivery Groups Reporting to the Executive Group".
//!
//! The ends of a relation are entity mentions found by the body and
//! document rules (by span), an anaphor ("It", "The strategy", "the
//! Board") or a kind of body ("Each Delivery Group", "All subgroups").
//!
//! Architecture invariant: works on spans; which entity a span, an anaphor
//! or a kind means is decided by `resolve`.

use crate::extract::bodies::KIND_NOUNS;
use crate::extract::sentences::sentences;
use crate::text::Span;
use regex::{Regex, RegexSet};
use std::sync::LazyLock;

mod posts;
mod tables;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Predicate {
    ReportsTo,
    OwnedBy,
    GovernedBy,
    ChairedBy,
    ApprovedBy,
    ProvidedBy,
    RenamedTo,
    MemberOf,
    PartOf,
}

impl Predicate {
    pub fn as_str(self) -> &'static str {
        match self {
            Predicate::ReportsTo => "reportsTo",
            Predicate::OwnedBy => "ownedBy",
            Predicate::GovernedBy => "governedBy",
            Predicate::ChairedBy => "chairedBy",
            Predicate::ApprovedBy => "approvedBy",
            Predicate::ProvidedBy => "providedBy",
            Predicate::RenamedTo => "renamedTo",
            Predicate::MemberOf => "memberOf",
            Predicate::PartOf => "partOf",
        }
    }
}

/// One end of a relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// A body or document mention, by its span.
    Mention(Span),
    /// "It", "The strategy", "the Board": the latest entity before `at`
    /// whose name contains `noun` (any entity for "it"; a document first
    /// when only documents are owned, governed or approved).
    Anaphor { noun: String, at: usize },
    /// "Each Delivery Group", "All subgroups": every body of that kind in
    /// the document (`noun` singular, lower case).
    Kind { noun: String },
    /// A post as printed ("the Assistant Director for Commissioning and
    /// Performance"), when no body is named there.
    Post(String),
}

/// "chaired by the Assistant Director for Commissioning and Performance":
/// a capitalised post right after the verb.
static POST_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^\s+(?:the |an? )?(?P<post>{})", posts::POST)).expect("regex"));

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationMention {
    pub predicate: Predicate,
    pub subject: End,
    pub object: End,
    pub evidence: Span,
}

/// A verb phrase that states a relation, with the subject before it and
/// the object after it.
static VERBS: LazyLock<Vec<(Regex, Predicate)>> = LazyLock::new(|| {
    let v = |re: &str, p| (Regex::new(re).expect("relation regex"), p);
    vec![
        v(
            r"(?i)\b(?:reports?|reported|reporting|feeds? back|fed back|submits? (?:its|their) reports?|provided regular updates|provides regular updates)(?: directly| quarterly| annually| regularly)?\s+(?:in)?to\b",
            Predicate::ReportsTo,
        ),
        // "The report will also be submitted to the Improving Lives Select
        // Commission": its owner reports there (see `resolve::relations`).
        v(
            r"(?i)\b(?:is|are|was|were|will(?: also)? be|would(?: also)? be|has(?: also)? been|had(?: also)? been) (?:submitted|presented) to\b",
            Predicate::ReportsTo,
        ),
        v(
            r"(?i)\b(?:is|was|are|were|will be|would be) owned by\b",
            Predicate::OwnedBy,
        ),
        // "The Domestic Abuse Delivery Group was a subgroup of the Community
        // Safety Partnership", "… is one of the delivery groups of …", "…
        // forms part of …".
        v(
            r"(?i)\b(?:is|was|are|were|will be|would be|has been|had been|(?:forms?|formed)) (?:now |also )?(?:an? |one of the |the )?(?:sub-?groups?|sub-?committees?|sub-?panels?|delivery groups?|working groups?|task and finish groups?|part) (?:of|to|under)\b",
            Predicate::PartOf,
        ),
        v(
            r"(?i)\b(?:is|was|are|were|will be|would be) (?:governed|overseen|developed and managed|managed) (?:by|through)\b",
            Predicate::GovernedBy,
        ),
        v(
            r"(?i)\b(?:is|was|are|were|will be|would be) chaired by\b",
            Predicate::ChairedBy,
        ),
        v(
            r"(?i)\b(?:is|was|are|were|has been|had been|have been) (?:presented to and )?(?:approved|endorsed|agreed|signed off) (?:by|at)\b",
            Predicate::ApprovedBy,
        ),
        v(
            r"(?i)\b(?:is|was|are|were|will be) (?:provided|delivered|run) by\b",
            Predicate::ProvidedBy,
        ),
    ]
});

/// Every verb pattern at once: a sentence that matches none (most) is
/// searched once, not once per pattern.
static ANY_VERB: LazyLock<RegexSet> =
    LazyLock::new(|| RegexSet::new(VERBS.iter().map(|(re, _)| re.as_str())).expect("relation regex set"));

static RENAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:change of name from|renamed from)\b(?P<from>.+?)\bto\b(?P<to>.+)").expect("regex")
});

/// The nouns of `ANAPHOR` that stand for documents.
const DOCUMENT_NOUNS: &[&str] = &["terms of reference", "strategy", "plan", "report", "review"];

/// "it", "the Board", "this new strategy": a subject or object the
/// sentence names by a pronoun or its kind.
static ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    let documents = DOCUMENT_NOUNS.join("|");
    Regex::new(&format!(
        r"(?i)^(?:it|they|(?:the|this|these) (?:proposed |new |draft |revised )?(?P<noun>{documents}|{KIND_NOUNS}|police))\b"
    ))
    .expect("regex")
});

/// "Rotherham Safeguarding Children's Partnership published the Child
/// Exploitation Priorities": the document is owned by the body before the verb.
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:has|have|had) |(?:is|are|was|were) (?:also |currently )?)?(?:published|produced|developed|launched|publishing|producing|developing|finalising|finalizing|refreshing|preparing|drafting)(?: the| its| their| a| an)?\b",
    )
    .expect("regex")
});

/// "Each Delivery Group", "All subgroups", "The delivery groups": every body
/// of a kind (a singular after "each"/"every", a plural after "all"/"the").
static KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:each|every) (?:relevant )?(?P<one>(?:[a-z]+ )?(?:group|sub-?group|panel|board|team))|(?:all|all the|the) (?:relevant )?(?P<many>(?:[a-z]+ )?(?:group|sub-?group|panel|board|team)s))\b")
        .expect("regex")
});

/// "… and will", "… and would": a second verb phrase of the sentence's subject.
static COORDINATED_VERB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\band (?:also )?(?:will|would|shall|should|must)(?: also)?\s*$").expect("regex"));

/// Nothing, or an article: what may come before a sentence's opening name.
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\s*(?:the\s+)?$").expect("regex"));

/// "its Work Programme", "their Annual Report": a possessive before a mention.
static ITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b(?:its|their) (?:own )?$").expect("regex"));

/// "the partnership's ", "the Board’s ", "the partnerships " (its apostrophe
/// lost) right before a name: of `KIND_NOUNS`, the kinds that have parts
/// (a "service's" or "team's" named thing is rarely a body).
static KIND_POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[Tt]he (?P<noun>[Pp]artnership|[Bb]oard|[Pp]anel|[Gg]roup|[Ff]orum)(?:'s|’s|s'|s) $").expect("regex")
});

/// "… the Executive Group of the safeguarding partnership", "… the Chief
/// Officer Group of the safeguarding partners": a body of a body named by
/// its kind alone.
static OF_THE_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ of the (?:[a-z]+ )?(?P<noun>partnership|partners|council|board)\b").expect("regex")
});

/// The mention nearest before `at` within `within`.
fn last_before(mentions: &[Span], within: Span, at: usize) -> Option<Span> {
    mentions
        .iter()
        .filter(|m| m.start >= within.start && m.end <= at)
        .max_by_key(|m| (m.end, std::cmp::Reverse(m.start)))
        .copied()
}

/// The mention starting soonest after `at` (within 40 bytes) in `within`.
fn first_after(text: &str, mentions: &[Span], within: Span, at: usize) -> Option<Span> {
    let first = mentions
        .iter()
        .filter(|m| m.start >= at && m.end <= within.end && !text[at..m.start].contains(['.', ';']))
        .filter(|m| m.start - at <= 40)
        .min_by_key(|m| (m.start, std::cmp::Reverse(m.end)))
        .copied()?;
    // "the Council's Improving Lives Select Commission": the possessed body.
    let possessed = ["'s ", "’s "]
        .iter()
        .find(|p| text[first.end..within.end].starts_with(**p))
        .and_then(|p| mentions.iter().find(|m| m.start == first.end + p.len()));
    Some(possessed.copied().unwrap_or(first))
}

/// Every mention in a list starting right after `at`: "GROW, Rothacs and Rotherham Rise".
fn list_after(text: &str, mentions: &[Span], within: Span, at: usize) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut from = at;
    while let Some(m) = first_after(text, mentions, within, from) {
        let gap = &text[from..m.start];
        if !out.is_empty() && !gap.trim().is_empty() && !matches!(gap.trim(), "," | "and" | ", and" | "&") {
            break;
        }
        out.push(m);
        from = m.end;
    }
    out
}

/// The subject of a verb at `verb` in `sentence`: a mention before it, a
/// kind at the sentence start, or an anaphor at the sentence start.
fn subject(text: &str, mentions: &[Span], sentence: Span, verb: usize) -> Option<End> {
    let s = &text[sentence.start..verb];
    let lead = s.trim_start();
    let lead_at = sentence.start + (s.len() - lead.len());
    // "Each Delivery Group will develop a work plan aligned to the Business
    // Plan and will report to …": the sentence's subject, not the nearest name.
    let coordinated = COORDINATED_VERB.is_match(s);
    if let Some(c) = KIND.captures(lead) {
        let noun = c.name("one").or(c.name("many")).map_or("", |m| m.as_str());
        let noun = noun.to_lowercase().replace("sub-group", "subgroup");
        let noun = noun.strip_suffix('s').unwrap_or(&noun).to_string();
        let named_in_between = mentions.iter().any(|m| m.start >= lead_at && m.end <= verb);
        if !named_in_between || coordinated {
            return Some(End::Kind { noun });
        }
    }
    if coordinated {
        let opening = mentions
            .iter()
            .find(|m| m.start >= lead_at && m.end <= verb && ARTICLE.is_match(&text[lead_at..m.start]));
        if let Some(m) = opening {
            return Some(End::Mention(*m));
        }
    }
    if let Some(m) = last_before(mentions, sentence, verb) {
        return Some(End::Mention(m));
    }
    ANAPHOR.captures(lead).map(|c| End::Anaphor {
        noun: c.name("noun").map_or(String::new(), |n| n.as_str().to_lowercase()),
        at: sentence.start,
    })
}

/// "the Board", "the Partnership" right after `at`: an anaphor for the
/// latest such body.
fn object_anaphor(text: &str, at: usize, end: usize) -> Option<End> {
    let rest = text[at..end].trim_start();
    ANAPHOR.captures(rest).and_then(|c| {
        c.name("noun").map(|n| End::Anaphor {
            noun: n.as_str().to_lowercase(),
            at,
        })
    })
}

fn sentence_relations(text: &str, mentions: &[Span], sentence: Span, out: &mut Vec<RelationMention>) {
    let s = sentence.slice(text);
    let verbs = ANY_VERB.matches(s);
    for (re, predicate) in VERBS.iter().zip(0..).filter(|(_, i)| verbs.matched(*i)).map(|(v, _)| v) {
        for m in re.find_iter(s) {
            let verb = sentence.start + m.start();
            let after = sentence.start + m.end();
            let Some(subject) = subject(text, mentions, sentence, verb) else {
                continue;
            };
            let objects: Vec<End> = match predicate {
                Predicate::ProvidedBy => list_after(text, mentions, sentence, after)
                    .into_iter()
                    .map(End::Mention)
                    .collect(),
                _ => first_after(text, mentions, sentence, after)
                    .filter(|m| {
                        ARTICLE.is_match(&text[after..m.start]) || object_anaphor(text, after, sentence.end).is_none()
                    })
                    .map(End::Mention)
                    .or_else(|| object_anaphor(text, after, sentence.end))
                    .or_else(|| {
                        let post = POST_AFTER.captures(&text[after..sentence.end])?;
                        (*predicate == Predicate::ChairedBy).then(|| End::Post(post["post"].to_string()))
                    })
                    .into_iter()
                    .collect(),
            };
            // Only a body has parts: "part of the review" states nothing.
            let of_a_document =
                |o: &End| matches!(o, End::Anaphor { noun, .. } if DOCUMENT_NOUNS.contains(&noun.as_str()));
            for object in objects {
                if *predicate == Predicate::PartOf && of_a_document(&object) {
                    continue;
                }
                out.push(RelationMention {
                    predicate: *predicate,
                    subject: subject.clone(),
                    object,
                    evidence: sentence,
                });
            }
        }
    }
    for m in PUBLISHED.find_iter(s) {
        let verb = sentence.start + m.start();
        let after = sentence.start + m.end();
        // The publisher is named right before the verb, or is the sentence's
        // opening anaphor ("The partnership was also finalising …").
        let body = last_before(mentions, sentence, verb)
            .filter(|b| text[b.end..verb].trim().is_empty())
            .map(End::Mention)
            .or_else(|| {
                let lead = &text[sentence.start..verb];
                let c = ANAPHOR.captures(lead.trim_start())?;
                let rest = &lead.trim_start()[c.get(0)?.end()..];
                (rest.trim().is_empty() && c.name("noun").is_some()).then(|| End::Anaphor {
                    noun: c["noun"].to_lowercase(),
                    at: sentence.start,
                })
            });
        let document = first_after(text, mentions, sentence, after).filter(|d| text[after..d.start].trim().is_empty());
        if let (Some(body), Some(document)) = (body, document) {
            out.push(RelationMention {
                predicate: Predicate::OwnedBy,
                subject: End::Mention(document),
                object: body,
                evidence: sentence,
            });
        }
    }
    for body in mentions.iter().filter(|m| sentence.contains(**m)) {
        // "the partnership's Safeguarding in Education Group": part of the
        // partnership (a document so possessed is owned: see `resolve`).
        if let Some(c) = KIND_POSSESSIVE.captures(&text[sentence.start..body.start]) {
            out.push(RelationMention {
                predicate: Predicate::PartOf,
                subject: End::Mention(*body),
                object: End::Anaphor {
                    noun: c["noun"].to_lowercase(),
                    at: sentence.start + c.get(0).expect("match").start(),
                },
                evidence: sentence,
            });
        }
        if let Some(c) = OF_THE_KIND.captures(&text[body.end..sentence.end]) {
            let noun = if &c["noun"] == "partners" {
                "partnership"
            } else {
                &c["noun"]
            };
            out.push(RelationMention {
                predicate: Predicate::PartOf,
                subject: End::Mention(*body),
                object: End::Anaphor {
                    noun: noun.to_string(),
                    at: body.start,
                },
                evidence: sentence,
            });
        }
    }
    // "The Committee considered its Work Programme", "the Forum would present
    // their Annual Report": the sentence's subject owns what follows "its".
    for document in mentions.iter().filter(|m| sentence.contains(**m)) {
        if !ITS.is_match(&text[sentence.start..document.start]) {
            continue;
        }
        if let Some(owner) = subject(text, mentions, sentence, document.start) {
            out.push(RelationMention {
                predicate: Predicate::OwnedBy,
                subject: End::Mention(*document),
                object: owner,
                evidence: sentence,
            });
        }
    }
    if let Some(c) = RENAMED.captures(s) {
        let from = c.name("from").expect("group");
        let to = c.name("to").expect("group");
        let from_span = Span::new(sentence.start + from.start(), sentence.start + from.end());
        let first = first_after(text, mentions, from_span, from_span.start);
        let second = first_after(text, mentions, sentence, sentence.start + to.start());
        if let (Some(a), Some(b)) = (first, second) {
            out.push(RelationMention {
                predicate: Predicate::RenamedTo,
                subject: End::Mention(a),
                object: End::Mention(b),
                evidence: sentence,
            });
        }
    }
}

/// Relations a name states: a document whose title opens with a body's name
/// is that body's ("Rotherham Safeguarding Adults Board Annual Report",
/// "RESP Strategic Plan"); a possessive makes a document the body's
/// ("Council's Fresh Start Improvement Plan") and a body part of it ("the
/// Council's Improving Lives Select Commission").
pub fn name_relations(text: &str, bodies: &[Span], documents: &[Span]) -> Vec<RelationMention> {
    let mut out = Vec::new();
    for doc in documents {
        let owner = bodies
            .iter()
            .find(|b| b.start == doc.start && b.end < doc.end)
            .or_else(|| {
                bodies
                    .iter()
                    .find(|b| matches!(text.get(b.end..doc.start), Some("'s " | "’s ")))
            });
        if let Some(owner) = owner {
            out.push(RelationMention {
                predicate: Predicate::OwnedBy,
                subject: End::Mention(*doc),
                object: End::Mention(*owner),
                evidence: Span::new(owner.start.min(doc.start), doc.end),
            });
        }
    }
    for body in bodies {
        if let Some(provider) = provider_in_brackets(text, *body, bodies) {
            out.push(RelationMention {
                predicate: Predicate::ProvidedBy,
                subject: End::Mention(*body),
                object: End::Mention(provider),
                evidence: Span::new(body.start, provider.end + 1),
            });
        }
        let parent = bodies
            .iter()
            .find(|p| p.end <= body.start && matches!(&text[p.end..body.start], "'s " | "’s "));
        if let Some(parent) = parent {
            out.push(RelationMention {
                predicate: Predicate::PartOf,
                subject: End::Mention(*body),
                object: End::Mention(*parent),
                evidence: Span::new(parent.start, body.end),
            });
        }
    }
    out
}

/// "Child Protection Advocacy Service (Barnardo's)": a service, project or
/// programme followed by another body's name in brackets is provided by it
/// (an acronym in brackets is the service's own short name, not a provider).
fn provider_in_brackets(text: &str, service: Span, bodies: &[Span]) -> Option<Span> {
    let name = service.slice(text);
    let last = name.rsplit(' ').next().unwrap_or("");
    if !matches!(last, "Service" | "Services" | "Project" | "Programme" | "Scheme") {
        return None;
    }
    // "Director of Children's Services (Rotherham …)": the bracket is the post's.
    let before = text[..service.start].trim_end();
    if before.ends_with(" of") || before.ends_with(" for") {
        return None;
    }
    let provider = *bodies.iter().find(|b| b.start == service.end + 2)?;
    let bracketed =
        text.get(service.end..service.end + 2) == Some(" (") && text.get(provider.end..provider.end + 1) == Some(")");
    (bracketed && !is_short_name_of(provider.slice(text), name)).then_some(provider)
}

/// Whether `short` is an acronym of `long`: one word whose letters, in
/// order, are among the initials of `long`'s words ("Cafcass" of "Children
/// and Family Court Advisory and Support Service"), or in capitals alone.
fn is_short_name_of(short: &str, long: &str) -> bool {
    if !short.chars().any(char::is_lowercase) {
        return true;
    }
    if short.contains(' ') {
        return false;
    }
    let initials: String = long
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    let mut remaining = initials.chars();
    short
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .all(|c| remaining.any(|i| i == c))
}

/// Relations stated in `span` of `text` between the entities mentioned at
/// `mentions` (body and document mention spans, any order).
pub fn find_relations(text: &str, span: Span, mentions: &[Span]) -> Vec<RelationMention> {
    relations_in(text, span, &sentences(text, span), mentions)
}

/// [`find_relations`] with the `sentences` of `span` already split.
pub fn relations_in(text: &str, span: Span, sentences: &[Span], mentions: &[Span]) -> Vec<RelationMention> {
    let mut sorted: Vec<Span> = mentions.iter().filter(|m| span.contains(**m)).copied().collect();
    sorted.sort();
    let mut out = Vec::new();
    for &sentence in sentences {
        sentence_relations(text, &sorted, sentence, &mut out);
    }
    posts::post_chairs(text, &sorted, span, sentences, &mut out);
    tables::captioned_tables(text, &sorted, span, &mut out);
    tables::membership_tables(text, &sorted, span, &mut out);
    tables::partner_lists(text, &sorted, span, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relations in `text` whose mentions are the quoted names in `names`.
    fn relations(text: &str, names: &[&str]) -> Vec<(String, String, String)> {
        let mentions: Vec<Span> = names
            .iter()
            .flat_map(|n| text.match_indices(n).map(|(i, _)| Span::new(i, i + n.len())))
            .collect();
        let show = |e: &End| match e {
            End::Mention(s) => s.slice(text).to_string(),
            End::Anaphor { noun, .. } => format!("<{noun}>"),
            End::Kind { noun } => format!("[{noun}]"),
            End::Post(post) => format!("({post})"),
        };
        find_relations(text, Span::new(0, text.len()), &mentions)
            .iter()
            .map(|r| (show(&r.subject), r.predicate.as_str().to_string(), show(&r.object)))
            .collect()
    }

    fn rel(s: &str, p: &str, o: &str) -> (String, String, String) {
        (s.into(), p.into(), o.into())
    }

    #[test]
    fn a_relative_clause_reports_to_a_body() {
        assert_eq!(
            relations(
                "It was owned by the Neglect Delivery Group, which reported directly to the RSCP Executive Partnership Group.",
                &["Neglect Delivery Group", "RSCP Executive Partnership Group"]
            ),
            vec![
                rel("Neglect Delivery Group", "reportsTo", "RSCP Executive Partnership Group"),
                rel("<>", "ownedBy", "Neglect Delivery Group"),
            ]
        );
    }

    #[test]
    fn anaphors_and_kinds_are_kept_for_resolution() {
        assert_eq!(
            relations(
                "The strategy was a partnership strategy and was governed by the Rotherham Safeguarding Children's Partnership.",
                &["Rotherham Safeguarding Children's Partnership"]
            ),
            vec![rel("<strategy>", "governedBy", "Rotherham Safeguarding Children's Partnership")]
        );
        assert_eq!(
            relations("All subgroups fed back into the Board on a quarterly basis.", &[]),
            vec![rel("[subgroup]", "reportsTo", "<board>")]
        );
    }

    #[test]
    fn a_second_verb_phrase_belongs_to_the_sentence_subject() {
        assert_eq!(
            relations(
                "Each Delivery Group will develop a work plan aligned to the Business Plan and will report to the Executive Group on progress.",
                &["Business Plan", "Executive Group"]
            ),
            vec![rel("[delivery group]", "reportsTo", "Executive Group")]
        );
        assert_eq!(
            relations(
                "The Neglect Group agreed the Neglect Strategy and would report to the Executive Group.",
                &["Neglect Group", "Neglect Strategy", "Executive Group"]
            ),
            vec![rel("Neglect Group", "reportsTo", "Executive Group")]
        );
    }

    #[test]
    fn an_anaphor_right_after_the_verb_is_the_object() {
        assert_eq!(
            relations(
                "The Child Exploitation Tactical Group had a weekly meeting which was chaired by the Police and attended by CYPS.",
                &["Child Exploitation Tactical Group", "CYPS"]
            ),
            vec![rel("Child Exploitation Tactical Group", "chairedBy", "<police>")]
        );
    }

    #[test]
    fn publishers_and_owners_of_documents() {
        assert_eq!(
            relations(
                "The partnership was also finalising the Safeguarding in Education Strategy.",
                &["Safeguarding in Education Strategy"]
            ),
            vec![rel("Safeguarding in Education Strategy", "ownedBy", "<partnership>")]
        );
        assert_eq!(
            relations(
                "There would be an additional meeting where the Rotherham Parent Carers Forum would present their Annual Report.",
                &["Rotherham Parent Carers Forum", "Annual Report"]
            ),
            vec![rel("Annual Report", "ownedBy", "Rotherham Parent Carers Forum")]
        );
        assert_eq!(
            relations("The Committee considered its Work Programme.", &["Work Programme"]),
            vec![rel("Work Programme", "ownedBy", "<committee>")]
        );
        assert!(relations("Officers were developing the Neglect Strategy.", &["Neglect Strategy"]).is_empty());
    }

    #[test]
    fn a_post_chairs_when_no_body_is_named() {
        assert_eq!(
            relations(
                "The Panel was chaired by the Assistant Director for Commissioning and Performance.",
                &[]
            ),
            vec![rel(
                "<panel>",
                "chairedBy",
                "(Assistant Director for Commissioning and Performance)"
            )]
        );
    }

    #[test]
    fn approvals_providers_and_renames() {
        assert_eq!(
            relations(
                "The Domestic Abuse Strategy 2022-2027 that was approved by Cabinet in 2022.",
                &["Domestic Abuse Strategy", "Cabinet"]
            ),
            vec![rel("Domestic Abuse Strategy", "approvedBy", "Cabinet")]
        );
        assert_eq!(
            relations(
                "The Post CSE Support Services were provided by three local charities which were GROW, Rothacs and Rotherham Rise.",
                &["Post CSE Support Services", "GROW", "Rothacs", "Rotherham Rise"]
            ),
            vec![
                rel("Post CSE Support Services", "providedBy", "GROW"),
                rel("Post CSE Support Services", "providedBy", "Rothacs"),
                rel("Post CSE Support Services", "providedBy", "Rotherham Rise"),
            ]
        );
        assert_eq!(
            relations(
                "A change of name from the Corporate Parenting Panel to the Corporate Parenting Partnership Board, the Panel would",
                &["Corporate Parenting Panel", "Corporate Parenting Partnership Board"]
            ),
            vec![rel("Corporate Parenting Panel", "renamedTo", "Corporate Parenting Partnership Board")]
        );
    }

    #[test]
    fn a_membership_table_lists_posts_that_are_members() {
        let text = "Executive Group: Frequency – once every 2 months\t\nMembership\tKey Responsibilities\n<p>Independent Chair</p> <p>Chief Nurse (Rotherham CCG)</p> <p>Relevant Agencies: National Probation Service Community Rehabilitation Company</p> <p>Core Membership: Head of Service South Yorkshire Police Business Manager</p> <p>Others in attendance</p>\t<ul>• Oversees</ul>\n";
        assert_eq!(
            relations(
                text,
                &[
                    "Executive Group",
                    "National Probation Service",
                    "South Yorkshire Police"
                ]
            ),
            vec![
                rel("(Independent Chair)", "memberOf", "Executive Group"),
                rel("(Chief Nurse (Rotherham CCG))", "memberOf", "Executive Group"),
                rel("National Probation Service", "memberOf", "Executive Group"),
                rel("(Head of Service)", "memberOf", "Executive Group"),
                rel("South Yorkshire Police", "memberOf", "Executive Group"),
                rel("(Business Manager)", "memberOf", "Executive Group"),
            ]
        );
    }

    #[test]
    fn names_say_who_owns_a_document_and_what_a_body_is_part_of() {
        let text = "the Adults Board Annual Report; the Council’s Fresh Start Plan; the Council's Lives Commission; \
                    the Child Protection Advocacy Service (Barnardo's), the Evolve Service (ES), \
                    the Children and Family Court Advisory and Support Service (Cafcass), Director of Children's Services (Council)";
        // Every occurrence of each name, as the mention rules would find them.
        let spans = |names: &[&str]| -> Vec<Span> {
            names
                .iter()
                .flat_map(|n| text.match_indices(n).map(|(i, _)| Span::new(i, i + n.len())))
                .collect()
        };
        let bodies = spans(&[
            "Adults Board",
            "Council",
            "Lives Commission",
            "Child Protection Advocacy Service",
            "Barnardo's",
            "Evolve Service",
            "ES",
            "Children and Family Court Advisory and Support Service",
            "Cafcass",
            "Children's Services",
        ]);
        let documents = spans(&["Adults Board Annual Report", "Fresh Start Plan"]);
        let found: Vec<(&str, &str, &str)> = name_relations(text, &bodies, &documents)
            .iter()
            .map(|r| match (&r.subject, &r.object) {
                (End::Mention(a), End::Mention(b)) => (a.slice(text), r.predicate.as_str(), b.slice(text)),
                _ => unreachable!("names relate mentions"),
            })
            .collect();
        assert_eq!(
            found,
            vec![
                ("Adults Board Annual Report", "ownedBy", "Adults Board"),
                ("Fresh Start Plan", "ownedBy", "Council"),
                ("Lives Commission", "partOf", "Council"),
                ("Child Protection Advocacy Service", "providedBy", "Barnardo's"),
            ]
        );
    }

    #[test]
    fn a_report_submitted_to_a_body_reports_there() {
        let text = "The report will also be submitted to the Council's Improving Lives Select Commission for scrutiny.";
        assert_eq!(
            relations(text, &["Council", "Improving Lives Select Commission"]),
            vec![(
                "<report>".to_string(),
                "reportsTo".to_string(),
                "Improving Lives Select Commission".to_string()
            )]
        );
    }

    #[test]
    fn bodies_listed_as_the_partners_are_members_of_the_partnership() {
        let text = "The safeguarding partners in Rotherham are:\n\n- **Rotherham Council**\n- **South Yorkshire Police**\n\nThe Police lead.";
        let members: Vec<(String, String, String)> =
            relations(text, &["Rotherham Council", "South Yorkshire Police", "Police"]);
        assert_eq!(
            members,
            vec![
                (
                    "Rotherham Council".to_string(),
                    "memberOf".to_string(),
                    "<partnership>".to_string()
                ),
                (
                    "South Yorkshire Police".to_string(),
                    "memberOf".to_string(),
                    "<partnership>".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_body_the_partnership_possesses_is_part_of_it() {
        for text in [
            "The partnership's Safeguarding in Education Group met.",
            "The partnerships Safeguarding in Education Group met.",
        ] {
            assert_eq!(
                relations(text, &["Safeguarding in Education Group"]),
                vec![rel("Safeguarding in Education Group", "partOf", "<partnership>")],
                "{text}"
            );
        }
        assert!(relations("All partnerships Safeguarding Groups met.", &["Safeguarding Groups"]).is_empty());
    }

    #[test]
    fn a_subgroup_of_a_body_is_part_of_it() {
        let names = [
            "Domestic Abuse Delivery Group",
            "Community Safety Partnership",
            "Audit Panel",
            "Board",
        ];
        for text in [
            "The Domestic Abuse Delivery Group was a subgroup of the Community Safety Partnership.",
            "The Domestic Abuse Delivery Group is one of the sub-groups of the Community Safety Partnership.",
            "The Domestic Abuse Delivery Group forms part of the Community Safety Partnership.",
        ] {
            assert_eq!(
                relations(text, &names),
                vec![rel(
                    "Domestic Abuse Delivery Group",
                    "partOf",
                    "Community Safety Partnership"
                )],
                "{text}"
            );
        }
        // A group that is part of the work, not of a body.
        assert!(relations("The Audit Panel was part of the review.", &names).is_empty());
    }

    #[test]
    fn a_body_of_the_partnership_is_part_of_it() {
        let text =
            "Chair the Chief Officer Group of the safeguarding partners. Chair the Executive Group of the partnership.";
        assert_eq!(
            relations(text, &["Chief Officer Group", "Executive Group"]),
            vec![
                (
                    "Chief Officer Group".to_string(),
                    "partOf".to_string(),
                    "<partnership>".to_string()
                ),
                (
                    "Executive Group".to_string(),
                    "partOf".to_string(),
                    "<partnership>".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_captioned_table_reports_to_the_caption_body() {
        let text = "Schedule - Delivery Groups Reporting to the Executive Group\t\t\n\tFebruary\tApril\nPerformance & Quality Delivery Group\t✓\nChild Death Overview Panel\t\t✓\n\nLater text";
        assert_eq!(
            relations(
                text,
                &[
                    "Executive Group",
                    "Performance & Quality Delivery Group",
                    "Child Death Overview Panel"
                ]
            ),
            vec![
                rel("Performance & Quality Delivery Group", "reportsTo", "Executive Group"),
                rel("Child Death Overview Panel", "reportsTo", "Executive Group"),
            ]
        );
    }
}
