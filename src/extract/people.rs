//! Who is named in an item, and in what capacity: welcomed to the meeting,
//! presenting, declaring an interest; plus "Name, Role" appositions.
//!
//! Architecture invariant: produces unresolved [`PersonRef`]s with spans;
//! deciding which person a reference means is the resolve stage's job.

use super::bodies::is_post_noun;
use super::sentences::sentences;
use crate::names::{clean_name, is_given_name, name_at, parse_name_roles, split_list, NameEvidence};
use crate::text::{Span, Spanned};
use regex::{Regex, RegexSet};
use serde::Serialize;
use std::sync::LazyLock;

/// How a person is referred to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RefKind {
    /// A personal name, with its honorific when printed.
    Name { honorific: Option<&'static str> },
    /// A first name alone ("Laura").
    GivenName,
    /// A post ("the Cabinet Member", "the Assistant Director for Education").
    Role,
    /// The chair of the meeting.
    Chair,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRef {
    pub kind: RefKind,
    /// The name or role as printed (cleaned for names), and where.
    pub text: Spanned,
    /// A role printed beside the name ("Laura Gough, Head of Service …").
    pub role: Option<Spanned>,
}

/// The capacity in which a reference occurs in an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    Welcomed,
    Presenter,
    Mentioned,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonFact {
    pub person: PersonRef,
    pub capacity: Capacity,
    /// The sentence that states it.
    pub evidence: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Declaration {
    pub person: PersonRef,
    /// The minute number the interest relates to, when printed.
    pub minute: Option<String>,
    /// "pecuniary", "non-pecuniary", "personal", "prejudicial" or as written.
    pub interest: String,
    /// What the member did ("remained in the meeting but did not participate …").
    pub action: Option<String>,
    pub evidence: Span,
}

static WELCOME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^the\s+chair(?:man|person)?\s+welcomed\s+(?:to\s+the\s+meeting\s*,?\s*)?(?P<list>.+?)(?:\s+to\s+the\s+meeting)?[.:]?$")
        .expect("regex")
});

static INVITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^the\s+chair(?:man|person)?\s+invited\s+(?P<who>.+?)\s+to\s+(?:introduce|present|give|lead|deliver|provide|update|outline|speak)\b",
    )
    .expect("regex")
});

/// "Consideration was given to a report presented by Matthew Midgley, Service
/// Manager for Public Health, which …": the presenter follows "by", up to
/// what the report is about.
static PRESENTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?i:report|presentation|update|overview|briefing)s?\s+
        (?i:(?:was|were)\s+)?(?i:presented|given|delivered|introduced|provided)\s+by\s+
        (?P<who>(?:the\s+)?\p{Lu}.*?)
        (?:,\s+(?i:which|who|that|setting|outlining|detailing|about|on|regarding)\b
          |\s+(?i:on|about|regarding|concerning|in\s+relation\s+to|which|that|setting\s+out|outlining|detailing)\s
          |\s*[.;:]?\s*$)",
    )
    .expect("regex")
});

static PRESENTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?P<who>.+?),?\s+
        (?:
          gave\s+(?:the\s+following|a|an)\s+(?:brief\s+|short\s+|verbal\s+)?(?:powerpoint\s+)?(?:presentation|update|overview|summary|report)s?
        | presented\s+(?:a|the|an)\s+(?:report|presentation|update|overview)
        | submitted\s+(?:a|the|an)\s+(?:joint\s+)?report
        | provided\s+(?:a|an|the\s+following)\s+(?:brief\s+)?(?:summary|overview|update|presentation|progress\s+report)
        | introduced\s+the\s+(?:report|item|presentation)
        | led\s+(?:on\s+)?the\s+presentation
        | (?:be|was|were)\s+thanked\s+for\s+(?:his|her|their|the)\s+(?:presentation|report|update)
        )\b",
    )
    .expect("regex")
});

