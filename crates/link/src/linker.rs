//! The decision: which article an arriving one copies, which story it joins.

use crate::features::{sort_features, EntityFeature, Features};
use crate::join::{pair_features, JoinModel, FEATURE_NAMES};
use crate::signature::Hasher;
use crate::{story_id_for, LinkIndex, Signature, SignatureConfig, StoryProfile};
use newsgraph_model::Article;
use std::collections::HashMap;
use std::sync::Arc;

/// Every knob of the link stage. The defaults are the values tuned on the tune half of
/// ECB+ dev and GVA dev (see ARCH.md); `eval stories` prints the check-half scores.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkConfig {
    /// Field weights of words.
    pub title_weight: f32,
    pub lead_weight: f32,
    /// Weights of entity keys (places apart), event kinds and absolute dates.
    pub entity_weight: f32,
    pub place_weight: f32,
    pub event_weight: f32,
    pub date_weight: f32,
    /// Word keys kept per article before IDF (bounds the DF lookups per article).
    pub max_words: usize,
    pub max_entities: usize,
    /// Components of the article vector kept after IDF.
    pub vector_size: usize,
    /// Pseudo-count added to the article count in the IDF, so the first articles of an
    /// empty store still weigh rare words above common ones.
    pub idf_prior: f32,
    /// Heaviest article keys looked up in the postings.
    pub query_keys: usize,
    /// Stories read per posting key, and stories scored per article.
    pub per_key: usize,
    pub max_candidates: usize,
    /// Profile components kept per story, and how many of them it is posted under.
    pub profile_terms: usize,
    pub posting_keys: usize,
    /// Cosine an article needs to join a story.
    pub join_threshold: f32,
    /// A dated article never joins a story whose active span is farther than this.
    pub window_days: i32,
    /// Similarity is divided by `1 + gap / decay_days` (gap in days outside the span).
    pub decay_days: f32,
    /// A dated article and a dated story have evidence undated ones lack: they were
    /// published in the same news cycle. Their similarity is multiplied by
    /// `1 + time_boost` before the decay (so a same-day pair needs a lower cosine).
    pub time_boost: f32,
    /// Near-duplicates: estimated containment needed, and candidates verified.
    pub duplicate_containment: f32,
    pub duplicate_min_shingles: u32,
    pub max_band_matches: usize,
    pub signature: SignatureConfig,
    /// `relink` merges two stories whose centroids' cosine reaches this.
    pub merge_threshold: f32,
    /// An arriving article that scores at least this against a second story besides
    /// the one it joins bridges them: the two are merged on the spot (recorded like a
    /// `relink` merge, so the old id stays resolvable). Online clustering splits a
    /// story whenever its first articles happen to share few words; the article that
    /// is close to both pieces is the evidence that they are one. Above 1: never.
    pub bridge_threshold: f32,
    /// The learned join model (`data/join_model.json`): when set, an article's score
    /// against a candidate is the model's probability, and the model's own `join` and
    /// `bridge` probabilities replace `join_threshold` and `bridge_threshold` (the
    /// time gate `window_days` still applies; `time_boost` and `decay_days` do not).
    pub join_model: Option<JoinModel>,
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig {
            title_weight: 3.0,
            lead_weight: 2.0,
            entity_weight: 3.0,
            place_weight: 1.5,
            event_weight: 0.5,
            date_weight: 1.5,
            max_words: 64,
            max_entities: 24,
            vector_size: 100,
            idf_prior: 50.0,
            query_keys: 16,
            per_key: 40,
            max_candidates: 12,
            profile_terms: 100,
            posting_keys: 24,
            join_threshold: 0.22,
            window_days: 14,
            decay_days: 6.0,
            time_boost: 0.8,
            duplicate_containment: 0.65,
            duplicate_min_shingles: 12,
            max_band_matches: 50,
            signature: SignatureConfig::default(),
            merge_threshold: 0.6,
            bridge_threshold: 0.3,
            // A test checks that the shipped file loads; a bad one falls back to the
            // hand-set cosine rule rather than failing every store open.
            join_model: JoinModel::shipped().ok(),
        }
    }
}

