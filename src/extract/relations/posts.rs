//! Posts that chair bodies, stated actively: "The Independent Chair will
//! chair the Chief Officer Group", and in a post's list of duties ("Key
//! responsibilities of the Independent Chair:" then "- Chair the Executive
//! Group of the safeguarding partnership.").
//!
//! Architecture invariant: as for `relations`, works on mention spans; the
//! post is kept as printed.

use super::tables::BULLET;
use super::{first_after, End, Predicate, RelationMention};
use crate::text::{lines_in, Span};
use regex::Regex;
use std::sync::LazyLock;

/// A post's title as printed: "Independent Chair", "Assistant Director for
/// Commissioning and Performance".
pub(super) const POST: &str = r"(?:(?:Independent|Assistant|Deputy|Strategic|Executive|Service|Corporate|Vice) )*(?:Chair|Chairperson|Director|Head|Manager|Lead|Cabinet Member|Chief Executive|Leader|Commissioner|Scrutineer)(?: (?:of|for) [A-Z][\w'’&-]*(?:(?: and| of| for| &)? [A-Z][\w'’&-]*)*)?";

/// "The Independent Chair will chair the …" opening a sentence.
static POST_CHAIRS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?:[Tt]he |[Aa]n? )?(?P<post>{POST}) (?:will |would |shall |also |is to |is also to )*chairs? (?:the )?$"
    ))
    .expect("regex")
});

/// "Key responsibilities of the Independent Chair:", "The Independent
/// Chair will:" closing a line before a list of duties.
static DUTIES_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?:[Rr]esponsibilities|[Rr]ole|[Dd]uties|[Ff]unctions) of (?:the |an? )?(?P<post>{POST})|^(?:[Tt]he )?(?P<subject>{POST}) (?:will|shall|is to))\s*:\s*$"
    ))
    .expect("regex")
});

/// A duty that chairs: "Chair the Executive Group …".
static CHAIR_DUTY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^Chair (?:the )?$").expect("regex"));

/// `sentences` are those of `span`.
pub(super) fn post_chairs(
    text: &str,
    mentions: &[Span],
    span: Span,
    sentences: &[Span],
    out: &mut Vec<RelationMention>,
) {
    for &sentence in sentences {
        if let Some((post, body)) = chaired(text, mentions, sentence, &POST_CHAIRS) {
            out.push(chaired_by(body, post.slice(text), sentence));
        }
    }
    let lines = lines_in(text, span);
    for (i, line) in lines.iter().enumerate() {
        let Some(c) = DUTIES_OF.captures(line.text) else {
            continue;
        };
        let post = c.name("post").or(c.name("subject")).map_or("", |m| m.as_str());
        let duties = lines[i + 1..].iter().filter(|l| !l.is_blank());
        for duty in duties.take_while(|l| BULLET.is_match(l.text)) {
            let bullet = BULLET.find(duty.text).map_or(0, |m| m.end());
            let item = Span::new(duty.span.start + bullet, duty.span.end);
            if let Some((_, body)) = chaired(text, mentions, item, &CHAIR_DUTY) {
                out.push(chaired_by(body, post, duty.span));
            }
        }
    }
}

/// The post `opening` names and the body mention right after it in
/// `span`, when `opening` matches the text before that mention.
fn chaired(text: &str, mentions: &[Span], span: Span, opening: &Regex) -> Option<(Span, Span)> {
    let body = first_after(text, mentions, span, span.start)?;
    let c = opening.captures(&text[span.start..body.start])?;
    let post = c.name("post").map_or(Span::new(span.start, span.start), |m| {
        Span::new(span.start + m.start(), span.start + m.end())
    });
    Some((post, body))
}

fn chaired_by(body: Span, post: &str, evidence: Span) -> RelationMention {
    RelationMention {
        predicate: Predicate::ChairedBy,
        subject: End::Mention(body),
        object: End::Post(post.to_string()),
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::super::find_relations;
    use super::*;

    fn chairs(text: &str, names: &[&str]) -> Vec<(String, String)> {
        let mentions: Vec<Span> = names
            .iter()
            .flat_map(|n| text.match_indices(n).map(|(i, _)| Span::new(i, i + n.len())))
            .collect();
        find_relations(text, Span::new(0, text.len()), &mentions)
            .into_iter()
            .filter(|r| r.predicate == Predicate::ChairedBy)
            .map(|r| match (r.subject, r.object) {
                (End::Mention(s), End::Post(p)) => (s.slice(text).to_string(), p),
                other => panic!("unexpected ends {other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_post_that_will_chair_a_body_chairs_it() {
        assert_eq!(
            chairs(
                "The Independent Chair will chair the Chief Officer Group.",
                &["Chief Officer Group"]
            ),
            [("Chief Officer Group".to_string(), "Independent Chair".to_string())]
        );
        // Another subject, or "chair" as a noun, states nothing about the post.
        assert!(chairs(
            "The Board asked the Independent Chair to chair the Chief Officer Group.",
            &["Board", "Chief Officer Group"]
        )
        .is_empty());
    }

    #[test]
    fn a_duty_to_chair_in_a_posts_list_of_duties() {
        let text = "Key responsibilities of the Independent Chair:\n\n\
                    - Scrutinise the work of the Delivery Groups.\n\
                    - Chair the Executive Group of the safeguarding partnership.\n\
                    - Chair / facilitate wider partnership meetings.\n\n\
                    The Executive Group meets monthly.\n- Chair the Panel.\n";
        assert_eq!(
            chairs(text, &["Executive Group", "Delivery Groups", "Panel"]),
            [("Executive Group".to_string(), "Independent Chair".to_string())]
        );
    }
}