/// "1) That " before the subject of a resolution.
static RESOLUTION_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\(?\d{1,2}\)\s*)?(?:That\s+)?").expect("regex"));

static CHAIR_UPDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^the\s+chair(?:man|person)?\s+(?:provided|gave|reported|informed|updated|advised|welcomed\s+members)\b",
    )
    .expect("regex")
});

static NEGATIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:no|not|none|nothing|covered|next\s+meeting)\b").expect("regex"));

static PROCEDURAL_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:minutes\s+of|declarations?\s+of\s+interest|exclusion\s+of\s+the\s+press|questions\s+from|next\s+meeting|apologies)\b")
        .expect("regex")
});

static DECLARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?P<who>.+?)\s+declared\s+an?\s+(?P<kind>(?:disclosable\s+)?(?:non-?\s?pecuniary|pecuniary|personal|prejudicial|(?:other\s+)?regist(?:e)?rable)(?:\s+and\s+\w+)?)?\s*interest\b",
    )
    .expect("regex")
});

static DECLARATION_MINUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bminute\s+(?:no\.?\s*)?(\d{1,4}(?:\(\d+\))?)").expect("regex"));

static DECLARATION_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:he|she|they|the\s+member|councillor\s+\S+)\s+(?P<action>(?:remained|left|withdrew|took\s+part|did\s+not)\b[^.]*)")
        .expect("regex")
});

static ROLE_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:the)\s+(?P<role>(?:\p{Lu}[\p{L}'’-]*|for|of|and|the|on)(?:\s+(?:\p{Lu}[\p{L}'’-]*|for|of|and|the|on|in))*)$")
        .expect("regex")
});

/// "That the Chair write to …", "(2) That Councillor Cusworth be asked to
/// …": the subject of a resolution, a capitalised phrase before its verb.
/// The number in brackets has one to three characters: the repeat is
/// unbounded and a longer one refused in `requested_person` (a bounded
/// repeat of a Unicode class compiles to a copy per repeat; the bounded
/// pattern matches no text that this one matches with a longer number).
static RESOLUTION_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*(?:\((?P<number>\w+)\)\s*)?[Tt]hat\s+(?P<who>(?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|of|for|and|the))*?)\s+(?:be|is|are|should|will|would|to|provide|write|present|bring|circulate|report|arrange|share|consider|liaise|meet|send|update|seek|ensure|explore|investigate|contact|invite|look|feed)\b")
        .expect("regex")
});

/// Whether a word of a role reference names a post ("the Strategic
/// Director of …"; "the Commissioning Team" names a body, not a person):
/// the words for posts, and two that also start bodies' names ("Chief
/// Executive" but "Executive Group"; "Commissioner") and so are posts only
/// here.
fn is_post_word(word: &str) -> bool {
    is_post_noun(&word.to_lowercase()) || matches!(word, "Executive" | "Commissioner")
}

/// The person a resolution asks to act, when its subject is one: the chair,
/// a named person, or a post ("the Cabinet Member"); not a body or a first
/// name alone.
pub fn requested_person(text: &str, resolution: Span) -> Option<PersonRef> {
    let c = RESOLUTION_SUBJECT.captures(resolution.slice(text))?;
    if c.name("number").is_some_and(|n| n.as_str().chars().count() > 3) {
        return None;
    }
    let who = c.name("who").expect("group");
    let span = Span::new(resolution.start + who.start(), resolution.start + who.end());
    let [r] = <[PersonRef; 1]>::try_from(person_refs(text, span)).ok()?;
    let wanted = match &r.kind {
        RefKind::Chair => true,
        RefKind::Name { honorific } => honorific.is_some() || r.text.text.contains(' '),
        RefKind::Role => r.text.text.split_whitespace().any(is_post_word),
        RefKind::GivenName => false,
    };
    wanted.then_some(r)
}

