//! PDF and HTML inputs: minutes typeset as a PDF, or published as a
//! ModernGov page, extract like the text of the same minutes; unreadable
//! PDFs and pages without minutes get one line each and the rest builds.

mod common;
use common::*;
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, EncryptionState, EncryptionVersion, Object, Permissions, Stream, StringFormat};
use serde_json::Value;
use std::path::Path;

// ---------------------------------------------------------------- PDF ----

/// Where the typesetter broke words at line ends.
#[derive(Debug, Default)]
struct Breaks {
    /// A hyphenated word broken after its hyphen: ("Baker-", "Rogers").
    at_hyphen: Vec<(String, String)>,
    /// A lower-case word hyphenated: ("commis", "sion").
    hyphenated: Vec<(String, String)>,
}

/// One printed line: text, indent (in characters), gap before (in lines).
type Laid = (String, usize, usize);

/// Lays `text` out as a typesetter would with `width` characters a line:
/// paragraphs wrapped at spaces, or after the hyphen of a hyphenated word,
/// or inside a long lower-case word (hyphenated), when the next word does
/// not fit.
fn lay_out(text: &str, width: usize) -> (Vec<Laid>, Breaks) {
    let mut laid = Vec::new();
    let mut breaks = Breaks::default();
    let mut gap = 0;
    for source_line in text.lines() {
        if source_line.trim().is_empty() {
            gap = 1;
            continue;
        }
        let indent = source_line.len() - source_line.trim_start().len();
        let room = width - indent;
        let mut line = String::new();
        let mut words: Vec<String> = source_line.split_whitespace().rev().map(str::to_string).collect();
        while let Some(word) = words.pop() {
            let used = line.chars().count() + usize::from(!line.is_empty());
            if used + word.chars().count() <= room {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                continue;
            }
            let letters: Vec<char> = word.trim_end_matches(|c: char| !c.is_alphabetic()).chars().collect();
            let hyphen = word.char_indices().find(|&(i, c)| {
                c == '-' && i > 0 && i + 1 < word.len() && word[i + 1..].starts_with(char::is_alphabetic)
            });
            let split = if let Some((i, _)) = hyphen.filter(|&(i, _)| used + i < room) {
                let (head, tail) = word.split_at(i + 1);
                breaks.at_hyphen.push((head.to_string(), tail.to_string()));
                Some((head.to_string(), tail.to_string()))
            } else if letters.len() >= 9 && letters.iter().all(|c| c.is_lowercase()) && used + 4 < room {
                let cut = (room - used - 1).min(letters.len() - 3);
                let head: String = word.chars().take(cut).collect();
                let tail: String = word.chars().skip(cut).collect();
                breaks.hyphenated.push((head.clone(), tail.clone()));
                Some((format!("{head}-"), tail))
            } else {
                None
            };
            let ends_hyphenated = line.ends_with('-') && line[..line.len() - 1].ends_with(char::is_alphabetic);
            if split.is_none() && ends_hyphenated {
                // The text's own "Cherry- Swaine" ends a line at its hyphen.
                let head = line.rsplit(' ').next().unwrap_or_default().to_string();
                breaks.at_hyphen.push((head, word.clone()));
            }
            match split {
                Some((head, tail)) => {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(&head);
                    words.push(tail);
                }
                None => words.push(word),
            }
            laid.push((std::mem::take(&mut line), indent, std::mem::take(&mut gap)));
        }
        if !line.is_empty() {
            laid.push((line, indent, std::mem::take(&mut gap)));
        }
    }
    (laid, breaks)
}

const SIZE: f64 = 10.0;
const LEADING: f64 = 12.0;
/// Courier's advance is 0.6 em.
const ADVANCE: f64 = 6.0;

fn winansi(s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(s);
    assert!(!unmappable, "{s:?} is not WinAnsi text");
    bytes.into_owned()
}

fn show(ops: &mut Vec<Operation>, text: &str, x: f64, y: f64) {
    ops.push(Operation::new("BT", vec![]));
    ops.push(Operation::new("Tf", vec!["F1".into(), SIZE.into()]));
    ops.push(Operation::new("Td", vec![x.into(), y.into()]));
    ops.push(Operation::new(
        "Tj",
        vec![Object::String(winansi(text), StringFormat::Literal)],
    ));
    ops.push(Operation::new("ET", vec![]));
}

