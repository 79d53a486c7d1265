//! Deterministic keys and IRIs from normalised names.
//!
//! Architecture invariant: a key depends only on normalised text, never on
//! the order of files or on counters, so rebuilding yields the same IRIs.

use unicode_normalization::UnicodeNormalization;

/// The default base under which every councilgraph IRI is minted.
pub const DEFAULT_BASE: &str = "https://councilgraph.org/id/";

/// Lower-case ASCII slug: letters and digits, runs of anything else → "-".
/// Apostrophes vanish ("Children's" → "childrens").
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.nfkd() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if matches!(c, '\'' | '’' | '‘') || !c.is_ascii() {
            // combining marks and apostrophes join words
        } else {
            dash = true;
        }
    }
    out
}

/// Percent-encodes a source id for use inside an IRI path.
pub fn encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Mints IRIs under one base.
#[derive(Debug, Clone)]
pub struct Minter {
    base: String,
}

impl Default for Minter {
    fn default() -> Self {
        Minter {
            base: DEFAULT_BASE.to_string(),
        }
    }
}

impl Minter {
    pub fn new(base: &str) -> Self {
        let mut base = base.to_string();
        if !base.ends_with('/') && !base.ends_with('#') {
            base.push('/');
        }
        Minter { base }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn iri(&self, key: &str) -> String {
        format!("{}{}", self.base, key)
    }

    pub fn graph(&self, source_id: &str) -> String {
        format!("{}source/{}", self.base, encode_path(source_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_case_accents_and_apostrophes() {
        assert_eq!(
            slug("Rotherham Safeguarding Children's Partnership"),
            "rotherham-safeguarding-childrens-partnership"
        );
        assert_eq!(slug("T. Collingham"), "t-collingham");
        assert_eq!(slug("Pepe Di’Lasio"), "pepe-dilasio");
        assert_eq!(slug("Zoë  Brontë"), "zoe-bronte");
    }

    #[test]
    fn graph_iris_encode_paths() {
        let m = Minter::new("http://example.org/cg");
        assert_eq!(
            m.graph("data/minutes/a b.txt"),
            "http://example.org/cg/source/data/minutes/a%20b.txt"
        );
    }
}
