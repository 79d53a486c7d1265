//! HTML pages (ModernGov's `ieListDocuments.aspx`, `mgAi.aspx`, saved
//! minutes pages) → text, parsed with html5ever (through `scraper`).
//!
//! The page's main content is rendered in the shape the segmenter reads:
//! headings, paragraphs and other blocks on their own lines with a blank
//! line between them, list items as lines ("- " or "1) "), table rows as
//! tab-separated cells. Scripts, styles, navigation and forms' controls are
//! dropped. ModernGov's structure gives item headings: a row with an
//! `mgItemNumberCell` becomes "36. TITLE" (the title from its
//! `mgAiTitleTxt`, without the "PDF 120 KB" of a linked file), and the
//! `mgSubTitleTxt` heading "Committee - Tuesday, 29th October, 2024" becomes
//! the committee's line and the date's line.

use super::SourceError;
use regex::Regex;
use scraper::Node;
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;

/// Renders an HTML file's main content as text.
pub(super) fn render(bytes: &[u8]) -> Result<String, SourceError> {
    let html = decode(bytes)?;
    let text = render_html(&html);
    if text.trim().is_empty() {
        return Err(SourceError::HtmlNoText);
    }
    Ok(text)
}

/// Decodes a page: a byte-order mark, else a declared `charset`, else UTF-8
/// when valid, else windows-1252 (what browsers assume).
fn decode(bytes: &[u8]) -> Result<String, SourceError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SourceError::Empty);
    }
    if let Some(pos) = bytes.iter().take(8192).position(|b| *b == 0) {
        return Err(SourceError::Binary(pos));
    }
    static CHARSET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"(?i)<meta[^>]*charset\s*=\s*["']?([A-Za-z0-9_.:-]+)"#).expect("regex"));
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]);
    let declared = CHARSET
        .captures(&head)
        .and_then(|c| encoding_rs::Encoding::for_label(c[1].as_bytes()));
    let encoding = match (declared, std::str::from_utf8(bytes)) {
        (Some(e), _) => e,
        (None, Ok(_)) => encoding_rs::UTF_8,
        (None, Err(_)) => encoding_rs::WINDOWS_1252,
    };
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

/// Renders HTML source as text (see the module documentation).
pub(crate) fn render_html(html: &str) -> String {
    let doc = Html::parse_document(html);
    static MAIN: LazyLock<Vec<Selector>> = LazyLock::new(|| {
        ["#modgov", "main", "[role=main]", "#content", "body"]
            .iter()
            .map(|s| selector(s))
            .collect()
    });
    let root = MAIN
        .iter()
        .find_map(|s| doc.select(s).next())
        .unwrap_or_else(|| doc.root_element());
    let mut r = Renderer::default();
    r.element(root);
    r.finish()
}

/// Elements whose content is never minutes text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "head", "title", "iframe", "svg", "button", "select", "option",
    "textarea", "input", "img", "object", "embed", "canvas", "map",
];

/// Class names (lower case, substrings) of page furniture.
const SKIPPED_CLASSES: &[&str] = &["breadcrumb", "mgactionlist", "skip", "sr-only", "visually-hidden"];

/// Elements that make a paragraph of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "blockquote",
    "address",
    "figure",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "table",
    "pre",
    "hr",
    "form",
    "fieldset",
    "caption",
    "details",
    "summary",
    "center",
    "legend",
];

/// Elements that make a line of their own.
const LINES: &[&str] = &["li", "tr", "dt", "dd"];

#[derive(Default)]
struct Renderer {
    out: String,
    /// Line breaks owed before the next text (1: new line, 2: blank line).
    breaks: usize,
    space: bool,
    /// A list marker owed before the next text.
    marker: Option<String>,
    in_item: usize,
    in_cell: usize,
    in_pre: usize,
    /// Elements already rendered (an item's title).
    skip: Vec<ego_tree::NodeId>,
}

fn has_class(e: &ElementRef, class: &str) -> bool {
    e.value().classes().any(|c| c.eq_ignore_ascii_case(class))
}

fn is_skipped(e: &ElementRef) -> bool {
    let v = e.value();
    SKIPPED.contains(&v.name())
        || v.attr("hidden").is_some()
        || v.attr("aria-hidden") == Some("true")
        || matches!(v.attr("role"), Some("navigation" | "banner" | "search"))
        || v.classes().any(|c| {
            let c = c.to_lowercase();
            SKIPPED_CLASSES.iter().any(|s| c.contains(s))
        })
}

