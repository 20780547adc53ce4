//! Which claim a denial or doubt answers, across articles.
//!
//! An article's own extraction links a denial to the claim it answers when both are in
//! the article. Across articles the write path first looks for an assertion with the
//! same content key (the same content words, any order: `record::claim_key`), in any
//! article. Outlets rarely word the two alike ("the minister took bribes from the
//! firm" / "denied taking bribes from the firm"), so after the link stage has put the
//! article in a story, a still unanswered denial or doubt is matched against the
//! assertions of the other articles of its story by content-word overlap, and the
//! story's unanswered denials from earlier articles against this article's assertions
//! (articles arrive in any order). The story is the context that makes a loose content
//! match safe: the same words in an unrelated story are a different claim.
//!
//! The choice is one pure function, [`best_answer`], and the step one function,
//! [`answer_in_story`], shared by both stores; each store only reads and writes the
//! rows ([`ClaimRows`]) with its own SQL.

/// A claim as the matcher sees it: where it is, who holds it, its content key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimSide {
    pub seq: i64,
    pub local_id: String,
    pub holder_key: Option<String>,
    /// `record::claim_key` of the content (sorted, de-duplicated content words).
    pub content_key: String,
}

/// At least this many content words of three letters or more in common (after folding
/// word endings), so a shared name ("Gordon Brown") or a name and a verb never link
/// two claims. Read on the BBC corpus's stories: with two, most links were two claims
/// about the same person (13 links, about 4 right); with three, 3 links, 1 right.
pub const MIN_SHARED_WORDS: usize = 3;

/// Shorter words (`mr`, `us`, `uk`) are titles and short forms, not content.
const MIN_WORD_LETTERS: usize = 3;

/// The shared words as a share of the shorter content. A denial usually restates part
/// of the claim ("denied taking bribes") rather than all of it, so the shorter side is
/// the measure; half of it must be the other's words. A response also brings words of
/// its own ("doubted that any warnings were ever sent"), so more than half would miss
/// it, and the story already vouches that both speak of the same events.
pub const MIN_OVERLAP: f64 = 0.5;

/// Candidates looked at per claim (newest first): a story's assertions beyond this many
/// are old news for a fresh denial, and the bound keeps the write cost flat.
pub const MAX_CANDIDATES: usize = 500;

/// A content word folded so inflections meet: a possessive or plural `s` dropped, then
/// long words cut to their first six letters ("bribes"/"bribe", "building"/"builds").
fn fold(word: &str) -> String {
    let w = word.strip_suffix("'s").unwrap_or(word);
    let w = if w.chars().count() > 3 {
        w.strip_suffix('s').unwrap_or(w)
    } else {
        w
    };
    w.chars().take(6).collect()
}

fn folded_words(content_key: &str) -> Vec<String> {
    let mut v: Vec<String> = content_key
        .split(' ')
        .filter(|w| w.chars().count() >= MIN_WORD_LETTERS)
        .map(fold)
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The overlap of two content keys: (shared folded words, shared / the shorter side).
pub fn overlap(a: &str, b: &str) -> (usize, f64) {
    let (wa, wb) = (folded_words(a), folded_words(b));
    let shorter = wa.len().min(wb.len());
    if shorter == 0 {
        return (0, 0.0);
    }
    let shared = wa.iter().filter(|w| wb.binary_search(w).is_ok()).count();
    (shared, shared as f64 / shorter as f64)
}

/// The claim among `candidates` that `response` (a denial or doubt) answers, if any:
/// the one with the most shared content words passing both bars, ties to the first
/// (callers list the newest first). A claim held by the responder is never its answer
/// (nobody denies themself; that is a retraction, which the article's own extraction
/// sees), nor a claim of the same article (the article's extraction decided those).
pub fn best_answer<'a>(response: &ClaimSide, candidates: &'a [ClaimSide]) -> Option<&'a ClaimSide> {
    let mut best: Option<(&ClaimSide, usize, f64)> = None;
    for c in candidates {
        if c.seq == response.seq {
            continue;
        }
        if response.holder_key.is_some() && c.holder_key == response.holder_key {
            continue;
        }
        let (shared, share) = overlap(&response.content_key, &c.content_key);
        if shared < MIN_SHARED_WORDS || share < MIN_OVERLAP {
            continue;
        }
        let better = match best {
            None => true,
            Some((_, s, f)) => shared > s || (shared == s && share > f),
        };
        if better {
            best = Some((c, shared, share));
        }
    }
    best.map(|(c, _, _)| c)
}

