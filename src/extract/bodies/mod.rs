//! Bodies named in the text: councils, commissions, boards, partnerships,
//! groups, panels, services, teams, trusts, police forces, government
//! bodies. A body's name is a capitalised phrase ending in a head noun that
//! says what kind of body it is ("Child Exploitation Delivery Group",
//! "South Yorkshire Police"); a few national bodies whose names carry no
//! such noun ("Ofsted") come from a lexicon of national bodies.
//!
//! Architecture invariant: finds mentions with spans and a kind; merging
//! mentions into bodies is `resolve`'s job.

mod known;
mod listed;
mod phrasings;

use known::{council_anaphora, known_mentions, local_branches, KnownForms, NATIONAL_FORMS};
pub use known::{council_references, own_council, KnownBody};

use crate::extract::known_acronyms::is_acronym_form;
use crate::extract::lists::{run_together_items, ItemKind, ListItem};
use crate::extract::phrases::{runs, span_of, Run, Word};
use crate::text::{Span, Spanned};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyKind {
    Council,
    Committee,
    Board,
    Partnership,
    Group,
    Panel,
    Service,
    Team,
    Nhs,
    Police,
    Charity,
    Government,
    School,
    University,
    Company,
    Other,
}

impl BodyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BodyKind::Council => "council",
            BodyKind::Committee => "committee",
            BodyKind::Board => "board",
            BodyKind::Partnership => "partnership",
            BodyKind::Group => "group",
            BodyKind::Panel => "panel",
            BodyKind::Service => "service",
            BodyKind::Team => "team",
            BodyKind::Nhs => "nhs",
            BodyKind::Police => "police",
            BodyKind::Charity => "charity",
            BodyKind::Government => "government",
            BodyKind::School => "school",
            BodyKind::University => "university",
            BodyKind::Company => "company",
            BodyKind::Other => "other",
        }
    }

    /// Every kind, in the order SHACL and the gold schema list them.
    pub const ALL: [BodyKind; 16] = [
        BodyKind::Council,
        BodyKind::Committee,
        BodyKind::Board,
        BodyKind::Partnership,
        BodyKind::Group,
        BodyKind::Panel,
        BodyKind::Service,
        BodyKind::Team,
        BodyKind::Nhs,
        BodyKind::Police,
        BodyKind::Charity,
        BodyKind::Government,
        BodyKind::School,
        BodyKind::University,
        BodyKind::Company,
        BodyKind::Other,
    ];

    pub fn parse(s: &str) -> Option<BodyKind> {
        BodyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Kinds of body a text refers to by the kind alone: "the Board", "the
/// group", "this partnership". One list for every rule reading such
/// references (`mentions`, `relations`), as a regex alternation.
pub(crate) const KIND_NOUNS: &str = "board|group|panel|partnership|forum|committee|commission|service|team";

/// Head nouns (singular, lower case) and the kind of body they name.
const HEADS: &[(&str, BodyKind)] = &[
    ("council", BodyKind::Council),
    ("commission", BodyKind::Committee),
    ("committee", BodyKind::Committee),
    ("cabinet", BodyKind::Committee),
    ("board", BodyKind::Board),
    ("partnership", BodyKind::Partnership),
    ("group", BodyKind::Group),
    ("subgroup", BodyKind::Group),
    ("sub-group", BodyKind::Group),
    ("forum", BodyKind::Group),
    ("network", BodyKind::Group),
    ("consortium", BodyKind::Group),
    ("parliament", BodyKind::Group),
    ("panel", BodyKind::Panel),
    ("service", BodyKind::Service),
    ("team", BodyKind::Team),
    ("hub", BodyKind::Team),
    ("unit", BodyKind::Team),
    ("trust", BodyKind::Charity),
    ("police", BodyKind::Police),
    ("constabulary", BodyKind::Police),
    ("court", BodyKind::Government),
    ("authority", BodyKind::Government),
    ("inquiry", BodyKind::Government),
    ("department", BodyKind::Government),
    ("office", BodyKind::Government),
    ("ministry", BodyKind::Government),
    ("inspectorate", BodyKind::Government),
    ("agency", BodyKind::Government),
    ("university", BodyKind::University),
    ("school", BodyKind::School),
    ("academy", BodyKind::School),
    ("college", BodyKind::Other),
    ("society", BodyKind::Charity),
    ("charity", BodyKind::Charity),
    ("association", BodyKind::Other),
    ("centre", BodyKind::Other),
    ("conference", BodyKind::Other),
    ("company", BodyKind::Other),
    ("co", BodyKind::Other),
    ("ltd", BodyKind::Other),
    ("limited", BodyKind::Other),
    ("rescue", BodyKind::Other),
];

/// Heads that name a kind of body, not one, after a generic modifier
/// (`GENERIC_MODIFIERS`): "Local Authority", but "Combined Authority".
const KIND_AFTER_GENERIC_HEADS: &[&str] = &["authority"];

/// Modifiers that leave a head of `KIND_AFTER_GENERIC_HEADS` a kind.
const GENERIC_MODIFIERS: &[&str] = &[
    "local",
    "public",
    "relevant",
    "statutory",
    "responsible",
    "lead",
    "other",
];

/// Heads that name a body only with their tail ("Inquiry into …").
const TAIL_ONLY_HEADS: &[&str] = &["inquiry"];

/// Heads that end a name but also stand inside longer ones without
/// starting a new name: "the South Yorkshire Courts", but "the Children
/// and Family Court Advisory and Support Service".
const INNER_HEADS: &[&str] = &["court", "courts"];

/// Heads whose name may go on after them: "Department for Education",
/// "College of Policing", "Office of the Police and Crime Commissioner".
const HEADS_WITH_TAIL: &[&str] = &[
    "department",
    "office",
    "ministry",
    "college",
    "university",
    "centre",
    "inquiry",
];

/// Heads that name a body on their own ("Cabinet").
const STANDALONE_HEADS: &[&str] = &["cabinet"];

/// Words for posts: a head followed by one names a post, not a body
/// ("Cabinet Member", "Board Manager").
const POST_WORDS: &[&str] = &[
    "member",
    "members",
    "director",
    "manager",
    "officer",
    "officers",
    "head",
    "chair",
    "chairman",
    "chairperson",
    "lead",
    "leader",
    "adviser",
    "advisor",
    "coordinator",
    "co-ordinator",
    "worker",
    "workers",
    "secretary",
    "representative",
    "representatives",
    "champion",
    "scrutineer",
];

/// Words that may follow a body's name without being part of it: the
/// body's papers and meetings ("… Partnership Annual Report", "… Panel
/// Meeting", "… Board Update"). Any other capitalised word after a head
/// means the head was not the end of a body's name ("Enabling School
/// Improvement", "Court Services Act").
const AFTER_BODY_WORDS: &[&str] = &[
    "annual",
    "report",
    "reports",
    "update",
    "updates",
    "strategy",
    "plan",
    "business",
    "three",
    "terms",
    "work",
    "meeting",
    "meetings",
    "minutes",
    "chairs",
    "review",
    "performance",
    "priorities",
    "guidance",
    "policy",
    "procedures",
    "protocol",
    "framework",
    "inspection",
    "inspections",
    "visit",
];

/// Heads whose plural still names one body ("Legal Services"); other
/// plurals name a kind of body ("Special Schools", "NHS Trusts").
const PLURAL_NAME_HEADS: &[&str] = &["services"];

/// Local-authority councils; any other "… Council" is a group
/// ("Looked After Children's Council").
const COUNCIL_QUALIFIERS: &[&str] = &[
    "borough",
    "city",
    "county",
    "district",
    "town",
    "parish",
    "metropolitan",
];

/// A body named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyMention {
    pub name: Spanned,
    pub kind: BodyKind,
    /// Named from the lexicon of national bodies, so not the council's own.
    pub national: bool,
}