impl LinkConfig {
    /// Sets one knob by its field name (`join_threshold=0.3`), for tuning runs.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let f = || {
            value
                .parse::<f32>()
                .map_err(|e| format!("{key}={value}: {e}"))
        };
        let u = || {
            value
                .parse::<usize>()
                .map_err(|e| format!("{key}={value}: {e}"))
        };
        match key {
            "title_weight" => self.title_weight = f()?,
            "lead_weight" => self.lead_weight = f()?,
            "entity_weight" => self.entity_weight = f()?,
            "place_weight" => self.place_weight = f()?,
            "event_weight" => self.event_weight = f()?,
            "date_weight" => self.date_weight = f()?,
            "max_words" => self.max_words = u()?,
            "max_entities" => self.max_entities = u()?,
            "vector_size" => self.vector_size = u()?,
            "idf_prior" => self.idf_prior = f()?,
            "query_keys" => self.query_keys = u()?,
            "per_key" => self.per_key = u()?,
            "max_candidates" => self.max_candidates = u()?,
            "profile_terms" => self.profile_terms = u()?,
            "posting_keys" => self.posting_keys = u()?,
            "join_threshold" => self.join_threshold = f()?,
            "window_days" => self.window_days = u()? as i32,
            "decay_days" => self.decay_days = f()?,
            "time_boost" => self.time_boost = f()?,
            "duplicate_containment" => self.duplicate_containment = f()?,
            "duplicate_min_shingles" => self.duplicate_min_shingles = u()? as u32,
            "max_band_matches" => self.max_band_matches = u()?,
            "merge_threshold" => self.merge_threshold = f()?,
            "bridge_threshold" => self.bridge_threshold = f()?,
            "join_model" => {
                self.join_model = match value {
                    "none" => None,
                    path => Some(
                        std::fs::read_to_string(path)
                            .map_err(|e| format!("{key}={path}: {e}"))
                            .and_then(|s| {
                                JoinModel::from_json(&s).map_err(|e| format!("{path}: {e}"))
                            })?,
                    ),
                }
            }
            "model_join" | "model_bridge" | "model_join_dated" | "model_bridge_dated" => {
                let v = f()?;
                let m = self
                    .join_model
                    .as_mut()
                    .ok_or_else(|| format!("{key}: no join model is set"))?;
                let half = if key.ends_with("_dated") {
                    m.dated.as_mut()
                } else {
                    m.undated.as_mut()
                }
                .ok_or_else(|| format!("{key}: the join model has no such half"))?;
                if key.starts_with("model_join") {
                    half.join = v;
                } else {
                    half.bridge = v;
                }
            }
            _ => return Err(format!("unknown link setting {key:?}")),
        }
        Ok(())
    }

    /// Applies `k=v,k=v` settings.
    pub fn apply(&mut self, settings: &str) -> Result<(), String> {
        for kv in settings.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (k, v) = kv
                .split_once('=')
                .ok_or_else(|| format!("{kv:?} is not key=value"))?;
            self.set(k.trim(), v.trim())?;
        }
        Ok(())
    }
}

/// What the link stage decided for one article.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkOutcome {
    pub story: String,
    pub decision: Decision,
    /// The first copy seen of this text and the similarity to the matched copy
    /// (estimated share of the shorter text's shingles found in the other).
    pub duplicate_of: Option<(String, f32)>,
    /// Similarity to the story it joined (0 for a new story).
    pub score: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// A copy of a stored article: joins that article's story.
    Copy,
    /// Joined an existing story.
    Joined,
    /// Started a story.
    New,
}

/// The loaded link stage (build once: it holds the MinHash permutations).
pub struct Linker {
    cfg: LinkConfig,
    hasher: Hasher,
    /// Tells the [`Prepared`] of this linker from another's (another configuration).
    id: u64,
}

