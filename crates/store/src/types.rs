//! The plain types of the [`Store`](crate::Store) interface. All serialise to JSON as
//! the API returns them.

pub use newsgraph_model::EntityKind;
use newsgraph_model::{Claim, Event, Quote};
use serde::{Deserialize, Serialize};

/// What `put` did with an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PutOutcome {
    Inserted,
    /// Already stored (same id, canonical URL or normalised text) under `existing_id`.
    Duplicate {
        existing_id: String,
    },
}

/// An article without its text and layers: what lists show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    /// ISO 8601, as the article gives it.
    pub published: Option<String>,
    /// RFC 3339 UTC time the store received it.
    pub ingested_at: String,
    pub url: Option<String>,
    /// `published` normalised to RFC 3339 UTC, when it has a time of day (the feed's
    /// order); `None` for a date alone.
    #[serde(default)]
    pub published_utc: Option<String>,
}

/// A kind of analysis layer, for "articles that have at least one X" filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayerKind {
    Entities,
    Quotes,
    Claims,
    Times,
    Figures,
    Events,
    Furniture,
}

impl LayerKind {
    pub const ALL: [LayerKind; 7] = [
        LayerKind::Entities,
        LayerKind::Quotes,
        LayerKind::Claims,
        LayerKind::Times,
        LayerKind::Figures,
        LayerKind::Events,
        LayerKind::Furniture,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LayerKind::Entities => "entities",
            LayerKind::Quotes => "quotes",
            LayerKind::Claims => "claims",
            LayerKind::Times => "times",
            LayerKind::Figures => "figures",
            LayerKind::Events => "events",
            LayerKind::Furniture => "furniture",
        }
    }

    /// Parses `quotes`, `claims`, ... (the JSON field names).
    pub fn parse(s: &str) -> Option<LayerKind> {
        LayerKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim().to_ascii_lowercase())
    }
}

/// A search over the store. Every filter is optional; an empty `text` lists every
/// article matching the filters, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// Free text: every word must match (title, quotes and entity names weigh more
    /// than the body); a `"phrase"` in double quotes matches as a phrase. Hits are
    /// ranked by relevance.
    pub text: Option<String>,
    /// Exact source name.
    pub source: Option<String>,
    /// Inclusive ISO date bounds on `published` (`2025-06`, `2025-06-13`, ...).
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    /// Entity key (`person:donald trump`) the article must mention.
    pub entity: Option<String>,
    /// Only articles with at least one item in this layer.
    pub layer: Option<LayerKind>,
    /// Only articles mentioning an entity of this kind.
    pub entity_kind: Option<EntityKind>,
    /// Only the articles of this story (an id merged away resolves to its survivor).
    pub story: Option<String>,
    /// 0 means the default (20); capped at 1000.
    pub limit: usize,
    pub offset: usize,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub article: ArticleSummary,
    /// A plain-text excerpt around the best match (untrusted text: escape it).
    pub snippet: String,
    /// `[start, end)` code-point ranges of matched terms inside `snippet`.
    pub highlights: Vec<[usize; 2]>,
    pub score: f32,
}

/// A facet value and how many matching articles have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// An entity facet value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityFacet {
    pub key: String,
    pub name: String,
    pub kind: EntityKind,
    pub count: u64,
}

/// Counts over every article matching a search (not only the returned page).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Facets {
    pub sources: Vec<FacetCount>,
    /// `YYYY-MM` of `published`.
    pub months: Vec<FacetCount>,
    pub entity_kinds: Vec<FacetCount>,
    pub entities: Vec<EntityFacet>,
    pub layers: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SearchResults {
    /// Number of matching articles.
    pub total: u64,
    pub hits: Vec<SearchHit>,
    pub facets: Facets,
}

/// An entity across the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitySummary {
    pub key: String,
    pub name: String,
    pub kind: EntityKind,
    /// Mentions over all articles.
    pub mentions: u64,
    /// Articles mentioning it.
    pub articles: u64,
}

/// A descriptor ("Iranian foreign ministry spokesperson") and how many articles give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DescriptorCount {
    pub text: String,
    pub count: u64,
    /// Publication day of the first and last article giving it (when dated): a
    /// descriptor history ("Chancellor" until 2007, "Prime Minister" after).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
}

/// A spelling of a registry entity and how many articles used it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AliasCount {
    pub text: String,
    pub count: u64,
}

/// One quote carried by one or more articles (matched after normalising case,
/// punctuation and small edits), with every article and outlet that carried it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteGroup {
    /// The first (oldest) carrying of the quote.
    pub first: QuoteRecord,
    /// Every article carrying it, oldest first (the first included).
    pub articles: Vec<ArticleSummary>,
    /// Distinct outlets (`source`) that carried it.
    pub outlets: Vec<String>,
}

/// A quote with the article it is from and its speaker resolved across articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    pub article: ArticleSummary,
    pub quote: Quote,
    /// Store-wide entity key of the speaker, when resolved.
    pub speaker_key: Option<String>,
    pub speaker_name: Option<String>,
}

/// A claim with the article it is from and its holder resolved across articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub article: ArticleSummary,
    pub claim: Claim,
    pub holder_key: Option<String>,
    pub holder_name: Option<String>,
}

/// A claim and the denials/doubts that answer it (in the same article or another).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimThread {
    pub claim: ClaimRecord,
    pub responses: Vec<ClaimRecord>,
}

