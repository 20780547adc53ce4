//! Descriptors of names: the titles before a person's name ("former U.S. President"),
//! appositives after a name (", the head of the agency,") and the premodifiers of a
//! descriptor noun ("the conservative … newspaper").

use super::context::{has, is_alpha_lower, is_possessive, Ctx};
use super::{Mention, Origin};
use crate::lexicon::GazKind;
use newsgraph_model::EntityKind;

/// Step 5: Descriptors of person and organisation names: titles before, appositives after.
pub(super) fn attach(cx: &Ctx, ms: &mut [Mention]) {
    for m in ms.iter_mut().filter(|m| {
        m.origin == Origin::Name && matches!(m.kind, EntityKind::Person | EntityKind::Organization)
    }) {
        if m.kind == EntityKind::Person {
            if let Some(d) = pre_title(cx, m.s) {
                m.descriptors.push(d);
            }
        }
        if let Some(d) = appositive(cx, m.e) {
            m.descriptors.push(d);
        }
    }
}

/// The title/role words right before a person's name ("former U.S. President",
/// "Iranian foreign ministry spokesperson").
pub(super) fn pre_title(cx: &Ctx, s: usize) -> Option<String> {
    let ss = *cx.sent_start.get(s)?;
    let mut a = s;
    let mut titled = false;
    while a > ss && s - a < 6 {
        let w = cx.words[a - 1];
        let o = &cx.obs[a - 1];
        let lw = w.to_lowercase();
        if cx.lex.is_scan_stop(&lw) && !has(o, GazKind::Title) {
            break;
        }
        // A lowercase word joins a lowercase compound ("foreign ministry spokesperson");
        // before a capitalised title only a title premodifier does ("former President",
        // not "kind Mayor" or "accuse Mr").
        let lower_ok = is_alpha_lower(w)
            && (a < s && is_alpha_lower(cx.words[a]) || cx.lex.is_title_premodifier(w));
        let ok = has(o, GazKind::Title)
            || has(o, GazKind::Role)
            || has(o, GazKind::Party)
            || has(o, GazKind::Country)
            || has(o, GazKind::Demonym)
            || lower_ok;
        if !ok {
            break;
        }
        if a == s && (has(o, GazKind::Title) || has(o, GazKind::Role)) {
            titled = true;
        }
        if a == s && !titled {
            break;
        }
        a -= 1;
    }
    if !titled || a == s {
        return None;
    }
    // Honorifics ("Mr", "Mrs") say nothing a reader would file under the person.
    let mut end = s;
    while end > a && cx.lex.is_honorific(cx.words[end - 1]) {
        end -= 1;
    }
    while a < end && cx.lex.is_honorific(cx.words[a]) {
        a += 1;
    }
    if a >= end {
        return None;
    }
    Some(cx.text(a, end).to_string())
}

/// ", the X of Y," right after a name: an appositive with a role noun.
fn appositive(cx: &Ctx, e: usize) -> Option<String> {
    let mut j = e;
    if cx.words.get(j).is_some_and(|w| is_possessive(w)) {
        return None;
    }
    if cx.words.get(j) != Some(&",") {
        return None;
    }
    j += 1;
    let start = j;
    let mut has_role = false;
    while j < cx.words.len() && j - start < 10 {
        let w = cx.words[j];
        if matches!(
            w,
            "," | "." | ";" | ":" | "(" | ")" | "“" | "”" | "\"" | "—" | "–"
        ) {
            break;
        }
        if has(&cx.obs[j], GazKind::Role) || has(&cx.obs[j], GazKind::Title) {
            has_role = true;
        }
        j += 1;
    }
    let end_ok = cx
        .words
        .get(j)
        .is_none_or(|w| matches!(*w, "," | "." | ";" | ")" | "—" | "–"));
    if !has_role || !end_ok || j == start {
        return None;
    }
    let first = cx.words[start].to_lowercase();
    if !matches!(first.as_str(), "a" | "an" | "the") && !is_alpha_lower(cx.words[start]) {
        return None;
    }
    let s = if matches!(first.as_str(), "a" | "an" | "the") {
        start + 1
    } else {
        start
    };
    if s >= j {
        return None;
    }
    // Verbs would make it a clause, not an appositive.
    if (s..j).any(|t| {
        matches!(
            cx.words[t],
            "said" | "says" | "is" | "was" | "has" | "had" | "will" | "would"
        )
    }) {
        return None;
    }
    Some(cx.text(s, j).to_string())
}

/// "conservative … newspaper": lowercase modifiers between a determiner and the name,
/// joined to the descriptor noun after it.
pub(super) fn descriptor_with_premodifiers(
    cx: &Ctx,
    name_s: usize,
    desc_s: usize,
    desc_e: usize,
) -> String {
    let noun = cx.text(desc_s, desc_e).to_string();
    let mut a = name_s;
    while a > 0
        && name_s - a < 3
        && is_alpha_lower(cx.words[a - 1])
        && !cx.lex.is_scan_stop(cx.words[a - 1])
    {
        a -= 1;
    }
    if a < name_s && a > 0 && matches!(cx.words[a - 1], "the" | "The" | "a" | "A") {
        format!("{} {}", cx.text(a, name_s), noun)
    } else {
        noun
    }
}
