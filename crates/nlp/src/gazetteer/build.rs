//! Building the model gazetteer from the open lexicons in `../shared/data/lexicons/`
//! (each folder's `SOURCE.md` gives its origin and licence; the model records which were
//! read and how many phrases each gave):
//!
//! | folder | kinds | licence |
//! |---|---|---|
//! | `sp500-companies`, `us-listed-companies` | company names (with and without legal form), their first word, tickers | ODC-PDDL / PDDL |
//! | `news-publishers-fundus` | news outlets | MIT |
//! | `partyfacts-parties` | political parties (English and native names, without "Party", singular) | MIT |
//! | `cleanco-legal-forms` | legal-form suffixes (`inc`, `gmbh`, `s.p.a.`) | MIT |
//! | `us-census-1990-names` | given names by gender (the more frequent one), top surnames | public domain |
//!
//! Missing folders are skipped (and say so in the provenance).

use super::{lower, Gazetteer};
use crate::lexicon::GazKind;
use crate::Lexicons;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Surnames kept from the census list (most frequent first).
pub const TOP_SURNAMES: usize = 20_000;

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("reading {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

fn read(path: &Path) -> Result<Option<String>, GazetteerError> {
    match std::fs::read(path) {
        Ok(b) => {
            let b = if path.extension().is_some_and(|e| e == "gz") {
                let mut out = Vec::new();
                use std::io::Read;
                flate2::read::GzDecoder::new(&b[..])
                    .read_to_end(&mut out)
                    .map_err(|source| GazetteerError::Io {
                        path: path.display().to_string(),
                        source,
                    })?;
                out
            } else {
                b
            };
            Ok(Some(String::from_utf8_lossy(&b).into_owned()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(GazetteerError::Io {
            path: path.display().to_string(),
            source,
        }),
    }
}

/// Rows of a TSV with a header: column name → value.
fn rows(src: &str) -> Vec<HashMap<&str, &str>> {
    let mut lines = src.lines();
    let Some(head) = lines.next() else {
        return Vec::new();
    };
    let cols: Vec<&str> = head.split('\t').collect();
    lines
        .map(|l| {
            cols.iter()
                .copied()
                .zip(l.split('\t').map(str::trim))
                .collect()
        })
        .collect()
}

fn tokens(phrase: &str) -> Vec<String> {
    let lex = Lexicons::get();
    crate::tokenize(phrase, lex)
        .into_iter()
        .filter_map(|r| phrase.get(r).map(lower))
        .collect()
}

struct Acc {
    g: Gazetteer,
    counts: Vec<(String, usize)>,
}

impl Acc {
    fn add(&mut self, phrase: &str, k: GazKind) -> bool {
        let t = tokens(phrase);
        let letters: usize = t
            .iter()
            .map(|w| w.chars().filter(|c| c.is_alphanumeric()).count())
            .sum();
        // One-letter phrases ("I", "A") would match everywhere.
        if t.is_empty() || letters < 2 {
            return false;
        }
        self.g.insert(&t, k);
        true
    }
    fn note(&mut self, what: String, n: usize) {
        self.counts.push((what, n));
    }
}

/// Company name variants: the name without "(The)"/leading "The", then with trailing
/// legal forms and generic words ("Company", "Holdings") stripped one by one.
fn company_variants(name: &str, legal: &HashSet<String>) -> Vec<String> {
    let mut n = name.replace("(The)", "");
    n = n.trim().trim_end_matches([',', '.']).trim().to_string();
    if let Some(r) = n.strip_prefix("The ") {
        n = r.to_string();
    }
    let mut out = vec![n.clone()];
    let mut words: Vec<&str> = n.split_whitespace().collect();
    while words.len() > 1 {
        let last = words[words.len() - 1]
            .trim_matches(|c: char| c == ',' || c == '.' || c == '(' || c == ')')
            .to_lowercase();
        let last_nodots = last.replace('.', "");
        if legal.contains(&last) || legal.contains(&last_nodots) || last == "&" || last == "and" {
            words.pop();
            let v = words
                .join(" ")
                .trim_end_matches([',', '&'])
                .trim()
                .to_string();
            if !v.is_empty() && !out.contains(&v) {
                out.push(v);
            }
        } else {
            break;
        }
    }
    out
}

/// Builds the gazetteer from a `lexicons` folder.
pub fn build(dir: &Path) -> Result<Gazetteer, GazetteerError> {
    let mut acc = Acc {
        g: Gazetteer::default(),
        counts: Vec::new(),
    };
    // Legal forms first: they also strip company names ("Ford Motor Company" → "Ford Motor").
    let mut legal: HashSet<String> = HashSet::new();
    let p = dir.join("cleanco-legal-forms/legal_forms.tsv");
    match read(&p)? {
        Some(src) => {
            let mut n = 0;
            for r in rows(&src) {
                let Some(t) = r.get("term").filter(|t| !t.is_empty()) else {
                    continue;
                };
                legal.insert(t.to_lowercase());
                n += acc.add(t, GazKind::LegalForm) as usize;
            }
            acc.note(format!("{} (MIT): {n} legal forms", p.display()), n);
        }
        None => acc.note(format!("{}: absent", p.display()), 0),
    }
    for (file, col, licence) in [
        ("sp500-companies/constituents.tsv", "name", "ODC-PDDL 1.0"),
        ("us-listed-companies/companies.tsv", "name", "PDDL"),
    ] {
        let p = dir.join(file);
        let Some(src) = read(&p)? else {
            acc.note(format!("{}: absent", p.display()), 0);
            continue;
        };
        let (mut n, mut tick) = (0, 0);
        for r in rows(&src) {
            let Some(name) = r.get(col).filter(|t| !t.is_empty()) else {
                continue;
            };
            let vs = company_variants(name, &legal);
            for v in &vs {
                n += acc.add(v, GazKind::Company) as usize;
            }
            if let Some(short) = vs.last() {
                let first = short.split_whitespace().next().unwrap_or("");
                if short.split_whitespace().count() > 1 && first.chars().count() >= 3 {
                    acc.add(first, GazKind::CompanyHead);
                }
            }
            if let Some(sym) = r.get("symbol") {
                if sym.len() >= 2 && sym.chars().all(|c| c.is_ascii_uppercase()) {
                    tick += acc.add(sym, GazKind::Ticker) as usize;
                }
            }
        }
        acc.note(
            format!(
                "{} ({licence}): {n} company names, {tick} tickers",
                p.display()
            ),
            n,
        );
    }
    let p = dir.join("news-publishers-fundus/publishers.tsv");
    match read(&p)? {
        Some(src) => {
            let mut n = 0;
            for r in rows(&src) {
                if let Some(name) = r.get("name").filter(|t| !t.is_empty()) {
                    n += acc.add(name, GazKind::Publisher) as usize;
                    if let Some(rest) = name.strip_prefix("The ") {
                        acc.add(rest, GazKind::Publisher);
                    }
                }
            }
            acc.note(format!("{} (MIT): {n} news outlets", p.display()), n);
        }
        None => acc.note(format!("{}: absent", p.display()), 0),
    }
    let p = dir.join("partyfacts-parties/parties.tsv");
    match read(&p)? {
        Some(src) => {
            let mut n = 0;
            for r in rows(&src) {
                let mut names: Vec<String> = Vec::new();
                for col in ["name_english", "name_native"] {
                    if let Some(v) = r.get(col) {
                        names.extend(
                            v.split(" / ")
                                .map(|s| s.split('[').next().unwrap_or("").trim().to_string())
                                .filter(|s| s.chars().any(char::is_uppercase)),
                        );
                    }
                }
                if let Some(s) = r.get("name_short") {
                    if s.chars().count() >= 3 && s.chars().all(|c| c.is_uppercase()) {
                        names.push(s.to_string());
                    }
                }
                for name in names {
                    n += acc.add(&name, GazKind::Party) as usize;
                    if let Some(core) = name.strip_suffix(" Party").filter(|c| !c.is_empty()) {
                        acc.add(core, GazKind::Party);
                    }
                    if let Some(sing) = name.strip_suffix('s').filter(|c| c.len() > 3) {
                        acc.add(sing, GazKind::Party);
                    }
                }
            }
            acc.note(format!("{} (MIT): {n} party names", p.display()), n);
        }
        None => acc.note(format!("{}: absent", p.display()), 0),
    }
    // Given names: the gender with the larger frequency.
    let census = dir.join("us-census-1990-names");
    let mut freq: HashMap<String, (f64, f64)> = HashMap::new();
    for (file, female) in [("male_first.tsv", false), ("female_first.tsv", true)] {
        let p = census.join(file);
        let Some(src) = read(&p)? else {
            acc.note(format!("{}: absent", p.display()), 0);
            continue;
        };
        for r in rows(&src) {
            let (Some(name), Some(f)) = (r.get("name"), r.get("freq_percent")) else {
                continue;
            };
            let f: f64 = f.parse().unwrap_or(0.0);
            let e = freq.entry(name.to_lowercase()).or_default();
            if female {
                e.1 += f;
            } else {
                e.0 += f;
            }
        }
    }
    let (mut males, mut females) = (0, 0);
    let mut names: Vec<(&String, &(f64, f64))> = freq.iter().collect();
    names.sort_by(|a, b| a.0.cmp(b.0));
    for (name, (m, f)) in names {
        if m >= f {
            males += acc.add(name, GazKind::GivenMale) as usize;
        } else {
            females += acc.add(name, GazKind::GivenFemale) as usize;
        }
    }
    acc.note(
        format!(
            "{} (public domain): {males} male, {females} female given names",
            census.display()
        ),
        males + females,
    );
    let p = census.join("last.tsv.gz");
    if let Some(src) = read(&p)? {
        let mut n = 0;
        for r in rows(&src).into_iter().take(TOP_SURNAMES) {
            if let Some(name) = r.get("name") {
                n += acc.add(&name.to_lowercase(), GazKind::Surname) as usize;
            }
        }
        acc.note(
            format!("{} (public domain): top {n} surnames", p.display()),
            n,
        );
    }
    let mut g = acc.g;
    g.provenance = acc
        .counts
        .iter()
        .map(|(w, _)| w.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_names_lose_legal_forms_one_by_one() {
        let legal: HashSet<String> = ["company", "inc", "corporation", "nv", "n.v."]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            company_variants("Ford Motor Company", &legal),
            vec!["Ford Motor Company", "Ford Motor"]
        );
        assert_eq!(
            company_variants("Boeing Company (The)", &legal),
            vec!["Boeing Company", "Boeing"]
        );
        assert_eq!(
            company_variants("Stellantis N.V.", &legal),
            vec!["Stellantis N.V", "Stellantis"]
        );
        assert_eq!(company_variants("Apple", &legal), vec!["Apple"]);
    }

    #[test]
    fn builds_from_a_lexicon_folder() {
        let dir = std::env::temp_dir().join(format!("ng-gaz-{}", std::process::id()));
        let w = |p: &str, s: &str| {
            let f = dir.join(p);
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, s).unwrap();
        };
        w(
            "cleanco-legal-forms/legal_forms.tsv",
            "term\tkind\tvalue\ncompany\ttype\tCorporation\n",
        );
        w(
            "us-listed-companies/companies.tsv",
            "symbol\tname\tlisted_name\texchange\nGM\tGeneral Motors Company\tx\tNYSE\n",
        );
        w(
            "partyfacts-parties/parties.tsv",
            "country_iso3\tname_short\tname_english\tname_native\nGBR\tLab\tLabour Party\tLabour Party\n",
        );
        w(
            "us-census-1990-names/female_first.tsv",
            "name\tfreq_percent\nMARY\t2.6\nJAMES\t0.01\n",
        );
        w(
            "us-census-1990-names/male_first.tsv",
            "name\tfreq_percent\nJAMES\t3.3\n",
        );
        let g = build(&dir).unwrap();
        assert!(g.has("General Motors", GazKind::Company));
        assert!(g.has("General Motors Company", GazKind::Company));
        assert!(g.has("General", GazKind::CompanyHead));
        assert!(g.has("GM", GazKind::Ticker));
        assert!(g.has("Labour", GazKind::Party));
        assert!(!g.has("Lab", GazKind::Party));
        assert!(g.has("Mary", GazKind::GivenFemale));
        assert!(g.has("James", GazKind::GivenMale) && !g.has("James", GazKind::GivenFemale));
        assert!(g.provenance.contains("absent"), "{}", g.provenance);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