/// A PDF of pages with the given content streams, Courier as /F1.
fn pdf_document(contents: Vec<Vec<Operation>>) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier", "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    for operations in contents {
        let stream = Stream::new(dictionary! {}, Content { operations }.encode().unwrap());
        let content = doc.add_object(stream);
        kids.push(Object::from(doc.add_object(
            dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content },
        )));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc
}

fn save(mut doc: Document) -> Vec<u8> {
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// Typesets `text` on A4 pages of 60 lines, with a running header
/// ("IMPROVING LIVES SELECT COMMISSION - 30/01/24") and a "Page N" footer.
fn typeset(laid: &[Laid], header: &str) -> (Vec<u8>, usize) {
    let (left, top, bottom) = (50.0, 780.0, 70.0);
    let mut pages: Vec<Vec<Operation>> = Vec::new();
    let mut y = f64::NEG_INFINITY;
    for (line, indent, gap) in laid {
        let wanted = y - LEADING * (1 + gap) as f64;
        y = if wanted < bottom || pages.is_empty() {
            let mut ops = Vec::new();
            show(&mut ops, header, left, 810.0);
            show(&mut ops, &format!("Page {}", pages.len() + 1), 280.0, 30.0);
            pages.push(ops);
            top
        } else {
            wanted
        };
        let ops = pages.last_mut().unwrap();
        show(ops, line, left + ADVANCE * *indent as f64, y);
    }
    let n = pages.len();
    (save(pdf_document(pages)), n)
}

// --------------------------------------------------------------- HTML ----

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The minutes as a ModernGov `ieListDocuments.aspx` page: the meeting in
/// the `mgSubTitleTxt` heading, the attendance paragraphs, then the items
/// in an `mgItemTable`, each with its number cell, `mgAiTitleTxt` title and
/// the minutes in an `mgWordPara` (paragraphs, bullet lists), amid the
/// site's navigation, scripts and styles.
fn moderngov_page(text: &str) -> String {
    let item = regex::Regex::new(r"^(\d+)\.\s+(.+)$").unwrap();
    let paragraphs: Vec<Vec<&str>> = text
        .split("\n\n")
        .map(|p| p.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>())
        .filter(|p| !p.is_empty())
        .collect();
    let mut html = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Agenda and minutes</title>\
<style>.mgItemTable td { vertical-align: top }</style><script>var mgTrack = 'Present:- nobody';</script></head>\n\
<body><div id=\"header\"><nav><ul><li><a href=\"/\">Site home page</a></li><li><a href=\"mgListCommittees.aspx\">Browse committees</a></li></ul></nav></div>\n\
<div id=\"modgov\"><div class=\"mgContent\">\n<h1 class=\"mgMainTitleTxt\">Agenda and minutes</h1>\n",
    );
    let heading = &paragraphs[0];
    html += &format!(
        "<h2 class=\"mgSubTitleTxt\">{} - {}</h2>\n<ul class=\"mgActionList\"><li><a href=\"#\">Printed minutes</a></li></ul>\n",
        escape(heading[0]),
        escape(heading[1])
    );
    let mut expected = None::<u32>;
    let mut open_item = false;
    for para in &paragraphs[1..] {
        if let Some(c) = item.captures(para[0]).filter(|_| para.len() == 1) {
            let n: u32 = c[1].parse().unwrap();
            if expected.is_none_or(|e| e == n) {
                expected = Some(n + 1);
                html += if open_item {
                    "</div></td></tr>\n"
                } else {
                    "<table class=\"mgItemTable\">\n"
                };
                open_item = true;
                html += &format!(
                    "<tr><td class=\"mgItemNumberCell\"><p class=\"mgAiTitleTxt\">{n}.</p></td>\n<td><p class=\"mgAiTitleTxt\">\
<a class=\"mgAiTitleLnk\" href=\"mgAi.aspx?ID={n}\">{}</a> PDF 212 KB</p>\n\
<ul class=\"mgActionList\"><li><a href=\"ieDecisionDetails.aspx?AIId={n}\">View the decision for item {n}.</a></li></ul>\n\
<p class=\"mgSubItemTitleTxt\">Minutes:</p>\n<div class=\"mgWordPara\">\n",
                    escape(&c[2])
                );
                continue;
            }
        }
        let mut in_list = false;
        for line in para {
            let bullet = line.trim_start().strip_prefix("- ");
            match (bullet, in_list) {
                (Some(b), false) => html += &format!("<ul>\n<li>{}</li>\n", escape(b)),
                (Some(b), true) => html += &format!("<li>{}</li>\n", escape(b)),
                (None, true) => html += &format!("</ul>\n<p>{}</p>\n", escape(line)),
                (None, false) => html += &format!("<p>{}</p>\n", escape(line)),
            }
            in_list = bullet.is_some();
        }
        if in_list {
            html += "</ul>\n";
        }
    }
    if open_item {
        html += "</div></td></tr>\n</table>\n";
    }
    html += "</div></div>\n<div id=\"footer\"><nav><a href=\"/accessibility\">Accessibility statement</a></nav></div>\
<script>document.write('<p>Present:- Councillor Nobody</p>')</script></body></html>\n";
    html
}

