//! What `serve` embeds at compile time: the web page (`web/`) and the
//! named queries (`queries/*.rq`, listed by build.rs).

use serde::Serialize;

include!(concat!(env!("OUT_DIR"), "/named_queries.rs"));

pub const INDEX_HTML: &str = include_str!("../../web/index.html");
pub const APP_JS: &str = include_str!("../../web/app.js");
pub const STYLE_CSS: &str = include_str!("../../web/style.css");

/// A named query as `/api/queries` lists it.
#[derive(Debug, Serialize)]
pub struct NamedQuery {
    /// The file stem (`meeting-attendance`).
    pub name: String,
    /// The header's question (or its first line).
    pub question: String,
    /// Variables the query takes through `bind=` (from its "Parameters:" line).
    pub parameters: Vec<Parameter>,
    /// The header's "Columns:" text.
    pub columns: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Parameter {
    pub name: String,
    /// What the header says about it ("YYYY-MM-DD" …).
    pub hint: String,
}

/// Every named query, with its header parsed.
pub fn named_queries() -> Vec<NamedQuery> {
    NAMED_QUERIES.iter().map(|(name, text)| describe(name, text)).collect()
}

/// Splits the leading `#` comment into "Field: text" sections (continuation
/// lines are indented).
fn header_fields(text: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in text.lines().take_while(|l| l.trim_start().starts_with('#')) {
        let body = line.trim_start().trim_start_matches('#');
        let trimmed = body.trim();
        let continues = body.starts_with("  ") || body.starts_with('\t');
        match trimmed.split_once(':') {
            Some((field, rest)) if !continues && !field.is_empty() && field.len() < 40 && !field.contains('"') => {
                fields.push((field.trim().to_string(), rest.trim().to_string()))
            }
            _ => match fields.last_mut() {
                Some((_, value)) if !trimmed.is_empty() => {
                    value.push(' ');
                    value.push_str(trimmed);
                }
                None if !trimmed.is_empty() => fields.push((String::new(), trimmed.to_string())),
                _ => {}
            },
        }
    }
    fields
}

fn mentions_variable(query: &str, name: &str) -> bool {
    ['?', '$'].iter().any(|sigil| {
        let v = format!("{sigil}{name}");
        query.match_indices(&v).any(|(i, _)| {
            query[i + v.len()..]
                .chars()
                .next()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        })
    })
}

fn describe(name: &str, text: &str) -> NamedQuery {
    let fields = header_fields(text);
    let field = |f: &str| {
        fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(f))
            .map(|(_, v)| v.clone())
    };
    let question = field("Question")
        .or_else(|| {
            fields
                .first()
                .map(|(k, v)| if k.is_empty() { v.clone() } else { format!("{k}: {v}") })
        })
        .unwrap_or_else(|| name.to_string());
    let body: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    // "date (YYYY-MM-DD)", "from, to (YYYY-MM-DD, inclusive)", "none (…)":
    // the words outside parentheses that the query uses as ?NAME or ?NAME_,
    // each with the first parenthesis after it as its hint.
    let mut parameters: Vec<Parameter> = Vec::new();
    if let Some(spec) = field("Parameters") {
        let mut depth = 0usize;
        let mut words: Vec<(usize, String)> = Vec::new();
        let mut word_start = None;
        for (i, c) in spec.char_indices().chain([(spec.len(), ' ')]) {
            let in_word = depth == 0 && (c.is_alphanumeric() || c == '_');
            match (in_word, word_start) {
                (true, None) => word_start = Some(i),
                (false, Some(s)) => {
                    words.push((i, spec[s..i].to_string()));
                    word_start = None;
                }
                _ => {}
            }
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        for (end, word) in words {
            if parameters.iter().any(|p| p.name == word)
                || !(mentions_variable(&body, &word) || mentions_variable(&body, &format!("{word}_")))
            {
                continue;
            }
            let hint = spec[end..]
                .find('(')
                .map(|open| {
                    let rest = &spec[end + open + 1..];
                    let mut depth = 1usize;
                    let close = rest
                        .char_indices()
                        .find(|(_, c)| {
                            match c {
                                '(' => depth += 1,
                                ')' => depth -= 1,
                                _ => {}
                            }
                            depth == 0
                        })
                        .map_or(rest.len(), |(i, _)| i);
                    rest[..close].trim().to_string()
                })
                .unwrap_or_default();
            parameters.push(Parameter { name: word, hint });
        }
    }
    NamedQuery {
        name: name.to_string(),
        question,
        parameters,
        columns: field("Columns").unwrap_or_default(),
        text: text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(name: &str) -> Vec<String> {
        named_queries()
            .into_iter()
            .find(|q| q.name == name)
            .unwrap_or_else(|| panic!("{name} embedded"))
            .parameters
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    #[test]
    fn every_query_file_is_embedded_with_its_parameters() {
        let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/queries"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "rq"))
            .count();
        assert_eq!(named_queries().len(), files);
        assert_eq!(params("meeting-attendance"), ["date"]);
        assert_eq!(params("councillors-present-all-meetings-2023-2024"), ["from", "to"]);
        assert_eq!(
            params("bodies-two-levels-below-chief-officer-group"),
            ["body", "levels"]
        );
        assert!(params("bodies").is_empty());
        let q = named_queries().into_iter().find(|q| q.name == "items").unwrap();
        assert_eq!(q.question, "What items were on the meeting held on a date?");
        assert_eq!(q.columns, "number, title");
    }
}