/// Reads "the Cabinet Member", "Councillor Cusworth and Helen Sweaton",
/// "Laura and Darren", "the Chair" as person references.
pub fn person_refs(text: &str, span: Span) -> Vec<PersonRef> {
    let span = span.trimmed(text, &[',', '.', ':']);
    let phrase = span.slice(text);
    if let Some(r) = single_ref(text, span) {
        // "the Independent Chair of the X and Y Board" stays one role.
        if matches!(r.kind, RefKind::Role) || !phrase.contains(" and ") {
            return vec![r];
        }
    }
    split_list(text, span)
        .into_iter()
        .filter_map(|chunk| single_ref(text, chunk))
        .collect()
}

fn single_ref(text: &str, span: Span) -> Option<PersonRef> {
    let s = span.slice(text);
    let lower = s.to_lowercase();
    if matches!(lower.as_str(), "the chair" | "the chairman" | "the chairperson") {
        return Some(PersonRef {
            kind: RefKind::Chair,
            text: Spanned::from_source(text, span),
            role: None,
        });
    }
    if ROLE_REF.is_match(s) && s.split_whitespace().nth(1).is_some_and(crate::names::is_non_name_word) {
        let role = Span::new(span.start + 4, span.end).trimmed(text, &[]);
        return Some(PersonRef {
            kind: RefKind::Role,
            text: Spanned::from_source(text, role),
            role: None,
        });
    }
    if !s.contains(' ') && is_given_name(s) {
        return Some(PersonRef {
            kind: RefKind::GivenName,
            text: Spanned::from_source(text, span),
            role: None,
        });
    }
    let found = name_at(text, span, NameEvidence::Context)?;
    let name = found.name.slice(text);
    // A single capitalised word without honorific is a first name; the
    // resolve stage accepts it only if it matches one person in scope.
    if found.honorific.is_none() && !name.contains(' ') {
        return Some(PersonRef {
            kind: RefKind::GivenName,
            text: Spanned::from_source(text, found.name),
            role: None,
        });
    }
    Some(PersonRef {
        kind: RefKind::Name {
            honorific: found.honorific,
        },
        text: Spanned::new(clean_name(name), found.name),
        role: (!found.rest.is_empty()).then(|| Spanned::from_source(text, found.rest)),
    })
}

/// The people of a "Name, Role and Name, Role" list with their roles; a
/// surname alone needs an honorific.
fn named_with_roles(text: &str, list: Span) -> Vec<PersonRef> {
    parse_name_roles(text, list)
        .into_iter()
        .filter(|p| p.name.slice(text).contains(' ') || p.honorific.is_some())
        .map(|p| PersonRef {
            kind: RefKind::Name { honorific: p.honorific },
            text: Spanned::new(clean_name(p.name.slice(text)), p.name),
            role: p.role.map(|r| Spanned::from_source(text, r)),
        })
        .collect()
}

/// The sentence patterns `item_people` reads, in the order it tries them.
#[derive(Clone, Copy)]
enum Pattern {
    Welcome,
    Invited,
    Declared,
    ChairUpdate,
    PresentedBy,
    Presented,
}

/// Each pattern with its regex: the one table both the prefilter and the
/// dispatch read, so they cannot drift apart.
static CAPACITY_PATTERNS: [(Pattern, &LazyLock<Regex>); 6] = [
    (Pattern::Welcome, &WELCOME),
    (Pattern::Invited, &INVITED),
    (Pattern::Declared, &DECLARED),
    (Pattern::ChairUpdate, &CHAIR_UPDATE),
    (Pattern::PresentedBy, &PRESENTED_BY),
    (Pattern::Presented, &PRESENTED),
];

/// All of [`CAPACITY_PATTERNS`] at once: a sentence matching none (most)
/// is searched once, not once per pattern.
static ANY_CAPACITY: LazyLock<RegexSet> =
    LazyLock::new(|| RegexSet::new(CAPACITY_PATTERNS.iter().map(|(_, re)| re.as_str())).expect("capacity regex set"));

