//! Readers for the gold formats with TIMEX3 annotations: TimeML (TimeBank, AQUAINT;
//! inline tags with a DCT) and MEANTIME (NAF-style token layer with stand-off
//! markables). Both yield [`GoldDoc`]s: plain text, the creation date, and gold
//! expressions as code-point spans.

use newsgraph_nlp::corpus::cat::{self, CatError};
use newsgraph_nlp::corpus::meantime_layout;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// One gold annotation: span in code points of `text`, TIMEX3 type and value (or,
/// for MEANTIME VALUE markables, the value type: MONEY, PERCENT, QUANTITY).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GoldTimex {
    pub span: [usize; 2],
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
}

/// A gold document.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct GoldDoc {
    pub id: String,
    pub corpus: String,
    pub text: String,
    /// Document creation time (ISO date), when the document gives one.
    pub dct: Option<String>,
    pub gold: Vec<GoldTimex>,
    /// Spans the scorer ignores (MEANTIME's creation-date line is part of its text).
    #[serde(default)]
    pub ignore: Vec<[usize; 2]>,
    /// MEANTIME VALUE markables (figures gold).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<GoldTimex>,
}

fn attr_of(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// Parses one TimeML document: the text of its `TEXT` element (the whole document
/// when it has none) with the inline TIMEX3 spans, and the DCT's value.
pub fn parse_timeml(id: &str, src: &str) -> Result<GoldDoc, quick_xml::Error> {
    let whole = !src.contains("<TEXT>");
    let mut reader = Reader::from_str(src);
    let (mut in_text, mut in_dct) = (false, false);
    let mut dct = None;
    let mut text = String::with_capacity(src.len());
    let mut chars = 0usize;
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    loop {
        let body = whole || in_text;
        let event = reader.read_event()?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) if e.name().as_ref() == b"TIMEX3" => {
                let value = attr_of(e, "value").unwrap_or_default();
                if in_dct && dct.is_none() {
                    dct = Some(value.clone());
                }
                // An empty TIMEX3 is non-textual: no span.
                if body && matches!(event, Event::Start(_)) {
                    open = Some((chars, attr_of(e, "type").unwrap_or_default(), value));
                }
            }
            Event::Start(e) => match e.name().as_ref() {
                b"TEXT" => in_text = true,
                b"DCT" => in_dct = true,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"TEXT" => in_text = false,
                b"DCT" => in_dct = false,
                b"TIMEX3" => {
                    if let Some((s, kind, value)) = open.take() {
                        gold.push(GoldTimex {
                            span: [s, chars],
                            kind,
                            value,
                        });
                    }
                }
                _ => {}
            },
            Event::Text(t) if body => {
                let t = t.decode()?;
                chars += t.chars().count();
                text.push_str(&t);
            }
            Event::GeneralRef(r) if body => {
                let name = r.decode()?;
                let resolved = match r.resolve_char_ref()? {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(&name)
                        .map(str::to_string)
                        .unwrap_or_else(|| format!("&{name};")),
                };
                chars += resolved.chars().count();
                text.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(GoldDoc {
        id: id.to_string(),
        corpus: "tbaq".into(),
        text,
        dct,
        gold,
        ignore: Vec::new(),
        values: Vec::new(),
    })
}

/// Parses one MEANTIME document: its text laid out as the entity reader lays it out
/// ([`newsgraph_nlp::corpus::meantime_layout`]), TIMEX3 and VALUE markables mapped from
/// their token anchors to spans.
pub fn parse_meantime(id: &str, src: &str) -> Result<GoldDoc, CatError> {
    let doc = cat::parse(src)?;
    let layout = meantime_layout(&doc);
    let span_of = |t: &str| layout.tokens.get(t).map(|t| [t.span.start, t.span.end]);
    let mut dct = None;
    let mut gold = Vec::new();
    let mut values = Vec::new();
    let mut ignore = Vec::new();
    for m in &doc.markables {
        let is_value = match m.tag.as_str() {
            "TIMEX3" => false,
            "VALUE" => true,
            _ => continue,
        };
        let Some(span) = m
            .anchors
            .iter()
            .filter_map(|t| span_of(t))
            .reduce(|a, b| [a[0].min(b[0]), a[1].max(b[1])])
        else {
            continue;
        };
        let kind = m.attr("type").unwrap_or("").to_string();
        let value = m.attr("value").unwrap_or("").to_string();
        if !is_value && m.attr("functionInDocument") == Some("CREATION_TIME") {
            dct = Some(value);
            ignore.push(span);
            continue;
        }
        let g = GoldTimex { span, kind, value };
        if is_value {
            values.push(g);
        } else {
            gold.push(g);
        }
    }
    // Only the first sentences of each document are annotated: ignore what lies after
    // the last sentence with any annotation.
    let mut sentence_end: HashMap<&str, usize> = HashMap::new();
    for t in layout.tokens.values() {
        let e = sentence_end.entry(t.sentence).or_default();
        *e = (*e).max(t.span.end);
    }
    let annotated_end = doc
        .markables
        .iter()
        .flat_map(|m| &m.anchors)
        .filter_map(|t| sentence_end.get(layout.tokens.get(t.as_str())?.sentence))
        .max()
        .copied()
        .unwrap_or(0);
    let chars = layout.text.chars().count();
    if annotated_end > 0 && annotated_end < chars {
        ignore.push([annotated_end, chars]);
    }
    gold.sort_by_key(|g| g.span);
    values.sort_by_key(|g| g.span);
    Ok(GoldDoc {
        id: id.to_string(),
        corpus: "meantime".into(),
        text: layout.text,
        dct,
        gold,
        ignore,
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_inline_timeml() {
        let src = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>AT&amp;T said <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> it <EVENT eid="e1">rose</EVENT> é <TIMEX3 tid="t2" type="DURATION" value="P1W">a week</TIMEX3>.</TEXT></TimeML>"#;
        let d = parse_timeml("x", src).unwrap();
        assert_eq!(d.dct.as_deref(), Some("1998-01-08"));
        assert_eq!(d.text, "AT&T said yesterday it rose é a week.");
        let chars: Vec<char> = d.text.chars().collect();
        let g = &d.gold[1];
        assert_eq!(
            chars[g.span[0]..g.span[1]].iter().collect::<String>(),
            "a week"
        );
        assert_eq!(g.value, "P1W");
    }

    #[test]
    fn reads_meantime_tokens_and_markables() {
        let src = r#"<Document><token t_id="1" sentence="0">March</token><token t_id="2" sentence="0">1</token><token t_id="3" sentence="0">,</token><token t_id="4" sentence="0">2008</token>
<token t_id="5" sentence="1">It</token><token t_id="6" sentence="1">rose</token><token t_id="7" sentence="1">5</token><token t_id="8" sentence="1">%</token><token t_id="9" sentence="1">today</token>
<Markables><TIMEX3 functionInDocument="CREATION_TIME" type="DATE" value="2008-03-01"><token_anchor t_id="1"/><token_anchor t_id="4"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" type="DATE" value="2008-03-01"><token_anchor t_id="9"/></TIMEX3>
<VALUE type="PERCENT"><token_anchor t_id="7"/><token_anchor t_id="8"/></VALUE></Markables></Document>"#;
        let d = parse_meantime("m", src).unwrap();
        assert_eq!(d.text, "March 1, 2008\nIt rose 5% today");
        assert_eq!(d.dct.as_deref(), Some("2008-03-01"));
        assert_eq!(d.ignore, vec![[0, 13]]);
        assert_eq!(d.gold[0].span, [25, 30]);
        assert_eq!(d.values[0].span, [22, 24]);
    }
}