// ------------------------------------------------------- comparisons ----

fn extract(dir: &Path, file: &str) -> Value {
    serde_json::from_str(&ok(dir, &["extract", file])).unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap_or_default().to_string()).collect())
        .unwrap_or_default()
}

/// Entries as the gold schema prints them (the given fields), sorted;
/// evidence quotes left out (see [`compare`]).
fn names(v: &Value, key: &str, fields: &[&str]) -> Vec<String> {
    let field = |e: &Value, f: &str| {
        let mut value = e[f].clone();
        if let Value::Array(list) = &mut value {
            for entry in list {
                if let Value::Object(map) = entry {
                    map.remove("evidence");
                }
            }
        }
        value.to_string()
    };
    let mut out: Vec<String> = match &v[key] {
        // Acronyms: an object from acronym to expansion.
        Value::Object(map) => map.iter().map(|(k, e)| format!("{k} | {e}")).collect(),
        list => list
            .as_array()
            .unwrap()
            .iter()
            .map(|e| fields.iter().map(|f| field(e, f)).collect::<Vec<_>>().join(" | "))
            .collect(),
    };
    out.sort();
    out
}

/// The parts of a meeting that must not depend on the file format.
fn meeting_view(m: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for key in ["date", "kind", "body", "venue", "chair", "vice_chair"] {
        out.push((key.to_string(), m[key].to_string()));
    }
    for key in ["present", "apologies", "in_attendance"] {
        out.push((key.to_string(), strings(&m[key]).join(", ")));
    }
    for item in m["items"].as_array().unwrap() {
        out.push((
            format!("item {}", item["number"]),
            item["title"].as_str().unwrap().to_string(),
        ));
    }
    out
}

