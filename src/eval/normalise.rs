//! The reference scorer's normalisation (`normalise`, `normalise_period`,
//! `split_period`, `titles_match`, `minute_key`) and the few Python value
//! semantics it relies on (`str()`, truthiness), ported one to one.
//!
//! Python's `\s` is Unicode `White_Space` plus U+001C..U+001F, and its `$`
//! also matches before a final newline; the patterns below spell both out.

use regex::Regex;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Python's `str.isspace()` (the characters `\s` and `str.strip()` use).
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// A Python pattern as a Rust regex: `\s` and `$` with their Python meaning.
pub(crate) fn py_regex(pattern: &str) -> Regex {
    Regex::new(&pattern.replace("\\s", r"[\s\x1C-\x1F]").replace('$', r"\n?\z")).expect("valid scorer regex")
}

static SPACES: LazyLock<Regex> = LazyLock::new(|| py_regex(r"\s+"));
static DASH_SPACES: LazyLock<Regex> = LazyLock::new(|| py_regex(r"\s*-\s*"));
/// `_HONORIFIC_RE` without its `(?=\S)` look-ahead, which [`normalise`] checks.
static HONORIFIC: LazyLock<Regex> = LazyLock::new(|| {
    py_regex(
        r"^(?:councillors|councillor|cllr|mrs|mr|ms|miss|mx|dr|professor|prof|sir|dame|revd|reverend|rev|chief superintendent|superintendent|chief inspector|inspector)\.?\s+",
    )
});
static PERIOD: LazyLock<Regex> =
    LazyLock::new(|| py_regex(r"^\s*((?:19|20)\d{2})(?:\s*[-/\x{2013}\x{2014}]\s*(\d{2}|\d{4}))?\s*$"));
static PERIOD_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    py_regex(r"^(?P<base>.*?)[\s(]*(?:for\s+)?(?P<y1>(?:19|20)\d{2})(?:\s*[-/]\s*(?P<y2>\d{2}|\d{4}))?\)?$")
});
static PERIOD_HEAD: LazyLock<Regex> =
    LazyLock::new(|| py_regex(r"^(?P<y1>(?:19|20)\d{2})(?:\s*[-/]\s*(?P<y2>\d{2}|\d{4}))?\s+(?P<base>.+)$"));
static TOKEN: LazyLock<Regex> = LazyLock::new(|| py_regex(r"[a-z0-9]+(?:-[a-z0-9]+)*"));
static MINUTE: LazyLock<Regex> = LazyLock::new(|| py_regex(r"\d+[a-z]?(?:\(\d+\))?"));

const TRAILING_PUNCT: &str = ".,;:!?-*'\" \t";
const LEADING_PUNCT: &str = "*-,;:'\" \t";

fn quote_or_dash(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{0060}' | '\u{00b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{fe58}'
        | '\u{fe63}' | '\u{ff0d}' => '-',
        c => c,
    }
}

/// Normalises a name or title for comparison (see score.py's docstring).
pub fn normalise(text: &str) -> String {
    let s: String = text
        .nfkc()
        .map(quote_or_dash)
        .filter(|&c| c != '\'' && c != '"')
        .collect();
    let s = s.replace('&', " and ").to_lowercase();
    let s = SPACES.replace_all(&s, " ");
    let s = DASH_SPACES.replace_all(&s, "-");
    let mut s = s.trim_matches(is_py_space).to_string();
    loop {
        let before = s.clone();
        s = s
            .trim_matches(|c| LEADING_PUNCT.contains(c))
            .trim_end_matches(|c| TRAILING_PUNCT.contains(c))
            .to_string();
        if let Some(rest) = s.strip_prefix("the ") {
            s = rest.to_string();
        }
        if let Some(m) = HONORIFIC.find(&s) {
            if s[m.end()..].chars().next().is_some_and(|c| !is_py_space(c)) {
                s = s[m.end()..].to_string();
            }
        }
        if s == before {
            return s;
        }
    }
}

/// `normalise` of a JSON value: anything but a string normalises to "".
pub fn normalise_value(value: Option<&Value>) -> String {
    value.and_then(Value::as_str).map_or_else(String::new, normalise)
}

fn period_from(y1: &str, y2: Option<&str>) -> String {
    match y2 {
        None => y1.to_string(),
        // y1 starts with the ASCII "19" or "20"
        Some(y2) if y2.chars().count() == 2 => format!("{y1}-{}{y2}", &y1[..2]),
        Some(y2) => format!("{y1}-{y2}"),
    }
}

/// "2023/24", "2023 - 2024", "2023-2024" → "2023-2024"; "2021" → "2021";
/// anything else its normalised form, `None` when that is empty.
pub fn normalise_period(period: Option<&Value>) -> Option<String> {
    let period = period?.as_str()?;
    match PERIOD.captures(period) {
        Some(c) => Some(period_from(&c[1], c.get(2).map(|m| m.as_str()))),
        None => Some(normalise(period)).filter(|s| !s.is_empty()),
    }
}

/// Splits a normalised title into (base title, period or None).
pub fn split_period(norm_title: &str) -> (String, Option<String>) {
    for rx in [&*PERIOD_TAIL, &*PERIOD_HEAD] {
        if let Some(c) = rx.captures(norm_title) {
            let base = &c["base"];
            if !base.trim_matches(is_py_space).is_empty() {
                let period = period_from(&c["y1"], c.name("y2").map(|m| m.as_str()));
                return (base.trim_matches(|c| " -(,".contains(c)).to_string(), Some(period));
            }
        }
    }
    (norm_title.to_string(), None)
}

