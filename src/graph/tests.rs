//! Traversals on small hand-built graphs.

use super::*;

fn ev(quote: &str) -> Vec<Evidence> {
    vec![Evidence {
        basis: Some("stated".into()),
        file: "minutes/a.txt".into(),
        start: 10,
        end: 10 + quote.chars().count() as u64,
        quote: quote.into(),
    }]
}

fn body(g: &mut CouncilGraph, name: &str) -> NodeIndex {
    g.add_node(Node::new(&format!("body/{name}"), Kind::Body, name))
}

fn person(g: &mut CouncilGraph, name: &str) -> NodeIndex {
    let mut node = Node::new(&format!("person/{name}"), Kind::Person, &format!("Councillor {name}"));
    node.names = vec![name.to_string()];
    node.councillor = true;
    g.add_node(node)
}

fn reports(g: &mut CouncilGraph, from: NodeIndex, to: NodeIndex) {
    let quote = format!("{} reports to {}", g.node(from).name, g.node(to).name);
    g.add_edge(from, to, EdgeKind::Relation("reportsTo".into()), ev(&quote));
}

fn meeting(g: &mut CouncilGraph, of: NodeIndex, date: &str, minutes: bool) -> NodeIndex {
    let mut node = Node::new(&format!("meeting/{date}"), Kind::Meeting, date);
    node.minutes = minutes;
    node.date = Some(date.to_string());
    let m = g.add_node(node);
    g.add_edge(m, of, EdgeKind::MeetingOf, ev("Minutes of the meeting"));
    m
}

fn attend(g: &mut CouncilGraph, p: NodeIndex, m: NodeIndex, status: &str) {
    g.add_edge(p, m, EdgeKind::Attendance(status.into()), ev("Present:- Councillors"));
}

fn names(lines: &[ReportLine]) -> Vec<(usize, &str, &str)> {
    lines
        .iter()
        .map(|l| (l.depth, l.body.name.as_str(), l.reports_to.name.as_str()))
        .collect()
}

/// Top ← Exec ← {A, B}; A ← C; C → Exec as well (a shortcut); and a
/// cycle X → Y → Z → X with Y → A.
fn reporting_tree() -> (CouncilGraph, [NodeIndex; 8]) {
    let mut g = CouncilGraph::new();
    let [top, exec, a, b, c, x, y, z] = ["Top", "Exec", "A", "B", "C", "X", "Y", "Z"].map(|n| body(&mut g, n));
    reports(&mut g, exec, top);
    reports(&mut g, a, exec);
    reports(&mut g, b, exec);
    reports(&mut g, c, a);
    reports(&mut g, c, exec);
    reports(&mut g, x, y);
    reports(&mut g, y, z);
    reports(&mut g, z, x);
    reports(&mut g, y, a);
    (g, [top, exec, a, b, c, x, y, z])
}

#[test]
fn the_tree_below_has_shortest_depths_and_the_chain_above_goes_to_the_top() {
    let (g, [top, _, a, ..]) = reporting_tree();
    let r = reports_to(&g, top);
    assert!(r.above.is_empty());
    assert_eq!(
        names(&r.below),
        vec![
            (1, "Exec", "Top"),
            (2, "A", "Exec"),
            (2, "B", "Exec"),
            (2, "C", "Exec"),
            (3, "Y", "A"),
            (4, "X", "Y"),
            (5, "Z", "X"),
        ]
    );
    let r = reports_to(&g, a);
    assert_eq!(names(&r.above), vec![(1, "A", "Exec"), (2, "Exec", "Top")]);
    assert_eq!(r.below.iter().filter(|l| l.depth == 1).count(), 2, "C and Y");
    assert!(r
        .below
        .iter()
        .all(|l| l.evidence.as_ref().unwrap().quote.contains("reports to")));
}

#[test]
fn a_reporting_cycle_ends_the_walk_and_is_reported() {
    let (g, [_, _, _, _, _, x, y, z]) = reporting_tree();
    let r = reports_to(&g, x);
    // Above X: Y (1), then Z and A (2), Exec (3), Top (4); X itself is not revisited.
    assert_eq!(
        names(&r.above),
        vec![
            (1, "X", "Y"),
            (2, "Y", "A"),
            (2, "Y", "Z"),
            (3, "A", "Exec"),
            (4, "Exec", "Top")
        ]
    );
    assert_eq!(names(&r.below), vec![(1, "Z", "X"), (2, "Y", "Z")]);
    assert_eq!(r.cycles.len(), 1);
    let cycle: Vec<&str> = r.cycles[0].iter().map(|e| e.name.as_str()).collect();
    assert_eq!(cycle, ["X", "Y", "Z"]);
    let _ = (y, z);
}

