//! A deterministic generator of synthetic minutes with their ground truth,
//! for benchmarks and end-to-end accuracy tests (`councilgraph gen`).
//!
//! Architecture invariant: a generator, not part of the extraction pipeline.
//! Nothing here is read by `segment`, `extract` or `resolve`, and nothing is
//! taken from the hand-made gold files: the name pools below are invented or
//! common British names. Meeting `i` depends only on `(seed, i)`, so the
//! first 20 meetings of a 10k corpus are the 20 meetings of a 20-meeting one.

use crate::gold::{
    GoldDeclaration, GoldDocument, GoldFile, GoldItem, GoldMeeting, GoldOrganisation, GoldPerson, GoldRelation,
    GoldRole,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: a tiny, well-mixed, seedable PRNG (no dependency).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// `k` distinct indices of `0..n`, in drawing order.
    pub fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut ix: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            ix.swap(i, j);
        }
        ix.truncate(k);
        ix
    }
}

fn mix(seed: u64, salt: u64) -> u64 {
    Rng::new(seed ^ salt.wrapping_mul(0xD6E8_FEB8_6659_FD93)).next_u64()
}

const SURNAMES: &[&str] = &[
    "Ashby",
    "Barlow",
    "Bennett",
    "Birch",
    "Bradshaw",
    "Brennan",
    "Carver",
    "Chadwick",
    "Clayton",
    "Cooper",
    "Dawson",
    "Dixon",
    "Eccles",
    "Fairclough",
    "Farrell",
    "Fletcher",
    "Gill",
    "Goodwin",
    "Greaves",
    "Hadley",
    "Hall",
    "Hammond",
    "Hardy",
    "Hartley",
    "Haworth",
    "Hirst",
    "Holroyd",
    "Horton",
    "Hussain",
    "Ibbotson",
    "Jagger",
    "Kaur",
    "Kenyon",
    "Lambert",
    "Lawton",
    "Lockwood",
    "Lund",
    "Marsden",
    "Mellor",
    "Metcalfe",
    "Midgley",
    "Moorhouse",
    "Naylor",
    "Nuttall",
    "Oakes",
    "Ogden",
    "Patel",
    "Pearson",
    "Pickles",
    "Platt",
    "Quarmby",
    "Ramsden",
    "Rashid",
    "Redfern",
    "Rhodes",
    "Riley",
    "Sagar",
    "Schofield",
    "Senior",
    "Shaw",
    "Sheard",
    "Slater",
    "Stansfield",
    "Sutcliffe",
    "Swift",
    "Tattersall",
    "Thackray",
    "Thornton",
    "Tillotson",
    "Uttley",
    "Varley",
    "Wadsworth",
    "Walsh",
    "Warburton",
    "Whiteley",
    "Wilkinson",
    "Womersley",
    "Wood",
    "Wragg",
    "Yates",
    "Akhtar",
    "Begum",
    "Crossley",
    "Dyson",
    "Eastwood",
    "Firth",
    "Garside",
    "Haigh",
    "Iqbal",
    "Jessop",
    "Kitson",
    "Lees",
    "Mahmood",
    "Newsome",
    "Oldroyd",
    "Priestley",
    "Roebuck",
    "Stott",
];

const FIRST_NAMES: &[&str] = &[
    "Laura", "Helen", "Sarah", "Emma", "Rachel", "Joanne", "Claire", "Nicola", "Gemma", "Amy", "Karen", "Julie",
    "Ruth", "Fiona", "Aisha", "Priya", "Lisa", "Kate", "Anna", "Zoe", "Mark", "David", "Paul", "Andrew", "Simon",
    "James", "Richard", "Steven", "Daniel", "Tom", "Imran", "Gareth", "Neil", "Ian", "Peter", "Martin", "Chris",
    "Adam", "Matthew", "Sean",
];

/// Councils: place, kind of council, police force, NHS trust.
const COUNCILS: &[(&str, &str, &str)] = &[
    ("Calderbrook", "Metropolitan Borough Council", "West Pennine Police"),
    ("Ashworth", "Borough Council", "West Pennine Police"),
    ("Kingsmere", "City Council", "Mercia Vale Police"),
    ("Lowmoor", "Metropolitan Borough Council", "North Riding Police"),
    ("Wedderburn", "County Council", "Severnshire Police"),
    ("Harrowby", "District Council", "Mercia Vale Police"),
];

/// Meeting bodies: name (before the place, if `placed`), type, short id.
const BODIES: &[(&str, &str, &str, bool)] = &[
    ("Improving Lives Select Commission", "committee", "ilsc", false),
    ("Health Select Commission", "committee", "hsc", false),
    ("Overview and Scrutiny Management Board", "board", "osmb", false),
    ("Corporate Parenting Panel", "panel", "cpp", false),
    ("Audit Committee", "committee", "audit", false),
    ("Health and Wellbeing Board", "board", "hwb", true),
    (
        "Children and Young People's Scrutiny Committee",
        "committee",
        "cypsc",
        false,
    ),
];

const PORTFOLIOS: &[&str] = &[
    "Children and Young People's Services",
    "Adult Social Care and Health",
    "Housing",
    "Community Safety and Street Scene",
    "Jobs and the Local Economy",
    "Corporate Services and Finance",
];

