//! Resolving a speaker as written ("Trump", "he", "the editorial") to an entity id.

use newsgraph_model::{Article, CharIndex, EntityKind, Gender, Span};

use crate::lexicon::lexicon;

pub(crate) struct Resolver<'a> {
    article: &'a Article,
    /// (mention span, entity index), sorted by start.
    mentions: Vec<(Span, usize)>,
    ix: CharIndex,
}

impl<'a> Resolver<'a> {
    pub fn new(article: &'a Article) -> Self {
        let mut mentions: Vec<(Span, usize)> = article
            .entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (*m, i)))
            .collect();
        mentions.sort_by_key(|m| (m.0.start, m.0.end));
        Resolver {
            article,
            mentions,
            ix: CharIndex::new(&article.text),
        }
    }

    fn text_after(&self, s: Span, n: usize) -> &str {
        let b = self.ix.byte_of(s.end);
        let e = self.ix.byte_of(s.end + n);
        self.article.text.get(b..e).unwrap_or("")
    }

    /// The entity id for the speaker written at `span` as `written`.
    pub fn resolve(&self, span: Span, written: &str) -> Option<String> {
        if self.mentions.is_empty() {
            return None;
        }
        // 1. a mention inside the speaker phrase: the last one that is not a possessor
        // (a place inside a longer phrase is a modifier: "Iranian foreign ministry
        // spokesperson ..." is not Iran)
        // mentions are sorted by start and short: look only near the phrase
        let upto = self.mentions.partition_point(|(m, _)| m.start < span.end);
        let from = self.mentions[..upto].partition_point(|(m, _)| m.start + 200 < span.start);
        let inside: Vec<&(Span, usize)> = self.mentions[from..upto]
            .iter()
            .filter(|(m, _)| m.overlaps(&span))
            .filter(|(m, e)| {
                let at_end = self
                    .text_after(Span::new(m.end, m.end), span.end.saturating_sub(m.end))
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .is_empty();
                self.article.entities[*e].kind != EntityKind::Place || at_end
            })
            .collect();
        if let Some(pick) = inside
            .iter()
            .rev()
            .find(|(m, _)| {
                let after = self.text_after(*m, 2);
                !(after.starts_with("'s") || after.starts_with("’s"))
            })
            .or(inside.last())
        {
            return Some(self.article.entities[pick.1].id.clone());
        }
        let words: Vec<String> = written
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect();
        let lex = lexicon();
        // 2. a pronoun: the most recent entity of a compatible kind
        // "he", or a possessive pronoun heading the phrase: "His comments", "her remarks"
        let possessive = words.len() <= 3
            && words
                .first()
                .is_some_and(|w| matches!(w.as_str(), "his" | "her" | "its" | "their"));
        if words.len() == 1 || possessive {
            if let Some((w, kinds)) = words.first().and_then(|w| Some((w, lex.pronouns.get(w)?))) {
                // "she" never resolves to a man: gender agreement when the entity's is known.
                return self.most_recent(span.start, kinds, None, lex.genders.get(w).copied());
            }
        }
        // 3. a description: its head noun ("the spokesperson", "the Kayhan newspaper")
        let head = words.iter().rev().find_map(|w| {
            let sing = w.strip_suffix('s').unwrap_or(w);
            lex.heads
                .get(w.as_str())
                .or_else(|| lex.heads.get(sing))
                .map(|k| (w.clone(), k))
        });
        if let Some((head, kinds)) = head {
            let gender = lex.genders.get(&head).copied();
            return self
                .most_recent(span.start, kinds, Some(&head), gender)
                .or_else(|| {
                    // "the editorial" / "the newspaper": the most recent organization
                    if kinds.contains(&EntityKind::Organization)
                        && words.first().is_some_and(|w| w == "the")
                        && words.len() <= 3
                    {
                        self.most_recent(span.start, &[EntityKind::Organization], None, None)
                    } else {
                        None
                    }
                });
        }
        None
    }

    /// The entity of the most recent mention before `pos` whose kind is in `kinds`
    /// (and, with `head`, that the text describes with that word).
    fn most_recent(
        &self,
        pos: usize,
        kinds: &[EntityKind],
        head: Option<&str>,
        gender: Option<Gender>,
    ) -> Option<String> {
        let upto = self.mentions.partition_point(|(m, _)| m.start < pos);
        // the most recent few hundred mentions are enough, and keep the work bounded
        for (m, ei) in self.mentions[..upto]
            .iter()
            .rev()
            .take(400)
            .filter(|(m, _)| m.end <= pos)
        {
            let e = &self.article.entities[*ei];
            if !kinds.contains(&e.kind) {
                continue;
            }
            if gender.is_some() && e.gender.is_some() && e.gender != gender {
                continue;
            }
            if let Some(h) = head {
                let described =
                    e.descriptors.iter().any(|d| has_word(d, h)) || has_word(&e.name, h) || {
                        let b = self.ix.byte_of(m.start.saturating_sub(40));
                        let a = self.ix.byte_of(m.end + 25);
                        self.article.text.get(b..a).is_some_and(|w| has_word(w, h))
                    };
                if !described {
                    continue;
                }
            }
            return Some(e.id.clone());
        }
        None
    }
}

fn has_word(hay: &str, w: &str) -> bool {
    hay.split(|c: char| !c.is_alphanumeric())
        .any(|x| x.eq_ignore_ascii_case(w) || x.to_lowercase() == w)
}