/// An element's text with white space collapsed.
fn flat_text(e: &ElementRef) -> String {
    e.text()
        .flat_map(|t| t.split(|c: char| c.is_whitespace()))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Renderer {
    /// Asks for `n` line breaks (a paragraph inside a list item or table
    /// cell stays on its line).
    fn block(&mut self, n: usize) {
        if self.in_cell > 0 {
            self.space = true;
        } else {
            let n = if self.in_item > 0 { 1 } else { n };
            self.breaks = self.breaks.max(n);
        }
    }

    fn flush(&mut self) {
        if self.out.is_empty() {
            self.breaks = 0;
            self.space = false;
        }
        if self.breaks > 0 {
            while self.out.ends_with([' ', '\t']) {
                self.out.pop();
            }
            let have = self.out.len() - self.out.trim_end_matches('\n').len();
            for _ in have..self.breaks {
                self.out.push('\n');
            }
            self.breaks = 0;
            self.space = false;
        } else if self.space && !self.out.ends_with(['\n', '\t', ' ']) {
            self.out.push(' ');
        }
        self.space = false;
        if let Some(marker) = self.marker.take() {
            self.out.push_str(&marker);
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_pre > 0 {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.out.push('\n');
                }
                if !line.trim().is_empty() {
                    self.flush();
                    self.out.push_str(line.trim_end());
                }
            }
            return;
        }
        for (i, word) in text.split(|c: char| c.is_whitespace() || c == '\u{A0}').enumerate() {
            if i > 0 {
                self.space = true;
            }
            let word: String = word
                .chars()
                .filter(|c| !matches!(c, '\u{AD}' | '\u{200B}' | '\u{FEFF}'))
                .collect();
            if !word.is_empty() {
                self.flush();
                self.out.push_str(&word);
            }
        }
    }

    /// A line of its own, as a paragraph.
    fn line(&mut self, text: &str) {
        self.block(2);
        self.text(text);
        self.block(2);
    }

    fn children(&mut self, e: ElementRef) {
        for child in e.children() {
            match child.value() {
                Node::Text(t) => self.text(t),
                Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(child) {
                        self.element(el);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, e: ElementRef) {
        if is_skipped(&e) || is_minutes_label(&e) || self.skip.contains(&e.id()) {
            return;
        }
        let name = e.value().name();
        if name == "tr" && self.item_row(e) {
            return;
        }
        if has_class(&e, "mgSubTitleTxt") {
            return self.sub_title(e);
        }
        if has_class(&e, "mgAiTitleTxt") {
            return self.line(&item_title(&flat_text(&e)));
        }
        match name {
            "br" => {
                if self.in_cell > 0 {
                    self.space = true;
                } else {
                    self.breaks = (self.breaks + 1).min(2);
                    if self.out.is_empty() {
                        self.breaks = 0;
                    }
                }
            }
            "li" => {
                self.block(1);
                let ordered = e
                    .parent()
                    .and_then(ElementRef::wrap)
                    .is_some_and(|p| p.value().name() == "ol");
                let marker = if ordered {
                    let n = e
                        .prev_siblings()
                        .filter_map(ElementRef::wrap)
                        .filter(|s| s.value().name() == "li")
                        .count()
                        + 1;
                    format!("{n}) ")
                } else {
                    "- ".to_string()
                };
                self.marker = Some(marker);
                self.in_item += 1;
                self.children(e);
                self.in_item -= 1;
                self.marker = None;
                self.block(1);
            }
            "td" | "th" => {
                if self.in_cell > 0 {
                    self.space = true;
                    return self.children(e);
                }
                let first = !e
                    .prev_siblings()
                    .filter_map(ElementRef::wrap)
                    .any(|s| matches!(s.value().name(), "td" | "th"));
                if !first {
                    self.flush();
                    while self.out.ends_with(' ') {
                        self.out.pop();
                    }
                    self.out.push('\t');
                }
                self.in_cell += 1;
                self.children(e);
                self.in_cell -= 1;
            }
            "pre" => {
                self.block(2);
                self.in_pre += 1;
                self.children(e);
                self.in_pre -= 1;
                self.block(2);
            }
            _ if LINES.contains(&name) => {
                self.block(1);
                self.children(e);
                self.block(1);
            }
            _ if BLOCKS.contains(&name) => {
                self.block(2);
                self.children(e);
                self.block(2);
            }
            _ => self.children(e),
        }
    }

    /// A ModernGov item row: "36." in its `mgItemNumberCell`, the title in
    /// an `mgAiTitleTxt` of another cell, then that cell's minutes.
    fn item_row(&mut self, row: ElementRef) -> bool {
        let cells: Vec<ElementRef> = row
            .child_elements()
            .filter(|c| matches!(c.value().name(), "td" | "th"))
            .collect();
        let Some(number_cell) = cells.iter().find(|c| has_class(c, "mgItemNumberCell")) else {
            return false;
        };
        static TITLE: LazyLock<Selector> = LazyLock::new(|| selector(".mgAiTitleTxt"));
        let number = flat_text(number_cell);
        let rest: Vec<&ElementRef> = cells.iter().filter(|c| c.id() != number_cell.id()).collect();
        let title = rest.iter().find_map(|c| c.select(&TITLE).next());
        let title_text = title.map(|t| item_title(&flat_text(&t))).unwrap_or_default();
        let number = if number.is_empty() || number.ends_with(['.', ')']) {
            number
        } else {
            format!("{number}.")
        };
        self.line(format!("{number} {title_text}").trim());
        self.skip.extend(title.map(|t| t.id()));
        for cell in rest {
            self.block(2);
            self.children(*cell);
        }
        self.block(2);
        true
    }

    /// "Committee - Tuesday, 29th October, 2024 5.30 pm" → two lines.
    fn sub_title(&mut self, e: ElementRef) {
        static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^(.+?)\s+[-–—]\s+((?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*)$").expect("regex")
        });
        let text = flat_text(&e);
        self.block(2);
        match SPLIT.captures(&text) {
            Some(c) => {
                self.text(&c[1]);
                self.block(1);
                self.text(&c[2]);
            }
            None => self.text(&text),
        }
        self.block(2);
    }

    fn finish(mut self) -> String {
        let end = self.out.trim_end().len();
        self.out.truncate(end);
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

/// ModernGov's "Minutes:" label before an item's minutes (the minutes follow).
fn is_minutes_label(e: &ElementRef) -> bool {
    has_class(e, "mgSubItemTitleTxt") && flat_text(e).trim_end_matches(':').eq_ignore_ascii_case("minutes")
}

/// An item title without the size of a linked file ("Report PDF 120 KB").
fn item_title(text: &str) -> String {
    static SIZE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*\b(?:pdf|docx?|xlsx?|pptx?|rtf|odt)\s+[\d.,]+\s*[km]b\s*$").expect("regex")
    });
    SIZE.replace(text, "").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_lists_and_tables_become_lines() {
        let html = "<html><head><title>T</title><style>p{}</style><script>var x = 1;</script></head><body>\
<nav><a href='/'>Home</a> | <a>Meetings</a></nav>\
<h1>Planning   Board</h1><p>Present:-&nbsp;Councillor Ali (in the Chair);<br>Councillors Brown</p>\
<ul><li>First point</li><li><p>Second</p></li></ul><ol><li>One</li><li>Two</li></ol>\
<table><tr><th>Group</th><th>Lead</th></tr><tr><td><p>Panel</p></td><td>Jo</td></tr></table>\
<div>Soft\u{AD}hyphen <b>bold</b>text</div></body></html>";
        assert_eq!(
            render_html(html),
            "Planning Board\n\nPresent:- Councillor Ali (in the Chair);\nCouncillors Brown\n\n\
- First point\n- Second\n\n1) One\n2) Two\n\nGroup\tLead\nPanel\tJo\n\nSofthyphen boldtext\n"
        );
    }

    #[test]
    fn moderngov_items_and_heading_come_from_the_page_structure() {
        let html = r#"<html><body><div id="header">Site <nav>menu</nav></div><div id="modgov"><div class="mgContent">
<h1 class="mgMainTitleTxt">Agenda and minutes</h1>
<h2 class="mgSubTitleTxt">Planning Board - Tuesday, 29th October, 2024 5.30 p.m.</h2>
<p>Present:- Councillor Ali (in the Chair).</p>
<table class="mgItemTable">
<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">36.</p></td>
<td><p class="mgAiTitleTxt"><a class="mgAiTitleLnk" href="mgAi.aspx?ID=1">Neglect Strategy</a> PDF 120 KB</p>
<ul class="mgActionList"><li><a href="x">View the decision for item 36.</a></li></ul>
<p class="mgSubItemTitleTxt">Minutes:</p>
<div class="mgWordPara"><p>The Chair welcomed Jo.</p><ul><li>A point.</li></ul><p>Resolved:- That it be noted.</p></div>
</td></tr>
<tr><td class="mgItemNumberCell">37</td><td><p class="mgAiTitleTxt">Work Programme</p><div class="mgWordPara">Agreed.</div></td></tr>
</table></div></div><script>track()</script></body></html>"#;
        assert_eq!(
            render_html(html),
            "Agenda and minutes\n\nPlanning Board\nTuesday, 29th October, 2024 5.30 p.m.\n\n\
Present:- Councillor Ali (in the Chair).\n\n36. Neglect Strategy\n\nThe Chair welcomed Jo.\n\n- A point.\n\n\
Resolved:- That it be noted.\n\n37. Work Programme\n\nAgreed.\n"
        );
    }

    #[test]
    fn pages_without_content_and_other_charsets() {
        assert_eq!(
            render(b"<html><body><nav>Home</nav><script>x()</script></body></html>"),
            Err(SourceError::HtmlNoText)
        );
        assert_eq!(render(b"  "), Err(SourceError::Empty));
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9</p></body></html>";
        assert_eq!(render(latin1).unwrap(), "Caf\u{e9}\n");
        assert_eq!(render(b"<p>Caf\xe9</p>").unwrap(), "Caf\u{e9}\n");
    }
}