/// Everything the store knows about one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityPage {
    pub key: String,
    pub name: String,
    pub kind: EntityKind,
    /// Other spellings seen across articles.
    pub aliases: Vec<String>,
    /// Descriptors across articles, most frequent first.
    pub descriptors: Vec<DescriptorCount>,
    pub mention_count: u64,
    pub article_count: u64,
    /// Articles mentioning it, newest first (at most 100).
    pub articles: Vec<ArticleSummary>,
    /// Quotes by it over time, oldest first (at most 500 of `quote_count`).
    pub quotes: Vec<QuoteRecord>,
    /// Claims, denials and doubts it holds, oldest first (at most 500 of `claim_count`).
    pub claims: Vec<ClaimRecord>,
    /// Spellings with the number of articles using each, most used first.
    #[serde(default)]
    pub alias_counts: Vec<AliasCount>,
    /// Outlets (`source`) of its articles with article counts, most first.
    #[serde(default)]
    pub outlets: Vec<FacetCount>,
    /// Its quotes deduplicated across articles, oldest first.
    #[serde(default)]
    pub quote_groups: Vec<QuoteGroup>,
    /// Refs merged into this entity by corrections.
    #[serde(default)]
    pub merged_from: Vec<String>,
    /// How many quotes and claims it has in all (the lists above are capped).
    #[serde(default)]
    pub quote_count: u64,
    #[serde(default)]
    pub claim_count: u64,
}

/// A list whose full length is asked for ([`Store::total`](crate::Store::total)): the
/// `total` of a capped page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListTotal {
    /// Every article (the feed).
    Latest,
    /// Entities, optionally of one kind.
    Entities(Option<EntityKind>),
    /// Claim threads on the claims board.
    Claims,
    /// Quotes attributed to an entity key.
    QuotesBy(String),
    /// Events a timeline query selects (its cursor and limit ignored).
    Timeline(TimelineQuery),
}

/// A timeline request. Dates are inclusive ISO prefixes (`2025`, `2025-06`, `2025-06-13`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TimelineQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    /// Entity key that must be an actor, target or place of the event.
    pub entity: Option<String>,
    /// 0 means the default (200); capped at 5000.
    pub limit: usize,
    /// Continue after this event: the `cursor` of the last event of the previous page
    /// (date and event identity, so a page never repeats the one before it).
    pub after: Option<String>,
}

/// An event placed on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// The date the event is placed at: its resolved `when` (TIMEX3 value, e.g.
    /// `2025-06-13` or `2025-06`), else the article's publication date.
    pub date: String,
    pub article: ArticleSummary,
    pub event: Event,
    /// Where this event is in timeline order; pass as `after` for the next page.
    pub cursor: String,
}

/// What the store holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Stats {
    pub articles: u64,
    pub entities: u64,
    pub mentions: u64,
    pub quotes: u64,
    pub claims: u64,
    pub events: u64,
    pub sources: u64,
    /// Stories the link stage formed.
    #[serde(default)]
    pub stories: u64,
    /// Documents in the full-text index (equals `articles` when consistent).
    pub indexed: u64,
    pub schema_version: u32,
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeOutcome {
    pub from: String,
    pub into: String,
    /// Article entities moved from `from` to `into`.
    pub mentions_moved: u64,
}

/// What a split did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitOutcome {
    pub from: String,
    /// The registry entity the article's entity now belongs to.
    pub new_ref: String,
    pub article_id: String,
}

/// A story in lists: what the feed shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorySummary {
    pub id: String,
    /// The most central headline.
    pub label: Option<String>,
    pub article_count: u64,
    /// Distinct sources.
    pub outlet_count: u64,
    /// Earliest and latest publication date of its articles (ingest time when undated).
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// An article of a story, with the original it copies (if any).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryArticle {
    pub article: ArticleSummary,
    pub duplicate_of: Option<String>,
    pub similarity: Option<f32>,
}

/// One happening on a story's merged timeline: the events of one kind on one day,
/// across every article that reports them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryTimelineEntry {
    /// Resolved `when`, else the reporting article's publication date (`None`: undated).
    pub date: Option<String>,
    pub kind: String,
    /// The event text of the first article reporting it.
    pub text: String,
    /// Every reporting article (its source is the outlet).
    pub articles: Vec<ArticleSummary>,
}

/// Everything the store knows about one story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryRecord {
    #[serde(flatten)]
    pub summary: StorySummary,
    /// Sources with their article counts, most first.
    pub outlets: Vec<FacetCount>,
    /// Entities by number of the story's articles mentioning them (places apart).
    pub entities: Vec<EntityFacet>,
    pub places: Vec<EntityFacet>,
    /// Articles oldest first (at most 1000); copies name their original.
    pub articles: Vec<StoryArticle>,
    pub timeline: Vec<StoryTimelineEntry>,
    /// Quotes across the story's articles, oldest first (at most 500).
    pub quotes: Vec<QuoteRecord>,
    /// Claims of the story with the denials and doubts answering them.
    pub claims: Vec<ClaimThread>,
    /// Story ids merged into this one by `relink`.
    pub merged_from: Vec<String>,
}

/// What `export` streams. Both filters optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportFilter {
    /// Only the articles of this story (an id merged away resolves to its survivor).
    pub story: Option<String>,
    /// Only articles published on or after this ISO date (`2025-06-01`, `2025-06`).
    pub since: Option<String>,
}

/// What `relink` did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RelinkReport {
    /// Articles that had no link yet (stored before the link stage existed) and were
    /// linked now.
    pub linked: u64,
    /// Merges made, as (old id, surviving id).
    pub merges: Vec<(String, String)>,
}