/// What the link stage computes of an article without the store (text features,
/// MinHash signature, bands): made by [`Linker::prepare`] on any thread (the ingest
/// engine's analysis threads), so the writer only does what needs the store.
#[derive(Debug, Clone)]
pub struct Prepared {
    features: Features,
    signature: Signature,
    bands: Vec<i64>,
    linker: u64,
}

static LINKERS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl std::fmt::Debug for Linker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linker").field("cfg", &self.cfg).finish()
    }
}

impl Default for Linker {
    fn default() -> Self {
        Linker::new(LinkConfig::default())
    }
}

impl Linker {
    pub fn new(cfg: LinkConfig) -> Linker {
        Linker {
            hasher: Hasher::new(cfg.signature),
            cfg,
            id: LINKERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    pub fn config(&self) -> &LinkConfig {
        &self.cfg
    }

    /// The signature and bands of an article's features.
    pub fn signature(&self, f: &Features) -> (Signature, Vec<i64>) {
        let sig = self.hasher.signature(&f.shingles);
        let bands = self.bands(&sig);
        (sig, bands)
    }

    /// The bands `signature` gives a stored signature (none below the shingle minimum):
    /// what a store that keeps its band index in memory rebuilds it from.
    pub fn bands(&self, sig: &Signature) -> Vec<i64> {
        if sig.size >= self.cfg.duplicate_min_shingles {
            self.hasher.bands(sig)
        } else {
            Vec::new()
        }
    }

    /// Links one arriving article: decides, then records the decision, the story's new
    /// profile, the document frequencies and the signature through `ix`.
    pub fn link<I: LinkIndex>(
        &self,
        ix: &mut I,
        article: &Article,
        entities: &[EntityFeature],
    ) -> Result<LinkOutcome, I::Error> {
        let f = Features::of(article, entities, &self.cfg);
        self.link_features(ix, &article.id, &f)
    }

    /// The store-free part of linking `article` (see [`Prepared`]).
    pub fn prepare(&self, article: &Article) -> Prepared {
        let mut features = Features::of_text(article, &self.cfg);
        let (signature, bands) = self.signature(&features);
        // The signature is all linking needs of the shingles.
        features.shingles = Vec::new();
        Prepared {
            features,
            signature,
            bands,
            linker: self.id,
        }
    }

    /// As [`Linker::link`], from what [`Linker::prepare`] made of the same article
    /// (the same decision: prepared by another linker, it is made again here).
    pub fn link_prepared<I: LinkIndex>(
        &self,
        ix: &mut I,
        article: &Article,
        entities: &[EntityFeature],
        prepared: &Prepared,
    ) -> Result<LinkOutcome, I::Error> {
        if prepared.linker != self.id {
            return self.link(ix, article, entities);
        }
        let f = prepared
            .features
            .clone()
            .with_entities(article, entities, &self.cfg);
        let (sig, bands) = (prepared.signature.clone(), prepared.bands.clone());
        self.link_signed(ix, &article.id, &f, sig, bands, None)
    }

    pub fn link_features<I: LinkIndex>(
        &self,
        ix: &mut I,
        article_id: &str,
        f: &Features,
    ) -> Result<LinkOutcome, I::Error> {
        self.link_decided(ix, article_id, f, None)
    }

    /// As [`Linker::link_features`], but when `decide` is given it picks the story to
    /// join among every time-gated candidate (or none: a new story), in place of the
    /// threshold and bridging rule. Training replays use it to follow the gold stories
    /// while they collect the pair features the linker would see.
    pub fn link_decided<I: LinkIndex>(
        &self,
        ix: &mut I,
        article_id: &str,
        f: &Features,
        decide: Option<Decide<'_>>,
    ) -> Result<LinkOutcome, I::Error> {
        let (sig, bands) = self.signature(f);
        self.link_signed(ix, article_id, f, sig, bands, decide)
    }

    fn link_signed<I: LinkIndex>(
        &self,
        ix: &mut I,
        article_id: &str,
        f: &Features,
        sig: Signature,
        bands: Vec<i64>,
        decide: Option<Decide<'_>>,
    ) -> Result<LinkOutcome, I::Error> {
        let copy = self.find_copy(ix, &sig, &bands)?;

        let keys: Vec<String> = f.terms.iter().map(|t| t.0.clone()).collect();
        let (n, dfs) = ix.doc_freqs(&keys)?;
        let unit = self.unit_vector(f, n, &dfs);

        // A copy joins its original's story only inside the story's time window;
        // beyond it the match is not taken for a copy. Pages whose body is a site's
        // boilerplate (a sign-in notice, a subscription wall) share their text with
        // every other such page of the site, over months; on GVA dev, untimed copies
        // made stories of 10-15 distinct incidents.
        let copy = match copy {
            Some(c) => match ix.load_story(&c.story)? {
                Some(p) => self
                    .score(&p, &unit, f.day)
                    .map(|_| (c, Arc::unwrap_or_clone(p))),
                None => {
                    let p = StoryProfile::new(c.story.clone());
                    Some((c, p))
                }
            },
            None => None,
        };
        let duplicate_of = copy.as_ref().map(|(c, _)| (c.root.clone(), c.similarity));
        let (story, decision, score, centrality, mut profile) = match copy {
            Some((c, p)) => {
                let centrality = p.cosine(&unit);
                (c.story, Decision::Copy, c.similarity, centrality, p)
            }
            None => match self.join_story(ix, &unit, f.day, decide)? {
                Some((p, s)) => (p.id.clone(), Decision::Joined, s, s, p),
                None => {
                    let id = story_id_for(article_id);
                    (id.clone(), Decision::New, 0.0, 0.0, StoryProfile::new(id))
                }
            },
        };
        profile.add(
            &unit,
            f.day,
            f.title.as_deref(),
            centrality,
            self.cfg.profile_terms,
        );
        ix.save_story(&profile, &profile.posting_keys(self.cfg.posting_keys))?;
        ix.add_doc_freqs(&keys)?;
        let outcome = LinkOutcome {
            story,
            decision,
            duplicate_of,
            score,
        };
        ix.record_article(article_id, &outcome, &sig, &bands)?;
        Ok(outcome)
    }

    /// The stored article this one copies, if any: the candidate of highest estimated
    /// containment at or above the threshold (the first stored wins ties).
    fn find_copy<I: LinkIndex>(
        &self,
        ix: &mut I,
        sig: &Signature,
        bands: &[i64],
    ) -> Result<Option<CopyMatch>, I::Error> {
        if bands.is_empty() {
            return Ok(None);
        }
        let mut best: Option<CopyMatch> = None;
        for c in ix.band_matches(bands, self.cfg.max_band_matches)? {
            if c.signature.size < self.cfg.duplicate_min_shingles {
                continue;
            }
            let s = sig.containment(&c.signature);
            if s >= self.cfg.duplicate_containment && best.as_ref().is_none_or(|b| s > b.similarity)
            {
                best = Some(CopyMatch {
                    root: c.duplicate_of.clone().unwrap_or_else(|| c.article.clone()),
                    story: c.story,
                    similarity: s,
                });
            }
        }
        Ok(best)
    }

    /// An article's unit TF-IDF vector against the index's current document
    /// frequencies: what [`Linker::candidates`] scores (for diagnostics and tools).
    pub fn unit_of<I: LinkIndex>(
        &self,
        ix: &mut I,
        f: &Features,
    ) -> Result<Vec<(String, f32)>, I::Error> {
        let keys: Vec<String> = f.terms.iter().map(|t| t.0.clone()).collect();
        let (n, dfs) = ix.doc_freqs(&keys)?;
        Ok(self.unit_vector(f, n, &dfs))
    }

    /// TF-IDF weights, the heaviest `vector_size` kept, L2-normalised, sorted by key.
    fn unit_vector(&self, f: &Features, n: u64, dfs: &[u64]) -> Vec<(String, f32)> {
        let total = n as f32 + self.cfg.idf_prior;
        let mut v: Vec<(String, f32)> = f
            .terms
            .iter()
            .zip(dfs)
            .map(|((k, w), &df)| (k.clone(), w * (1.0 + total / (df as f32 + 1.0)).ln()))
            .collect();
        sort_features(&mut v);
        v.truncate(self.cfg.vector_size);
        normalise(&mut v);
        v
    }

    /// The story the article joins: the best above the join threshold, after folding
    /// in the stories the article bridges (see `bridge_threshold`).
    fn join_story<I: LinkIndex>(
        &self,
        ix: &mut I,
        unit: &[(String, f32)],
        day: Option<i32>,
        decide: Option<Decide<'_>>,
    ) -> Result<Option<(StoryProfile, f32)>, I::Error> {
        let mut ranked = self.candidates(ix, unit, day)?;
        if let Some(decide) = decide {
            return Ok(decide(&ranked).map(|i| {
                let c = ranked.swap_remove(i);
                (Arc::unwrap_or_clone(c.profile), c.score)
            }));
        }
        let model = self.model_for(day);
        let (join, bridge) = match model {
            Some(half) => (half.join, half.bridge),
            None => (self.cfg.join_threshold, self.cfg.bridge_threshold),
        };
        ranked.retain(|c| c.score >= join);
        if ranked.is_empty() {
            return Ok(None);
        }
        let first = ranked.remove(0);
        let (mut keep, score) = (Arc::unwrap_or_clone(first.profile), first.score);
        for c in ranked {
            if c.score < bridge {
                break;
            }
            let other = Arc::unwrap_or_clone(c.profile);
            // The larger story survives (ties: the lower id), as in `relink`.
            let (mut survivor, gone) = if (other.articles, std::cmp::Reverse(&other.id))
                > (keep.articles, std::cmp::Reverse(&keep.id))
            {
                (other, keep)
            } else {
                (keep, other)
            };
            survivor.absorb(&gone, self.cfg.profile_terms);
            ix.merge_story(
                &gone.id,
                &survivor,
                &survivor.posting_keys(self.cfg.posting_keys),
            )?;
            keep = survivor;
        }
        Ok(Some((keep, score)))
    }

    /// The regression that scores an article (dated or not), if the model has one.
    fn model_for(&self, day: Option<i32>) -> Option<&crate::join::Logistic> {
        self.cfg
            .join_model
            .as_ref()
            .and_then(|m| m.for_article(day.is_some()))
    }

    /// The posted candidate stories inside the time window, scored, best first (ties
    /// by id).
    pub fn candidates<I: LinkIndex>(
        &self,
        ix: &mut I,
        unit: &[(String, f32)],
        day: Option<i32>,
    ) -> Result<Vec<Candidate>, I::Error> {
        let mut by_weight: Vec<(String, f32)> = unit.to_vec();
        sort_features(&mut by_weight);
        let query: Vec<String> = by_weight
            .into_iter()
            .take(self.cfg.query_keys)
            .map(|x| x.0)
            .collect();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let since = day.map(|d| d - self.cfg.window_days);
        let mut hits = ix.stories_by_keys(&query, since, self.cfg.per_key)?;
        hits.sort_by(|a, b| b.hits.cmp(&a.hits).then_with(|| a.story.cmp(&b.story)));
        hits.truncate(self.cfg.max_candidates);
        let mut ranked: Vec<Candidate> = Vec::new();
        for h in hits {
            let Some(p) = ix.load_story(&h.story)? else {
                continue;
            };
            let Some(s) = self.score(&p, unit, day) else {
                continue;
            };
            let features = pair_features(&p, unit, p.gap_days(day));
            let score = match self.model_for(day) {
                Some(m) => m.probability(&features),
                None => s,
            };
            ranked.push(Candidate {
                profile: p,
                features,
                score,
            });
        }
        ranked.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.profile.id.cmp(&b.profile.id))
        });
        Ok(ranked)
    }

    /// Similarity of an article to a story, or `None` when time rules the story out.
    fn score(&self, p: &StoryProfile, unit: &[(String, f32)], day: Option<i32>) -> Option<f32> {
        let mut s = p.cosine(unit);
        if let Some(gap) = p.gap_days(day) {
            if gap > self.cfg.window_days {
                return None;
            }
            s *= (1.0 + self.cfg.time_boost) / (1.0 + gap as f32 / self.cfg.decay_days.max(0.01));
        }
        Some(s)
    }

    /// Merges stories whose centroids are alike (one pass over every story, in id
    /// order; candidates from the postings). Each merge folds the smaller story into
    /// the larger (ties: the lower id survives) and is recorded by the index. Returns
    /// the merges as (old, new).
    pub fn relink<I: LinkIndex>(&self, ix: &mut I) -> Result<Vec<(String, String)>, I::Error> {
        let mut merges = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = ix.story_ids(after.as_deref(), 500)?;
            let Some(last) = page.last().cloned() else {
                break;
            };
            for id in page {
                let Some(p) = ix.load_story(&id)? else {
                    continue;
                };
                let mut unit = p.centroid.clone();
                normalise(&mut unit);
                let since = p.first_day.map(|d| d - self.cfg.window_days);
                let keys = p.posting_keys(self.cfg.query_keys);
                let mut hits = ix.stories_by_keys(&keys, since, self.cfg.per_key)?;
                hits.sort_by(|a, b| b.hits.cmp(&a.hits).then_with(|| a.story.cmp(&b.story)));
                hits.truncate(self.cfg.max_candidates);
                let mut best: Option<(Arc<StoryProfile>, f32)> = None;
                for h in hits.into_iter().filter(|h| h.story != id) {
                    let Some(q) = ix.load_story(&h.story)? else {
                        continue;
                    };
                    if !spans_close(&p, &q, self.cfg.window_days) {
                        continue;
                    }
                    let s = q.cosine(&unit);
                    if s >= self.cfg.merge_threshold && best.as_ref().is_none_or(|b| s > b.1) {
                        best = Some((q, s));
                    }
                }
                if let Some((q, _)) = best {
                    let (p, q) = (Arc::unwrap_or_clone(p), Arc::unwrap_or_clone(q));
                    let (mut keep, gone) = if (q.articles, std::cmp::Reverse(&q.id))
                        > (p.articles, std::cmp::Reverse(&p.id))
                    {
                        (q, p)
                    } else {
                        (p, q)
                    };
                    keep.absorb(&gone, self.cfg.profile_terms);
                    ix.merge_story(&gone.id, &keep, &keep.posting_keys(self.cfg.posting_keys))?;
                    merges.push((gone.id, keep.id));
                }
            }
            after = Some(last);
        }
        Ok(merges)
    }
}