/// The kind named by the head at `run[i]`, unless a prefix makes it a
/// modifier ("Multi Agency Safeguarding Hub").
pub(crate) fn head_at(run: &[Word], i: usize) -> Option<BodyKind> {
    if i > 0 && run[i - 1].lower == "multi" {
        return None;
    }
    // "Grimm & Co" ends a company's name; "Co Production Subgroup" is "Co-production".
    if run[i].lower == "co" && !(i > 0 && run[i - 1].lower == "&") {
        return None;
    }
    head_kind(&run[i])
}

pub(crate) fn head_kind(word: &Word) -> Option<BodyKind> {
    let stem = word.stem();
    let singular = stem.strip_suffix('s').filter(|s| !s.ends_with('s')).unwrap_or(stem);
    HEADS
        .iter()
        .find(|(h, _)| *h == stem || *h == singular)
        .map(|(_, k)| *k)
}

/// The kind of body a head noun (lower case, singular or plural) names.
pub(crate) fn head_noun_kind(lower: &str) -> Option<BodyKind> {
    let singular = lower.strip_suffix('s').filter(|s| !s.ends_with('s')).unwrap_or(lower);
    HEADS
        .iter()
        .find(|(h, _)| *h == lower || *h == singular)
        .map(|(_, k)| *k)
}

/// A plural head that names a kind of body rather than one body.
fn is_generic_plural(word: &Word) -> bool {
    let stem = word.stem();
    stem.ends_with('s') && !PLURAL_NAME_HEADS.contains(&stem) && HEADS.iter().all(|(h, _)| *h != stem)
}

