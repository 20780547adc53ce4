//! The closed label sets: Universal POS tags and universal dependency relations
//! (UD v2; subtypes such as `nsubj:pass` are folded into their universal part, which is
//! what LAS scores).

pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

pub const DEPRELS: [&str; 37] = [
    "acl",
    "advcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "case",
    "cc",
    "ccomp",
    "clf",
    "compound",
    "conj",
    "cop",
    "csubj",
    "dep",
    "det",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nsubj",
    "nummod",
    "obj",
    "obl",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "root",
    "vocative",
    "xcomp",
];

/// Index of a UPOS tag (unknown tags are `X`).
pub fn upos_index(t: &str) -> usize {
    UPOS.iter().position(|u| *u == t).unwrap_or(UPOS.len() - 1)
}

/// Index of a relation's universal part (unknown relations are `dep`).
pub fn deprel_index(d: &str) -> usize {
    let base = d.split(':').next().unwrap_or(d);
    DEPRELS
        .iter()
        .position(|u| *u == base)
        .unwrap_or_else(|| DEPRELS.iter().position(|u| *u == "dep").unwrap_or(0))
}

pub const PUNCT: usize = 12;
pub const PROPN: usize = 11;
