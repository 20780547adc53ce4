//! Canonical entities: the tagger's names plus lexicon mentions (countries, places,
//! demonyms, groups, "X newspaper" organisations), merged within the article under one
//! canonical name, with aliases, descriptors (titles and appositives) and mention spans.
//!
//! Merging rules, in order: countries by their lexicon name (`U.S.`, `US`, `American` →
//! United States); a person's short form (`Trump`) to the full name that ends or starts
//! with it; an acronym to the organisation it abbreviates; otherwise the same normalised
//! text. A definite role nominal (`the president`) joins the nearest person the article
//! titled so. Ids `e1`, `e2`… follow the order of first mention.
//!
//! The steps run in that order over one list of mentions, each a function in a file of
//! its own: `names` (the tagger's), `lexicon_mentions`, `organisations`, `clusters`
//! (short forms, acronyms, nominals), `descriptors`, `entities`; `context` is the
//! article as they read it. The words they test are `data/canon_words.tsv`.

mod clusters;
mod context;
mod descriptors;
mod entities;
mod lexicon_mentions;
mod names;
mod organisations;

use crate::corpus::GoldKind;
use crate::lexicon::{Lexicons, NotPerson};
use crate::ner::{self, EntityModel};
use crate::tagger;
use context::Ctx;
use newsgraph_model::{Article, Entity, EntityKind, Span};

/// What the entity stage produced.
#[derive(Debug, Default)]
pub struct Analysis {
    pub entities: Vec<Entity>,
    /// Proper-name mentions (spans without possessive) with their entity's kind.
    pub names: Vec<(Span, EntityKind)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// A proper name (tagger or gazetteer).
    Name,
    /// A demonym adjective standing for its country ("American").
    Demonym,
    /// A group phrase ("hardliners", "Iranian authorities").
    Group,
    /// A definite role nominal ("the president").
    Nominal,
}

#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) kind: EntityKind,
    pub(super) origin: Origin,
    /// Cluster key.
    pub(super) key: String,
    pub(super) descriptors: Vec<String>,
}

pub(super) fn kind(k: GoldKind) -> EntityKind {
    match k {
        GoldKind::Person => EntityKind::Person,
        GoldKind::Organization => EntityKind::Organization,
        GoldKind::Place => EntityKind::Place,
    }
}

/// The kind of a name of not_persons.tsv.
pub(super) fn not_person_kind(np: NotPerson) -> EntityKind {
    match np {
        NotPerson::Organization => EntityKind::Organization,
        NotPerson::Other => EntityKind::Other,
        NotPerson::Label => EntityKind::Group,
    }
}

/// Runs the tagger and the merging rules over a segmented article.
pub fn analyse(article: &Article, model: &EntityModel) -> Analysis {
    let lex = Lexicons::get();
    let words = ner::words(article);
    let obs = tagger::observe(&words, lex, &model.gazetteer);
    let mut sent_start = vec![0usize; words.len()];
    for (s, e) in ner::sentence_token_ranges(article) {
        for x in &mut sent_start[s..e.min(words.len())] {
            *x = s;
        }
    }
    let cx = Ctx {
        article,
        words,
        obs,
        lex,
        gaz: &model.gazetteer,
        sent_start,
    };
    let tagged = ner::tag_obs(article, model, &cx.obs);
    let n = cx.words.len();
    let mut taken = vec![false; n];
    let mut ms: Vec<Mention> = Vec::new();

    let person_words = names::person_words(&cx, &tagged);
    names::tagger_names(&cx, &tagged, &person_words, &mut ms, &mut taken);
    names::split_run_together(&cx, &mut ms);
    names::repeat_known_names(&cx, &mut ms, &mut taken);
    lexicon_mentions::lexicon_mentions(&cx, &mut ms, &mut taken);
    lexicon_mentions::listed_organisations(&cx, &mut ms, &mut taken);
    lexicon_mentions::titled_persons(&cx, &mut ms, &mut taken);
    organisations::described_organisations(&cx, &mut ms, &mut taken);
    organisations::organisation_runs(&cx, &mut ms, &mut taken);
    organisations::country_prefixed_organisations(&cx, &mut ms, &mut taken);
    organisations::organisation_short_forms(&cx, &mut ms, &person_words);
    clusters::short_forms(&cx, &mut ms);
    descriptors::attach(&cx, &mut ms);
    let clusters = clusters::clusters(&cx, &mut ms, &taken);
    entities::entities(&cx, &ms, &clusters, &person_words)
}
