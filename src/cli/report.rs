//! `councilgraph report attendance`.

use super::StoreArgs;
use anyhow::Result;
use councilgraph::date::Date;
use councilgraph::report::{attendance, to_html, Scope};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    report: Report,
}

#[derive(clap::Subcommand)]
enum Report {
    /// Per member: meetings expected, present, apologies, absent without
    /// apologies, attendance rate, and flags.
    Attendance(AttendanceArgs),
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    Table,
    Csv,
    Html,
}

#[derive(clap::Args)]
struct AttendanceArgs {
    /// Only this body (its name, any case).
    #[arg(long, value_name = "NAME")]
    body: Option<String>,
    /// From this date (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    from: Option<Date>,
    /// To this date (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    to: Option<Date>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
    #[command(flatten)]
    store: StoreArgs,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse_iso(s).ok_or_else(|| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

pub fn run(args: ReportArgs) -> Result<ExitCode> {
    let Report::Attendance(args) = args.report;
    let store = councilgraph::store::open_existing(&args.store.path())?;
    let scope = Scope {
        body: args.body,
        from: args.from,
        to: args.to,
    };
    let rows = attendance(&store, &scope)?;
    match args.format {
        ReportFormat::Html => print!("{}", to_html(&rows)),
        ReportFormat::Csv => {
            let mut w: Vec<String> = Vec::new();
            w.push("person,body,expected,present,apologies,absent,rate,flags".to_string());
            for r in &rows {
                w.push(
                    [
                        r.person.clone(),
                        r.body.clone(),
                        r.expected.to_string(),
                        r.present.to_string(),
                        r.apologies.to_string(),
                        r.absent.to_string(),
                        format!("{:.2}", r.rate),
                        r.flags.join("; "),
                    ]
                    .iter()
                    .map(|c| csv_cell(c))
                    .collect::<Vec<_>>()
                    .join(","),
                );
            }
            out!("{}", w.join("\n"));
        }
        ReportFormat::Table => {
            out!(
                "{:<28} {:<36} {:>8} {:>7} {:>9} {:>6} {:>5}  flags",
                "person",
                "body",
                "expected",
                "present",
                "apologies",
                "absent",
                "rate"
            );
            for r in &rows {
                out!(
                    "{:<28} {:<36} {:>8} {:>7} {:>9} {:>6} {:>4.0}%  {}",
                    r.person,
                    r.body,
                    r.expected,
                    r.present,
                    r.apologies,
                    r.absent,
                    r.rate * 100.0,
                    r.flags.join("; ")
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// RFC 4180: quote a cell holding a comma, quote or line break.
fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
