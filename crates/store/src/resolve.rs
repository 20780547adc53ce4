//! Which registry entity an article entity joins when its own key is not stored: the
//! choice among the candidates both backends gather (entities whose key is one of its
//! spellings, entities that have its name as a spelling), computed once here.
//!
//! - A full name never joins a surname entity that another full name already claimed:
//!   "Wes Brown" does not join `person:brown` once it is "Craig Brown" (it would gather
//!   every Brown). A surname entity still named by the surname alone is joined and
//!   renamed ("Trump" → "Donald Trump").
//! - Between several candidates, the article's context decides first: the candidate
//!   that appears in more stored articles with this article's other entities.
//! - Without context, commonness does (the entity-linking prior "how often does this
//!   spelling name that entity"): the candidate that many more articles wrote this name
//!   for ("Blair" for Tony Blair ×99, for Cherie Blair ×1). Otherwise a new entity, as
//!   before: a wrong join is worse than a split a merge can correct.

/// One candidate, with what the backends read for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub key: String,
    /// Its display name now.
    pub name: String,
    /// Found because its key is one of the entity's spellings (not through its aliases).
    pub by_spelling: bool,
    /// Articles that wrote the entity's name for it (its alias count of the name).
    pub commonness: u64,
    /// Of its latest `CONTEXT_ARTICLES` stored articles, those that name one of this
    /// article's other entities.
    pub context: u64,
}

/// The context of a candidate is read from its most recent this many articles: the
/// cost of a choice stays bounded however many articles an entity has.
pub(crate) const CONTEXT_ARTICLES: usize = 500;

/// Commonness must be at least this, and this many times the runner-up's, to decide.
const MIN_COMMONNESS: u64 = 3;
const COMMONNESS_RATIO: u64 = 3;

/// Whether two normalised names can name one person or thing: the words of the shorter
/// all appear in the longer, an initial standing for a word with that letter
/// ("g brown" ~ "gordon brown", "trump" ~ "donald j trump"; not "wes brown" ~ "craig
/// brown").
pub(crate) fn compatible(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (short, long) = if wa.len() <= wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    let mut used = vec![false; long.len()];
    short.iter().all(|w| {
        let hit = long.iter().enumerate().position(|(i, l)| {
            !used[i]
                && (l == w
                    || (w.chars().count() == 1 && l.starts_with(*w))
                    || (l.chars().count() == 1 && w.starts_with(*l)))
        });
        match hit {
            Some(i) => {
                used[i] = true;
                true
            }
            None => false,
        }
    })
}

/// The candidates an entity named `name` (normalised) may join, before the context is
/// read: the surname entities other full names claimed are dropped.
pub(crate) fn admissible(name: &str, cands: Vec<Candidate>) -> Vec<Candidate> {
    let multi = name.contains(' ');
    cands
        .into_iter()
        .filter(|c| {
            let theirs = crate::normalise_name(&c.name);
            !(c.by_spelling && multi && theirs.contains(' ') && !compatible(name, &theirs))
        })
        .collect()
}

/// The index of the candidate to join, or `None` for a new entity.
pub(crate) fn choose(cands: &[Candidate]) -> Option<usize> {
    match cands.len() {
        0 => return None,
        1 => return Some(0),
        _ => {}
    }
    let best_by = |f: &dyn Fn(&Candidate) -> u64| {
        let mut order: Vec<usize> = (0..cands.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(f(&cands[i])));
        (order[0], f(&cands[order[0]]), f(&cands[order[1]]))
    };
    let (i, top, next) = best_by(&|c| c.context);
    if top > next {
        return Some(i);
    }
    let (i, top, next) = best_by(&|c| c.commonness);
    (top >= MIN_COMMONNESS && top >= COMMONNESS_RATIO * next).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(key: &str, name: &str, by_spelling: bool, commonness: u64, context: u64) -> Candidate {
        Candidate {
            key: key.into(),
            name: name.into(),
            by_spelling,
            commonness,
            context,
        }
    }

    #[test]
    fn names_are_compatible_when_one_contains_the_other() {
        assert!(compatible("trump", "donald trump"));
        assert!(compatible("donald j trump", "donald trump"));
        assert!(compatible("g brown", "gordon brown"));
        assert!(!compatible("wes brown", "craig brown"));
        assert!(!compatible("mark blair", "tony blair"));
    }

    #[test]
    fn a_surname_claimed_by_another_full_name_is_not_joined() {
        let claimed = vec![cand("person:brown", "Craig Brown", true, 0, 0)];
        assert!(admissible("wes brown", claimed).is_empty());
        let bare = vec![cand("person:brown", "Brown", true, 0, 0)];
        assert_eq!(admissible("gordon brown", bare).len(), 1);
        // Found through its aliases: the name was written for it, it stays a candidate.
        let alias = vec![cand("person:gordon brown", "Gordon Brown", false, 5, 0)];
        assert_eq!(admissible("brown", alias).len(), 1);
    }

    #[test]
    fn context_then_commonness_decide_or_nothing_does() {
        let tony = cand("person:tony blair", "Tony Blair", false, 99, 0);
        let cherie = cand("person:cherie blair", "Cherie Blair", false, 1, 0);
        assert_eq!(choose(&[cherie.clone(), tony.clone()]), Some(1));
        // Context outweighs commonness.
        let cherie_here = Candidate {
            context: 2,
            ..cherie.clone()
        };
        assert_eq!(choose(&[tony.clone(), cherie_here]), Some(1));
        // Neither decides: a new entity.
        let even = cand("person:ian blair", "Ian Blair", false, 60, 0);
        assert_eq!(choose(&[tony.clone(), even]), None);
        let rare = [
            cand("person:a", "A Blair", false, 2, 0),
            cand("person:b", "B Blair", false, 0, 0),
        ];
        assert_eq!(choose(&rare), None);
        assert_eq!(choose(&[tony]), Some(0));
        assert_eq!(choose(&[]), None);
    }
}
