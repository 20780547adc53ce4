//! ECB+ (`../shared/data/stories/ecbplus-dev`) as cross-document entity gold: the named
//! mentions of its HUMAN_* and LOC_* chains in the sentences whose annotation is complete
//! (`ECBplus_coreference_sentences.csv`).
//!
//! ECB+ annotates every mention (pronouns and descriptions too) without marking which are
//! names; a mention counts as a *name* here when, after leading determiners and a trailing
//! possessive, it is a run of capitalised words (inner connectors allowed) and, if it is a
//! lone sentence-initial word, that word is also capitalised somewhere mid-sentence in the
//! document (so "Police said" is not a name, "Lohan said" is). A mention's instance is the
//! `note` of the `CROSS_DOC_COREF` it is a source of, else its `INTRA_DOC_COREF` chain
//! (document-local), else itself.

use super::CrossDoc;
use newsgraph_model::{BlockKind, Span};
use newsgraph_nlp::corpus::cat::{self, CatError};
use newsgraph_nlp::corpus::{capitalised, files_under, is_det, Depth, TextBuilder};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Reads every document of the folder (`ECB+/<topic>/<doc>.xml[.gz]`).
pub fn read(dir: &Path) -> Result<Vec<CrossDoc>, String> {
    let sentences = complete_sentences(&dir.join("ECBplus_coreference_sentences.csv"))?;
    let mut files = Vec::new();
    for suffix in [".xml", ".xml.gz"] {
        files.extend(
            files_under(&dir.join("ECB+"), suffix, Depth::Recursive).map_err(|e| e.to_string())?,
        );
    }
    files.sort();
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let bytes = std::fs::read(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let bytes = newsgraph_read::format::decompress(bytes, 64 << 20)
            .map_err(|e| format!("{}: {e}", f.display()))?;
        let src = String::from_utf8_lossy(&bytes);
        let name = f
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = name
            .trim_end_matches(".gz")
            .trim_end_matches(".xml")
            .to_string();
        let keep = sentences.get(&id).cloned().unwrap_or_default();
        out.push(parse(&id, &src, &keep).map_err(|e| format!("{}: {e}", f.display()))?);
    }
    Ok(out)
}

/// Document id (`1_10ecbplus`) → sentence numbers with complete annotation.
fn complete_sentences(path: &Path) -> Result<HashMap<String, HashSet<u32>>, String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out: HashMap<String, HashSet<u32>> = HashMap::new();
    for line in src.lines().skip(1) {
        let mut it = line.split(',').map(str::trim);
        let (Some(topic), Some(file), Some(sent)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        if let Ok(n) = sent.parse() {
            out.entry(format!("{topic}_{file}")).or_default().insert(n);
        }
    }
    Ok(out)
}

fn is_chain_tag(tag: &str) -> bool {
    tag.starts_with("HUMAN") || tag.starts_with("LOC_")
}

/// Parses one document; `keep` are the sentences whose mentions are gold.
pub fn parse(id: &str, src: &str, keep: &HashSet<u32>) -> Result<CrossDoc, CatError> {
    let drop_url = id.ends_with("ecbplus");
    let doc = cat::parse(src)?;
    // (t_id, sentence, number, form)
    let toks: Vec<(String, u32, u32, String)> = doc
        .tokens
        .into_iter()
        .filter(|t| !t.t_id.is_empty() && !t.sentence.is_empty())
        .filter_map(|t| {
            let number = t.number?.parse().unwrap_or(0);
            Some((t.t_id, t.sentence.parse().unwrap_or(0), number, t.form))
        })
        .collect();
    // The chain mentions (instances are self-closing and carry `instance_id`).
    let mentions: Vec<(String, Vec<String>)> = doc
        .markables
        .into_iter()
        .filter(|m| is_chain_tag(&m.tag) && !m.empty && m.attr("instance_id").is_none())
        .filter_map(|m| Some((m.attr("m_id")?.to_string(), m.anchors)))
        .collect();
    let mut chain_of: HashMap<String, String> = HashMap::new();
    for r in doc.relations {
        let note = match r.tag.as_str() {
            "CROSS_DOC_COREF" => r.attr("note").map(str::to_string),
            "INTRA_DOC_COREF" => None,
            _ => continue,
        };
        let chain = note
            .filter(|n| n.starts_with("HUM") || n.starts_with("LOC"))
            .or_else(|| r.target.map(|t| format!("{id}#{t}")));
        if let Some(c) = chain {
            for s in r.sources {
                chain_of.insert(s, c.clone());
            }
        }
    }
    // Text: one block per sentence (the first kept sentence is the title).
    let mut tb = TextBuilder::new();
    let mut span_of: HashMap<&str, usize> = HashMap::new();
    let mut spans: Vec<Span> = Vec::with_capacity(toks.len());
    let mut last_sent = u32::MAX;
    let mut prev = String::new();
    let mut first_block = true;
    for (i, (t, s, _, form)) in toks.iter().enumerate() {
        if drop_url && *s == 0 {
            spans.push(Span::new(0, 0));
            continue;
        }
        if *s != last_sent {
            tb.new_block(if first_block {
                BlockKind::Title
            } else {
                BlockKind::Paragraph
            });
            first_block = false;
            last_sent = *s;
            prev.clear();
        }
        let space = !newsgraph_nlp::corpus::no_space_before(form)
            && !newsgraph_nlp::corpus::no_space_after(&prev);
        spans.push(tb.token(form, space));
        span_of.insert(t.as_str(), i);
        prev = form.clone();
    }
    let (text, blocks) = tb.finish();
    // Words capitalised somewhere mid-sentence.
    let mid_caps: HashSet<&str> = toks
        .iter()
        .filter(|t| t.2 > 0 && capitalised(&t.3))
        .map(|t| t.3.as_str())
        .collect();
    let mut gold: Vec<(Span, String)> = Vec::new();
    for (m, tids) in &mentions {
        let mut idx: Vec<usize> = tids
            .iter()
            .filter_map(|t| span_of.get(t.as_str()).copied())
            .collect();
        idx.sort_unstable();
        idx.dedup();
        let Some(&first) = idx.first() else { continue };
        if !keep.contains(&toks[first].1) || (drop_url && toks[first].1 == 0) {
            continue;
        }
        let Some((s, e)) = name_range(&toks, &idx, &mid_caps) else {
            continue;
        };
        let chain = chain_of
            .get(m)
            .cloned()
            .unwrap_or_else(|| format!("{id}#{m}"));
        gold.push((Span::new(spans[s].start, spans[e].end), chain));
    }
    gold.sort_by_key(|g| g.0);
    gold.dedup_by_key(|g| g.0);
    Ok(CrossDoc {
        id: id.to_string(),
        text,
        blocks,
        mentions: gold,
    })
}

