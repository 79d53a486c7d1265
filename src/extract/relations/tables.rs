//! Relations stated by the layout of tables and lists: a table captioned
//! "Delivery Groups Reporting to the Executive Group", a body's membership
//! table, "The safeguarding partners in Rotherham are:" and its bullets.
//!
//! Architecture invariant: as for `relations`, works on mention spans.

use super::{first_after, End, Predicate, RelationMention};
use crate::extract::lists::{run_together_items, ItemKind};
use crate::extract::phrases;
use crate::text::{lines_in, Span};
use regex::Regex;
use std::sync::LazyLock;

static CAPTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\breporting to (?:the )?").expect("regex"));

/// A table captioned "… Reporting to the Executive Group": the body
/// opening each row reports to the body in the caption.
pub(super) fn captioned_tables(text: &str, mentions: &[Span], span: Span, out: &mut Vec<RelationMention>) {
    let lines = lines_in(text, span);
    for (i, line) in lines.iter().enumerate() {
        let Some(c) = CAPTION.find(line.text) else { continue };
        let at = line.span.start + c.end();
        let Some(parent) = first_after(text, mentions, line.span, at) else {
            continue;
        };
        for row in lines[i + 1..].iter().skip_while(|l| l.is_blank()) {
            if !row.text.contains('\t') {
                break;
            }
            let first_cell = row.text.split('\t').next().unwrap_or("");
            let cell = Span::new(row.span.start, row.span.start + first_cell.len());
            if let Some(child) = mentions.iter().find(|m| m.start == cell.start && m.end <= cell.end) {
                out.push(RelationMention {
                    predicate: Predicate::ReportsTo,
                    subject: End::Mention(*child),
                    object: End::Mention(parent),
                    evidence: Span::new(line.span.start, row.span.end),
                });
            }
        }
    }
}

/// A body's section in a partnership's arrangements: "Executive Group:
/// Frequency – once every 2 months", a "Membership" header row, then a row
/// whose first cell lists the members' posts as paragraphs ("<p>Chief Nurse
/// (Rotherham Clinical Commissioning Group)</p>").
/// "The safeguarding partners in Rotherham are:" closing a line.
static PARTNERS_ARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bpartners\b[^.]*\b(?:are|were|include|includes|comprise|comprises)\s*:\s*$").expect("regex")
});

/// A bullet ("- ", "• ", "* ", "1. ") opening a line.
pub(super) static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(?:[-•*]|\d+[.)])\s+").expect("regex"));

/// "The safeguarding partners in Rotherham are:" then a bulleted list of
/// bodies: each is a member of the partnership (the latest named).
pub(super) fn partner_lists(text: &str, mentions: &[Span], span: Span, out: &mut Vec<RelationMention>) {
    let lines = lines_in(text, span);
    for (i, line) in lines.iter().enumerate() {
        if !PARTNERS_ARE.is_match(line.text) {
            continue;
        }
        let items = lines[i + 1..].iter().filter(|l| !l.is_blank());
        for item in items.take_while(|l| BULLET.is_match(l.text)) {
            let Some(member) = mentions.iter().find(|m| item.span.contains(**m)) else {
                continue;
            };
            out.push(RelationMention {
                predicate: Predicate::MemberOf,
                subject: End::Mention(*member),
                object: End::Anaphor {
                    noun: "partnership".to_string(),
                    at: line.span.start,
                },
                evidence: Span::new(line.span.start, item.span.end),
            });
        }
    }
}

pub(super) fn membership_tables(text: &str, mentions: &[Span], span: Span, out: &mut Vec<RelationMention>) {
    let lines = lines_in(text, span);
    for (i, line) in lines.iter().enumerate() {
        let Some(body) = mentions.iter().find(|m| m.start == line.span.start) else {
            continue;
        };
        let rest = text[body.end..line.span.end].trim_start();
        if !(rest.starts_with(':') || rest.starts_with('–') || rest.starts_with('-')) {
            continue;
        }
        let header = lines[i + 1..].iter().find(|l| !l.is_blank());
        if !header.is_some_and(|h| h.text.trim_start().starts_with("Membership")) {
            continue;
        }
        let Some(row) = lines[i + 1..].iter().filter(|l| !l.is_blank()).nth(1) else {
            continue;
        };
        let cell = row.text.split('\t').next().unwrap_or("");
        let mut at = 0;
        while let Some(open) = cell[at..].find("<p>") {
            let start = at + open + 3;
            let Some(close) = cell[start..].find("</p>") else { break };
            let member = cell[start..start + close].trim();
            at = start + close + 4;
            if member.is_empty() || member.starts_with("Others") {
                continue;
            }
            // "<p>Core Membership: Independent Chair … South Yorkshire Police …</p>":
            // a labelled list run together; its bodies and posts are members.
            if let Some(colon) = member.find(':') {
                let list = Span::new(row.span.start + start + colon, row.span.start + start + close);
                let evidence = Span::new(row.span.start + start, row.span.start + start + close);
                for subject in run_together_members(text, list, mentions) {
                    out.push(RelationMention {
                        predicate: Predicate::MemberOf,
                        subject,
                        object: End::Mention(*body),
                        evidence,
                    });
                }
                continue;
            }
            let member_start = row.span.start + start + (cell[start..].len() - cell[start..].trim_start().len());
            out.push(RelationMention {
                predicate: Predicate::MemberOf,
                subject: End::Post(member.split_whitespace().collect::<Vec<_>>().join(" ")),
                object: End::Mention(*body),
                evidence: Span::new(member_start, member_start + member.len()),
            });
        }
    }
}

/// The members a labelled list names: the posts its run-together items
/// name ("Independent Chair", "Business Manager") and every body mention
/// in it.
fn run_together_members(text: &str, list: Span, mentions: &[Span]) -> Vec<End> {
    let runs = phrases::runs(text, list);
    let posts = runs
        .iter()
        .filter_map(|run| run_together_items(text, run))
        .flatten()
        .filter(|item| item.kind == ItemKind::Post && !mentions.iter().any(|m| item.span.overlaps(*m)))
        .map(|item| (item.span, End::Post(item.span.slice(text).to_string())));
    let bodies = mentions
        .iter()
        .filter(|m| list.contains(**m))
        .map(|m| (*m, End::Mention(*m)));
    let mut members: Vec<(Span, End)> = posts.chain(bodies).collect();
    members.sort_by_key(|(span, _)| span.start);
    members.into_iter().map(|(_, end)| end).collect()
}
