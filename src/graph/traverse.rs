//! The traversals: reporting lines, shortest paths, centrality and
//! co-attendance, as pure functions over a [`CouncilGraph`].

use super::*;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction::{self, Incoming, Outgoing};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

// ---------------------------------------------------------------------------
// reports-to: the tree below a body and the chain above it
// ---------------------------------------------------------------------------

/// One reporting line: `body` reports to `reports_to`.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLine {
    /// Levels from the body asked about: below, how far `body` is under it;
    /// above, how far `reports_to` is over it (1 = directly).
    pub depth: usize,
    pub body: EntityRef,
    pub reports_to: EntityRef,
    pub evidence: Option<Evidence>,
}

/// The bodies reporting to a body, and what it reports to, up to the top.
#[derive(Debug, Clone, Serialize)]
pub struct ReportsTo {
    pub body: EntityRef,
    /// What the body reports to, nearest first (each line at its shortest
    /// distance; a body reporting to two bodies has two lines).
    pub above: Vec<ReportLine>,
    /// What reports to the body, directly or through others, nearest first.
    pub below: Vec<ReportLine>,
    /// Reporting cycles (each a set of bodies reporting round to each
    /// other) among the bodies above or below; traversal stops at them.
    pub cycles: Vec<Vec<EntityRef>>,
}

/// Shortest distances from `root` along `cg:reportsTo` edges in `direction`
/// (Incoming: who reports to it; Outgoing: what it reports to). Each node
/// is visited once, so cycles end the walk.
fn report_levels(g: &CouncilGraph, root: NodeIndex, direction: Direction) -> HashMap<NodeIndex, usize> {
    let mut depth = HashMap::from([(root, 0)]);
    let mut queue = VecDeque::from([root]);
    while let Some(n) = queue.pop_front() {
        for e in g.graph.edges_directed(n, direction) {
            if !e.weight().kind.is_reports_to() {
                continue;
            }
            let next = if direction == Incoming { e.source() } else { e.target() };
            if !depth.contains_key(&next) {
                depth.insert(next, depth[&n] + 1);
                queue.push_back(next);
            }
        }
    }
    depth
}

pub fn reports_to(g: &CouncilGraph, root: NodeIndex) -> ReportsTo {
    let below = report_levels(g, root, Incoming);
    let above = report_levels(g, root, Outgoing);
    let mut lines_below = Vec::new();
    let mut lines_above = Vec::new();
    for e in g.graph.edge_references().filter(|e| e.weight().kind.is_reports_to()) {
        let (from, to) = (e.source(), e.target());
        let line = |depth| ReportLine {
            depth,
            body: g.entity(from),
            reports_to: g.entity(to),
            evidence: e.weight().best_evidence().cloned(),
        };
        if let (Some(&df), Some(&dt)) = (below.get(&from), below.get(&to)) {
            if df == dt + 1 {
                lines_below.push(line(df));
            }
        }
        if let (Some(&df), Some(&dt)) = (above.get(&from), above.get(&to)) {
            if dt == df + 1 {
                lines_above.push(line(dt));
            }
        }
    }
    let order = |a: &ReportLine, b: &ReportLine| {
        (a.depth, &a.body.name, &a.reports_to.name).cmp(&(b.depth, &b.body.name, &b.reports_to.name))
    };
    lines_below.sort_by(order);
    lines_above.sort_by(order);

    let reporting = g
        .graph
        .filter_map(|_, _| Some(()), |_, e| e.kind.is_reports_to().then_some(()));
    let mut cycles: Vec<Vec<EntityRef>> = petgraph::algo::tarjan_scc(&reporting)
        .into_iter()
        .filter(|scc| scc.len() > 1 || reporting.contains_edge(scc[0], scc[0]))
        .filter(|scc| scc.iter().any(|n| below.contains_key(n) || above.contains_key(n)))
        .map(|scc| {
            let mut members: Vec<EntityRef> = scc.into_iter().map(|n| g.entity(n)).collect();
            members.sort_by(|a, b| a.name.cmp(&b.name));
            members
        })
        .collect();
    cycles.sort_by(|a, b| a[0].name.cmp(&b[0].name));
    ReportsTo {
        body: g.entity(root),
        above: lines_above,
        below: lines_below,
        cycles,
    }
}

// ---------------------------------------------------------------------------
// path: the shortest connection between two entities
// ---------------------------------------------------------------------------

