//! The glossary form of an acronym's expansion. A glossary lists terms,
//! not the number a sentence needed: the expansion, printed ("Serious Case
//! Reviews (SCR)") or matched to a phrase the initials spell
//! (`extract::acronyms`), is singular when the acronym is ("SCR", not
//! "SCRs"): "Serious Case Review". A plural acronym ("MATs") keeps the
//! plural. Names whose
//! plural is part of the name keep it: "Children and Young People's
//! Services", "Special Educational Needs and Disabilities", "Human
//! Resources", "Department for Levelling Up, Housing and Communities".
//!
//! Architecture invariant: pure; the printed phrase stays the evidence.

/// The expansion of `acronym` in glossary form.
pub fn glossary_expansion(acronym: &str, expansion: &str) -> String {
    let words: Vec<&str> = expansion.split_whitespace().collect();
    let Some((last, before)) = words.split_last().filter(|_| !is_plural_acronym(acronym)) else {
        return words.join(" ");
    };
    let singular = singular(last).filter(|_| {
        let in_complement = before
            .iter()
            .any(|w| matches!(w.to_lowercase().as_str(), "for" | "of" | "in" | "into" | "by"));
        let paired_plurals = matches!(before, [.., pair, "and" | "&"] if pair.ends_with('s'));
        !in_complement && !paired_plurals
    });
    match singular {
        Some(one) => before
            .iter()
            .copied()
            .chain([one.as_str()])
            .collect::<Vec<_>>()
            .join(" "),
        None => words.join(" "),
    }
}

/// "MARACs", "GPs": capitals with a plural s.
fn is_plural_acronym(acronym: &str) -> bool {
    acronym
        .strip_suffix('s')
        .is_some_and(|stem| stem.len() >= 2 && stem.chars().all(|c| c.is_ascii_uppercase()))
}

/// Plurals that are names, not many of a thing.
const PLURAL_NAMES: &[&str] = &[
    "services",
    "resources",
    "affairs",
    "needs",
    "arrangements",
    "communities",
    "regulations",
];

/// The singular of a regular plural noun ("Reviews", "Authorities"), or
/// `None` for a word that is not one ("Services" names a body; "Access",
/// "Status", "Analysis", possessives).
fn singular(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let regular = lower.len() > 3
        && lower.ends_with('s')
        && !["ss", "us", "is", "'s", "’s"].iter().any(|e| lower.ends_with(e))
        && !PLURAL_NAMES.contains(&lower.as_str())
        && word.chars().next().is_some_and(char::is_uppercase);
    if !regular {
        return None;
    }
    let stem = &word[..word.len() - 1];
    Some(match stem.strip_suffix("ie") {
        Some(root) => format!("{root}y"),
        None => stem.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expansion_is_listed_in_the_acronyms_number() {
        let matched = glossary_expansion;
        assert_eq!(
            matched("DVPO", "Domestic Violence Protection Orders"),
            "Domestic Violence Protection Order"
        );
        assert_eq!(
            matched("JTAI", "Joint Targeted  Area Inspections"),
            "Joint Targeted Area Inspection"
        );
        assert_eq!(matched("LA", "Local Authorities"), "Local Authority");
        assert_eq!(matched("MATs", "Multi-Academy Trusts"), "Multi-Academy Trusts");
    }

    #[test]
    fn plural_names_stay_as_printed() {
        for (acronym, phrase) in [
            ("CYPS", "Children and Young People's Services"),
            ("SEND", "Special Educational Needs and Disabilities"),
            ("DLUHC", "Department for Levelling Up, Housing and Communities"),
            ("HR", "Human Resources"),
            ("PBR", "Payment by Results"),
            ("IA", "Information Access"),
            ("GDPR", "General Data Protection Regulations"),
        ] {
            assert_eq!(glossary_expansion(acronym, phrase), phrase);
        }
    }
}
