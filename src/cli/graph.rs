//! `councilgraph graph …`: traversals over the store's relations.

use super::StoreArgs;
use anyhow::Result;
use councilgraph::graph::{self, CouncilGraph, Evidence, RankBy};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct GraphArgs {
    #[command(subcommand)]
    command: GraphCommand,
}

/// Names are matched without case, a leading "the" or honorifics
/// ("Councillor", "Cllr", "Mr" …) against people's names, bodies' names and
/// acronyms and documents' titles, then against printed variants.
#[derive(clap::Subcommand)]
enum GraphCommand {
    /// The bodies reporting to BODY (directly or through others, with depth)
    /// and what BODY reports to, up to the top.
    ReportsTo {
        /// The body (a name, printed variant or acronym).
        body: String,
        #[command(flatten)]
        common: Common,
    },
    /// The shortest path between two people, bodies or documents over every
    /// relation and attendance (person – meeting – body); exits 1 if none.
    Path {
        from: String,
        to: String,
        #[command(flatten)]
        common: Common,
    },
    /// The most connected people and bodies: degree (distinct neighbours)
    /// and normalised betweenness centrality.
    Central {
        /// How many to list.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// What to rank by.
        #[arg(long, value_enum, default_value_t = RankBy::Degree)]
        by: RankBy,
        #[command(flatten)]
        common: Common,
    },
    /// Pairs of people who attended the same minuted meetings (present,
    /// chair, vice-chair, in attendance), by the number of meetings shared.
    CoAttendance {
        /// How many pairs to list.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// The fewest meetings a pair must share.
        #[arg(long, default_value_t = 1)]
        min: usize,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(clap::Args)]
struct Common {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Table,
    Json,
}

impl Common {
    fn load(&self) -> Result<CouncilGraph> {
        let store = councilgraph::store::open_existing(&self.store.path())?;
        CouncilGraph::load(&store)
    }
}

pub fn run(args: GraphArgs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = match args.command {
        GraphCommand::ReportsTo { body, common } => {
            let g = common.load()?;
            let root = g.resolve(&body)?;
            let report = graph::reports_to(&g, root);
            if common.format == Format::Json {
                json(&report, &mut out)?;
            } else {
                reports_to_table(&report, &mut out)?;
            }
            ExitCode::SUCCESS
        }
        GraphCommand::Path { from, to, common } => {
            let g = common.load()?;
            let (a, b) = (g.resolve(&from)?, g.resolve(&to)?);
            let path = graph::shortest_path(&g, a, b);
            let (a, b) = (g.node(a).entity(), g.node(b).entity());
            if common.format == Format::Json {
                #[derive(Serialize)]
                struct PathJson<'a> {
                    from: &'a graph::EntityRef,
                    to: &'a graph::EntityRef,
                    length: Option<usize>,
                    steps: Option<&'a [graph::Step]>,
                }
                json(
                    &PathJson {
                        from: &a,
                        to: &b,
                        length: path.as_ref().map(Vec::len),
                        steps: path.as_deref(),
                    },
                    &mut out,
                )?;
            } else {
                match &path {
                    None => writeln!(
                        out,
                        "No path between {} and {}: no chain of relations or attendance joins them.",
                        a.name, b.name
                    )?,
                    Some(steps) if steps.is_empty() => writeln!(out, "{} and {} are the same entity.", a.name, b.name)?,
                    Some(steps) => path_table(&a, &b, steps, &mut out)?,
                }
            }
            if path.is_some() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        GraphCommand::Central { limit, by, common } => {
            let g = common.load()?;
            let mut rows = graph::centrality(&g, by);
            rows.truncate(limit);
            if common.format == Format::Json {
                json(&rows, &mut out)?;
            } else {
                table(
                    &["rank", "name", "kind", "degree", "relations", "meetings", "betweenness"],
                    rows.iter()
                        .enumerate()
                        .map(|(i, c)| {
                            vec![
                                (i + 1).to_string(),
                                c.entity.name.clone(),
                                c.entity.kind.as_str().to_string(),
                                c.degree.to_string(),
                                c.relations.to_string(),
                                c.meetings.to_string(),
                                format!("{:.4}", c.betweenness),
                            ]
                        })
                        .collect(),
                    &mut out,
                )?;
            }
            ExitCode::SUCCESS
        }
        GraphCommand::CoAttendance { limit, min, common } => {
            let g = common.load()?;
            let mut rows = graph::co_attendance(&g, min);
            rows.truncate(limit);
            if common.format == Format::Json {
                json(&rows, &mut out)?;
            } else {
                table(
                    &["person_a", "person_b", "meetings", "dates"],
                    rows.iter()
                        .map(|p| {
                            vec![
                                p.a.name.clone(),
                                p.b.name.clone(),
                                p.weight.to_string(),
                                p.meetings.join(", "),
                            ]
                        })
                        .collect(),
                    &mut out,
                )?;
            }
            ExitCode::SUCCESS
        }
    };
    out.flush()?;
    Ok(code)
}

fn json<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

fn source(evidence: Option<&Evidence>) -> String {
    evidence.map_or(String::new(), |e| format!("{}:{}-{}", e.file, e.start, e.end))
}

fn quote(evidence: Option<&Evidence>) -> String {
    evidence.map_or(String::new(), |e| {
        format!("\"{}\"", e.quote.split_whitespace().collect::<Vec<_>>().join(" "))
    })
}

fn reports_to_table(report: &graph::ReportsTo, out: &mut dyn Write) -> Result<()> {
    let line = |l: &graph::ReportLine, depth: String| {
        vec![
            depth,
            l.body.name.clone(),
            l.reports_to.name.clone(),
            l.evidence.as_ref().and_then(|e| e.basis.clone()).unwrap_or_default(),
            source(l.evidence.as_ref()),
            quote(l.evidence.as_ref()),
        ]
    };
    // The chain above, from the top down to the body.
    let mut above: Vec<&graph::ReportLine> = report.above.iter().collect();
    above.sort_by_key(|l| std::cmp::Reverse(l.depth));
    let mut rows: Vec<Vec<String>> = above.iter().map(|l| line(l, format!("-{}", l.depth))).collect();
    rows.push(vec![
        "0".into(),
        report.body.name.clone(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    rows.extend(report.below.iter().map(|l| line(l, l.depth.to_string())));
    writeln!(
        out,
        "{}: {} reporting line(s) above (negative depth), {} below",
        report.body.name,
        report.above.len(),
        report.below.len()
    )?;
    table(&["depth", "body", "reports_to", "basis", "source", "quote"], rows, out)?;
    for cycle in &report.cycles {
        let names: Vec<&str> = cycle.iter().map(|e| e.name.as_str()).collect();
        writeln!(out, "cycle: {} report to each other in a loop", names.join(", "))?;
    }
    Ok(())
}

fn path_table(a: &graph::EntityRef, b: &graph::EntityRef, steps: &[graph::Step], out: &mut dyn Write) -> Result<()> {
    writeln!(out, "{} → {}: {} step(s)", a.name, b.name, steps.len())?;
    let rows = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let predicate = match &s.status {
                Some(status) => format!("{} ({status})", s.predicate),
                None => s.predicate.clone(),
            };
            vec![
                (i + 1).to_string(),
                s.from.name.clone(),
                if s.forward {
                    format!("{predicate} →")
                } else {
                    format!("← {predicate}")
                },
                s.to.name.clone(),
                s.evidence.as_ref().and_then(|e| e.basis.clone()).unwrap_or_default(),
                source(s.evidence.as_ref()),
                quote(s.evidence.as_ref()),
            ]
        })
        .collect();
    table(&["step", "from", "edge", "to", "basis", "source", "quote"], rows, out)
}

/// An aligned table like `query`'s: columns up to 60 characters (longer
/// cells end in "…"), except sources, quotes and dates, which are never cut.
fn table(headers: &[&str], rows: Vec<Vec<String>>, out: &mut dyn Write) -> Result<()> {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    for (w, h) in widths.iter_mut().zip(headers) {
        if !matches!(*h, "source" | "quote" | "dates") {
            *w = (*w).min(60);
        }
    }
    let line = |cells: Vec<String>, out: &mut dyn Write| -> Result<()> {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, &w)| {
                let c: String = if c.chars().count() > w {
                    c.chars().take(w - 1).chain(['…']).collect()
                } else {
                    c.clone()
                };
                format!("{c:<w$}")
            })
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())?;
        Ok(())
    };
    line(headers.iter().map(|h| h.to_string()).collect(), out)?;
    line(widths.iter().map(|w| "-".repeat(*w)).collect(), out)?;
    for row in rows {
        line(row, out)?;
    }
    Ok(())
}