#[test]
fn a_path_crosses_relations_both_ways_and_attendance() {
    let mut g = CouncilGraph::new();
    let [top, sub, other] = ["Top", "Sub", "Other"].map(|n| body(&mut g, n));
    let p = person(&mut g, "Pitchley");
    reports(&mut g, sub, top);
    let m = meeting(&mut g, top, "2024-10-29", true);
    attend(&mut g, p, m, "chair");
    let path = shortest_path(&g, sub, p).unwrap();
    let steps: Vec<(&str, &str, bool, &str)> = path
        .iter()
        .map(|s| {
            (
                s.from.name.as_str(),
                s.predicate.as_str(),
                s.forward,
                s.to.name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("Sub", "reportsTo", true, "Top"),
            ("Top", "meetingOf", false, "2024-10-29"),
            ("2024-10-29", "attended", false, "Councillor Pitchley"),
        ]
    );
    assert_eq!(path[2].status.as_deref(), Some("chair"));
    assert!(path.iter().all(|s| s.evidence.is_some()));
    assert!(shortest_path(&g, sub, other).is_none(), "Other is disconnected");
    assert_eq!(shortest_path(&g, sub, sub).unwrap().len(), 0);
}

#[test]
fn apologies_do_not_connect_a_path() {
    let mut g = CouncilGraph::new();
    let top = body(&mut g, "Top");
    let p = person(&mut g, "Hughes");
    let m = meeting(&mut g, top, "2024-01-30", true);
    attend(&mut g, p, m, "apologies");
    assert!(shortest_path(&g, p, top).is_none());
}

#[test]
fn co_attendance_counts_shared_minuted_meetings() {
    let mut g = CouncilGraph::new();
    let ilsc = body(&mut g, "ILSC");
    let [pitchley, hughes, clark] = ["Pitchley", "Hughes", "Clark"].map(|n| person(&mut g, n));
    let m1 = meeting(&mut g, ilsc, "2023-12-05", true);
    let m2 = meeting(&mut g, ilsc, "2024-01-30", true);
    let m3 = meeting(&mut g, ilsc, "2024-10-29", true);
    let agenda = meeting(&mut g, ilsc, "2019-07-09", false);
    for m in [m1, m2, m3] {
        attend(&mut g, pitchley, m, if m == m3 { "chair" } else { "present" });
        attend(&mut g, hughes, m, "present");
    }
    attend(&mut g, clark, m1, "in-attendance");
    attend(&mut g, clark, m2, "apologies");
    attend(&mut g, pitchley, agenda, "present");
    attend(&mut g, hughes, agenda, "present");
    let pairs = co_attendance(&g, 1);
    let got: Vec<(&str, &str, usize)> = pairs
        .iter()
        .map(|p| (p.a.name.as_str(), p.b.name.as_str(), p.weight))
        .collect();
    assert_eq!(
        got,
        [
            ("Councillor Hughes", "Councillor Pitchley", 3),
            ("Councillor Clark", "Councillor Hughes", 1),
            ("Councillor Clark", "Councillor Pitchley", 1),
        ]
    );
    assert_eq!(pairs[0].meetings, ["2023-12-05", "2024-01-30", "2024-10-29"]);
    assert_eq!(co_attendance(&g, 2).len(), 1);
}

#[test]
fn centrality_counts_distinct_neighbours_and_a_broker_has_betweenness() {
    // A star: Hub — {L1, L2, L3}, plus a parallel edge Hub → L1.
    let mut g = CouncilGraph::new();
    let [hub, l1, l2, l3] = ["Hub", "L1", "L2", "L3"].map(|n| body(&mut g, n));
    for leaf in [l1, l2, l3] {
        reports(&mut g, leaf, hub);
    }
    g.add_edge(hub, l1, EdgeKind::Relation("chairedBy".into()), ev("chaired by"));
    let c = centrality(&g, RankBy::Degree);
    assert_eq!(c[0].entity.name, "Hub");
    assert_eq!(c[0].degree, 3);
    // Every one of the 3 pairs of leaves passes through the hub.
    assert!((c[0].betweenness - 1.0).abs() < 1e-9, "{}", c[0].betweenness);
    assert!(c[1..].iter().all(|x| x.degree == 1 && x.betweenness == 0.0));
}

#[test]
fn names_match_without_case_honorifics_or_a_leading_the() {
    let mut g = CouncilGraph::new();
    let ilsc = body(&mut g, "Improving Lives Select Commission");
    let p = person(&mut g, "Pitchley");
    g.graph[ilsc].variants.push("ILSC".into());
    assert_eq!(g.resolve("the improving lives select commission").unwrap(), ilsc);
    assert_eq!(g.resolve("ilsc").unwrap(), ilsc);
    assert_eq!(g.resolve("Cllr Pitchley").unwrap(), p);
    assert_eq!(g.resolve("Councillor  PITCHLEY").unwrap(), p);
    assert_eq!(match_key("Children’s Services"), match_key("children's services"));
    match g.resolve("Nobody") {
        Err(ResolveError::Unknown { .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_ambiguous_name_lists_its_candidates_and_a_own_name_beats_a_variant() {
    let mut g = CouncilGraph::new();
    let a = body(&mut g, "Multi-Agency Safeguarding Hub");
    let b = body(&mut g, "Multi Agency Safeguarding Hub");
    let c = body(&mut g, "MASH Board");
    for n in [a, b] {
        g.graph[n].names.push("MASH".into());
    }
    g.graph[c].variants.push("Multi Agency Safeguarding Hub".into());
    let err = g.resolve("MASH").unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("ambiguous") && text.contains("Multi-Agency Safeguarding Hub"),
        "{text}"
    );
    assert!(text.contains("Multi Agency Safeguarding Hub (body"), "{text}");
    assert_eq!(g.resolve("Multi Agency Safeguarding Hub").unwrap(), b);
    assert!(g
        .resolve("Safeguarding")
        .unwrap_err()
        .to_string()
        .contains("names containing it"));
}
