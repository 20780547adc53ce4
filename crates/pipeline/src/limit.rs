//! The analysis limit: how much of one text the analysis stages read.
//!
//! Cleaning is linear and keeps the whole text; the analysis layers of one record grow
//! with the text (a generated 50 MB page is 8 million words: its sentences, entities,
//! quotes, times, figures and events took 3.5 GB and 100 s). No article is that long,
//! so past a limit far above any real one the layers stop at a paragraph boundary and
//! the record says so (`Article::truncated`; the binary also warns on stderr).

/// The most words of one article the analysis stages read by default. A long-form
/// feature runs to 10–30 thousand words and a full report rarely past 100 thousand;
/// 200 thousand (about 1.3 MB of English text) is several times the longest, so only
/// generated, concatenated or book-length inputs meet it, and analysing it costs about
/// a second and 100 MB.
pub const MAX_ANALYSED_WORDS: usize = 200_000;

/// Where the analysis of an over-long text stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cut {
    /// Byte offset in the text: the analysed part is `text[..end]`.
    pub end: usize,
    /// Words in `text[..end]` and in the whole text.
    pub analysed_words: usize,
    pub words: usize,
}

/// The cut for a text of more than `limit` words (`None` when it has at most that
/// many). The analysed part ends at the last paragraph break (a line break: the text
/// holds one block per line) within the first `limit` words; when that would keep
/// less than half of them (one huge paragraph), at the last sentence end; else right
/// after the `limit`-th word.
pub(crate) fn cut(text: &str, limit: usize) -> Option<Cut> {
    let mut words = 0usize;
    let mut hard_end = 0usize;
    for w in text.split_whitespace() {
        words += 1;
        if words == limit {
            hard_end = offset(text, w) + w.len();
        }
    }
    if words <= limit {
        return None;
    }
    let half = hard_end / 2;
    let head = &text[..hard_end];
    let end = head
        .rfind('\n')
        .filter(|&i| i >= half)
        .or_else(|| sentence_end(head, half))
        .unwrap_or(hard_end);
    let end = text[..end].trim_end().len();
    Some(Cut {
        end,
        analysed_words: text[..end].split_whitespace().count(),
        words,
    })
}

/// Byte offset of `part`, a slice of `text`.
fn offset(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// The end of the last sentence of `head` that ends at or after byte `from`: after
/// `.`, `!` or `?` (and any closing quotes or brackets) followed by white space.
fn sentence_end(head: &str, from: usize) -> Option<usize> {
    const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];
    head.char_indices()
        .rev()
        .take_while(|&(i, _)| i >= from)
        .filter(|&(_, c)| c.is_whitespace())
        .map(|(i, _)| &head[..i])
        .find(|before| before.trim_end_matches(CLOSERS).ends_with(['.', '!', '?']))
        .map(str::len)
        .filter(|&i| i >= from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_within_the_limit_is_not_cut() {
        assert_eq!(cut("one two three", 3), None);
        assert_eq!(cut("", 3), None);
    }

    #[test]
    fn the_cut_falls_on_the_last_paragraph_break_within_the_limit() {
        let text = "One two three.\nFour five six.\nSeven eight nine.";
        let c = cut(text, 7).expect("over the limit");
        assert_eq!(&text[..c.end], "One two three.\nFour five six.");
        assert_eq!((c.analysed_words, c.words), (6, 9));
    }

    #[test]
    fn one_huge_paragraph_is_cut_at_a_sentence_end_else_at_a_word() {
        let text = "One two. “Three four.” Five six seven eight nine ten";
        let c = cut(text, 7).expect("over the limit");
        assert_eq!(&text[..c.end], "One two. “Three four.”");
        assert_eq!((c.analysed_words, c.words), (4, 10));
        let text = "one two three four five six seven eight";
        let c = cut(text, 5).expect("over the limit");
        assert_eq!(&text[..c.end], "one two three four five");
    }
}
