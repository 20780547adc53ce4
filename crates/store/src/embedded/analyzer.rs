//! The text analyzer of the search index (`news`): what a word is, and which forms of it
//! are indexed.
//!
//! - **Words** are runs of letters, digits and combining marks; **CJK** text (Han, kana,
//!   Hangul), which has no spaces between words, becomes overlapping character bigrams
//!   (a lone CJK character stays a unigram), the usual dictionary-free approach: a query
//!   of two or more characters matches as a phrase of bigrams.
//! - Every form is lowercased, then **accent-folded** (Tantivy's ASCII folding: `café` and
//!   `cafe` are the same term), then **stemmed** (English Snowball).
//! - A capitalised word also gets an unstemmed **name form** at the same position: its
//!   folded lowercase text with [`NAME_MARK`] appended (`Trump` → `trump` + `trump=`). The
//!   mark blocks every suffix rule of the stemmer and no plain word contains it, so name
//!   forms never meet stems. A query word the store knows as (part of) an entity name is
//!   searched by its name form ([`super::index`]), so `Trump` does not find `trumped`.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};

/// The name of the analyzer in the index's tokenizer manager.
pub const ANALYZER: &str = "news";

/// Appended to the unstemmed form of a capitalised word.
pub const NAME_MARK: char = '=';

/// The full analyzer: [`NewsTokenizer`] → drop tokens over 40 bytes → lowercase → fold
/// accents → stem.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(NewsTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Splits text into words and CJK bigrams, with name forms for capitalised words.
#[derive(Clone, Default)]
pub struct NewsTokenizer {
    tokens: Vec<Token>,
}

pub struct VecTokenStream<'a> {
    tokens: &'a mut [Token],
    at: usize,
    /// What `token` shows before the first `advance` (never read by Tantivy).
    before: Token,
}

impl TokenStream for VecTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.at < self.tokens.len() {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        match self.at.checked_sub(1) {
            Some(i) => &self.tokens[i],
            None => &self.before,
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.at.checked_sub(1) {
            Some(i) => &mut self.tokens[i],
            None => &mut self.before,
        }
    }
}

/// Han ideographs, kana, Hangul and their compatibility/extension blocks.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF        // Hangul Jamo
        | 0x2E80..=0x2FDF      // CJK radicals, Kangxi
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3100..=0x312F      // Bopomofo
        | 0x3130..=0x318F      // Hangul compatibility Jamo
        | 0x31F0..=0x31FF      // Katakana phonetic extensions
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xAC00..=0xD7AF      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFF66..=0xFF9F      // half-width Katakana
        | 0x20000..=0x3134F    // CJK extensions B–G
    )
}

/// Letters, digits and combining marks (so a decomposed `é` stays inside its word).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

impl NewsTokenizer {
    fn push(&mut self, from: usize, to: usize, position: usize, text: String) {
        self.tokens.push(Token {
            offset_from: from,
            offset_to: to,
            position,
            text,
            position_length: 1,
        });
    }

    fn split(&mut self, text: &str) {
        self.tokens.clear();
        let mut position = 0usize;
        let mut chars = text.char_indices().peekable();
        while let Some(&(start, c)) = chars.peek() {
            if is_cjk(c) {
                let mut run: Vec<(usize, char)> = Vec::new();
                while let Some(&(i, c)) = chars.peek() {
                    if !is_cjk(c) {
                        break;
                    }
                    run.push((i, c));
                    chars.next();
                }
                let end_of = |k: usize| run[k].0 + run[k].1.len_utf8();
                if run.len() == 1 {
                    self.push(start, end_of(0), position, run[0].1.to_string());
                    position += 1;
                } else {
                    for k in 0..run.len() - 1 {
                        let t: String = [run[k].1, run[k + 1].1].iter().collect();
                        self.push(run[k].0, end_of(k + 1), position, t);
                        position += 1;
                    }
                }
            } else if is_word_char(c) {
                let mut end = start;
                while let Some(&(i, c)) = chars.peek() {
                    if !is_word_char(c) || is_cjk(c) {
                        break;
                    }
                    end = i + c.len_utf8();
                    chars.next();
                }
                let word = &text[start..end];
                self.push(start, end, position, word.to_string());
                if c.is_uppercase() {
                    let mut name = String::with_capacity(word.len() + 1);
                    name.push_str(word);
                    name.push(NAME_MARK);
                    self.push(start, end, position, name);
                }
                position += 1;
            } else {
                chars.next();
            }
        }
    }
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        self.split(text);
        VecTokenStream {
            tokens: &mut self.tokens,
            at: 0,
            before: Token::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<(usize, String)> {
        let mut a = analyzer();
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        s.process(&mut |t| out.push((t.position, t.text.clone())));
        out
    }

    #[test]
    fn accents_fold_and_words_stem() {
        assert_eq!(terms("café"), terms("cafe"));
        assert_eq!(terms("Zürich")[0].1, "zurich");
        // A decomposed accent stays inside its word.
        assert_eq!(terms("cafe\u{301} noir").len(), 2);
        assert_eq!(terms("trumped"), vec![(0, "trump".to_string())]);
    }

    #[test]
    fn capitalised_words_keep_an_unstemmed_name_form() {
        let t = terms("Trump trumped");
        assert_eq!(
            t,
            vec![
                (0, "trump".to_string()),
                (0, "trump=".to_string()),
                (1, "trump".to_string())
            ]
        );
        // The stemmer leaves a marked form alone.
        assert!(terms("Rising").contains(&(0, "rising=".to_string())));
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        let t: Vec<String> = terms("北京大学 is in Beijing")
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(&t[..3], &["北京", "京大", "大学"]);
        assert!(t.contains(&"beij".to_string()) || t.contains(&"beijing".to_string()));
        assert_eq!(terms("学"), vec![(0, "学".to_string())]);
        // Kana and Hangul too; positions run on.
        let k = terms("東京タワー");
        assert_eq!(k.len(), 4);
        assert_eq!(k.last().map(|x| x.0), Some(3));
        assert_eq!(terms("서울시").len(), 2);
    }
}