/// The person facts and declarations of one item.
pub fn item_people(text: &str, title: &str, body: Span) -> (Vec<PersonFact>, Vec<Declaration>) {
    let mut found = ItemPeople::default();
    let procedural = PROCEDURAL_TITLE.is_match(title);
    for sentence in sentences(text, body) {
        let matched = ANY_CAPACITY.matches(sentence.slice(text));
        // The first pattern that reads the sentence.
        let _ = CAPACITY_PATTERNS
            .iter()
            .enumerate()
            .filter(|(i, _)| matched.matched(*i))
            .any(|(_, (pattern, re))| found.read(text, sentence, body, *pattern, re, procedural));
    }
    (found.facts, found.declarations)
}

#[derive(Default)]
struct ItemPeople {
    facts: Vec<PersonFact>,
    declarations: Vec<Declaration>,
}

impl ItemPeople {
    fn add(&mut self, people: Vec<PersonRef>, capacity: Capacity, evidence: Span) {
        self.facts.extend(people.into_iter().map(|person| PersonFact {
            person,
            capacity,
            evidence,
        }));
    }

    /// Reads `sentence` with `pattern`; whether it did.
    fn read(&mut self, text: &str, sentence: Span, body: Span, pattern: Pattern, re: &Regex, procedural: bool) -> bool {
        let s = sentence.slice(text);
        let Some(c) = re.captures(s) else { return false };
        let who = || {
            let m = c.name("who").expect("group");
            Span::new(sentence.start + m.start(), sentence.start + m.end())
        };
        match pattern {
            Pattern::Welcome => {
                let m = c.name("list").expect("group");
                let list = Span::new(sentence.start + m.start(), sentence.start + m.end());
                self.add(named_with_roles(text, list), Capacity::Welcomed, sentence);
            }
            Pattern::Invited => self.add(person_refs(text, who()), Capacity::Presenter, sentence),
            Pattern::Declared => {
                if let Some(person) = person_refs(text, who()).into_iter().next() {
                    let following = &text[sentence.end..body.end.min(sentence.end + 300)];
                    self.declarations.push(Declaration {
                        person,
                        minute: DECLARATION_MINUTE.captures(s).map(|m| m[1].to_string()),
                        interest: c.name("kind").map_or("unspecified".to_string(), |k| {
                            k.as_str()
                                .to_lowercase()
                                .replace("non pecuniary", "non-pecuniary")
                                .replace("nonpecuniary", "non-pecuniary")
                        }),
                        action: DECLARATION_ACTION
                            .captures(following)
                            .map(|a| a["action"].trim_end_matches('.').to_string()),
                        evidence: sentence,
                    });
                }
            }
            Pattern::ChairUpdate => {
                if procedural || NEGATIVE.is_match(s) {
                    return false;
                }
                let chair = Span::new(sentence.start, sentence.start + "the chair".len());
                let person = PersonRef {
                    kind: RefKind::Chair,
                    text: Spanned::from_source(text, chair),
                    role: None,
                };
                self.add(vec![person], Capacity::Presenter, sentence);
            }
            Pattern::PresentedBy => {
                let named = named_with_roles(text, who());
                let refs = if named.is_empty() {
                    person_refs(text, who())
                } else {
                    named
                };
                self.add(refs, Capacity::Presenter, sentence);
            }
            Pattern::Presented => {
                let mut who = who();
                if let Some(lead) = RESOLUTION_LEAD.find(who.slice(text)) {
                    who = Span::new(who.start + lead.end(), who.end);
                }
                // "Shokat Lal, Assistant Chief Executive, gave …": the
                // apposition makes a name of an unknown first name.
                self.add(person_refs(text, who), Capacity::Presenter, sentence);
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_subjects_are_read_as_with_the_bounded_number() {
        let bounded = Regex::new(&RESOLUTION_SUBJECT.as_str().replace(r"(?P<number>\w+)", r"\w{1,3}")).expect("regex");
        for s in [
            "(1) That the Chair write to the Minister.",
            "((ab) That Councillor Cusworth be asked to report.",
            "(abcd) That Councillor Cusworth be asked to report.",
            "(abcd) (ab) That the Chair write.",
            "- (ii)\tThat Helen Sweaton should arrange a visit.",
            "(éa) That Laura Smith meet the group.",
            "That the Cabinet Member be informed.",
            "(1234) that the Chair write.",
        ] {
            let ours = RESOLUTION_SUBJECT
                .captures(s)
                .filter(|c| c.name("number").is_none_or(|n| n.as_str().chars().count() <= 3))
                .map(|c| (c.get(0).expect("match").range(), c.name("who").expect("who").range()));
            let theirs = bounded
                .captures(s)
                .map(|c| (c.get(0).expect("match").range(), c.name("who").expect("who").range()));
            assert_eq!(ours, theirs, "{s}");
        }
    }

    #[test]
    fn a_resolution_asks_a_person_or_a_post_to_act() {
        let asked = |text: &str| {
            requested_person(text, Span::new(0, text.len())).map(|r| (r.text.text, format!("{:?}", r.kind)))
        };
        assert_eq!(
            asked("(2) That the Chair write to the Minister."),
            Some(("the Chair".into(), "Chair".into()))
        );
        assert_eq!(
            asked("That Councillor Cusworth be asked to report back."),
            Some(("Cusworth".into(), "Name { honorific: Some(\"Councillor\") }".into()))
        );
        assert_eq!(
            asked("That the Strategic Director of Children's Services provide an update."),
            Some(("Strategic Director of Children's Services".into(), "Role".into()))
        );
        for text in [
            "That the Commissioning Team notify Members.",
            "That the report be noted.",
            "That Laura provide it.",
        ] {
            assert_eq!(asked(text), None, "{text}");
        }
    }

    fn facts(text: &str) -> Vec<(String, &'static str, &'static str)> {
        let (facts, _) = item_people(text, "AN ITEM", Span::new(0, text.len()));
        facts
            .into_iter()
            .map(|f| {
                let kind = match f.person.kind {
                    RefKind::Name { .. } => "name",
                    RefKind::GivenName => "given",
                    RefKind::Role => "role",
                    RefKind::Chair => "chair",
                };
                let cap = match f.capacity {
                    Capacity::Welcomed => "welcomed",
                    Capacity::Presenter => "presenter",
                    Capacity::Mentioned => "mentioned",
                };
                (f.person.text.text, kind, cap)
            })
            .collect()
    }

    #[test]
    fn welcomes_list_people_with_roles() {
        let got = facts(
            "The Chair welcomed to the meeting Laura Gough, Head of Service, and Darren Downs, Independent Scrutineer.",
        );
        assert_eq!(
            got,
            vec![
                ("Laura Gough".into(), "name", "welcomed"),
                ("Darren Downs".into(), "name", "welcomed")
            ]
        );
        assert!(
            facts("The Chair welcomed Members to the first meeting of the Committee.")
                .iter()
                .all(|f| f.2 != "welcomed")
        );
    }

    #[test]
    fn invitations_to_present_name_roles_first_names_or_people() {
        assert_eq!(
            facts("The Chair invited the Cabinet Member to introduce the report.")[0],
            ("Cabinet Member".into(), "role", "presenter")
        );
        let got = facts("The Chair invited Laura and Darren to introduce the report and lead on the presentation.");
        assert_eq!(
            got,
            vec![
                ("Laura".into(), "given", "presenter"),
                ("Darren".into(), "given", "presenter")
            ]
        );
        let got = facts("The Chair invited Councillor Cusworth and Helen Sweaton to introduce the report.");
        assert_eq!(
            got.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
            vec!["Cusworth", "Helen Sweaton"]
        );
        assert!(facts("The Chair invited Members to declare any interests.").is_empty());
    }

    #[test]
    fn people_who_gave_or_presented() {
        assert_eq!(
            facts("Shokat Lal, Assistant Chief Executive, gave the following powerpoint presentation:-")[0].0,
            "Shokat Lal"
        );
        assert_eq!(
            facts("Vicky Schofield, Head of Service for First Response, presented a report on the procedures.")[0].0,
            "Vicky Schofield"
        );
        assert_eq!(
            facts("The Acting Assistant Director gave a brief presentation to the report.")[0],
            ("Acting Assistant Director".into(), "role", "presenter")
        );
        assert_eq!(
            facts("Councillor Cusworth gave the following updates:-")[0].0,
            "Cusworth"
        );
        assert_eq!(
            facts("1) That the Regional Schools Commissioner be thanked for his presentation")[0].0,
            "Regional Schools Commissioner"
        );
        assert_eq!(facts("Shokat was thanked for his presentation.")[0].1, "given");
    }

    #[test]
    fn people_a_report_was_presented_by() {
        let got = facts(
            "Consideration was given to a report presented by Matthew Midgley, Service Manager for Public Health, which set out the plan.",
        );
        assert_eq!(got, vec![("Matthew Midgley".into(), "name", "presenter")]);
        let got = facts("A presentation was given by the Strategic Director on the outcomes of the inspection.");
        assert_eq!(got, vec![("Strategic Director".into(), "role", "presenter")]);
        let got = facts("An update delivered by Councillor Cusworth and Jo Smith, Head of Service, followed.");
        assert_eq!(
            got.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
            ["Cusworth", "Jo Smith"]
        );
        assert!(facts("The report was presented by officers in October.").is_empty());
        let text = "A report presented by Lisa Mahmood, Director of Safeguarding and Quality Assurance, which set out the plan.";
        let (got, _) = item_people(text, "AN ITEM", Span::new(0, text.len()));
        let role = got[0].person.role.as_ref().map(|r| r.text.as_str());
        assert_eq!(role, Some("Director of Safeguarding and Quality Assurance"));
    }

    #[test]
    fn the_chair_delivering_an_item() {
        assert_eq!(
            facts("The Chair provided a progress report on sub and project group activity.")[0].1,
            "chair"
        );
        assert!(facts("The Chair advised that all the items were covered on the agenda.").is_empty());
    }

    #[test]
    fn an_officer_who_submitted_a_report_presented_it() {
        let text = "The Director of City Development submitted a report which set out the position.";
        let (facts, _) = item_people(text, "Inclusive Growth", Span::new(0, text.len()));
        let who: Vec<_> = facts
            .iter()
            .map(|f| (f.person.text.text.as_str(), f.capacity))
            .collect();
        assert_eq!(who, [("Director of City Development", Capacity::Presenter)]);
    }

    #[test]
    fn declarations_with_kind_minute_and_action() {
        let text = "Councillor Griffin declared a non-pecuniary interest (Minute 138, Domestic Abuse Strategy Update). He remained in the meeting but did not participate in the debate or vote.";
        let (_, decl) = item_people(text, "DECLARATIONS OF INTEREST", Span::new(0, text.len()));
        assert_eq!(decl.len(), 1);
        assert_eq!(decl[0].person.text.text, "Griffin");
        assert_eq!(decl[0].minute.as_deref(), Some("138"));
        assert_eq!(decl[0].interest, "non-pecuniary");
        assert_eq!(
            decl[0].action.as_deref(),
            Some("remained in the meeting but did not participate in the debate or vote")
        );
        let text = "Councillor Harland declared an other registerable interest in minute 105 as a trustee of Leeds Community Foundation.";
        let (_, decl) = item_people(text, "Declarations of Interest", Span::new(0, text.len()));
        assert_eq!(decl.len(), 1);
        assert_eq!(decl[0].interest, "other registerable");
        assert_eq!(decl[0].minute.as_deref(), Some("105"));
    }
}