/// What the answering step needs of a store, inside the writer's transaction.
pub trait ClaimRows {
    /// The story the link stage put article `seq` in (none when linking is off).
    fn story_of(&mut self, seq: i64) -> crate::Result<Option<String>>;
    /// Article `seq`'s assertions, or its denials and doubts that answer nothing yet.
    fn own_claims(&mut self, seq: i64, assertions: bool) -> crate::Result<Vec<ClaimSide>>;
    /// The same of the story's other articles, newest article first, at most
    /// [`MAX_CANDIDATES`].
    fn story_claims(
        &mut self,
        story: &str,
        seq: i64,
        assertions: bool,
    ) -> crate::Result<Vec<ClaimSide>>;
    /// Records that `response` answers `claim` (and counts it on the claim).
    fn link(&mut self, response: &ClaimSide, claim: &ClaimSide) -> crate::Result<()>;
}

/// Links article `seq`'s unanswered denials and doubts to its story's assertions, and
/// the story's unanswered denials and doubts to the article's assertions. Nothing to do
/// for an article with no claims or no story.
pub fn answer_in_story(rows: &mut impl ClaimRows, seq: i64, has_claims: bool) -> crate::Result<()> {
    if !has_claims {
        return Ok(());
    }
    let Some(story) = rows.story_of(seq)? else {
        return Ok(());
    };
    let responses = rows.own_claims(seq, false)?;
    if !responses.is_empty() {
        let claims = rows.story_claims(&story, seq, true)?;
        for r in &responses {
            if let Some(c) = best_answer(r, &claims) {
                rows.link(r, c)?;
            }
        }
    }
    let assertions = rows.own_claims(seq, true)?;
    if !assertions.is_empty() {
        for r in rows.story_claims(&story, seq, false)? {
            if let Some(c) = best_answer(&r, &assertions) {
                rows.link(&r, c)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::claim_key;

    fn side(seq: i64, holder: Option<&str>, content: &str) -> ClaimSide {
        ClaimSide {
            seq,
            local_id: format!("c{seq}"),
            holder_key: holder.map(str::to_string),
            content_key: claim_key(content),
        }
    }

    #[test]
    fn a_reworded_denial_finds_the_claim_it_answers() {
        let claims = [
            side(
                1,
                Some("person:ana ruiz"),
                "the harbour board had lost the wage records",
            ),
            side(
                2,
                Some("org:union"),
                "minister Lee took bribes from the shipping firm",
            ),
        ];
        let denial = side(
            3,
            Some("person:lee"),
            "taking bribes from any shipping firm",
        );
        assert_eq!(best_answer(&denial, &claims).map(|c| c.seq), Some(2));
    }

    #[test]
    fn one_shared_word_or_a_small_share_is_no_answer() {
        let claims = [side(1, None, "the strike would last until talks reopened")];
        // One word in common ("strike").
        assert!(best_answer(&side(2, None, "any strike was planned"), &claims).is_none());
        // Two words in common, but a small part of either side.
        let long = side(
            3,
            None,
            "talks on pensions, rotas, holidays and overtime had reopened with the regional board",
        );
        assert!(best_answer(
            &long,
            &[side(
                1,
                None,
                "strike talks reopened after a week of silence at the port"
            )]
        )
        .is_none());
    }

    #[test]
    fn own_claims_and_the_same_article_are_never_answers() {
        let denial = side(5, Some("person:lee"), "took bribes from the shipping firm");
        let own = side(4, Some("person:lee"), "took bribes from the shipping firm");
        let same_article = side(5, None, "took bribes from the shipping firm");
        assert!(best_answer(&denial, &[own, same_article]).is_none());
    }

    #[test]
    fn the_closest_claim_wins_and_ties_go_to_the_first_listed() {
        let claims = [
            side(9, None, "the firm paid bribes"),
            side(8, None, "the firm paid bribes to port officials"),
            side(7, None, "the firm paid bribes to port officials"),
        ];
        let denial = side(10, None, "paying bribes to port officials");
        assert_eq!(best_answer(&denial, &claims).map(|c| c.seq), Some(8));
    }

    #[test]
    fn folding_meets_plurals_and_inflections() {
        assert_eq!(
            overlap(&claim_key("bribes buildings"), &claim_key("bribe building")).0,
            2
        );
        assert_eq!(overlap("", "a b"), (0, 0.0));
    }
}