pub(crate) fn is_post_word(word: &Word) -> bool {
    is_post_noun(&word.lower)
}

/// Whether `lower` (a lower-case word) names a post: "member", "director" …
pub(crate) fn is_post_noun(lower: &str) -> bool {
    POST_WORDS.contains(&lower)
}

/// The kind of the named body: the head's, refined by the whole name.
pub(crate) fn kind_of(words: &[Word], head: BodyKind) -> BodyKind {
    let has = |w: &str| words.iter().any(|x| x.lower == w);
    if has("nhs")
        || words.ends_with_lower(&["foundation", "trust"])
        || words.ends_with_lower(&["commissioning", "group"])
    {
        BodyKind::Nhs
    } else if has("police") || has("crime") && head == BodyKind::Government {
        BodyKind::Police
    } else if head == BodyKind::Council && !words.iter().any(|w| COUNCIL_QUALIFIERS.contains(&w.lower.as_str())) {
        BodyKind::Group
    } else {
        head
    }
}

trait EndsWithLower {
    fn ends_with_lower(&self, tail: &[&str]) -> bool;
}

impl EndsWithLower for [Word<'_>] {
    fn ends_with_lower(&self, tail: &[&str]) -> bool {
        self.len() >= tail.len()
            && self[self.len() - tail.len()..]
                .iter()
                .zip(tail)
                .all(|(w, t)| w.lower == *t)
    }
}

/// Where the name ending at `head` starts in `run`, or `None` when the
/// words before it do not make a name.
fn name_start(run: &[Word], head: usize) -> Option<usize> {
    let mut start = head;
    let mut crossed_comma = false;
    while start > 0 {
        let prev = &run[start - 1];
        let here = &run[start];
        if here.after_comma {
            // "Practice, Performance and Learning Delivery Group": one comma,
            // after a single first word, with "and" before the head.
            let and_follows = run[start..head].iter().any(|w| w.lower == "and" || w.lower == "&");
            let first_word = run[..start - 1].iter().all(|w| w.is_starter() || w.is_connector());
            if crossed_comma || !first_word || !and_follows {
                break;
            }
            crossed_comma = true;
        }
        if prev.is_connector() && !matches!(prev.lower.as_str(), "and" | "&" | "in" | "but") {
            break;
        }
        // "Strategic Director Children and Young People's Services" (a table
        // row) names a post and a body; "Chief Officer Group" is one name.
        if is_post_word(prev) && run[start..head].iter().filter(|w| !w.is_connector()).count() >= 2 {
            break;
        }
        // "… Commission and Health Select Commission", "… Services South
        // Yorkshire Police"; but "Partnership Board" is one name.
        let splits = head_at(run, start - 1).is_some() && !INNER_HEADS.contains(&prev.stem());
        if splits && (start < head || here.is_connector()) {
            start += usize::from(here.is_connector());
            break;
        }
        // "Group DELIVERY GROUP": a heading in capitals starts a new name.
        let capitals_start = here.is_upper() && run.get(start + 1).is_some_and(|w| w.is_upper());
        if !prev.is_upper() && !prev.is_connector() && capitals_start {
            break;
        }
        start -= 1;
    }
    // Drop qualifiers and sentence starters in front, and connectors left
    // over; a name that loses an "and" was one half of a coordination ("Sub
    // and Project Group").
    while start < head && (run[start].is_starter() || run[start].is_connector() || is_post_word(&run[start])) {
        if matches!(run[start].lower.as_str(), "and" | "&") {
            return None;
        }
        start += 1;
    }
    Some(start)
}

/// The end (exclusive) of a name whose head may take a tail.
fn tail_end(run: &[Word], head: usize) -> usize {
    if !HEADS_WITH_TAIL.contains(&run[head].stem()) {
        return head + 1;
    }
    match run.get(head + 1).map(|w| w.lower.as_str()) {
        // "the Independent Inquiry into Child Sexual Abuse".
        Some("of" | "for" | "into") => {
            let mut end = head + 2;
            while end < run.len()
                && end < head + 8
                && !run[end].text.chars().any(|c| c.is_ascii_digit())
                && !(run[end].is_upper() && run[end].text.len() > 1)
                && (!run[end].is_connector() || run[end].lower == "and" || run[end].lower == "the" && end == head + 2)
            {
                end += 1;
            }
            while end > head + 1 && run[end - 1].is_connector() {
                end -= 1;
            }
            if end > head + 2 {
                end
            } else {
                head + 1
            }
        }
        _ => head + 1,
    }
}

