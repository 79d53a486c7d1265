//! The glossary form of an acronym's expansion. A definition printed in
//! the text ("Child Protection Plans (CPP)") is listed as printed: that is
//! what an analyst asking what CPP stands for expects back. An acronym
//! used without one is matched to a phrase its initials spell
//! (`extract::acronyms`), in whatever number the phrase was printed; the
//! acronym itself is singular ("DVPO", not "DVPOs"), so its entry is the
//! phrase's singular: "Domestic Violence Protection Order"; a plural
//! acronym ("MATs") keeps the plural. Names whose
//! plural is part of the name keep it: "Children and Young People's
//! Services", "Special Educational Needs and Disabilities", "Human
//! Resources", "Department for Levelling Up, Housing and Communities".
//!
//! Architecture invariant: pure; the printed phrase stays the evidence.

/// The expansion of `acronym` in glossary form, `defined` when the text
/// printed the definition.
pub fn glossary_expansion(acronym: &str, expansion: &str, defined: bool) -> String {
    let words: Vec<&str> = expansion.split_whitespace().collect();
    let Some((last, before)) = words.split_last().filter(|_| !defined && !is_plural_acronym(acronym)) else {
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
    fn a_matched_phrase_is_listed_in_the_acronyms_number() {
        let matched = |acronym, phrase| glossary_expansion(acronym, phrase, false);
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
    fn printed_definitions_and_plural_names_stay_as_printed() {
        assert_eq!(
            glossary_expansion("CPP", "Child Protection Plans", true),
            "Child Protection Plans"
        );
        for (acronym, phrase) in [
            ("CYPS", "Children and Young People's Services"),
            ("SEND", "Special Educational Needs and Disabilities"),
            ("DLUHC", "Department for Levelling Up, Housing and Communities"),
            ("HR", "Human Resources"),
            ("PBR", "Payment by Results"),
            ("IA", "Information Access"),
            ("GDPR", "General Data Protection Regulations"),
        ] {
            assert_eq!(glossary_expansion(acronym, phrase, false), phrase);
        }
    }
}