/// Asserts the format-independent parts of two extractions are equal, field
/// by field (meetings with their date, kind, body, venue, chair, attendance
/// and items' numbers and titles; people; bodies); returns the differences
/// in the other parts (roles, body acronyms and variants, documents,
/// relations, acronyms, items' presenters, welcomed, documents, topics and
/// resolutions), as messages. Evidence quotes are never compared: they
/// quote each file's own text, which legitimately differs in layout (the
/// text file's "Cherry- Swaine", a line-break artefact, is "Cherry-Swaine"
/// in text read from a PDF that breaks the line there).
fn compare(text: &Value, other: &Value, what: &str) -> Vec<String> {
    let (tm, om) = (
        text["meetings"].as_array().unwrap(),
        other["meetings"].as_array().unwrap(),
    );
    assert_eq!(tm.len(), om.len(), "{what}: number of meetings");
    assert!(!tm.is_empty());
    for (t, o) in tm.iter().zip(om) {
        let (tv, ov) = (meeting_view(t), meeting_view(o));
        assert_eq!(tv.len(), ov.len(), "{what}: number of items in {}", t["date"]);
        for (a, b) in tv.iter().zip(&ov) {
            assert_eq!(a, b, "{what}: meeting {}", t["date"]);
        }
    }
    assert_eq!(
        names(text, "people", &["name", "honorific", "councillor"]),
        names(other, "people", &["name", "honorific", "councillor"]),
        "{what}: people"
    );
    assert_eq!(
        names(text, "organisations", &["name", "type"]),
        names(other, "organisations", &["name", "type"]),
        "{what}: bodies"
    );
    let mut differences = Vec::new();
    for (key, fields) in [
        ("people", &["name", "roles"][..]),
        ("organisations", &["name", "acronym", "variants"][..]),
        ("documents", &["title", "period", "type"][..]),
        ("relations", &["subject", "predicate", "object"][..]),
        ("acronyms", &["acronym", "expansion"][..]),
    ] {
        let (a, b) = (names(text, key, fields), names(other, key, fields));
        for only in a.iter().filter(|x| !b.contains(x)) {
            differences.push(format!("{what}: {key} only from the text: {only}"));
        }
        for only in b.iter().filter(|x| !a.contains(x)) {
            differences.push(format!("{what}: {key} only from the {what}: {only}"));
        }
    }
    for (t, o) in tm.iter().zip(om) {
        for (ti, oi) in t["items"]
            .as_array()
            .unwrap()
            .iter()
            .zip(o["items"].as_array().unwrap())
        {
            for key in ["presenters", "welcomed", "documents", "topics", "resolutions"] {
                if ti[key] != oi[key] {
                    differences.push(format!(
                        "{what}: item {} {key}: text {} / {what} {}",
                        ti["number"], ti[key], oi[key]
                    ));
                }
            }
        }
    }
    differences
}

/// Every evidence node of `file`'s graph quotes the text `extract-text`
/// prints at its character offsets, on the page (`cg:page`) where
/// `extract-text --pages` says that offset is.
fn evidence_matches_extracted_text(dir: &Path, file: &str) {
    let text: Vec<char> = ok(dir, &["extract-text", file]).chars().collect();
    let page_starts: Vec<usize> = ok(dir, &["extract-text", "--pages", file])
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap().parse().unwrap())
        .collect();
    let query = format!(
        "SELECT ?start ?end ?exact ?page WHERE {{ GRAPH ?g {{ ?g cg:path \"{file}\" . \
         ?e prov:wasDerivedFrom ?g ; oa:start ?start ; oa:end ?end ; oa:exact ?exact OPTIONAL {{ ?e cg:page ?page }} }} }}"
    );
    let rows = csv_rows(&ok(dir, &["query", "--format", "csv", &query]));
    assert!(rows.len() > 100, "{file}: {} evidence nodes", rows.len());
    let mut pages_seen = std::collections::BTreeSet::new();
    for row in rows {
        let (start, end): (usize, usize) = (row[0].parse().unwrap(), row[1].parse().unwrap());
        let quoted: String = text[start..end].iter().collect();
        assert_eq!(quoted, row[2], "{file}: evidence at {start}..{end}");
        if page_starts.is_empty() {
            assert_eq!(row[3], "", "{file}: no pages, no cg:page");
            continue;
        }
        let page: usize = row[3].parse().unwrap();
        assert!(page_starts[page - 1] <= start, "{file}: {start} on page {page}");
        assert!(
            page_starts.get(page).is_none_or(|&next| start < next),
            "{file}: {start} on page {page}"
        );
        pages_seen.insert(page);
    }
    assert!(
        page_starts.is_empty() || pages_seen.len() == page_starts.len(),
        "{file}: facts on every page"
    );
}

// -------------------------------------------------------------- tests ----

