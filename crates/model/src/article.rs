use crate::{
    article_id, Block, BlockKind, CharIndex, Claim, Entity, Event, Figure, Furniture, Quote,
    Sentence, Span, SyntaxToken, Time, Token, Truncation,
};
use serde::{Deserialize, Serialize};

/// Metadata a reader found for an article, before the text is cleaned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub url: Option<String>,
    /// Site or feed name ("BBC News"), or the input file when nothing better is known.
    pub source: Option<String>,
    /// BCP-47 language code, when known.
    pub language: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    pub authors: Vec<String>,
}

/// The origin of an article's `published` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishedFrom {
    /// The document's metadata (page, feed item, JSON Lines field).
    Document,
    /// `--published` (or the reader's default date) because the input gave none.
    Given,
    /// A date line near the top of the text ("March 4, 2025"), no metadata.
    Dateline,
    /// The crawl time of the WARC record (`WARC-Date`): when the page was fetched,
    /// not when it was written.
    Crawl,
}

/// The first stored copy of an article's text, and how much of the shorter text the
/// two share (estimated share of its word 3-grams, 0–1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateOf {
    pub id: String,
    pub similarity: f32,
}

/// One news article: clean text plus stand-off layers over it.
///
/// Field order is the order of the JSON record. Layers a stage has not filled are
/// empty arrays, never absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
    /// Where `published` came from, when it is known: the document's own metadata, the
    /// date given on the command line, or a fallback (the crawl time of a WARC record,
    /// a dateline in the text) that only approximates the publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_from: Option<PublishedFrom>,
    pub authors: Vec<String>,
    pub title: Option<String>,
    pub text: String,
    pub blocks: Vec<Block>,
    pub furniture: Vec<Furniture>,
    /// Set when the text was over the pipeline's analysis limit: the layers below cover
    /// only its first part (`truncated.analysed`); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<Truncation>,
    #[serde(default)]
    pub sentences: Vec<Sentence>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub claims: Vec<Claim>,
    #[serde(default)]
    pub times: Vec<Time>,
    #[serde(default)]
    pub figures: Vec<Figure>,
    #[serde(default)]
    pub events: Vec<Event>,
    /// The syntax layer (POS, lemma, dependency head and relation per token), only when
    /// asked for (`extract --with-tokens`): absent from the record otherwise.
    #[serde(rename = "tokens", default, skip_serializing_if = "Vec::is_empty")]
    pub syntax: Vec<SyntaxToken>,
    /// The story the store's link stage filed the article under (absent before it is
    /// stored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// The stored article this one copies (wire copy, syndicated rewrite), set by the
    /// link stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<DuplicateOf>,
    /// Where the article came from (file path, URL, `file.warc.gz#record-7`); lets an
    /// error or a record be traced back to its input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Tokens, for the analysis stages; not part of the JSON record.
    #[serde(skip)]
    pub tokens: Vec<Token>,
}

impl Article {
    /// Builds an article from metadata, a title and the clean body blocks.
    ///
    /// `text` is laid out as the title (when present) followed by each block, one per
    /// line, so block spans are exact and the text reads naturally. The id is derived
    /// from the URL, else from the text.
    pub fn from_blocks(meta: Meta, title: Option<String>, body: &[(BlockKind, String)]) -> Self {
        let body: Vec<(BlockKind, &str)> = body.iter().map(|(k, s)| (*k, s.as_str())).collect();
        Self::from_block_texts(meta, title, &body)
    }

    /// [`Article::from_blocks`] with borrowed block texts (a cleaner that holds them
    /// already need not copy a big page's body once more).
    pub fn from_block_texts(meta: Meta, title: Option<String>, body: &[(BlockKind, &str)]) -> Self {
        // Sized once: a big page's text is tens of megabytes, and growing it by
        // doubling holds two copies at the last step.
        let title_len = title.as_deref().map_or(0, str::len);
        let cap = title_len + body.iter().map(|(_, s)| s.len() + 1).sum::<usize>();
        let mut text = String::with_capacity(cap);
        let mut blocks = Vec::with_capacity(body.len() + 1);
        let mut chars = 0usize;
        let mut push = |kind: BlockKind, s: &str, text: &mut String, blocks: &mut Vec<Block>| {
            let s = s.trim();
            if s.is_empty() {
                return;
            }
            if !text.is_empty() {
                text.push('\n');
                chars += 1;
            }
            let n = s.chars().count();
            blocks.push(Block {
                kind,
                span: Span::new(chars, chars + n),
            });
            text.push_str(s);
            chars += n;
        };
        if let Some(t) = title.as_deref() {
            push(BlockKind::Title, t, &mut text, &mut blocks);
        }
        for (kind, s) in body {
            push(*kind, s, &mut text, &mut blocks);
        }
        let id = article_id(meta.url.as_deref(), &text);
        Article {
            id,
            url: meta.url,
            source: meta.source,
            language: meta.language,
            published: meta.published,
            authors: meta.authors,
            title: title
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
            text,
            blocks,
            ..Default::default()
        }
    }

    /// The text of a span. Builds a [`CharIndex`] each call (linear in the text): for
    /// many spans of one article, build the index once and slice with it.
    pub fn slice(&self, span: Span) -> &str {
        let ix = CharIndex::new(&self.text);
        &self.text[ix.bytes(span)]
    }

    /// The blocks of one kind, as text.
    pub fn block_texts(&self, kind: BlockKind) -> Vec<&str> {
        let ix = CharIndex::new(&self.text);
        self.blocks
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| &self.text[ix.bytes(b.span)])
            .collect()
    }

    /// The published date's `YYYY-MM-DD` part, when there is one.
    pub fn published_date(&self) -> Option<&str> {
        self.published
            .as_deref()
            .filter(|p| p.len() >= 10)
            .map(|p| &p[..10])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_span_their_text_and_layers_serialise_empty() {
        let meta = Meta {
            url: Some("https://x.test/a".into()),
            ..Default::default()
        };
        let a = Article::from_blocks(
            meta,
            Some("Héllo title".into()),
            &[
                (BlockKind::Heading, "Sub".into()),
                (BlockKind::Paragraph, " Body “text”. ".into()),
            ],
        );
        assert_eq!(a.block_texts(BlockKind::Paragraph), vec!["Body “text”."]);
        assert_eq!(a.block_texts(BlockKind::Title), vec!["Héllo title"]);
        assert_eq!(a.text, "Héllo title\nSub\nBody “text”.");
        let v: serde_json::Value = serde_json::to_value(&a).unwrap();
        for layer in [
            "entities",
            "quotes",
            "claims",
            "times",
            "figures",
            "events",
            "furniture",
        ] {
            assert_eq!(v[layer], serde_json::json!([]), "{layer}");
        }
        assert!(v.get("tokens").is_none());
        assert_eq!(v["blocks"][1]["kind"], "heading");
    }
}