/// One edge of a path, read from `from` to `to`.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub from: EntityRef,
    pub to: EntityRef,
    /// `reportsTo`, `chairedBy` …, `attended` (person → meeting) or
    /// `meetingOf` (meeting → body).
    pub predicate: String,
    /// Whether the fact reads from `from` to `to` ("from reportsTo to");
    /// false when it reads the other way.
    pub forward: bool,
    /// The attendance status, for `attended`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub evidence: Option<Evidence>,
}

/// Preference among parallel edges: stated relations, inferred ones, a
/// meeting's body, attendance.
fn edge_preference(edge: &Edge) -> u8 {
    match &edge.kind {
        EdgeKind::Relation(_) if edge.best_evidence().is_none_or(|e| e.rank().0) => 1,
        EdgeKind::Relation(_) => 0,
        EdgeKind::MeetingOf => 2,
        EdgeKind::Attendance(_) => 3,
    }
}

/// The shortest path from `a` to `b` over every traversable edge, in either
/// direction (breadth-first). `None` when they are not connected; an empty
/// path when `a == b`.
pub fn shortest_path(g: &CouncilGraph, a: NodeIndex, b: NodeIndex) -> Option<Vec<Step>> {
    let mut previous: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut seen = BTreeSet::from([a]);
    let mut queue = VecDeque::from([a]);
    while let Some(n) = queue.pop_front() {
        if n == b {
            break;
        }
        for next in neighbours(g, n) {
            if seen.insert(next) {
                previous.insert(next, n);
                queue.push_back(next);
            }
        }
    }
    if !seen.contains(&b) {
        return None;
    }
    let mut nodes = vec![b];
    while let Some(&p) = previous.get(nodes.last().unwrap()) {
        nodes.push(p);
    }
    nodes.reverse();
    Some(
        nodes
            .windows(2)
            .map(|pair| {
                let (from, to) = (pair[0], pair[1]);
                let forward = g.graph.edges_connecting(from, to).map(|e| (e, true));
                let backward = g.graph.edges_connecting(to, from).map(|e| (e, false));
                let (edge, forward) = forward
                    .chain(backward)
                    .filter(|(e, _)| e.weight().kind.traversable())
                    .min_by_key(|(e, _)| (edge_preference(e.weight()), e.id()))
                    .expect("consecutive path nodes are joined by an edge");
                let weight = edge.weight();
                Step {
                    from: g.entity(from),
                    to: g.entity(to),
                    predicate: weight.kind.predicate(),
                    forward,
                    status: match &weight.kind {
                        EdgeKind::Attendance(s) => Some(s.clone()),
                        _ => None,
                    },
                    evidence: weight.best_evidence().cloned(),
                }
            })
            .collect(),
    )
}

/// Neighbours over traversable edges in either direction, in node order.
fn neighbours(g: &CouncilGraph, n: NodeIndex) -> Vec<NodeIndex> {
    let mut out: Vec<NodeIndex> = g
        .graph
        .edges_directed(n, Outgoing)
        .filter(|e| e.weight().kind.traversable())
        .map(|e| e.target())
        .chain(
            g.graph
                .edges_directed(n, Incoming)
                .filter(|e| e.weight().kind.traversable())
                .map(|e| e.source()),
        )
        .filter(|&m| m != n)
        .collect();
    out.sort();
    out.dedup();
    out
}

// ---------------------------------------------------------------------------
// central: degree and betweenness
// ---------------------------------------------------------------------------

/// How connected a person or body is.
#[derive(Debug, Clone, Serialize)]
pub struct Centrality {
    pub entity: EntityRef,
    /// Distinct neighbours over relations, attendance and meetings' bodies.
    pub degree: usize,
    /// Of those, entities joined by a relation.
    pub relations: usize,
    /// Of those, meetings attended (people) or held (bodies).
    pub meetings: usize,
    /// Normalised betweenness (Brandes, unweighted, undirected): the share
    /// of shortest paths between other nodes that pass through this one.
    pub betweenness: f64,
}

/// What `central` ranks by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RankBy {
    Degree,
    Betweenness,
}

