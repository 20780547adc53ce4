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
//! - A full name that no spelling finds may still join a *compatible* fuller name (one
//!   more middle name or initial: "George Bush" ~ "George W Bush", found through the
//!   surname alias), but only when the contexts agree (some stored article of it names
//!   one of this article's other entities).
//! - A bare one-word entity created while its full names were undecided ("Bush" when
//!   George W Bush had two articles) is folded into the full name once that one becomes
//!   the clear owner of the word by the commonness rule ([`folds_into`]): a recorded
//!   merge, so its old ref resolves and later bare spellings follow it.

/// One candidate, with what the backends read for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub key: String,
    /// Its display name now.
    pub name: String,
    /// Found because its key is one of the entity's spellings (not through its aliases).
    pub by_spelling: bool,
    /// Found only because its name is a compatible fuller name (same surname, one more
    /// middle name or initial): a candidate only when the context agrees.
    pub by_compat: bool,
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

/// The word whose aliases hold the compatible fuller names of a multi-word name (its
/// last word, the surname); `None` for a one-word name.
pub(crate) fn compat_probe(name: &str) -> Option<&str> {
    name.contains(' ')
        .then(|| name.rsplit(' ').next())
        .flatten()
}

/// Whether an entity named `theirs` is a compatible fuller name for `name` (both
/// normalised): more words than `name`, and `name`'s words all in it.
pub(crate) fn is_fuller(name: &str, theirs: &str) -> bool {
    theirs.split(' ').count() > name.split(' ').count() && compatible(name, theirs)
}

/// Whether the bare one-word entity `bare_key` (display name `bare_name`) folds into
/// the full-name entity `key` that just wrote its word. `rows` are the entities with the
/// word as a spelling (key, articles that wrote it for them, display name). The word must
/// still be the bare entity's name (no full name claimed it), and `key` its clear owner:
/// every other full name wrote it in at most a third as many articles, by the same
/// commonness rule that would have joined the bare word to `key` on arrival.
pub(crate) fn folds_into(
    bare_key: &str,
    bare_name: &str,
    key: &str,
    rows: &[(String, u64, String)],
) -> bool {
    let count = rows.iter().find(|r| r.0 == key).map_or(0, |r| r.1);
    let others = rows
        .iter()
        .filter(|r| r.0 != key && r.0 != bare_key && r.2.trim().contains(' '))
        .map(|r| r.1)
        .max()
        .unwrap_or(0);
    !bare_key.contains('~')
        && !crate::normalise_name(bare_name).contains(' ')
        && count >= MIN_COMMONNESS
        && count >= COMMONNESS_RATIO * others
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

/// Whether the context must be read: several candidates, or one found only by
/// compatibility.
pub(crate) fn needs_context(cands: &[Candidate]) -> bool {
    cands.len() > 1 || cands.iter().any(|c| c.by_compat)
}

/// The index of the candidate to join, or `None` for a new entity.
pub(crate) fn choose(cands: &[Candidate]) -> Option<usize> {
    // Compatible fuller names without context agreement are no candidates.
    let kept: Vec<usize> = (0..cands.len())
        .filter(|&i| !cands[i].by_compat || cands[i].context > 0)
        .collect();
    if kept.len() < cands.len() {
        let sub: Vec<Candidate> = kept.iter().map(|&i| cands[i].clone()).collect();
        return choose(&sub).map(|j| kept[j]);
    }
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
            by_compat: false,
            commonness,
            context,
        }
    }

    #[test]
    fn a_compatible_fuller_name_needs_the_context() {
        assert!(is_fuller("george bush", "george w bush"));
        assert!(!is_fuller("george w bush", "george bush"));
        assert!(!is_fuller("laura bush", "george w bush"));
        assert_eq!(compat_probe("george bush"), Some("bush"));
        assert_eq!(compat_probe("bush"), None);
        let w = Candidate {
            by_compat: true,
            ..cand("person:george w bush", "George W Bush", false, 0, 0)
        };
        assert_eq!(choose(std::slice::from_ref(&w)), None);
        let agreeing = Candidate {
            context: 3,
            ..w.clone()
        };
        assert_eq!(choose(std::slice::from_ref(&agreeing)), Some(0));
        // A spelling candidate stays ahead of a compatible one without context.
        let own = cand("person:bush", "Bush", true, 0, 0);
        assert_eq!(choose(&[w, own.clone()]), Some(1));
        assert_eq!(choose(&[own, agreeing]), Some(1));
    }

    #[test]
    fn a_bare_word_folds_into_its_clear_owner_only() {
        let rows = |w: u64, laura: u64| {
            vec![
                (
                    "person:george w bush".to_string(),
                    w,
                    "George W Bush".to_string(),
                ),
                ("person:bush".to_string(), 40, "Bush".to_string()),
                (
                    "person:laura bush".to_string(),
                    laura,
                    "Laura Bush".to_string(),
                ),
            ]
        };
        let gwb = "person:george w bush";
        // The bare entity's own count is no rival.
        assert!(folds_into("person:bush", "Bush", gwb, &rows(27, 5)));
        assert!(!folds_into("person:bush", "Bush", gwb, &rows(27, 10)));
        assert!(!folds_into("person:bush", "Bush", gwb, &rows(2, 0)));
        // Already named by a full name, or split off by a user: not bare.
        assert!(!folds_into("person:bush", "Craig Bush", gwb, &rows(30, 0)));
        assert!(!folds_into("person:bush~a1", "Bush", gwb, &rows(30, 0)));
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