const SERVICES: &[&str] = &[
    "Early Help",
    "Children's Social Care",
    "Adult Social Care",
    "Community Safety",
    "Education and Inclusion",
    "Public Health",
    "Commissioning and Performance",
    "Housing Options",
    "Safeguarding and Quality Assurance",
    "Regulatory Services",
];

/// Partnerships: name after the place, type, acronym suffix.
const PARTNERSHIPS: &[(&str, &str, &str)] = &[
    ("Safeguarding Children Partnership", "partnership", "SCP"),
    ("Safeguarding Adults Board", "board", "SAB"),
    ("Community Safety Partnership", "partnership", "CSP"),
    ("Health and Care Partnership", "partnership", "HCP"),
];

struct Theme {
    title: &'static str,
    doc: Option<(&'static str, &'static str)>,
    group: &'static str,
    partnership: usize,
    acronym: (&'static str, &'static str),
    topics: &'static [&'static str],
}

const THEMES: &[Theme] = &[
    Theme {
        title: "NEGLECT STRATEGY - PROGRESS UPDATE",
        doc: Some(("Neglect Strategy", "strategy")),
        group: "Neglect Delivery Group",
        partnership: 0,
        acronym: ("MASH", "Multi-Agency Safeguarding Hub"),
        topics: &["neglect", "child safeguarding"],
    },
    Theme {
        title: "CHILD EXPLOITATION UPDATE",
        doc: Some(("Child Exploitation Strategy", "strategy")),
        group: "Child Exploitation Delivery Group",
        partnership: 0,
        acronym: ("CSE", "Child Sexual Exploitation"),
        topics: &["child exploitation", "child safeguarding"],
    },
    Theme {
        title: "DOMESTIC ABUSE STRATEGY UPDATE",
        doc: Some(("Domestic Abuse Strategy", "strategy")),
        group: "Domestic Abuse Delivery Group",
        partnership: 2,
        acronym: ("MARAC", "Multi-Agency Risk Assessment Conference"),
        topics: &["domestic abuse"],
    },
    Theme {
        title: "SAFEGUARDING ADULTS BOARD ANNUAL REPORT",
        doc: Some(("Safeguarding Adults Board Annual Report", "report")),
        group: "Quality and Performance Group",
        partnership: 1,
        acronym: ("SAR", "Safeguarding Adults Review"),
        topics: &["adult safeguarding"],
    },
    Theme {
        title: "SPECIAL EDUCATIONAL NEEDS AND DISABILITIES SUFFICIENCY",
        doc: Some(("SEND Sufficiency Strategy", "strategy")),
        group: "SEND Strategic Board",
        partnership: 3,
        acronym: ("SEND", "Special Educational Needs and Disabilities"),
        topics: &["send", "education"],
    },
    Theme {
        title: "EARLY HELP STRATEGY REVIEW",
        doc: Some(("Early Help Strategy", "strategy")),
        group: "Early Help Steering Group",
        partnership: 0,
        acronym: ("CAMHS", "Child and Adolescent Mental Health Services"),
        topics: &["early help", "children's services"],
    },
    Theme {
        title: "JOINT STRATEGIC NEEDS ASSESSMENT",
        doc: Some(("Joint Health and Wellbeing Strategy", "strategy")),
        group: "Health Protection Group",
        partnership: 3,
        acronym: ("JSNA", "Joint Strategic Needs Assessment"),
        topics: &["public health"],
    },
    Theme {
        title: "LOOKED AFTER CHILDREN SUFFICIENCY",
        doc: Some(("Looked After Children Sufficiency Strategy", "strategy")),
        group: "Corporate Parenting Delivery Group",
        partnership: 0,
        acronym: ("IRO", "Independent Reviewing Officer"),
        topics: &["looked after children"],
    },
    Theme {
        title: "YOUTH JUSTICE PLAN",
        doc: Some(("Youth Justice Plan", "plan")),
        group: "Youth Justice Management Board",
        partnership: 2,
        acronym: ("YJS", "Youth Justice Service"),
        topics: &["youth justice"],
    },
    Theme {
        title: "HOMELESSNESS AND ROUGH SLEEPING",
        doc: Some(("Homelessness Prevention Strategy", "strategy")),
        group: "Homelessness Reduction Group",
        partnership: 3,
        acronym: ("DHP", "Discretionary Housing Payment"),
        topics: &["housing", "homelessness"],
    },
];

const FILLER: &[&str] = &[
    "The {D} set out the priorities for the next three years, which had been developed with partners and with children, young people and families.",
    "Performance against the action plan was reported every quarter and most actions were on track.",
    "The number of referrals to {S} had increased by {N} per cent compared with the previous year.",
    "Members asked how the impact of the work was measured; it was noted that an outcomes framework was in place and would be reviewed next year.",
    "Members asked whether there was sufficient capacity to meet demand. It was confirmed that recruitment to {N} vacant posts was under way.",
    "Training had been delivered to {N} practitioners across the partnership during the year.",
    "Feedback from families had been positive, although waiting times remained a concern.",
    "Partners had agreed a shared approach to early identification, supported by a new screening tool.",
    "A consultation would take place over the summer and the findings would be reported to a future meeting.",
    "Members welcomed the report and thanked officers for the clear presentation of the data.",
    "Members asked about the use of agency staff. It was noted that the proportion had fallen to {N} per cent.",
    "The annual audit programme had identified good practice in case recording and supervision.",
    "Work with schools had been strengthened, with a named lead in every secondary school.",
    "Budget pressures were expected to continue, and savings of {N} thousand pounds had been identified.",
];

