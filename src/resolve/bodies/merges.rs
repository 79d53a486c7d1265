//! Other spellings of one body's name, beyond what [`name_core`] sets
//! aside: minutes name a body in full once and then shorten, abbreviate or
//! reword it. Each rule merges a body into the one other body of the file
//! its name is another spelling of; a name that fits two bodies stays apart.

use super::{name_core, Gathered};
use crate::iri::slug;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Words that join a name's words without naming anything.
const CONNECTORS: &[&str] = &["and", "of", "for", "in", "the", "to", "on", "at"];

/// Merges every body whose name is another spelling of one other body's.
pub(super) fn merge_other_spellings(
    by_core: &mut BTreeMap<String, Gathered>,
    order: &mut Vec<String>,
    acronyms: &[(&str, &str)],
    council: &str,
) {
    // Worked out once, not for every pair of bodies: the expansions of each
    // acronym, and each name with an acronym in it spelled out.
    let mut defined: HashMap<String, HashSet<String>> = HashMap::new();
    for (acronym, expansion) in acronyms {
        defined
            .entry(name_core(acronym, council))
            .or_default()
            .insert(name_core(expansion, council));
    }
    let spelled: Vec<(String, String)> = acronyms
        .iter()
        .map(|(acronym, expansion)| (name_core(acronym, ""), name_core(expansion, "")))
        .collect();
    let spelled_out: HashMap<String, Vec<String>> = order
        .iter()
        .map(|core| (core.clone(), with_acronym_spelled_out(core, &spelled, council)))
        .collect();
    merge_where(
        by_core,
        order,
        |short, _, long, _| defined.get(short).is_some_and(|expansions| expansions.contains(long)),
        false,
    );
    merge_where(
        by_core,
        order,
        |short, _, long, _| spelled_out[short].iter().any(|core| core == long),
        false,
    );
    merge_where(by_core, order, |_, short, _, long| led_by_initials(short, long), false);
    merge_where(
        by_core,
        order,
        |short, _, long, _| committee_for_commission(short, long),
        false,
    );
    let cores = order.clone();
    let naming: HashMap<&str, Vec<&str>> = cores.iter().map(|c| (c.as_str(), naming_words(c, council))).collect();
    merge_where(
        by_core,
        order,
        |short, _, long, _| same_words(short, &naming[short], long, &naming[long]),
        false,
    );
    merge_where(by_core, order, |short, _, long, _| is_tail_of(short, long), true);
}

/// Merges each body into the one other body `same` says it names; a
/// `shortening`'s forms name the body only when no fuller form is printed.
fn merge_where(
    by_core: &mut BTreeMap<String, Gathered>,
    order: &mut Vec<String>,
    same: impl Fn(&str, &Gathered, &str, &Gathered) -> bool,
    shortening: bool,
) {
    for short in order.clone() {
        let Some(g) = by_core.get(&short) else { continue };
        let targets: Vec<String> = order
            .iter()
            .filter(|c| **c != short)
            .filter(|c| same(&short, g, c, &by_core[*c]))
            .take(2)
            .cloned()
            .collect();
        let [target] = targets.as_slice() else { continue };
        let mut g = by_core.remove(&short).expect("gathered");
        if shortening {
            g.shortened.extend(g.forms.keys().cloned());
        }
        by_core.get_mut(target).expect("gathered").absorb(g);
        order.retain(|c| *c != short);
    }
}

/// "Post CSE Support Services" beside "Post Child Sexual Exploitation
/// Support Services": an acronym in the name, spelled out, gives the other.
/// `spelled`: each acronym's core with its expansion's. Returns the cores
/// `short` has with each acronym in it spelled out.
fn with_acronym_spelled_out(short: &str, spelled: &[(String, String)], council: &str) -> Vec<String> {
    let words: Vec<&str> = short.split(' ').collect();
    if words.len() < 2 {
        return Vec::new();
    }
    spelled
        .iter()
        .filter(|(acronym, _)| words.contains(&acronym.as_str()))
        .map(|(acronym, expansion)| {
            let replaced: Vec<&str> = words
                .iter()
                .map(|w| if w == acronym { expansion.as_str() } else { w })
                .collect();
            name_core(&replaced.join(" "), council)
        })
        .collect()
}