fn mentions_in_run(text: &str, run: &[Word], out: &mut Vec<BodyMention>) {
    for (i, word) in run.iter().enumerate() {
        let Some(head) = head_at(run, i) else { continue };
        if word.is_connector() {
            continue;
        }
        // "Special Schools" name a kind of body; "Multi-Agency Risk
        // Assessment Conferences (MARACs)" define a name.
        let defined = ACRONYM_AFTER.is_match(&text[word.span.end..]);
        let plural = is_generic_plural(word);
        let definite = i > 0 || text[..word.span.start].ends_with("the ");
        if plural && !defined && !definite {
            continue;
        }
        // "Partnership Board": the later head ends the name; "Cabinet Member":
        // a post, of the Cabinet; "Partnership Annual Report": the body's paper.
        if let Some(next) = run.get(i + 1) {
            let papers = AFTER_BODY_WORDS.contains(&next.lower.as_str());
            let boundary = next.after_comma || next.is_upper() && !word.is_upper();
            let members =
                matches!(next.lower.as_str(), "member" | "members") && STANDALONE_HEADS.contains(&word.stem());
            if !next.is_connector() && !papers && !boundary && !members && tail_end(run, i) == i + 1 {
                continue;
            }
        }
        let Some(start) = name_start(run, i) else { continue };
        let end = tail_end(run, i);
        // "Local Authority", "the relevant Public Authority": a kind of
        // body ("Rotherham Local Authority" is the council, named so);
        // "West Yorkshire Combined Authority" is one.
        let generic_before = i > 0 && GENERIC_MODIFIERS.contains(&run[i - 1].lower.as_str());
        if KIND_AFTER_GENERIC_HEADS.contains(&word.stem()) && (i == 0 || generic_before) {
            continue;
        }
        // "a Complex Abuse Inquiry" is an investigation; "the Independent
        // Inquiry into Child Sexual Abuse" a body.
        if end == i + 1 && TAIL_ONLY_HEADS.contains(&word.stem()) {
            continue;
        }
        let words = &run[start..end];
        let modifiers = words.iter().filter(|w| !w.is_connector()).count() - 1;
        if modifiers == 0 && !STANDALONE_HEADS.contains(&word.stem()) {
            continue;
        }
        if words.len() > 12
            || words.iter().any(|w| w.lower == "councillor" || w.lower == "cllr")
            || words.ends_with_lower(&["town", "centre"])
            || words.ends_with_lower(&["city", "centre"])
        {
            continue;
        }
        let mut span = span_of(words);
        // "any other Council Committee", "each Delivery Group", "other
        // Partnership Boards", "170 Multi-Academy Trusts (MATs)": a kind
        // of body, not one body.
        let before = crate::text::window_before(text, span.start, 160);
        let counted = plural && COUNTED.is_match(before);
        // "the Delivery Groups", "the Community Safety Teams": the
        // definite plural of a name is the body's set of groups or teams.
        let collective = before.ends_with("the ") && words.len() >= 2;
        if plural && !defined && !collective {
            continue;
        }
        if counted || !defined && QUANTIFIED.is_match(before) && !quantifies_meetings(text, span) {
            continue;
        }
        // "Cabinet's response": the name is the possessor.
        if let Some(stripped) = span
            .slice(text)
            .strip_suffix("'s")
            .or_else(|| span.slice(text).strip_suffix("’s"))
        {
            span.end = span.start + stripped.len();
        }
        out.push(BodyMention {
            name: Spanned::new(clean_body_name(span.slice(text)), span),
            kind: kind_of(words, head),
            national: false,
        });
    }
}

/// The bodies a run-together list names ("Relevant Agencies: National
/// Probation Service Community Rehabilitation Company …").
fn list_mentions(text: &str, items: &[ListItem], out: &mut Vec<BodyMention>) {
    for item in items {
        if let ItemKind::Body(kind) = item.kind {
            out.push(BodyMention {
                name: Spanned::new(clean_body_name(item.span.slice(text)), item.span),
                kind,
                national: false,
            });
        }
    }
}

/// A quantifier right before a name, or before the list it ends ("any other
/// Council Committee, Scrutiny or Advisory Panel", "the lead Delivery
/// Group", "the relevant Delivery Groups"), makes it a kind of body.
static QUANTIFIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?i:any|each|every|other|another|no|several|various|many|all relevant|the relevant|the respective|the lead|a lead) (?:\p{Lu}[\p{L}'’&-]*(?:,? | or | and ))*$",
    )
    .expect("regex")
});

/// "every Child Exploitation Delivery Group meeting": the quantifier counts
/// the body's meetings; the name names one body.
fn quantifies_meetings(text: &str, name: Span) -> bool {
    let after = text[name.end..].trim_start_matches([' ', '\'', '’', 's']);
    after.get(..7).is_some_and(|w| w.eq_ignore_ascii_case("meeting"))
}