/// A caller's choice among the candidates (their index), or `None` for a new story.
pub type Decide<'a> = &'a mut dyn FnMut(&[Candidate]) -> Option<usize>;

/// A story an arriving article could join: its profile, the pair features and the
/// score (the join model's probability, or the time-weighted cosine without a model).
#[derive(Debug, Clone)]
pub struct Candidate {
    pub profile: Arc<StoryProfile>,
    pub features: [f32; FEATURE_NAMES.len()],
    pub score: f32,
}

struct CopyMatch {
    root: String,
    story: String,
    similarity: f32,
}

/// Two stories' active spans within `window` days of each other (undated: always).
fn spans_close(a: &StoryProfile, b: &StoryProfile, window: i32) -> bool {
    match (a.first_day, a.last_day, b.first_day, b.last_day) {
        (Some(af), Some(al), Some(bf), Some(bl)) => af - bl <= window && bf - al <= window,
        _ => true,
    }
}

/// L2-normalises and sorts by key (for the binary search of `StoryProfile::cosine`).
fn normalise(v: &mut Vec<(String, f32)>) {
    let norm: f32 = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in v.iter_mut() {
            x.1 /= norm;
        }
    }
    v.sort_by(|a, b| a.0.cmp(&b.0));
    let mut seen: HashMap<String, ()> = HashMap::new();
    v.retain(|x| seen.insert(x.0.clone(), ()).is_none());
}
