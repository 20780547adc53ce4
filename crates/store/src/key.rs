//! Store-wide entity keys: `kind:normalised name`.

use newsgraph_model::EntityKind;

/// Normalises a name for linking: lowercase, possessive `'s` dropped, punctuation
/// other than inner hyphens and apostrophes dropped, whitespace collapsed.
/// `"Donald  Trump's"` → `"donald trump"`, `"U.S."` → `"us"`.
pub fn normalise_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        let w = word.trim_end_matches(['’', '\'']);
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .or_else(|| w.strip_suffix("'S"))
            .unwrap_or(w);
        let mut cleaned = String::with_capacity(w.len());
        for c in w.chars() {
            if c.is_alphanumeric() {
                cleaned.extend(c.to_lowercase());
            } else if (c == '-' || c == '\'' || c == '’') && !cleaned.is_empty() {
                cleaned.push(if c == '’' { '\'' } else { c });
            }
        }
        let cleaned = cleaned.trim_end_matches(['-', '\'']);
        if cleaned.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(cleaned);
    }
    out
}

pub(crate) fn kind_str(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
        EntityKind::Group => "group",
        EntityKind::Other => "other",
    }
}

pub(crate) fn parse_kind(s: &str) -> Option<EntityKind> {
    Some(match s {
        "person" => EntityKind::Person,
        "organization" => EntityKind::Organization,
        "place" => EntityKind::Place,
        "group" => EntityKind::Group,
        "other" => EntityKind::Other,
        _ => return None,
    })
}

/// The store-wide key of an entity: `person:donald trump`. Empty normalised names give
/// `None` (nothing to link on).
pub fn entity_key(kind: EntityKind, name: &str) -> Option<String> {
    let n = normalise_name(name);
    if n.is_empty() {
        None
    } else {
        Some(format!("{}:{n}", kind_str(kind)))
    }
}

/// Splits a key into its kind and normalised name.
pub fn parse_entity_key(key: &str) -> Option<(EntityKind, &str)> {
    let (k, n) = key.split_once(':')?;
    Some((parse_kind(k)?, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_for_linking() {
        assert_eq!(normalise_name("Donald  Trump's"), "donald trump");
        assert_eq!(normalise_name("Trump’s"), "trump");
        assert_eq!(normalise_name("U.S."), "us");
        assert_eq!(normalise_name("Jean-Luc O'Brien"), "jean-luc o'brien");
        assert_eq!(normalise_name(" ... "), "");
        assert_eq!(
            entity_key(EntityKind::Person, "Esmaeil Baqaei").as_deref(),
            Some("person:esmaeil baqaei")
        );
        assert_eq!(entity_key(EntityKind::Place, "--"), None);
        assert_eq!(
            parse_entity_key("place:new york"),
            Some((EntityKind::Place, "new york"))
        );
        assert_eq!(parse_entity_key("nokind"), None);
    }
}
