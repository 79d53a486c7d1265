//! Governance facts that are more than a relation between two entities, as
//! an analyst queries them from the store: a body's rename as a W3C ORG
//! change event with its date, and how often a body meets, each with the
//! quote it was read from.

mod common;
use common::*;

const MINUTES: &str = "IMPROVING LIVES SELECT COMMISSION\nTuesday 30 January 2024\n\n\
Present:- Councillor Pitchley (in the Chair); Councillors Atkin and Khan.\n\n\
12. CORPORATE PARENTING\n\n\
- A change of name from the Corporate Parenting Panel to the Corporate Parenting Partnership Board was agreed.\n\
- The Child Exploitation Tactical Group (CETG) had a weekly meeting which was chaired by the Police.\n";

fn query(dir: &std::path::Path, sparql: &str) -> Vec<String> {
    let out = ok(dir, &["query", "--store", "store", "--format", "tsv", sparql]);
    out.lines().skip(1).map(str::to_string).collect()
}

#[test]
fn a_rename_is_a_dated_change_event_and_a_frequency_keeps_its_quote() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("minutes")).unwrap();
    std::fs::write(dir.path().join("minutes/2024-01-30.txt"), MINUTES).unwrap();
    ok(dir.path(), &["build", "minutes", "--store", "store"]);

    let renames = query(
        dir.path(),
        "SELECT ?old ?new ?date WHERE { ?e a org:ChangeEvent ; org:originalOrganization/skos:prefLabel ?old ; \
         org:resultingOrganization/skos:prefLabel ?new ; dcterms:date ?date ; cg:evidence/oa:exact ?q }",
    );
    assert_eq!(
        renames,
        ["\"Corporate Parenting Panel\"\t\"Corporate Parenting Partnership Board\"\t\"2024-01-30\"^^<http://www.w3.org/2001/XMLSchema#date>"]
    );

    let frequencies = query(
        dir.path(),
        "SELECT ?body ?f ?quote WHERE { ?b cg:meetingFrequency ?f ; skos:prefLabel ?body . \
         ?s a cg:MeetingFrequency ; cg:frequencyOf ?b ; cg:frequency ?f ; cg:evidence/oa:exact ?quote }",
    );
    assert_eq!(
        frequencies,
        ["\"Child Exploitation Tactical Group\"\t\"weekly\"\t\"The Child Exploitation Tactical Group (CETG) had a weekly meeting which was chaired by the Police.\""]
    );
}