/// "SY Police" beside "South Yorkshire Police", "CF Board" beside "Child
/// Friendly Board", "RDaSH NHS Foundation Trust" beside "Rotherham Doncaster
/// and South Humber NHS Foundation Trust": a first word in capitals that
/// spells the initials of the other name's first words, the rest the same.
fn led_by_initials(short: &Gathered, long: &Gathered) -> bool {
    short.forms.keys().any(|form| {
        let Some((first, rest)) = form.split_once(' ') else {
            return false;
        };
        let capitals = first.chars().filter(char::is_ascii_uppercase).count();
        if capitals < 2 || !first.chars().all(|c| c.is_ascii_alphabetic()) {
            return false;
        }
        let initials = first.to_lowercase();
        let rest = name_core(rest, "");
        long.forms.keys().any(|other| {
            let words: Vec<String> = name_core(other, "").split(' ').map(str::to_string).collect();
            (2..words.len()).any(|k| words[k..].join(" ") == rest && spells(&initials, &words[..k]))
        })
    })
}

/// Whether `initials` are the first letters of `words`, with or without
/// their connectors ("rdash": Rotherham Doncaster and South Humber).
fn spells(initials: &str, words: &[String]) -> bool {
    let letters = |skip: bool| -> String {
        words
            .iter()
            .filter(|w| !skip || !CONNECTORS.contains(&w.as_str()))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    letters(false) == initials || letters(true) == initials
}

/// "Improving Lives Select Committee" beside "Improving Lives Select
/// Commission": a commission is often minuted as a committee.
fn committee_for_commission(short: &str, long: &str) -> bool {
    short
        .strip_suffix("committee")
        .is_some_and(|front| !front.is_empty() && long.strip_suffix("commission") == Some(front))
}

/// The words that name the body, sorted: connectors, "NHS", the council's
/// place and a "Council" in front of another word ("Council Cabinet") set
/// aside.
fn naming_words<'c>(core: &'c str, council: &str) -> Vec<&'c str> {
    let words: Vec<&str> = core.split(' ').collect();
    let last = words.len() - 1;
    let mut kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            !CONNECTORS.contains(w) && **w != "nhs" && slug(w) != council && !(**w == "council" && *i < last)
        })
        .map(|(_, w)| *w)
        .collect();
    kept.sort_unstable();
    kept
}

/// The same naming words in another order or with other connectors ("The
/// Rotherham NHS Foundation Trust" and "Rotherham Foundation NHS Trust",
/// "Safeguarding in Education Group" and "Safeguarding and Education
/// Group", "NHS Rotherham Clinical Commissioning Group" and "Rotherham
/// Clinical Commissioning Group", "Council Cabinet" and "Cabinet"); or, for
/// a name of three words or more, all of them, reordered, in the other with
/// one more ("Performance, Practice and Learning Group", "Practice,
/// Performance and Learning Delivery Group") and the same last word. In
/// order, a word left out may name another body ("Safeguarding Practice
/// Review Panel", "Child Safeguarding Practice Review Panel").
fn same_words(short: &str, a: &[&str], long: &str, b: &[&str]) -> bool {
    if a.is_empty() {
        return false;
    }
    if a == b {
        // One direction only, into the plainer core, so that the body keeps
        // the key its plain name gives it ("cabinet", not "council cabinet").
        return (long.len(), long) < (short.len(), short);
    }
    let same_last = short.rsplit(' ').next() == long.rsplit(' ').next();
    a.len() >= 3 && b.len() == a.len() + 1 && same_last && is_sub_bag(a, b) && !in_order(short, long)
}

/// Whether the words of `short` are words of `long` in the same order.
fn in_order(short: &str, long: &str) -> bool {
    let mut rest = long.split(' ');
    short.split(' ').all(|w| rest.any(|l| l == w))
}

/// Whether every word of sorted `a` is in sorted `b`, as often.
fn is_sub_bag(a: &[&str], b: &[&str]) -> bool {
    let mut rest = b.iter();
    a.iter().all(|w| rest.any(|x| x == w))
}