/// A parenthesised acronym right after a name: "Trusts (MATs)", not
/// "Boards (SAB, SRP, and HWbB)".
static ACRONYM_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^ \(\p{Lu}[\p{L}&]*\)").expect("regex"));

/// A number right before a plural name: "more than 170 Multi-Academy Trusts".
static COUNTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:\d+|(?i:two|three|four|five|six|seven|eight|nine|ten)) $").expect("regex"));

/// Collapses whitespace: names printed across a wrapped line read as one.
fn clean_body_name(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "three local charities which were GROW, Rothacs and Rotherham Rise":
/// names listed after a word for a kind of organisation are bodies, head
/// noun or not.
static LISTED_AFTER_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(charities|organisations|organizations|agencies|providers|partners)(?:\s+(?:which|that)\s+(?:were|are|included?|includes)|,?\s+such\s+as|,?\s+including|:)\s+((?:\p{Lu}[\p{L}'’&-]*(?:\s+\p{Lu}[\p{L}'’&-]*)*(?:,\s*|\s+and\s+)?)+)",
    )
    .expect("regex")
});

fn listed_after_kind(text: &str, span: Span, out: &mut Vec<BodyMention>) {
    let s = span.slice(text);
    for c in LISTED_AFTER_KIND.captures_iter(s) {
        let kind = if &c[1] == "charities" {
            BodyKind::Charity
        } else {
            BodyKind::Other
        };
        let list = c.get(2).expect("group");
        let mut at = list.start();
        for part in list.as_str().split(", ").flat_map(|p| p.split(" and ")) {
            let offset = s[at..].find(part).map_or(at, |o| at + o);
            let name = part.trim().trim_end_matches(',');
            at = offset + part.len();
            if name.is_empty() {
                continue;
            }
            let found = Span::new(span.start + offset, span.start + offset + name.len());
            if !out.iter().any(|m| m.name.span.contains(found)) {
                out.push(BodyMention {
                    name: Spanned::new(name, found),
                    kind,
                    national: false,
                });
            }
        }
    }
}

/// A name in apposition with a word for a kind of organisation: "the
/// national charity, Safe Lives, confirmed", "Aspire, the pupil referral
/// unit, worked". The name has one to four capitalised words: the repeat
/// is unbounded and the name cut to its last four words in `apposed_names`
/// (a bounded repeat of a Unicode class compiles to a copy per repeat; the
/// leftmost match of `{0,3}` starts at the fourth word from the end).
static NAME_THEN_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<name>\p{Lu}[\p{L}'’&-]*(?:\s+\p{Lu}[\p{L}'’&-]*)*),\s+the\s+(?P<desc>(?:[a-z][a-z-]*\s+){0,3})(?P<kind>charity|unit|provider|organisation|organization|agency|trust|school|college)\s*[,.;:)]")
        .expect("regex")
});
static KIND_THEN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<desc>(?:[a-z][a-z-]*\s+){0,3})(?P<kind>charity|provider|organisation|organization|agency)\s*,\s+(?P<name>\p{Lu}[\p{L}'’&-]*(?:\s+\p{Lu}[\p{L}'’&-]*){0,3})(?:,|\s+[a-z])")
        .expect("regex")
});

fn apposed_kind(word: &str) -> BodyKind {
    match word {
        "charity" => BodyKind::Charity,
        "school" | "college" => BodyKind::School,
        "trust" => BodyKind::Nhs,
        "unit" => BodyKind::Service,
        _ => BodyKind::Other,
    }
}

fn apposed_names(text: &str, span: Span, out: &mut Vec<BodyMention>) {
    let s = span.slice(text);
    let name_then_kind = NAME_THEN_KIND.captures_iter(s).map(|c| {
        let name = c.name("name").expect("group");
        (name.start() + phrasings::last_words_start(name.as_str(), 4), c)
    });
    let kind_then_name = KIND_THEN_NAME
        .captures_iter(s)
        .map(|c| (c.name("name").expect("group").start(), c));
    for (name_start, c) in name_then_kind.chain(kind_then_name) {
        let (name, desc) = (c.name("name").expect("group"), &c["desc"]);
        let name_end = name.end();
        let name = &s[name_start..name_end];
        // "the head of the unit" is a post, not a description; a first word
        // that is a given name, an honorific or a post word makes it a person.
        let describes = !desc
            .split_whitespace()
            .any(|w| matches!(w, "of" | "for" | "to" | "and" | "the" | "with" | "in" | "at"));
        let first = name.split_whitespace().next().unwrap_or("");
        let personal = crate::names::is_given_name(first) || crate::names::is_non_name_word(first);
        if !describes || personal {
            continue;
        }
        let found = Span::new(span.start + name_start, span.start + name_end);
        if !out
            .iter()
            .any(|m| m.name.span.contains(found) || found.contains(m.name.span))
        {
            out.push(BodyMention {
                name: Spanned::new(name, found),
                kind: apposed_kind(&c["kind"]),
                national: false,
            });
        }
    }
}