#[derive(Clone)]
struct Councillor {
    surname: &'static str,
    initial: Option<char>,
    portfolio: Option<&'static str>,
}

impl Councillor {
    fn name(&self) -> String {
        match self.initial {
            Some(c) => format!("{c}. {}", self.surname),
            None => self.surname.to_string(),
        }
    }
}

#[derive(Clone)]
struct Officer {
    first: &'static str,
    surname: &'static str,
    doctor: bool,
    /// As printed after the name ("Head of Service for Early Help").
    role: String,
    /// Gold role title and organisation.
    title: String,
    organisation: Option<String>,
}

impl Officer {
    fn name(&self) -> String {
        format!("{} {}", self.first, self.surname)
    }
    fn printed(&self) -> String {
        if self.doctor {
            format!("Dr {}", self.name())
        } else {
            self.name()
        }
    }
}

struct Council {
    place: &'static str,
    name: String,
    councillors: Vec<Councillor>,
    officers: Vec<Officer>,
    /// Members of each body in `BODIES` (indices into `councillors`); the first is the chair.
    members: Vec<Vec<usize>>,
}

fn council(seed: u64, c: usize) -> Council {
    let (place, kind, police) = COUNCILS[c];
    let mut rng = Rng::new(mix(seed, 1_000_003 + c as u64));
    let name = format!("{place} {kind}");
    // 42 councillors; a few surnames shared, told apart by initials.
    let mut councillors: Vec<Councillor> = rng
        .sample(SURNAMES.len(), 40)
        .into_iter()
        .map(|i| Councillor {
            surname: SURNAMES[i],
            initial: None,
            portfolio: None,
        })
        .collect();
    for k in 0..3 {
        let twin = councillors[5 + k * 7].surname;
        let initials = [
            'A', 'B', 'C', 'D', 'E', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'Z',
        ];
        let a = rng.below(initials.len());
        let b = (a + 1 + rng.below(initials.len() - 1)) % initials.len();
        councillors[5 + k * 7].initial = Some(initials[a]);
        councillors.push(Councillor {
            surname: twin,
            initial: Some(initials[b]),
            portfolio: None,
        });
    }
    // The cabinet: the first councillors, each with a portfolio.
    for (i, p) in PORTFOLIOS.iter().enumerate() {
        councillors[i].portfolio = Some(p);
    }
    let council_name = name.clone();
    let mut officers: Vec<Officer> = Vec::new();
    while officers.len() < 28 {
        let first = *rng.pick(FIRST_NAMES);
        let surname = *rng.pick(SURNAMES);
        if officers.iter().any(|o| o.first == first && o.surname == surname) {
            continue;
        }
        let service = *rng.pick(SERVICES);
        let (role, title, organisation) = match rng.below(9) {
            0 | 1 => {
                let r = format!("Head of Service for {service}");
                (r.clone(), r, None)
            }
            2 => {
                let r = format!("Assistant Director of {service}");
                (r.clone(), r, None)
            }
            3 => {
                let r = format!("Service Manager for {service}");
                (r.clone(), r, None)
            }
            4 => {
                let r = format!("Interim Head of {service}");
                (r.clone(), r, None)
            }
            5 => (
                format!("District Commander for {police}"),
                "District Commander".to_string(),
                Some(police.to_string()),
            ),
            6 => {
                let trust = format!("{place} NHS Foundation Trust");
                (
                    format!("Safeguarding Lead at {trust}"),
                    "Safeguarding Lead".to_string(),
                    Some(trust),
                )
            }
            7 => {
                let p = format!("{place} {}", rng.pick(PARTNERSHIPS).0);
                (
                    format!("Independent Chair of the {p}"),
                    "Independent Chair".to_string(),
                    Some(p),
                )
            }
            _ => {
                let r = format!("Strategic Director of {service}");
                (r.clone(), r, Some(council_name.clone()))
            }
        };
        officers.push(Officer {
            first,
            surname,
            doctor: rng.chance(8),
            role,
            title,
            organisation,
        });
    }
    // Bodies: 10–14 members from the back benches (cabinet members attend by invitation).
    let backbench = councillors.len() - PORTFOLIOS.len();
    let members = BODIES
        .iter()
        .map(|_| {
            let n = rng.range(10, 14);
            rng.sample(backbench, n)
                .into_iter()
                .map(|i| i + PORTFOLIOS.len())
                .collect()
        })
        .collect();
    Council {
        place,
        name,
        councillors,
        officers,
        members,
    }
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, usize, usize) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as usize;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as usize;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[derive(Clone, Copy)]
struct Date(i64);