/// The token range (first, last) of the name in a mention, if it is one.
fn name_range(
    toks: &[(String, u32, u32, String)],
    idx: &[usize],
    mid_caps: &HashSet<&str>,
) -> Option<(usize, usize)> {
    let mut s = 0;
    let mut e = idx.len();
    while s < e && is_det(&toks[idx[s]].3) {
        s += 1;
    }
    if e > s && matches!(toks[idx[e - 1]].3.as_str(), "'s" | "’s" | "'" | "’") {
        e -= 1;
    }
    if s >= e {
        return None;
    }
    let word = |i: usize| toks[idx[i]].3.as_str();
    let connector = |w: &str| matches!(w, "of" | "and" | "&" | "-" | "de" | "the" | "for" | ".");
    if !capitalised(word(s)) || !capitalised(word(e - 1)) {
        return None;
    }
    if (s..e).any(|i| !capitalised(word(i)) && !connector(word(i))) {
        return None;
    }
    if e - s == 1 {
        let w = word(s);
        if w.chars().count() < 2 || (toks[idx[s]].2 == 0 && !mid_caps.contains(w)) {
            return None;
        }
    }
    Some((idx[s], idx[e - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_chain_mentions_with_cross_document_notes() {
        let src = r#"<Document doc_name="9_1ecbplus.xml">
<token t_id="1" sentence="0" number="0">http</token>
<token t_id="2" sentence="1" number="0">Police</token>
<token t_id="3" sentence="1" number="1">said</token>
<token t_id="4" sentence="1" number="2">Lindsay</token>
<token t_id="5" sentence="1" number="3">Lohan</token>
<token t_id="6" sentence="1" number="4">left</token>
<token t_id="7" sentence="1" number="5">Malibu</token>
<token t_id="8" sentence="2" number="0">She</token>
<token t_id="9" sentence="2" number="1">arrived</token>
<Markables>
<HUMAN_PART_PER m_id="1"  >
  <token_anchor t_id="2"/>
</HUMAN_PART_PER>
<HUMAN_PART_PER m_id="2"  >
  <token_anchor t_id="4"/>
  <token_anchor t_id="5"/>
</HUMAN_PART_PER>
<LOC_GEO m_id="3"  >
  <token_anchor t_id="7"/>
</LOC_GEO>
<HUMAN_PART_PER m_id="4"  >
  <token_anchor t_id="8"/>
</HUMAN_PART_PER>
<HUMAN_PART_PER m_id="9" RELATED_TO="" TAG_DESCRIPTOR="t9_lohan" instance_id="HUM1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="HUM1" >
  <source m_id="2" />
  <source m_id="4" />
  <target m_id="9" />
</CROSS_DOC_COREF>
</Relations>
</Document>"#;
        let keep: HashSet<u32> = [1, 2].into_iter().collect();
        let d = parse("9_1ecbplus", src, &keep).unwrap();
        assert!(!d.text.contains("http"), "the URL sentence is dropped");
        let chars: Vec<char> = d.text.chars().collect();
        let got: Vec<(String, &str)> = d
            .mentions
            .iter()
            .map(|(s, c)| (chars[s.start..s.end].iter().collect(), c.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Lindsay Lohan".to_string(), "HUM1"),
                ("Malibu".to_string(), "9_1ecbplus#3")
            ]
        );
        // Sentence 1 not complete: nothing is gold.
        let keep: HashSet<u32> = [2].into_iter().collect();
        assert!(parse("9_1ecbplus", src, &keep).unwrap().mentions.is_empty());
    }
}