/// Bodies named in `span` of `text`, in text order.
pub fn find_bodies(text: &str, span: Span) -> Vec<BodyMention> {
    find_bodies_knowing(text, span, &[])
}

/// Bodies named in `span` of `text`, also where a name `known` from
/// elsewhere in the corpus is printed without anything marking it a body
/// ("Rotherham Rise would complete a triage process").
pub fn find_bodies_knowing(text: &str, span: Span, known: &[KnownBody]) -> Vec<BodyMention> {
    find_bodies_in(text, span, &runs(text, span), known)
}

/// [`find_bodies_knowing`] over the phrase runs of `span`, already found.
pub fn find_bodies_in(text: &str, span: Span, runs: &[Run], known: &[KnownBody]) -> Vec<BodyMention> {
    let mut out = Vec::new();
    for run in runs {
        match run_together_items(text, run) {
            Some(items) => list_mentions(text, &items, &mut out),
            None => mentions_in_run(text, run, &mut out),
        }
    }
    known_mentions(text, span, &NATIONAL_FORMS, &mut out);
    local_branches(text, known, &mut out);
    listed_after_kind(text, span, &mut out);
    apposed_names(text, span, &mut out);
    // Acronyms learned elsewhere are read apart, under their body's full
    // name (`known_acronyms`).
    let known_names = known.iter().filter(|k| !is_acronym_form(&k.name));
    if known.iter().any(|k| !is_acronym_form(&k.name)) {
        known_mentions(text, span, &KnownForms::new(known_names), &mut out);
    }
    council_anaphora(text, span, known, &mut out);
    listed::listed_after_bodies(text, span, &mut out);
    listed::acronyms_listed_with_bodies(text, span, &mut out);
    phrasings::phrased_bodies(text, span, &mut out);
    out.sort_by_key(|m| (m.name.span.start, std::cmp::Reverse(m.name.span.end)));
    name_aliases(text, &mut out);
    out
}

/// A second name in brackets right after a body's name: "the Child
/// Safeguarding Practice Review Panel (the National Panel)" gives a short
/// name for it; "The National Health Service Commissioning Board (known as
/// NHS England)" the name it goes by.
static ALIAS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\((?:(?P<known>(?:also |commonly |now )?known as (?:the )?)|the )$").expect("regex")
});