#[test]
fn a_typeset_pdf_of_the_minutes_extracts_like_their_text() {
    let source = std::fs::read_to_string(corpus_dir().join("002_a112772d541dd462.txt")).unwrap();
    // The first width at which the typesetter breaks a person's hyphenated
    // name ("Baker-/Rogers") and hyphenates a lower-case word.
    let (width, laid, breaks) = (60..=100)
        .map(|w| {
            let (laid, breaks) = lay_out(&source, w);
            (w, laid, breaks)
        })
        .find(|(_, _, b)| {
            let names = ["Baker-", "Bennett-", "Cherry-"];
            b.at_hyphen.iter().any(|(h, _)| names.contains(&h.as_str())) && !b.hyphenated.is_empty()
        })
        .expect("a width with both kinds of break");
    let (pdf, pages) = typeset(&laid, "IMPROVING LIVES SELECT COMMISSION - 30/01/24");
    assert!(pages >= 5, "{pages} pages at {width} characters a line");

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("minutes")).unwrap();
    std::fs::write(dir.path().join("minutes/ilsc-text.txt"), &source).unwrap();
    std::fs::write(dir.path().join("minutes/ilsc-typeset.pdf"), &pdf).unwrap();

    // What the PDF is read as: words whole again, no header or page numbers.
    let text = ok(dir.path(), &["extract-text", "minutes/ilsc-typeset.pdf"]);
    for (head, tail) in &breaks.at_hyphen {
        // A lower-case compound printed once ("in-/between") may be read
        // as one word: the PDF cannot tell a line-end hyphen from its own.
        let lower = |s: &str| s.starts_with(char::is_lowercase);
        let unhyphenated = format!("{}{tail}", head.trim_end_matches('-'));
        assert!(
            text.contains(&format!("{head}{tail}")) || (lower(head) && lower(tail) && text.contains(&unhyphenated)),
            "{head}|{tail} rejoined"
        );
    }
    for (head, tail) in &breaks.hyphenated {
        assert!(text.contains(&format!("{head}{tail}")), "{head}|{tail} rejoined");
    }
    assert!(
        !text.contains("Page 2") && !text.contains("30/01/24"),
        "running lines dropped"
    );
    let page_starts = ok(dir.path(), &["extract-text", "--pages", "minutes/ilsc-typeset.pdf"]);
    assert_eq!(page_starts.lines().count(), pages);
    assert_eq!(page_starts.lines().next(), Some("1\t0"));

    let from_text = extract(dir.path(), "minutes/ilsc-text.txt");
    let from_pdf = extract(dir.path(), "minutes/ilsc-typeset.pdf");
    let differences = compare(&from_text, &from_pdf, "pdf");
    assert!(differences.is_empty(), "{}", differences.join("\n"));

    let summary: Value = serde_json::from_str(&ok(dir.path(), &["build", "minutes", "--json"])).unwrap();
    assert_eq!(
        (summary["changed"].as_u64(), summary["meetings"].as_u64()),
        (Some(2), Some(2))
    );
    evidence_matches_extracted_text(dir.path(), "minutes/ilsc-typeset.pdf");
}

#[test]
fn a_moderngov_page_of_the_minutes_extracts_like_their_text() {
    let source = std::fs::read_to_string(corpus_dir().join("000_9be5cb5516d64b0d.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("minutes")).unwrap();
    std::fs::write(dir.path().join("minutes/ilsc-text.txt"), &source).unwrap();
    std::fs::write(dir.path().join("minutes/ieListDocuments.htm"), moderngov_page(&source)).unwrap();

    let text = ok(dir.path(), &["extract-text", "minutes/ieListDocuments.htm"]);
    assert!(text.starts_with("Agenda and minutes\n\nIMPROVING LIVES SELECT COMMISSION\nTuesday 29 October 2024\n\n"));
    assert!(text.contains("\n\n36. THE ROTHERHAM SAFEGUARDING CHILDREN'S PARTNERSHIP ANNUAL REPORT 2023 - 2024\n\n"));
    for furniture in [
        "Site home page",
        "Browse committees",
        "Accessibility statement",
        "View the decision",
        "Minutes:",
        "PDF 212 KB",
        "Nobody",
        "mgTrack",
    ] {
        assert!(!text.contains(furniture), "{furniture} dropped");
    }

    let from_text = extract(dir.path(), "minutes/ilsc-text.txt");
    let from_html = extract(dir.path(), "minutes/ieListDocuments.htm");
    let differences = compare(&from_text, &from_html, "html");
    assert!(differences.is_empty(), "{}", differences.join("\n"));

    let summary: Value = serde_json::from_str(&ok(dir.path(), &["build", "minutes", "--json"])).unwrap();
    assert_eq!(
        (summary["changed"].as_u64(), summary["meetings"].as_u64()),
        (Some(2), Some(2))
    );
    evidence_matches_extracted_text(dir.path(), "minutes/ieListDocuments.htm");
}

/// A one-page PDF showing `text`.
fn small_pdf(text: &str) -> Document {
    let mut ops = Vec::new();
    show(&mut ops, text, 50.0, 780.0);
    pdf_document(vec![ops])
}

/// A PDF whose pages are images only, as a scanner makes them.
fn scanned_pdf(pages: usize) -> Vec<u8> {
    let mut doc = pdf_document(vec![Vec::new(); pages]);
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    ));
    for (_, page) in doc.get_pages() {
        let draw = Content {
            operations: vec![
                Operation::new("q", vec![]),
                Operation::new(
                    "cm",
                    vec![595.into(), 0.into(), 0.into(), 842.into(), 0.into(), 0.into()],
                ),
                Operation::new("Do", vec!["Im1".into()]),
                Operation::new("Q", vec![]),
            ],
        };
        let content = doc.add_object(Stream::new(dictionary! {}, draw.encode().unwrap()));
        let dict = doc.get_object_mut(page).unwrap().as_dict_mut().unwrap();
        dict.set("Contents", content);
        dict.set("Resources", dictionary! { "XObject" => dictionary! { "Im1" => image } });
    }
    save(doc)
}

