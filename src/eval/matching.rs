//! One-to-one matching and counts (score.py's `max_matching`, `Counts`,
//! `match_lists`), ported one to one: the same augmenting-path search in the
//! same order, so ties between maximum matchings fall the same way.

use serde::Serialize;
use std::collections::BTreeMap;

/// Maximum bipartite matching; returns {left index: right index}.
pub fn max_matching(n_left: usize, n_right: usize, edge: impl Fn(usize, usize) -> bool) -> BTreeMap<usize, usize> {
    let adj: Vec<Vec<usize>> = (0..n_left)
        .map(|i| (0..n_right).filter(|&j| edge(i, j)).collect())
        .collect();
    let mut match_right: Vec<Option<usize>> = vec![None; n_right];

    fn augment(u: usize, adj: &[Vec<usize>], seen: &mut [bool], match_right: &mut [Option<usize>]) -> bool {
        for &v in &adj[u] {
            if !seen[v] {
                seen[v] = true;
                let owner = match_right[v];
                if owner.is_none_or(|w| augment(w, adj, seen, match_right)) {
                    match_right[v] = Some(u);
                    return true;
                }
            }
        }
        false
    }

    for u in 0..n_left {
        if !adj[u].is_empty() {
            augment(u, &adj, &mut vec![false; n_right], &mut match_right);
        }
    }
    match_right
        .iter()
        .enumerate()
        .filter_map(|(v, u)| u.map(|u| (u, v)))
        .collect()
}

/// True positives, false positives and false negatives of one category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

/// [`Counts`] with precision, recall and F1 rounded to 4 places, the way
/// score.py's `Counts.as_dict` writes them.
#[derive(Serialize)]
pub struct CountsJson {
    tp: usize,
    fp: usize,
    #[serde(rename = "fn")]
    fn_: usize,
    precision: f64,
    recall: f64,
    f1: f64,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// (precision, recall, F1); an empty side scores 1.0 when the other is
    /// empty too, else 0.0.
    pub fn scores(&self) -> (f64, f64, f64) {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        let p = if self.tp + self.fp > 0 {
            tp / (tp + fp)
        } else if self.fn_ == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ > 0 {
            tp / (tp + fn_)
        } else if self.fp == 0 {
            1.0
        } else {
            0.0
        };
        let f1 = if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f1)
    }

    pub fn as_json(&self) -> CountsJson {
        let (p, r, f1) = self.scores();
        CountsJson {
            tp: self.tp,
            fp: self.fp,
            fn_: self.fn_,
            precision: round4(p),
            recall: round4(r),
            f1: round4(f1),
        }
    }
}

/// Python's `round(x, 4)`: correctly rounded, ties to even (as `{:.4}` is).
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().expect("a formatted float parses")
}

/// One-to-one matching of two lists; returns (Counts, {system index: gold index}).
pub fn match_lists<G, S>(gold: &[G], system: &[S], edge: impl Fn(&S, &G) -> bool) -> (Counts, BTreeMap<usize, usize>) {
    let pairs = max_matching(system.len(), gold.len(), |i, j| edge(&system[i], &gold[j]));
    let counts = Counts {
        tp: pairs.len(),
        fp: system.len() - pairs.len(),
        fn_: gold.len() - pairs.len(),
    };
    (counts, pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_is_maximum_and_one_to_one() {
        // 0-0 is taken first, then 1 can only have 0: augmenting moves 0 to 1
        let edges = [(0, 0), (0, 1), (1, 0)];
        let m = max_matching(2, 2, |i, j| edges.contains(&(i, j)));
        assert_eq!(m, BTreeMap::from([(0, 1), (1, 0)]));
        let (counts, _) = match_lists(&["a", "b"], &["a", "a", "c"], |s, g| s == g);
        assert_eq!(counts, Counts { tp: 1, fp: 2, fn_: 1 });
    }

    #[test]
    fn empty_categories_and_rounding() {
        assert_eq!(Counts::default().scores(), (1.0, 1.0, 1.0));
        assert_eq!(Counts { tp: 0, fp: 0, fn_: 2 }.scores(), (0.0, 0.0, 0.0));
        assert_eq!(Counts { tp: 0, fp: 3, fn_: 0 }.scores(), (0.0, 0.0, 0.0));
        assert_eq!(Counts { tp: 1, fp: 1, fn_: 0 }.scores(), (0.5, 1.0, 2.0 / 3.0));
        assert_eq!(round4(1.0 / 32.0), 0.0312);
        assert_eq!(round4(2.0 / 3.0), 0.6667);
    }
}
