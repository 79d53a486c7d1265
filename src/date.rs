//! Calendar dates as minutes print them ("Tuesday, 13th March, 2018").

use regex::Regex;
use serde::Serialize;
use std::fmt;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() >= 3 && m.starts_with(&lower) && lower.len() <= m.len()))
        .map(|i| i as u8 + 1)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        ((1900..=2100).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let y = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.parse().ok()?;
        Date::new(y, m, d)
    }
}

/// A written date: "13th March, 2018", "Tuesday 29 October 2024", "June 18, 2019".
pub static WRITTEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?
        (?:
          (?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?,?\s+(?P<y1>(?:19|20)\d{2})
        | (?P<m2>january|february|march|april|may|june|july|august|september|october|november|december)\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d{2})
        )\b",
    )
    .expect("date regex")
});

/// Finds the first written date in `text`: the date and its byte range.
pub fn find_date(text: &str) -> Option<(Date, std::ops::Range<usize>)> {
    // Every written date has a year: most lines have no digit at all.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    WRITTEN_DATE.captures_iter(text).find_map(|c| {
        let (d, m, y) = match (c.name("d1"), c.name("d2")) {
            (Some(d), _) => (d, c.name("m1")?, c.name("y1")?),
            (None, Some(d)) => (d, c.name("m2")?, c.name("y2")?),
            _ => return None,
        };
        let date = Date::new(
            y.as_str().parse().ok()?,
            month_number(m.as_str())?,
            d.as_str().parse().ok()?,
        )?;
        Some((date, c.get(0)?.range()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_ways_minutes_write_dates() {
        let cases = [
            ("Tuesday 29 October 2024", "2024-10-29"),
            ("Tuesday, 13th March, 2018", "2018-03-13"),
            ("11th June, 2019", "2019-06-11"),
            ("Date and Time :- Tuesday, 9 July 2019 at 5.30 p.m.", "2019-07-09"),
            ("a session on June 18, 2019 to consider", "2019-06-18"),
            ("held on 23RD JANUARY, 2018", "2018-01-23"),
        ];
        for (text, want) in cases {
            assert_eq!(
                find_date(text).map(|(d, _)| d.to_string()).as_deref(),
                Some(want),
                "{text}"
            );
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(find_date("31 February 2024"), None);
        assert_eq!(Date::parse_iso("2024-13-01"), None);
        assert_eq!(
            Date::parse_iso("2024-02-29").map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
    }
}
