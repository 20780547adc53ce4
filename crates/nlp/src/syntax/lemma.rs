//! The lemmatiser: edit scripts learned from the treebanks.
//!
//! A script says how a form becomes its lemma: optionally lowercase it, strip `n` chars
//! from the end, append a string (`studies` → strip 3, append `y`). For each UPOS and
//! each word ending (up to [`MAX_SUFFIX`] chars, down to the empty ending) the most
//! frequent script is kept; a word takes the script of its longest known ending. Forms
//! whose training lemma the scripts get wrong (`went` → `go`, `was` → `be`) are stored
//! as exceptions, looked up first.

use std::collections::HashMap;

pub const MAX_SUFFIX: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Script {
    pub lower: bool,
    pub strip: u8,
    pub append: String,
}

impl Script {
    /// The shortest script turning `form` into `lemma` (`None` when it needs > 255 strips).
    pub fn between(form: &str, lemma: &str) -> Option<Script> {
        let mut best: Option<(usize, Script)> = None;
        for lower in [false, true] {
            let base: Vec<char> = if lower {
                form.chars().flat_map(char::to_lowercase).collect()
            } else {
                form.chars().collect()
            };
            let l: Vec<char> = lemma.chars().collect();
            let p = base.iter().zip(&l).take_while(|(a, b)| a == b).count();
            let strip = base.len() - p;
            let append: String = l[p..].iter().collect();
            let cost = strip + append.chars().count();
            if strip <= 255 && best.as_ref().is_none_or(|(c, _)| cost < *c) {
                best = Some((
                    cost,
                    Script {
                        lower,
                        strip: strip as u8,
                        append,
                    },
                ));
            }
        }
        best.map(|(_, s)| s)
    }

    pub fn apply(&self, form: &str) -> String {
        let base: Vec<char> = if self.lower {
            form.chars().flat_map(char::to_lowercase).collect()
        } else {
            form.chars().collect()
        };
        if self.strip as usize > base.len() {
            return form.to_string();
        }
        let mut out: String = base[..base.len() - self.strip as usize].iter().collect();
        out.push_str(&self.append);
        if out.is_empty() {
            form.to_string()
        } else {
            out
        }
    }
}

fn ending(form: &str, k: usize) -> Option<String> {
    let lower: Vec<char> = form.chars().flat_map(char::to_lowercase).collect();
    (lower.len() >= k).then(|| lower[lower.len() - k..].iter().collect())
}

#[derive(Debug, Clone, Default)]
pub struct Lemmatiser {
    /// (UPOS index, ending) → script.
    rules: HashMap<(u8, String), Script>,
    /// (form, UPOS index) → lemma, where the rules are wrong.
    exceptions: HashMap<(String, u8), String>,
}