#[test]
fn unreadable_pdfs_and_pages_without_minutes_get_one_line_each() {
    let dir = corpus_copy();
    let m = dir.path().join("minutes");
    let mut locked = small_pdf("IMPROVING LIVES SELECT COMMISSION");
    let id = Object::String(b"0123456789abcdef".to_vec(), StringFormat::Literal);
    locked.trailer.set("ID", vec![id.clone(), id]);
    let state = EncryptionState::try_from(EncryptionVersion::V2 {
        document: &locked,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: Permissions::all(),
    })
    .unwrap();
    locked.encrypt(&state).unwrap();
    std::fs::write(m.join("locked.pdf"), save(locked)).unwrap();
    std::fs::write(m.join("scanned.pdf"), scanned_pdf(3)).unwrap();
    let mut corrupt = save(small_pdf("IMPROVING LIVES SELECT COMMISSION"));
    corrupt.truncate(40);
    corrupt.extend_from_slice(b"\x00\xff garbage, not objects\n%%EOF\n");
    std::fs::write(m.join("corrupt.pdf"), corrupt).unwrap();
    std::fs::write(m.join("renamed.pdf"), "<html><body>Error 404</body></html>").unwrap();
    std::fs::write(
        m.join("mgListCommittees.html"),
        "<html><body><nav><a href='/'>Home</a></nav><script>x()</script><div id='modgov'><nav>Committees</nav></div></body></html>",
    )
    .unwrap();
    std::fs::write(
        m.join("mgCommitteeDetails.html"),
        "<html><body><div id='modgov'><h1 class='mgMainTitleTxt'>Committee details</h1>\
<p>Improving Lives Select Commission</p><ul><li><a href='ieListMeetings.aspx'>Browse meetings</a></li></ul></div></body></html>",
    )
    .unwrap();

    let o = run(dir.path(), &["build", "minutes", "--json"]);
    assert_eq!(o.status.code(), Some(1), "some files failed");
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 6, "{err}");
    for (file, reason) in [
        ("locked.pdf", "PDF is encrypted and needs a password"),
        (
            "scanned.pdf",
            "PDF has no text layer (3 page(s) of images, a scan?): run OCR first",
        ),
        ("corrupt.pdf", "not a readable PDF: "),
        ("renamed.pdf", "not a readable PDF: no %PDF- header (not a PDF file)"),
        (
            "mgListCommittees.html",
            "HTML page has no text outside scripts, styles and navigation",
        ),
        ("mgCommitteeDetails.html", "no meeting, agenda or report found"),
    ] {
        let line = lines
            .iter()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file}: {err}"));
        assert!(line.starts_with(&format!("error: minutes/{file}: {reason}")), "{line}");
    }
    assert!(!err.contains("panicked"));
    let summary: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (summary["changed"].as_u64(), summary["failed"].as_u64()),
        (Some(5), Some(6))
    );
    let o = run(dir.path(), &["extract-text", "minutes/scanned.pdf"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("error: minutes/scanned.pdf: PDF has no text layer"));
}