/// Degree and betweenness of every person and body, most connected first.
pub fn centrality(g: &CouncilGraph, by: RankBy) -> Vec<Centrality> {
    let adjacency: Vec<Vec<NodeIndex>> = g.graph.node_indices().map(|n| neighbours(g, n)).collect();
    let betweenness = betweenness(&adjacency);
    let mut out: Vec<Centrality> = g
        .graph
        .node_indices()
        .filter(|&n| matches!(g.graph[n].kind, Kind::Person | Kind::Body))
        .map(|n| {
            let around = &adjacency[n.index()];
            let meetings = around.iter().filter(|&&m| g.graph[m].kind == Kind::Meeting).count();
            Centrality {
                entity: g.entity(n),
                degree: around.len(),
                relations: around.len() - meetings,
                meetings,
                betweenness: betweenness[n.index()],
            }
        })
        .collect();
    out.sort_by(|a, b| {
        let degree = b.degree.cmp(&a.degree);
        let between = b.betweenness.total_cmp(&a.betweenness);
        match by {
            RankBy::Degree => degree.then(between),
            RankBy::Betweenness => between.then(degree),
        }
        .then_with(|| a.entity.name.cmp(&b.entity.name))
    });
    out
}

/// Brandes' algorithm on an undirected, unweighted graph given as sorted
/// neighbour lists, normalised by the (n−1)(n−2)/2 pairs of other nodes.
fn betweenness(adjacency: &[Vec<NodeIndex>]) -> Vec<f64> {
    let n = adjacency.len();
    let mut centrality = vec![0.0; n];
    for s in 0..n {
        let mut stack = Vec::with_capacity(n);
        let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut paths = vec![0.0_f64; n];
        let mut distance = vec![usize::MAX; n];
        paths[s] = 1.0;
        distance[s] = 0;
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for w in adjacency[v].iter().map(|w| w.index()) {
                if distance[w] == usize::MAX {
                    distance[w] = distance[v] + 1;
                    queue.push_back(w);
                }
                if distance[w] == distance[v] + 1 {
                    paths[w] += paths[v];
                    predecessors[w].push(v);
                }
            }
        }
        let mut dependency = vec![0.0_f64; n];
        while let Some(w) = stack.pop() {
            for &v in &predecessors[w] {
                dependency[v] += paths[v] / paths[w] * (1.0 + dependency[w]);
            }
            if w != s {
                centrality[w] += dependency[w];
            }
        }
    }
    let pairs = if n > 2 { ((n - 1) * (n - 2)) as f64 / 2.0 } else { 1.0 };
    // Each undirected path was counted from both of its ends.
    centrality.iter().map(|c| c / 2.0 / pairs).collect()
}

// ---------------------------------------------------------------------------
// co-attendance
// ---------------------------------------------------------------------------

/// Two people and the minuted meetings both attended.
#[derive(Debug, Clone, Serialize)]
pub struct CoAttendance {
    pub a: EntityRef,
    pub b: EntityRef,
    /// The number of meetings shared.
    pub weight: usize,
    /// Their dates (or names, for a meeting without a date).
    pub meetings: Vec<String>,
}

/// Pairs of people who attended (present, chair, vice-chair, in attendance)
/// the same meetings with minutes, sharing at least `min`, heaviest first.
pub fn co_attendance(g: &CouncilGraph, min: usize) -> Vec<CoAttendance> {
    let mut shared: BTreeMap<(NodeIndex, NodeIndex), Vec<NodeIndex>> = BTreeMap::new();
    for meeting in g.graph.node_indices() {
        let node = &g.graph[meeting];
        if node.kind != Kind::Meeting || !node.minutes {
            continue;
        }
        let mut people: Vec<NodeIndex> = g
            .graph
            .edges_directed(meeting, Incoming)
            .filter(|e| matches!(&e.weight().kind, EdgeKind::Attendance(s) if ATTENDED.contains(&s.as_str())))
            .map(|e| e.source())
            .collect();
        people.sort();
        people.dedup();
        for (i, &p) in people.iter().enumerate() {
            for &q in &people[i + 1..] {
                shared.entry((p, q)).or_default().push(meeting);
            }
        }
    }
    let mut out: Vec<CoAttendance> = shared
        .into_iter()
        .filter(|(_, meetings)| meetings.len() >= min.max(1))
        .map(|((p, q), meetings)| {
            let (p, q) = if g.graph[p].name <= g.graph[q].name {
                (p, q)
            } else {
                (q, p)
            };
            let mut dates: Vec<String> = meetings
                .iter()
                .map(|&m| g.graph[m].date.clone().unwrap_or_else(|| g.graph[m].name.clone()))
                .collect();
            dates.sort();
            CoAttendance {
                a: g.entity(p),
                b: g.entity(q),
                weight: meetings.len(),
                meetings: dates,
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.weight
            .cmp(&x.weight)
            .then_with(|| (&x.a.name, &x.b.name).cmp(&(&y.a.name, &y.b.name)))
    });
    out
}