impl Lemmatiser {
    /// Learns from (form, UPOS index, lemma) triples.
    pub fn learn<'a>(pairs: impl Iterator<Item = (&'a str, usize, &'a str)> + Clone) -> Self {
        let mut counts: HashMap<(u8, String), HashMap<Script, u32>> = HashMap::new();
        let mut form_lemmas: HashMap<(String, u8), HashMap<String, u32>> = HashMap::new();
        for (form, tag, lemma) in pairs {
            if lemma == "_" || form.is_empty() {
                continue;
            }
            let Some(script) = Script::between(form, lemma) else {
                continue;
            };
            for k in 0..=MAX_SUFFIX {
                if let Some(e) = ending(form, k) {
                    *counts
                        .entry((tag as u8, e))
                        .or_default()
                        .entry(script.clone())
                        .or_default() += 1;
                }
            }
            *form_lemmas
                .entry((form.to_string(), tag as u8))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
        }
        let rules = counts
            .into_iter()
            .filter_map(|(k, m)| {
                m.into_iter()
                    // Ties broken on the whole script, so a retrain writes the same rules
                    // whatever the map's order (with `strip` and `lower` left to it, two
                    // runs of the same training wrote lemma sections 228 bytes apart).
                    .max_by(|a, b| {
                        a.1.cmp(&b.1)
                            .then_with(|| b.0.append.cmp(&a.0.append))
                            .then_with(|| b.0.strip.cmp(&a.0.strip))
                            .then_with(|| b.0.lower.cmp(&a.0.lower))
                    })
                    .map(|(s, _)| (k, s))
            })
            .collect();
        let mut lem = Lemmatiser {
            rules,
            exceptions: HashMap::new(),
        };
        let mut exceptions = HashMap::new();
        for ((form, tag), m) in form_lemmas {
            let Some((best, _)) = m
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            else {
                continue;
            };
            if lem.by_rule(&form, tag as usize) != best {
                exceptions.insert((form, tag), best);
            }
        }
        lem.exceptions = exceptions;
        lem
    }

    fn by_rule(&self, form: &str, tag: usize) -> String {
        for k in (0..=MAX_SUFFIX).rev() {
            if let Some(e) = ending(form, k) {
                if let Some(s) = self.rules.get(&(tag as u8, e)) {
                    return s.apply(form);
                }
            }
        }
        form.to_string()
    }

    /// The lemma of `form` tagged `tag` (a UPOS index).
    pub fn lemma(&self, form: &str, tag: usize) -> String {
        if let Some(l) = self.exceptions.get(&(form.to_string(), tag as u8)) {
            return l.clone();
        }
        self.by_rule(form, tag)
    }

    /// Serialises as lines: `R\ttag\tending\tlower\tstrip\tappend` and `E\ttag\tform\tlemma`.
    pub fn write(&self, out: &mut String) {
        let mut lines: Vec<String> = self
            .rules
            .iter()
            .map(|((t, e), s)| format!("R\t{t}\t{e}\t{}\t{}\t{}", s.lower as u8, s.strip, s.append))
            .chain(
                self.exceptions
                    .iter()
                    .map(|((f, t), l)| format!("E\t{t}\t{f}\t{l}")),
            )
            .filter(|l| !l.contains('\n'))
            .collect();
        lines.sort();
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }

    /// Reads what [`write`](Self::write) wrote; `None` on a malformed line.
    pub fn read(src: &str) -> Option<Self> {
        let mut lem = Lemmatiser::default();
        for line in src.lines() {
            let c: Vec<&str> = line.split('\t').collect();
            match c.as_slice() {
                ["R", t, e, lower, strip, append] => {
                    lem.rules.insert(
                        (t.parse().ok()?, e.to_string()),
                        Script {
                            lower: *lower == "1",
                            strip: strip.parse().ok()?,
                            append: append.to_string(),
                        },
                    );
                }
                ["E", t, f, l] => {
                    lem.exceptions
                        .insert((f.to_string(), t.parse().ok()?), l.to_string());
                }
                _ => return None,
            }
        }
        Some(lem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_generalise_to_unseen_words_and_exceptions_win() {
        let data = [
            ("studies", 7, "study"),
            ("flies", 7, "fly"),
            ("cats", 7, "cat"),
            ("dogs", 7, "dog"),
            ("went", 15, "go"),
            ("walked", 15, "walk"),
            ("talked", 15, "talk"),
            ("The", 5, "the"),
        ];
        let lem = Lemmatiser::learn(data.iter().copied());
        assert_eq!(lem.lemma("ladies", 7), "lady");
        assert_eq!(lem.lemma("birds", 7), "bird");
        assert_eq!(lem.lemma("jumped", 15), "jump");
        assert_eq!(lem.lemma("went", 15), "go");
        assert_eq!(lem.lemma("The", 5), "the");
        let mut s = String::new();
        lem.write(&mut s);
        let back = Lemmatiser::read(&s).unwrap();
        assert_eq!(back.lemma("ladies", 7), "lady");
        assert_eq!(back.lemma("went", 15), "go");
        assert!(Lemmatiser::read("R\tx\n").is_none());
    }
}
