//! Compile time of regex patterns: reads JSON lines `{"at": "file:line",
//! "pattern": "…"}` on standard input (as `bench/regex-compile` writes them),
//! compiles each with the `regex` crate the project uses, runs one search so
//! the lazy DFA builds its first states, and prints the `top` slowest.
//!
//!     bench/regex-compile [TOP]

use std::io::BufRead;
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Pattern {
    at: String,
    pattern: String,
}

const SAMPLE: &str = "Councillor Smith (in the Chair) welcomed the Rotherham Safeguarding Children \
                      Partnership’s (RSCP) Independent Chair – 12th March, 2019.";

fn main() -> anyhow::Result<()> {
    let top: usize = std::env::args().nth(1).map_or(Ok(15), |n| n.parse())?;
    let mut timed = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let p: Pattern = serde_json::from_str(&line?)?;
        let started = Instant::now();
        let compiled = regex::Regex::new(&p.pattern);
        if let Ok(re) = &compiled {
            let _ = re.find(SAMPLE);
        }
        timed.push((started.elapsed().as_secs_f64() * 1000.0, p.at, compiled.is_ok()));
    }
    timed.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = timed.iter().map(|t| t.0).sum();
    println!("{} patterns, {total:.1} ms in all", timed.len());
    for (ms, at, ok) in timed.iter().take(top) {
        println!("{ms:8.2} ms  {at}{}", if *ok { "" } else { "  (does not compile)" });
    }
    Ok(())
}