/// Reads every mention of a bracketed alias as the body it names: a short
/// name under the full one, the full name under the one it is known as.
/// A bracketed name without "the" or "known as" is another body: "Director
/// of Children's Services (Rotherham Metropolitan Borough Council)".
fn name_aliases(text: &str, out: &mut [BodyMention]) {
    let mut renames: Vec<(String, String)> = Vec::new();
    for pair in out.windows(2) {
        let (name, alias) = (&pair[0], &pair[1]);
        let Some(between) = text.get(name.name.span.end..alias.name.span.start) else {
            continue;
        };
        let Some(c) = ALIAS_AFTER.captures(between) else {
            continue;
        };
        if !text[alias.name.span.end..].starts_with(')') || alias.name.text == name.name.text {
            continue;
        }
        if c.name("known").is_some() {
            renames.push((name.name.text.clone(), alias.name.text.clone()));
        } else {
            renames.push((alias.name.text.clone(), name.name.text.clone()));
        }
    }
    for (from, to) in renames {
        for m in out.iter_mut().filter(|m| m.name.text == from) {
            m.name.text.clone_from(&to);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn bodies(text: &str) -> Vec<(String, &'static str)> {
        find_bodies(text, Span::new(0, text.len()))
            .into_iter()
            .map(|m| (m.name.text, m.kind.as_str()))
            .collect()
    }

    pub(super) fn names(text: &str) -> Vec<String> {
        bodies(text).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn a_capitalised_phrase_ending_in_a_head_noun_is_a_body() {
        assert_eq!(
            bodies("It was owned by the Neglect Delivery Group, which reported to South Yorkshire Police."),
            vec![
                ("Neglect Delivery Group".to_string(), "group"),
                ("South Yorkshire Police".to_string(), "police")
            ]
        );
    }

    #[test]
    fn posts_are_not_bodies_but_the_body_in_a_post_is() {
        assert_eq!(
            names("Councillor Cusworth, Cabinet Member for Children and Young People's Services, said"),
            vec!["Cabinet", "Children and Young People's Services"]
        );
        assert_eq!(
            names("the Director of Children's Services"),
            vec!["Children's Services"]
        );
    }

    #[test]
    fn the_later_head_ends_the_name_and_documents_do_not_extend_it() {
        assert_eq!(
            names("the Rotherham Safeguarding Children's Partnership Board met"),
            vec!["Rotherham Safeguarding Children's Partnership Board"]
        );
        assert_eq!(
            names("THE ROTHERHAM SAFEGUARDING ADULTS BOARD ANNUAL REPORT 2023 - 2024"),
            vec!["ROTHERHAM SAFEGUARDING ADULTS BOARD"]
        );
    }

    #[test]
    fn two_bodies_joined_by_and_stay_apart() {
        assert_eq!(
            names("to the Improving Lives Select Commission and Health Select Commission"),
            vec!["Improving Lives Select Commission", "Health Select Commission"]
        );
    }

    #[test]
    fn a_comma_list_in_a_name_needs_its_and() {
        assert_eq!(
            names("the Practice, Performance and Learning Delivery Group"),
            vec!["Practice, Performance and Learning Delivery Group"]
        );
        assert_eq!(
            names("on the Board from SYP, CCG, Hospitals, Fire Service"),
            vec!["SYP", "CCG", "Fire Service"]
        );
        assert_eq!(
            names("The Performance, Practice and Learning Group was led by"),
            vec!["Performance, Practice and Learning Group"]
        );
        assert_eq!(
            names("LIVES SELECT COMMISSION - SUB AND PROJECT GROUP UPDATES"),
            vec!["LIVES SELECT COMMISSION"]
        );
        assert_eq!(
            names("Learning & Improvement Delivery Group"),
            vec!["Learning & Improvement Delivery Group"]
        );
        assert_eq!(
            names("the Multi Agency Safeguarding Hub and the Chief Officer Group"),
            vec!["Multi Agency Safeguarding Hub", "Chief Officer Group"]
        );
    }

    #[test]
    fn a_quantified_name_is_a_kind_of_body() {
        assert!(names("Consideration by any other Council Committee, Scrutiny or Advisory Panel").is_empty());
        assert!(names("It is the lead Delivery Group for audits, with the relevant Delivery Groups.").is_empty());
        assert!(names("Meet with chairs of other Partnership Boards. Each Delivery Group will report.").is_empty());
        assert!(names("Meet with chairs of other Partnership Boards (SAB, SRP, and HWbB).").is_empty());
        assert!(names("there were more than 170 Multi-Academy Trusts (MATs) in the region").is_empty());
        assert_eq!(
            names("MARACs were held. Multi-Agency Risk Assessment Conferences (MARACs) met."),
            ["Multi-Agency Risk Assessment Conferences"]
        );
        assert_eq!(
            names("two case studies went to every Child Exploitation Delivery Group meeting"),
            ["Child Exploitation Delivery Group"]
        );
        assert_eq!(
            names("the Delivery Group reported to the Executive Group"),
            ["Delivery Group", "Executive Group"]
        );
    }

    #[test]
    fn a_definite_plural_name_is_the_set_of_bodies() {
        assert_eq!(
            names("It will ensure that the Delivery Groups are supported by the Executive Group."),
            ["Delivery Groups", "Executive Group"]
        );
        assert_eq!(
            names("sharing information on the Community Safety Teams social media"),
            ["Community Safety Teams"]
        );
        assert!(names("Special Schools and NHS Trusts met the relevant Delivery Groups.").is_empty());
    }

    #[test]
    fn co_ends_a_name_only_after_an_ampersand() {
        assert_eq!(
            names("- The service would continue developing the Post CSE Project Board and Co Production Subgroup."),
            ["Post CSE Project Board", "Co Production Subgroup"]
        );
        assert_eq!(
            names("the experts e.g. the Different but Equal Board, Grimm & Co. and Defeye Creative & Co."),
            ["Different but Equal Board", "Grimm & Co", "Defeye Creative & Co"]
        );
    }

    #[test]
    fn a_court_ends_a_name_without_splitting_a_longer_one() {
        assert_eq!(
            bodies("Work was taking place with the South Yorkshire Courts to ensure"),
            [("South Yorkshire Courts".to_string(), "government")]
        );
        assert_eq!(
            names("The Children and Family Court Advisory and Support Service (Cafcass) as established"),
            ["Children and Family Court Advisory and Support Service", "Cafcass"]
        );
    }

    #[test]
    fn an_inquiry_is_a_body_only_with_its_remit() {
        assert_eq!(
            names("records appropriate for the National Independent Inquiry into Sexual Abuse are kept"),
            ["National Independent Inquiry into Sexual Abuse"]
        );
        assert!(names("there was one large scale ongoing Complex Abuse Inquiry in Rotherham").is_empty());
    }

    #[test]
    fn an_authority_is_a_body_but_a_local_authority_a_kind() {
        assert_eq!(
            names("the West Yorkshire Combined Authority had been consulted."),
            ["West Yorkshire Combined Authority"]
        );
        assert!(names("Each Local Authority and the relevant Public Authority must act.").is_empty());
        assert!(names("the Rotherham Local Authority will").is_empty());
    }

    #[test]
    fn kinds_follow_the_whole_name() {
        assert_eq!(
            bodies("The Rotherham NHS Foundation Trust, Rotherham Metropolitan Borough Council and the Looked After Children's Council"),
            vec![
                ("Rotherham NHS Foundation Trust".to_string(), "nhs"),
                ("Rotherham Metropolitan Borough Council".to_string(), "council"),
                ("Looked After Children's Council".to_string(), "group")
            ]
        );
    }

    #[test]
    fn heads_with_tails_and_standalone_heads() {
        assert_eq!(
            bodies("reported to the Department for Education and to Cabinet"),
            vec![
                ("Department for Education".to_string(), "government"),
                ("Cabinet".to_string(), "committee")
            ]
        );
    }

    #[test]
    fn what_follows_a_head_decides_whether_it_ends_a_name() {
        assert_eq!(
            names("the Corporate Parenting Panel Meeting on"),
            vec!["Corporate Parenting Panel"]
        );
        assert_eq!(names("the Cabinet's response to"), vec!["Cabinet"]);
        assert!(names("the Enabling School Improvement consultation").is_empty());
        assert!(names("the Criminal Justice and Court Services Act 2000").is_empty());
    }

    #[test]
    fn kinds_of_body_and_posts_in_tables_are_not_names() {
        assert!(names("Special Schools, NHS Trusts and Partnership Boards").is_empty());
        assert_eq!(
            names("There were Multi-Agency Risk Assessment Conferences (MARACs) held"),
            vec!["Multi-Agency Risk Assessment Conferences"]
        );
        assert_eq!(
            names("Strategic Director Children and Young People's Services"),
            vec!["Children and Young People's Services"]
        );
        assert_eq!(
            names("Youth Cabinet/Youth Parliament"),
            vec!["Youth Cabinet", "Youth Parliament"]
        );
        assert_eq!(
            names("Performance & Quality Delivery Group DELIVERY GROUP CHAIRS")[0],
            "Performance & Quality Delivery Group"
        );
    }

    #[test]
    fn names_listed_after_a_kind_of_organisation_are_bodies() {
        assert_eq!(
            bodies("were provided by three local charities which were GROW, Rothacs and Rotherham Rise."),
            vec![
                ("GROW".to_string(), "charity"),
                ("Rothacs".to_string(), "charity"),
                ("Rotherham Rise".to_string(), "charity")
            ]
        );
    }

    #[test]
    fn a_name_beside_a_word_for_an_organisation_is_a_body() {
        let text = "National domestic abuse charity, Safe Lives confirmed the figures. \
                    Whilst students were in alternative provision, Aspire, the pupil referral unit, worked with them. \
                    Sarah Jones, the head of the unit, spoke. Councillor Ali, the local provider, spoke.";
        let found = find_bodies(text, Span::new(0, text.len()));
        let names: Vec<(&str, BodyKind)> = found.iter().map(|m| (m.name.text.as_str(), m.kind)).collect();
        assert!(names.contains(&("Safe Lives", BodyKind::Charity)), "{names:?}");
        assert!(names.contains(&("Aspire", BodyKind::Service)), "{names:?}");
        assert!(
            !names.iter().any(|(n, _)| n.contains("Sarah") || n.contains("Ali")),
            "{names:?}"
        );
    }

    #[test]
    fn a_bracketed_alias_names_the_same_body() {
        assert_eq!(
            names("with the Child Safeguarding Practice Review Panel (the National Panel). The National Panel is"),
            vec![
                "Child Safeguarding Practice Review Panel",
                "Child Safeguarding Practice Review Panel",
                "Child Safeguarding Practice Review Panel"
            ]
        );
        assert_eq!(
            names("- The Health Service Commissioning Board (known as NHS England) as established"),
            vec!["NHS England", "NHS England"]
        );
        assert_eq!(
            names("Director of Children's Services (Rotherham Metropolitan Borough Council)"),
            vec!["Children's Services", "Rotherham Metropolitan Borough Council"]
        );
    }

    #[test]
    fn anaphora_alone_are_not_names() {
        assert!(names("the Board agreed that the Council and the Partnership would").is_empty());
    }
}