impl Date {
    fn iso(self) -> String {
        let (y, m, d) = civil(self.0);
        format!("{y:04}-{m:02}-{d:02}")
    }
    fn weekday(self) -> &'static str {
        // 1970-01-01 was a Thursday.
        WEEKDAYS[(self.0 + 3).rem_euclid(7) as usize]
    }
    fn plain(self) -> String {
        let (y, m, d) = civil(self.0);
        format!("{d} {} {y}", MONTHS[m - 1])
    }
    fn ordinal(self) -> String {
        let (y, m, d) = civil(self.0);
        let suffix = match (d % 10, d % 100) {
            (1, 11) | (2, 12) | (3, 13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        format!("{d}{suffix} {}, {y}", MONTHS[m - 1])
    }
}

fn and_list(xs: &[String]) -> String {
    match xs {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// One generated minutes file and its ground truth.
pub struct Generated {
    /// File stem, `NNN_<…>` as the scorer expects.
    pub stem: String,
    pub text: String,
    pub gold: GoldFile,
}

/// The gold being assembled for one meeting.
#[derive(Default)]
struct Truth {
    people: Vec<GoldPerson>,
    orgs: Vec<GoldOrganisation>,
    docs: Vec<GoldDocument>,
    relations: Vec<GoldRelation>,
    acronyms: BTreeMap<String, String>,
}

impl Truth {
    fn person(&mut self, name: &str, honorific: Option<&str>, councillor: bool, form: &str) {
        let p = match self.people.iter().position(|p| p.name == name) {
            Some(i) => &mut self.people[i],
            None => {
                self.people.push(GoldPerson {
                    name: name.to_string(),
                    honorific: honorific.map(str::to_string),
                    councillor,
                    variants: Vec::new(),
                    roles: Vec::new(),
                });
                self.people.last_mut().expect("just pushed")
            }
        };
        if !p.variants.iter().any(|v| v == form) {
            p.variants.push(form.to_string());
        }
    }

    fn role(&mut self, name: &str, title: &str, organisation: Option<&str>, evidence: &str) {
        if let Some(p) = self.people.iter_mut().find(|p| p.name == name) {
            if !p.roles.iter().any(|r| r.title == title) {
                p.roles.push(GoldRole {
                    title: title.to_string(),
                    organisation: organisation.map(str::to_string),
                    evidence: evidence.to_string(),
                });
            }
        }
    }

    fn org(&mut self, name: &str, kind: &'static str, acronym: Option<&str>) {
        if let Some(o) = self.orgs.iter_mut().find(|o| o.name == name) {
            if o.acronym.is_none() {
                o.acronym = acronym.map(str::to_string);
            }
            return;
        }
        self.orgs.push(GoldOrganisation {
            name: name.to_string(),
            acronym: acronym.map(str::to_string),
            variants: Vec::new(),
            kind,
        });
    }

    fn relation(&mut self, subject: &str, predicate: &'static str, object: &str, evidence: &str) {
        self.relation_as(subject, predicate, object, evidence, "stated");
    }

    /// A relation the text implies without stating it (the gold schema's
    /// "inferred": a scorer neither rewards nor penalises finding it).
    fn inferred_relation(&mut self, subject: &str, predicate: &'static str, object: &str, evidence: &str) {
        self.relation_as(subject, predicate, object, evidence, "inferred");
    }

    fn relation_as(
        &mut self,
        subject: &str,
        predicate: &'static str,
        object: &str,
        evidence: &str,
        basis: &'static str,
    ) {
        let same = |r: &GoldRelation| r.subject == subject && r.predicate == predicate && r.object == object;
        if self.relations.iter().any(same) {
            return;
        }
        self.relations.push(GoldRelation {
            subject: subject.to_string(),
            predicate,
            object: object.to_string(),
            basis,
            evidence: evidence.to_string(),
        });
    }

    fn officer(&mut self, o: &Officer) {
        let honorific = o.doctor.then_some("Dr");
        self.person(&o.name(), honorific, false, &o.name());
        let evidence = format!("{}, {}", o.printed(), o.role);
        self.role(&o.name(), &o.title, o.organisation.as_deref(), &evidence);
        self.services_named(&o.role);
        // The council a Strategic Director serves is not printed: not a mention.
        if let Some(org) = o.organisation.as_ref().filter(|org| o.role.contains(org.as_str())) {
            let kind = if org.ends_with("Police") {
                "police"
            } else if org.contains("NHS") {
                "nhs"
            } else if org.ends_with("Council") {
                "council"
            } else if org.ends_with("Board") {
                "board"
            } else {
                "partnership"
            };
            self.org(org, kind, None);
            // "Independent Chair of the Wedderburn Health and Care Partnership".
            if o.title.ends_with("Chair") {
                self.relation(org, "chairedBy", &o.name(), &evidence);
            }
        }
    }

    /// The council's services a printed text names ("Regulatory Services",
    /// "Children and Young People's Services"), as bodies.
    fn services_named(&mut self, printed: &str) {
        let services = SERVICES.iter().chain(PORTFOLIOS);
        for service in services.filter(|s| s.ends_with("Services") && printed.contains(**s)) {
            self.org(service, "service", None);
        }
    }

    /// A Cabinet Member is a member of the Cabinet their post names.
    fn cabinet_member(&mut self, name: &str, post: &str, evidence: &str) {
        self.services_named(post);
        self.role(name, post, Some("Cabinet"), evidence);
        self.org("Cabinet", "committee", None);
        self.relation(name, "memberOf", "Cabinet", evidence);
    }
}

/// Generates meeting `index` of the corpus `seed`.
pub fn meeting(seed: u64, index: usize) -> Generated {
    let mut rng = Rng::new(mix(seed, index as u64));
    let c = rng.below(COUNCILS.len());
    let council = council(seed, c);
    let b = rng.below(BODIES.len());
    let (body_base, body_kind, body_short, placed) = BODIES[b];
    let body = if placed {
        format!("{} {body_base}", council.place)
    } else {
        body_base.to_string()
    };
    // A weekday between 2015 and 2025.
    let mut day = 16_436 + rng.below(11 * 365) as i64;
    while matches!(Date(day).weekday(), "Saturday" | "Sunday") {
        day += 1;
    }
    let date = Date(day);
    let mut t = Truth::default();
    let mut text = String::with_capacity(12_000);

    // Heading.
    let _ = write!(text, "\n\n{}\n", body.to_uppercase());
    if rng.chance(30) {
        let _ = writeln!(text, "{}, {}\n", date.weekday(), date.ordinal());
    } else {
        let _ = writeln!(text, "{} {}\n", date.weekday(), date.plain());
    }
    t.org(&body, body_kind, None);

    // Attendance.
    let members = &council.members[b];
    let n_apologies = if rng.chance(10) { 0 } else { rng.range(1, 4) };
    let chair_ix = members[0];
    let absent: Vec<usize> = rng
        .sample(members.len() - 1, n_apologies)
        .into_iter()
        .map(|i| members[i + 1])
        .collect();
    let mut present: Vec<usize> = members[1..].iter().copied().filter(|m| !absent.contains(m)).collect();
    if rng.chance(70) {
        present.sort_by_key(|&i| council.councillors[i].surname);
    }
    let cl = |i: usize| &council.councillors[i];
    let chair = cl(chair_ix).name();
    let others: Vec<String> = present.iter().map(|&i| cl(i).name()).collect();
    let _ = writeln!(
        text,
        "Present:- Councillor {chair} (in the Chair); Councillors {}.\n",
        and_list(&others)
    );
    let chair_evidence = format!("Councillor {chair} (in the Chair)");
    t.person(&chair, Some("Councillor"), true, &chair);
    t.person(&chair, Some("Councillor"), true, &format!("Councillor {chair}"));
    t.role(&chair, "Chair", Some(&body), &chair_evidence);
    t.relation(&body, "chairedBy", &chair, &chair_evidence);
    for o in &others {
        t.person(o, Some("Councillor"), true, o);
    }

    // Cabinet members invited to the whole meeting.
    let mut in_attendance: Vec<String> = Vec::new();
    let cabinet: Vec<usize> = (0..PORTFOLIOS.len()).collect();
    let k = if rng.chance(35) { rng.range(1, 2) } else { 0 };
    let guests = rng.sample(cabinet.len(), k);
    if !guests.is_empty() {
        let printed: Vec<String> = guests
            .iter()
            .map(|&g| {
                let c = cl(g);
                let post = format!("Cabinet Member for {}", c.portfolio.unwrap_or("Housing"));
                let name = c.name();
                t.person(&name, Some("Councillor"), true, &format!("Councillor {name}"));
                t.cabinet_member(&name, &post, &format!("Councillor {name} ({post})"));
                in_attendance.push(name.clone());
                format!("Councillor {name} ({post})")
            })
            .collect();
        let _ = writeln!(
            text,
            "{} attended the meeting at the invitation of the Chair.\n",
            and_list(&printed)
        );
    }

    let apologies: Vec<String> = absent.iter().map(|&i| cl(i).name()).collect();
    for a in &apologies {
        t.person(a, Some("Councillor"), true, a);
    }
    let councillors_word = |n: usize| if n == 1 { "Councillor" } else { "Councillors" };
    match (apologies.len(), rng.below(3)) {
        (0, _) => text.push_str("There were no apologies for absence.\n\n"),
        (n, 0) => {
            let _ = writeln!(
                text,
                "Apologies for absence were received from {} {}.\n",
                councillors_word(n),
                and_list(&apologies)
            );
        }
        (n, 1) => {
            let _ = writeln!(
                text,
                "Apologies for Absence:- Apologies were received from {} {}.\n",
                councillors_word(n),
                and_list(&apologies)
            );
        }
        (n, _) => {
            let _ = writeln!(
                text,
                "Apologies for absence:- Apologies were received from {} {}.\n",
                councillors_word(n),
                and_list(&apologies)
            );
        }
    }
    let _ = writeln!(
        text,
        "The webcast of the Council Meeting can be viewed at:-\n<https://{}.public-i.tv/core/portal/home>\n",
        council.place.to_lowercase()
    );

    // Items: numbers first, so a declaration can cite a later minute.
    let mut number = rng.range(1, 160);
    let k = rng.range(2, 4);
    let themes = rng.sample(THEMES.len(), k);
    let exclusion = rng.chance(50);
    let first_substantive = number + 3 + usize::from(exclusion);
    let mut items: Vec<GoldItem> = Vec::new();
    let mut declarations: Vec<GoldDeclaration> = Vec::new();
    let item = |text: &mut String, number: &mut usize, title: &str| -> String {
        let n = number.to_string();
        let _ = writeln!(text, "{n}. {title}\n");
        *number += 1;
        n
    };

    // Minutes of the previous meeting.
    let previous = Date(day - 28 - rng.below(21) as i64);
    let n = item(&mut text, &mut number, "MINUTES OF THE PREVIOUS MEETING");
    let _ = writeln!(
        text,
        "Resolved: - That the Minutes of the meeting of the {body}, held on {}, be approved as a correct record of proceedings.\n",
        previous.plain()
    );
    items.push(gold_item(
        n,
        "MINUTES OF THE PREVIOUS MEETING",
        &["approval of previous minutes"],
        1,
    ));

    // Declarations.
    let n = item(&mut text, &mut number, "DECLARATIONS OF INTEREST");
    if rng.chance(20) && !present.is_empty() {
        let who = cl(*rng.pick(&present)).name();
        let k = rng.below(themes.len());
        let minute = (first_substantive + k).to_string();
        let interest = if rng.chance(75) {
            "non-pecuniary"
        } else {
            "disclosable pecuniary"
        };
        let theme_title = title_case(THEMES[themes[k]].title);
        let _ = writeln!(
            text,
            "The Chair invited Members to declare any interests in the items of business on the agenda.\n\nCouncillor {who} declared a {interest} interest (Minute {minute}, {theme_title}). They remained in the meeting but did not participate in the debate or vote.\n"
        );
        t.person(&who, Some("Councillor"), true, &format!("Councillor {who}"));
        t.person(&chair, Some("Councillor"), true, "the Chair");
        declarations.push(GoldDeclaration {
            person: who,
            minute: Some(minute),
            interest: interest.to_string(),
        });
    } else {
        text.push_str("There were no declarations of interest.\n\n");
    }
    items.push(gold_item(
        n,
        "DECLARATIONS OF INTEREST",
        &["declarations of interest"],
        0,
    ));

    if exclusion {
        let title = "EXCLUSION OF THE PRESS AND PUBLIC";
        let n = item(&mut text, &mut number, title);
        text.push_str("There were no items of business on the agenda that required the exclusion of the press and public from the meeting.\n\n");
        items.push(gold_item(n, title, &["exclusion of press and public"], 0));
    }
    let title = "QUESTIONS FROM MEMBERS OF THE PUBLIC AND THE PRESS";
    let n = item(&mut text, &mut number, title);
    text.push_str("There were no questions from members of the public or the press.\n\n");
    items.push(gold_item(n, title, &["public questions"], 0));

    // Substantive items.
    let mut officer_pool = rng.sample(council.officers.len(), council.officers.len());
    let mut acronyms_defined: Vec<&str> = Vec::new();
    for &th in &themes {
        let theme = &THEMES[th];
        let start = 2015 + rng.below(10);
        let period = format!("{start}-{}", start + rng.range(2, 4));
        let title = if rng.chance(50) {
            format!("{} {}", theme.title, period.replace('-', " - "))
        } else {
            theme.title.to_string()
        };
        let n = item(&mut text, &mut number, &title);
        let partnership = &PARTNERSHIPS[theme.partnership];
        let partnership_name = format!("{} {}", council.place, partnership.0);
        let partnership_acronym = format!("{}{}", &council.place[..1], partnership.2);
        // "SAFEGUARDING ADULTS BOARD ANNUAL REPORT" as an item: the board's
        // report, so the board reports to the meeting's body.
        if let Some((report, _)) = theme.doc.filter(|(d, _)| d.starts_with(partnership.0)) {
            t.inferred_relation(report, "ownedBy", &partnership_name, &title);
            t.inferred_relation(&partnership_name, "reportsTo", &body, &title);
        }
        let mut presenters: Vec<String> = Vec::new();
        let mut welcomed: Vec<String> = Vec::new();
        let mut documents: Vec<String> = Vec::new();
        let doc = theme.doc.map(|(d, kind)| {
            t.docs.retain(|x| x.title != d);
            t.docs.push(GoldDocument {
                title: d.to_string(),
                period: Some(period.clone()),
                kind,
                variants: vec![format!("{d} {period}")],
            });
            documents.push(d.to_string());
            d
        });
        let doc_printed = doc.map_or("report".to_string(), |d| format!("{d} {period}"));

        // Officers for this item.
        let take = rng.range(1, 3).min(officer_pool.len());
        let item_officers: Vec<Officer> = officer_pool
            .drain(..take)
            .map(|i| council.officers[i].clone())
            .collect();
        let cabinet_member = rng.chance(40).then(|| {
            let g = rng.below(PORTFOLIOS.len());
            cl(g).clone()
        });

        if rng.chance(60) {
            let mut printed: Vec<String> = Vec::new();
            if let Some(c) = &cabinet_member {
                let name = c.name();
                let post = format!("Cabinet Member for {}", c.portfolio.unwrap_or("Housing"));
                printed.push(format!("Councillor {name}, {post}"));
                t.person(&name, Some("Councillor"), true, &format!("Councillor {name}"));
                t.cabinet_member(&name, &post, &format!("Councillor {name}, {post}"));
                welcomed.push(name);
            }
            for o in &item_officers {
                printed.push(format!("{}, {}", o.printed(), o.role));
                t.officer(o);
                welcomed.push(o.name());
            }
            let _ = writeln!(text, "The Chair welcomed to the meeting {}.\n", and_list(&printed));
            t.person(&chair, Some("Councillor"), true, "the Chair");
            let lead = &item_officers[0];
            let _ = writeln!(
                text,
                "{} gave a presentation on the {doc_printed} and the following was noted:\n",
                lead.printed()
            );
            t.person(&lead.name(), None, false, &lead.printed());
            presenters.push(lead.name());
        } else {
            let lead = &item_officers[0];
            t.officer(lead);
            let _ = writeln!(
                text,
                "Consideration was given to a report presented by {}, {}, which provided an update on the {doc_printed}.\n\nThe following was noted:\n",
                lead.printed(),
                lead.role
            );
            presenters.push(lead.name());
        }

        // Bullets.
        let mut bullets: Vec<String> = Vec::new();
        let (acr, expansion) = theme.acronym;
        if acronyms_defined.contains(&acr) {
            bullets.push(format!(
                "The work of the {acr} was highlighted as an example of good practice."
            ));
        } else {
            bullets.push(format!(
                "The {expansion} ({acr}) had received {} contacts during the year.",
                rng.range(200, 4000)
            ));
            // A hub, service or conference that receives contacts is a body.
            let body_kind = [
                ("Hub", "team"),
                ("Service", "service"),
                ("Services", "service"),
                ("Conference", "group"),
            ]
            .into_iter()
            .find(|(head, _)| expansion.ends_with(head));
            if let Some((_, kind)) = body_kind {
                t.org(expansion, kind, Some(acr));
            }
            acronyms_defined.push(acr);
            t.acronyms.insert(acr.to_string(), expansion.to_string());
        }
        let governance = match rng.below(4) {
            0 => {
                let s = format!("The {} reported to the {partnership_name}.", theme.group);
                t.relation(theme.group, "reportsTo", &partnership_name, &s);
                s
            }
            1 => {
                let s = format!(
                    "The {} reported to the {partnership_name} ({partnership_acronym}) every quarter.",
                    theme.group
                );
                t.relation(theme.group, "reportsTo", &partnership_name, &s);
                s
            }
            2 => {
                let s = format!(
                    "The {} Delivery Group was a subgroup of the {partnership_name}.",
                    title_case(theme.topics[0])
                );
                let group = format!("{} Delivery Group", title_case(theme.topics[0]));
                t.org(&group, "group", None);
                t.relation(&group, "partOf", &partnership_name, &s);
                s
            }
            _ => {
                let d = doc.unwrap_or("action plan");
                let s = format!("The {d} was owned by the {partnership_name}.");
                t.relation(d, "ownedBy", &partnership_name, &s);
                s
            }
        };
        if governance.contains(theme.group) {
            t.org(theme.group, "group", None);
        }
        let acronym = governance
            .contains(&format!("({partnership_acronym})"))
            .then_some(partnership_acronym.as_str());
        if let Some(a) = acronym {
            t.acronyms.insert(a.to_string(), partnership_name.clone());
        }
        t.org(&partnership_name, partnership.1, acronym);
        bullets.push(governance);
        if rng.chance(30) {
            bullets.push(format!(
                "{} had invested {} thousand pounds in the service over the last two years.",
                council.name,
                rng.range(50, 900)
            ));
            t.org(&council.name, "council", None);
        }
        let k = rng.range(4, 9);
        for i in rng.sample(FILLER.len(), k) {
            let service = SERVICES[rng.below(SERVICES.len())];
            if FILLER[i].contains("{S}") {
                t.services_named(service);
            }
            let s = FILLER[i]
                .replace("{D}", doc.unwrap_or("plan"))
                .replace("{S}", service)
                .replace("{N}", &rng.range(3, 60).to_string());
            bullets.push(s);
        }
        for s in &bullets {
            let _ = writeln!(text, "- {s}");
        }
        text.push('\n');

        // Resolutions.
        let n_res = rng.range(1, 4);
        let mut resolutions = vec!["That the report be noted.".to_string()];
        let extra = [
            format!("That the {} be endorsed.", doc.unwrap_or("action plan")),
            "That a further update be presented to the Commission in twelve months' time.".to_string(),
            "That the recommendations of the review be supported.".to_string(),
            format!("That the thanks of the {body} be recorded to all staff involved."),
        ];
        for s in rng.sample(extra.len(), n_res - 1) {
            // "That the Neglect Strategy be endorsed": the meeting's body approves it.
            if let (0, Some(d)) = (s, doc) {
                t.relation(d, "approvedBy", &body, &extra[s]);
            }
            resolutions.push(extra[s].clone());
        }
        if n_res == 1 {
            let _ = writeln!(text, "Resolved:- {}\n", resolutions[0]);
        } else {
            text.push_str("Resolved:-\n\n");
            for (i, r) in resolutions.iter().enumerate() {
                let _ = writeln!(text, "({}) {r}\n", i + 1);
            }
        }
        for p in &presenters {
            if !in_attendance.contains(p) {
                in_attendance.push(p.clone());
            }
        }
        for w in &welcomed {
            if !in_attendance.contains(w) {
                in_attendance.push(w.clone());
            }
        }
        items.push(GoldItem {
            number: n,
            title,
            presenters,
            welcomed,
            documents,
            topics: theme.topics.iter().map(|s| s.to_string()).collect(),
            resolutions: n_res,
        });
    }

    let title = "DATE AND TIME OF NEXT MEETING";
    let n = item(&mut text, &mut number, title);
    let next = Date(day + 28 + rng.below(21) as i64);
    let _ = writeln!(
        text,
        "Resolved:- That the next meeting of the {body} take place on {}, {} at 10.00 a.m.",
        next.weekday(),
        next.plain()
    );
    items.push(gold_item(n, title, &["next meeting"], 1));

    let stem = format!("{:03}_gen-s{seed}-{index:06}", index % 1000);
    let id = format!("{}-{body_short}-{}", council.place.to_lowercase(), date.iso());
    let gold = GoldFile {
        source: format!("{stem}.txt"),
        meetings: vec![GoldMeeting {
            id,
            body,
            date: date.iso(),
            kind: "minutes",
            venue: None,
            chair: Some(chair),
            vice_chair: None,
            present: std::iter::once(cl(chair_ix).name()).chain(others).collect(),
            apologies,
            in_attendance,
            membership: Vec::new(),
            co_opted: Vec::new(),
            items,
            declarations,
        }],
        people: t.people,
        organisations: t.orgs,
        documents: t.docs,
        relations: t.relations,
        acronyms: t.acronyms,
    };
    Generated { stem, text, gold }
}

fn gold_item(number: String, title: &str, topics: &[&str], resolutions: usize) -> GoldItem {
    GoldItem {
        number,
        title: title.to_string(),
        presenters: Vec::new(),
        welcomed: Vec::new(),
        documents: Vec::new(),
        topics: topics.iter().map(|s| s.to_string()).collect(),
        resolutions,
    }
}

/// "NEGLECT STRATEGY" → "Neglect Strategy" (short words lower case).
fn title_case(s: &str) -> String {
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && matches!(lower.as_str(), "and" | "of" | "for" | "the" | "-") {
                lower
            } else if lower == "send" {
                "SEND".to_string()
            } else {
                let mut c = lower.chars();
                c.next()
                    .map_or(String::new(), |f| f.to_uppercase().chain(c).collect::<String>())
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What `write_corpus` wrote.
#[derive(Debug, Default, serde::Serialize)]
pub struct GenSummary {
    pub meetings: usize,
    pub files: usize,
    pub bytes: u64,
}

/// Writes meetings `0..meetings` as `out/minutes/<stem>.txt` and `out/gold/<stem>.json`.
pub fn write_corpus(out: &Path, meetings: usize, seed: u64) -> anyhow::Result<GenSummary> {
    use anyhow::Context as _;
    use rayon::prelude::*;
    let minutes = out.join("minutes");
    let gold = out.join("gold");
    for dir in [&minutes, &gold] {
        std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    }
    let bytes = (0..meetings)
        .into_par_iter()
        .map(|i| -> anyhow::Result<u64> {
            let g = meeting(seed, i);
            let txt = minutes.join(format!("{}.txt", g.stem));
            std::fs::write(&txt, &g.text).with_context(|| format!("{}: cannot write", txt.display()))?;
            let json = gold.join(format!("{}.json", g.stem));
            std::fs::write(&json, serde_json::to_string_pretty(&g.gold)?)
                .with_context(|| format!("{}: cannot write", json.display()))?;
            Ok(g.text.len() as u64)
        })
        .collect::<anyhow::Result<Vec<u64>>>()?
        .into_iter()
        .sum();
    Ok(GenSummary {
        meetings,
        files: meetings,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_independent_of_corpus_size() {
        let a = meeting(7, 3);
        let b = meeting(7, 3);
        assert_eq!(a.text, b.text);
        assert_ne!(meeting(8, 3).text, a.text);
        assert!(a.stem.starts_with("003_"));
    }

    #[test]
    fn dates_and_weekdays() {
        assert_eq!(Date(0).iso(), "1970-01-01");
        assert_eq!(Date(0).weekday(), "Thursday");
        // 29 October 2024 was a Tuesday.
        let d = Date(20_025);
        assert_eq!(d.iso(), "2024-10-29");
        assert_eq!(d.weekday(), "Tuesday");
        assert_eq!(Date(17_603).ordinal(), "13th March, 2018");
    }

    #[test]
    fn text_matches_its_gold() {
        for i in 0..50 {
            let g = meeting(1, i);
            let m = &g.gold.meetings[0];
            assert!(g
                .text
                .contains(&format!("Councillor {} (in the Chair)", m.chair.as_deref().unwrap())));
            for p in m.present.iter().chain(&m.apologies) {
                assert!(g.text.contains(p.as_str()), "{p} not printed");
            }
            for it in &m.items {
                assert!(g.text.contains(&format!("{}. {}", it.number, it.title)));
            }
        }
    }
}
