//! Kind agreement across articles: one name, one kind, when the articles agree.
//!
//! The tagger types a name per article, and a name typed two ways gets two registry
//! entities (`person:yukos` beside `organization:yukos`): every article of the minority
//! reading is then filed under a second, wrong record. Both backends ask [`kind_folds`]
//! at the end of an article's write which of the same-name entities of the article's
//! names (their keys under the other kinds, [`twin_keys`]) should fold into which: the
//! minority kind into the majority once the majority is clear (at least
//! [`MIN_ARTICLES`] articles and [`RATIO`] times the minority's). The fold is a recorded
//! merge (as the bare-surname fold), so the minority key resolves to the majority entity
//! and later articles that type the name the minority way follow it. A close split
//! ("Chelsea" the club 25 articles, the place 37) stays two entities: the evidence does
//! not say one kind.

/// The kinds a name is typed between (groups and other kinds keep their own records).
const KINDS: [&str; 3] = ["person", "organization", "place"];

/// The majority kind needs at least this many articles...
pub(crate) const MIN_ARTICLES: u64 = 3;
/// ...and this many times the articles of the kind it absorbs.
pub(crate) const RATIO: u64 = 3;

/// The keys of the same name under the other kinds: `organization:yukos` and
/// `place:yukos` for `person:yukos`. None for a key of another kind or shape.
pub(crate) fn twin_keys(key: &str) -> Vec<String> {
    let Some((kind, name)) = key.split_once(':') else {
        return Vec::new();
    };
    if !KINDS.contains(&kind) || name.is_empty() {
        return Vec::new();
    }
    KINDS
        .iter()
        .filter(|k| **k != kind)
        .map(|k| format!("{k}:{name}"))
        .collect()
}

/// The keys whose counts decide the folds for an article's linked `keys`: each key of a
/// typed kind with its twins (empty when none has a kind of [`twin_keys`]).
pub(crate) fn probe_keys(keys: &[String]) -> Vec<String> {
    let mut probe = Vec::new();
    for k in keys {
        let twins = twin_keys(k);
        if !twins.is_empty() {
            probe.push(k.clone());
            probe.extend(twins);
        }
    }
    probe
}

/// Given stored entities as `(key, articles)` (keys of [`twin_keys`] shape, any names),
/// the folds `(from, into)` the kind majority asks for: within each name, every kind
/// with at most 1/[`RATIO`] of the majority's articles folds into the majority, when
/// that has at least [`MIN_ARTICLES`]. A tie for the majority folds nothing.
pub(crate) fn kind_folds(entities: &[(String, u64)]) -> Vec<(String, String)> {
    let name_of = |k: &str| k.split_once(':').map(|(_, n)| n.to_string());
    let mut names: Vec<String> = entities.iter().filter_map(|(k, _)| name_of(k)).collect();
    names.sort();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        let mut same: Vec<&(String, u64)> = entities
            .iter()
            .filter(|(k, _)| name_of(k).as_deref() == Some(name.as_str()))
            .filter(|(k, _)| {
                k.split_once(':')
                    .is_some_and(|(kind, _)| KINDS.contains(&kind))
            })
            .collect();
        same.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        same.dedup_by(|a, b| a.0 == b.0);
        let Some((top, n)) = same.first().map(|(k, n)| (k.clone(), *n)) else {
            continue;
        };
        if n < MIN_ARTICLES || same.get(1).is_some_and(|s| s.1 == n) {
            continue;
        }
        for (k, m) in &same[1..] {
            if m.saturating_mul(RATIO) <= n {
                out.push((k.clone(), top.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(r: &[(&str, u64)]) -> Vec<(String, u64)> {
        r.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    }

    #[test]
    fn twins_are_the_other_kinds_of_the_name() {
        assert_eq!(
            twin_keys("person:yukos"),
            vec!["organization:yukos", "place:yukos"]
        );
        assert!(twin_keys("group:muslims").is_empty());
        assert!(twin_keys("nokind").is_empty());
    }

    #[test]
    fn a_clear_majority_absorbs_the_other_kinds_and_a_close_split_stays() {
        let f = kind_folds(&rows(&[
            ("person:yukos", 10),
            ("organization:yukos", 31),
            ("place:london", 248),
            ("organization:london", 2),
            ("organization:chelsea", 25),
            ("place:chelsea", 37),
        ]));
        assert_eq!(
            f,
            vec![
                (
                    "organization:london".to_string(),
                    "place:london".to_string()
                ),
                ("person:yukos".to_string(), "organization:yukos".to_string()),
            ]
        );
        // Just under the ratio, a tie, or too few articles: nothing.
        assert!(kind_folds(&rows(&[("person:yukos", 11), ("organization:yukos", 32)])).is_empty());
        assert!(kind_folds(&rows(&[
            ("person:x", 4),
            ("place:x", 4),
            ("organization:x", 1)
        ]))
        .is_empty());
        assert!(kind_folds(&rows(&[("person:x", 2), ("place:x", 0)])).is_empty());
    }
}