/// "the Select Commission" beside "Improving Lives Select Commission": a
/// name of two words, a kind of body, that ends one longer name, and no
/// other ("the Delivery Group" among several delivery groups stays apart).
fn is_tail_of(short: &str, long: &str) -> bool {
    short.split(' ').count() == 2 && long.strip_suffix(short).is_some_and(|front| front.ends_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::bodies::BodyKind;

    fn gathered(forms: &[&str]) -> Gathered {
        Gathered {
            kind: BodyKind::Group,
            national: false,
            forms: forms.iter().map(|f| (f.to_string(), 1)).collect(),
            kinds: BTreeMap::new(),
            mentions: Vec::new(),
            shortened: Default::default(),
        }
    }

    /// The cores left after merging bodies printed under `names`.
    fn merged(names: &[&str], acronyms: &[(&str, &str)]) -> Vec<String> {
        let mut by_core = BTreeMap::new();
        let mut order = Vec::new();
        for name in names {
            let core = name_core(name, "rotherham");
            order.push(core.clone());
            by_core.insert(core, gathered(&[name]));
        }
        merge_other_spellings(&mut by_core, &mut order, acronyms, "rotherham");
        order
    }

    #[test]
    fn an_acronym_of_another_name_is_that_body() {
        let acronyms = [("Cafcass", "Children and Family Court Advisory and Support Service")];
        assert_eq!(
            merged(
                &["Children and Family Court Advisory and Support Service", "Cafcass"],
                &acronyms
            ),
            ["children and family court advisory and support service"]
        );
        let cse = [("CSE", "Child Sexual Exploitation")];
        assert_eq!(
            merged(
                &[
                    "Post Child Sexual Exploitation Support Services",
                    "Post CSE Support Services"
                ],
                &cse
            )
            .len(),
            1
        );
    }

    #[test]
    fn initials_in_front_spell_the_other_names_first_words() {
        assert!(led_by_initials(
            &gathered(&["SY Police"]),
            &gathered(&["South Yorkshire Police"])
        ));
        assert!(led_by_initials(
            &gathered(&["RDaSH NHS Foundation Trust"]),
            &gathered(&["Rotherham Doncaster and South Humber NHS Foundation Trust"])
        ));
        assert!(led_by_initials(
            &gathered(&["CF Board"]),
            &gathered(&["Child Friendly Borough Board", "Child Friendly Board"])
        ));
        assert!(!led_by_initials(
            &gathered(&["SY Police"]),
            &gathered(&["South Wales Police"])
        ));
    }

    #[test]
    fn reworded_names_are_one_body() {
        for (a, b) in [
            ("Improving Lives Select Committee", "Improving Lives Select Commission"),
            ("Rotherham Foundation NHS Trust", "The Rotherham NHS Foundation Trust"),
            ("Safeguarding and Education Group", "Safeguarding in Education Group"),
            (
                "Rotherham Clinical Commissioning Group",
                "NHS Rotherham Clinical Commissioning Group",
            ),
            ("Council Cabinet", "Cabinet"),
            ("Cabinet", "Council Cabinet"),
            (
                "Performance, Practice and Learning Group",
                "Practice, Performance and Learning Delivery Group",
            ),
            ("Select Commission", "Improving Lives Select Commission"),
        ] {
            assert_eq!(merged(&[b, a], &[]).len(), 1, "{a} / {b}");
        }
    }

    #[test]
    fn a_reworded_name_keeps_the_plainer_core() {
        assert_eq!(merged(&["Cabinet", "Council Cabinet"], &[]), ["cabinet"]);
        assert_eq!(merged(&["Council Cabinet", "Cabinet"], &[]), ["cabinet"]);
    }

    #[test]
    fn different_bodies_stay_apart() {
        for names in [
            &["Youth Cabinet", "Cabinet"][..],
            &["Health Select Commission", "Improving Lives Select Commission"],
            &[
                "Neglect Delivery Group",
                "Child Exploitation Delivery Group",
                "Delivery Group",
            ],
            &[
                "Select Commission",
                "Health Select Commission",
                "Improving Lives Select Commission",
            ],
            &["Safeguarding Adults Board", "Safeguarding Children Board"],
            &[
                "Safeguarding Practice Review Panel",
                "Child Safeguarding Practice Review Panel",
            ],
            &["Mental Health Services", "Child Adolescent Mental Health Service"],
        ] {
            assert_eq!(merged(names, &[]).len(), names.len(), "{names:?}");
        }
    }
}