fn title_tokens(title: &str) -> BTreeSet<String> {
    TOKEN
        .find_iter(&normalise(title))
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Role titles match when their token sets are equal or one contains the other.
pub fn titles_match(a: &str, b: &str) -> bool {
    let (ta, tb) = (title_tokens(a), title_tokens(b));
    !ta.is_empty() && !tb.is_empty() && (ta.is_subset(&tb) || tb.is_subset(&ta))
}

/// The comparable part of a minute number: "138", "12a", "7(2)".
pub fn minute_key(minute: Option<&Value>) -> String {
    match minute {
        None | Some(Value::Null) => String::new(),
        Some(v) => {
            let text = py_str(v);
            match MINUTE.find(&text.to_lowercase()) {
                Some(m) => m.as_str().to_string(),
                None => normalise(&text),
            }
        }
    }
}

/// Python's truthiness of a JSON value.
pub fn py_truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// Python's `str()` of a JSON value as `json.load` returns it (containers in
/// Python's repr layout; object keys in serde_json's order).
pub fn py_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

fn py_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Number(n) if n.is_f64() => py_float(n.as_f64().unwrap_or(f64::NAN)),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let quote = if s.contains('\'') && !s.contains('"') {
                '"'
            } else {
                '\''
            };
            let mut out = String::from(quote);
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if c == quote => out.extend(['\\', c]),
                    c => out.push(c),
                }
            }
            out.push(quote);
            out
        }
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => {
            let entries: Vec<String> = o
                .iter()
                .map(|(k, v)| format!("{}: {}", py_repr(&Value::String(k.clone())), py_repr(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
    }
}

/// Python's `repr(float)`: the shortest round-trip digits, in exponent form
/// below 1e-4 and from 1e16.
fn py_float(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "nan".into()
        } else if x > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().expect("integer exponent");
    if x == 0.0 || (-4..16).contains(&exp) {
        let plain = x.to_string();
        if plain.contains('.') {
            plain
        } else {
            format!("{plain}.0")
        }
    } else {
        format!("{mantissa}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn honorifics_articles_quotes_dashes() {
        let cases = [
            ("Councillor Pitchley", "pitchley"),
            ("Cllr Amy Brookes", "amy brookes"),
            ("Dr Janine Cherry- Swaine", "janine cherry-swaine"),
            ("Ms. J. Jones", "j. jones"),
            ("Superintendent Andy Wright", "andy wright"),
            (
                "The Rotherham Children\u{2019}s Partnership.",
                "rotherham childrens partnership",
            ),
            (
                "Childrens and Young Peoples Services",
                "childrens and young peoples services",
            ),
            ("Grimm & Co.", "grimm and co"),
            ("ANNUAL REPORT 2023 \u{2013} 2024", "annual report 2023-2024"),
            ("\u{201c}Timpson Review\u{201d}", "timpson review"),
            ("the  Chair ", "chair"),
        ];
        for (raw, want) in cases {
            assert_eq!(normalise(raw), want, "{raw}");
        }
    }

    #[test]
    fn honorific_alone_is_kept() {
        // a role title that is only a rank must not normalise to nothing
        assert_eq!(normalise("Superintendent"), "superintendent");
        assert_eq!(normalise("Councillor."), "councillor");
    }

    #[test]
    fn python_whitespace_and_non_strings() {
        assert_eq!(normalise("Mr\u{1c}A\u{a0} \u{2003}B"), "a b");
        assert_eq!(normalise_value(Some(&json!(3))), "");
        assert_eq!(normalise_value(None), "");
    }

    #[test]
    fn periods() {
        let p = |s: &str| normalise_period(Some(&json!(s)));
        assert_eq!(p("2023/24").as_deref(), Some("2023-2024"));
        assert_eq!(p("2019 \u{2013} 2020").as_deref(), Some("2019-2020"));
        assert_eq!(p(" Spring 2020 ").as_deref(), Some("spring 2020"));
        assert_eq!(p("--"), None);
        assert_eq!(normalise_period(Some(&json!(2020))), None);
        let split = |s: &str| split_period(s);
        assert_eq!(
            split("work programme for 2024/2025"),
            ("work programme".into(), Some("2024-2025".into()))
        );
        assert_eq!(
            split("2018 education performance outcomes"),
            ("education performance outcomes".into(), Some("2018".into()))
        );
        assert_eq!(split("section 175 audit"), ("section 175 audit".into(), None));
        assert_eq!(split("plan (2023-24)"), ("plan".into(), Some("2023-2024".into())));
        assert_eq!(split("2024"), ("2024".into(), None));
    }

    #[test]
    fn role_titles() {
        assert!(titles_match("Head of Service", "Head of Service for First Response"));
        assert!(titles_match("chair", "Chair"));
        assert!(!titles_match("Vice-Chair", "Chair"));
        assert!(!titles_match("District Commander", "Chief Nurse"));
        assert!(!titles_match("--", "Chair"));
    }

    #[test]
    fn minute_keys_and_python_values() {
        assert_eq!(minute_key(Some(&json!("Minute No. 138(2)"))), "138(2)");
        assert_eq!(minute_key(Some(&json!(12))), "12");
        assert_eq!(minute_key(Some(&json!("Item A"))), "item a");
        assert_eq!(minute_key(Some(&Value::Null)), "");
        assert_eq!(py_str(&json!(36.0)), "36.0");
        assert_eq!(py_str(&json!(1e16)), "1e+16");
        assert_eq!(py_str(&json!(0.00005)), "5e-05");
        assert_eq!(py_str(&json!(["a", true, null])), "['a', True, None]");
        assert!(!py_truthy(Some(&json!(0))) && !py_truthy(Some(&json!(""))) && py_truthy(Some(&json!("0"))));
    }
}
