//! Properties of extraction on arbitrary minutes-like text (proptest): it
//! never panics, every piece of evidence quotes the source exactly at its
//! character span, and modelling is deterministic.

use councilgraph::model::{Evidence, FileModel};
use councilgraph::pipeline::model_source;
use councilgraph::source::Source;
use proptest::prelude::*;

/// Fragments minutes are made of, plus awkward characters, so generated
/// text reaches the rules (attendance, items, bodies, documents, acronyms,
/// relations) and their edges (curly quotes, accents, dashes, tabs, tags).
const FRAGMENTS: &[&str] = &[
    "IMPROVING LIVES SELECT COMMISSION\n",
    "Tuesday 29 October 2024\n",
    "Present:- Councillor Pitchley (in the Chair); Councillors Blackham, T. Collingham and Hughes.\n",
    "Apologies for absence were received from Councillors Knight and Wilson.\n",
    "Also in attendance: Laura Gough, Head of Service for Children’s Services (CYPS).\n",
    "36. THE ROTHERHAM SAFEGUARDING CHILDREN'S PARTNERSHIP ANNUAL REPORT 2023 - 2024\n",
    "The Chair welcomed Darren Downs, the Independent Scrutineer, to the meeting.\n",
    "Councillor Griffin declared a non-pecuniary interest (Minute 138).\n",
    "Resolved:- (1) That the Work Programme for 2024/2025 be approved.\n",
    "It was owned by the Neglect Delivery Group, which reported directly to the RSCP Executive Partnership Group.",
    "The strategy was governed by the Multi Agency Safeguarding Hub (MASH).",
    "A change of name from the Corporate Parenting Panel to the Corporate Parenting Partnership Board.",
    "Schedule - Delivery Groups Reporting to the Executive Group\t\n",
    "Child Death Overview Panel\t✓\n",
    "<p>Chief Nurse (The Rotherham Foundation NHS Trust)</p> ",
    "the previous Neglect Strategy 2024- 2026 and the Children Act 1989",
    "Jon Stonehouse, Strategic Director of Children and Young People's Services\n",
    "Head of Legal Services\tBal Nahal\t23/04/19\n",
    "All subgroups fed back into the Board. The Council agreed.",
    "CSE, DfE, HWbB, T&F, MARACs",
    " and\n",
    ", ",
    ". ",
    "(",
    ")",
    " – ",
    "—",
    "’s ",
    "é",
    "ß",
    "\u{feff}",
    "\r\n",
    "\t",
    "  ",
    "…",
    "ﬁ",
    "🙂",
];

fn minutes_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            1 => "\\PC{0,12}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn source(text: String) -> Source {
    Source {
        path: "generated.txt".into(),
        id: "generated.txt".into(),
        hash: "0".into(),
        text,
        pages: Vec::new(),
        stat: None,
    }
}

/// Every piece of evidence in the model, wherever it hangs.
fn all_evidence(model: &FileModel) -> Vec<Evidence> {
    let json = serde_json::to_value(model).unwrap();
    let mut out = Vec::new();
    collect(&json, &mut out);
    out
}

fn collect(v: &serde_json::Value, out: &mut Vec<Evidence>) {
    match v {
        serde_json::Value::Object(map) => {
            if let (Some(s), Some(e), Some(q)) = (map.get("start"), map.get("end"), map.get("quote")) {
                out.push(Evidence {
                    start: s.as_u64().unwrap() as usize,
                    end: e.as_u64().unwrap() as usize,
                    quote: q.as_str().unwrap().to_string(),
                });
            }
            map.values().for_each(|x| collect(x, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn evidence_quotes_the_source_at_its_span(text in minutes_like()) {
        let chars: Vec<char> = text.chars().collect();
        let outcome = model_source(&source(text.clone()));
        // A panic is caught per file and reported as an internal error: none may happen.
        if let Err(reason) = &outcome {
            prop_assert!(!reason.contains("internal error"), "{}", reason);
        }
        if let Ok(model) = outcome {
            for e in all_evidence(&model) {
                prop_assert!(e.start <= e.end && e.end <= chars.len(), "span {}..{} outside {} chars", e.start, e.end, chars.len());
                let quoted: String = chars[e.start..e.end].iter().collect();
                prop_assert_eq!(quoted, e.quote);
            }
        }
    }

    #[test]
    fn modelling_is_deterministic(text in minutes_like()) {
        let first = model_source(&source(text.clone())).map(|m| serde_json::to_string(&m).unwrap());
        let second = model_source(&source(text)).map(|m| serde_json::to_string(&m).unwrap());
        prop_assert_eq!(first, second);
    }
}
