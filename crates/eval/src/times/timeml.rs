//! Readers for the gold formats with TIMEX3 annotations: TimeML (TimeBank, AQUAINT;
//! inline tags with a DCT) and MEANTIME (NAF-style token layer with stand-off
//! markables). Both yield [`GoldDoc`]s: plain text, the creation date, and gold
//! expressions as code-point spans.

use std::path::Path;

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

/// Value of attribute `name` in a tag's inside (`TIMEX3 tid="t1" value="1998"`).
pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(p) = tag.get(from..)?.find(name) {
        let at = from + p;
        let before_ok = at == 0 || tag[..at].ends_with(char::is_whitespace);
        let rest = &tag[at + name.len()..];
        if before_ok {
            if let Some(r) = rest.strip_prefix("=\"") {
                return r.find('"').map(|e| &r[..e]);
            }
        }
        from = at + name.len();
    }
    None
}

fn unescape_into(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        let (rep, len) = match tail.find(';') {
            Some(e) if e <= 8 => {
                let ent = &tail[1..e];
                let c = match ent {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => ent
                        .strip_prefix('#')
                        .and_then(|n| {
                            n.strip_prefix('x')
                                .map(|h| u32::from_str_radix(h, 16).ok())
                                .unwrap_or_else(|| n.parse().ok())
                        })
                        .and_then(char::from_u32),
                };
                match c {
                    Some(c) => (c.to_string(), e + 1),
                    None => ("&".to_string(), 1),
                }
            }
            _ => ("&".to_string(), 1),
        };
        out.push_str(&rep);
        rest = &tail[len..];
    }
    out.push_str(rest);
}

/// Parses one TimeML document.
pub fn parse_timeml(id: &str, src: &str) -> GoldDoc {
    let dct = src.find("<DCT>").and_then(|p| {
        let seg = &src[p..];
        let tag_start = seg.find("<TIMEX3")?;
        let tag_end = seg[tag_start..].find('>')? + tag_start;
        attr(&seg[tag_start + 1..tag_end], "value").map(str::to_string)
    });
    let body = match (src.find("<TEXT>"), src.find("</TEXT>")) {
        (Some(a), Some(b)) if b > a => &src[a + 6..b],
        _ => src,
    };
    let mut text = String::with_capacity(body.len());
    let mut chars = 0usize;
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while !rest.is_empty() {
        let (chunk, after) = match rest.find('<') {
            Some(p) => (&rest[..p], Some(p)),
            None => (rest, None),
        };
        let before = text.len();
        unescape_into(&mut text, chunk);
        chars += text[before..].chars().count();
        let Some(p) = after else { break };
        let Some(e) = rest[p..].find('>') else { break };
        let tag = &rest[p + 1..p + e];
        if tag.starts_with("TIMEX3") {
            let kind = attr(tag, "type").unwrap_or("").to_string();
            let value = attr(tag, "value").unwrap_or("").to_string();
            if tag.ends_with('/') {
                // empty (non-textual) TIMEX3
            } else {
                open = Some((chars, kind, value));
            }
        } else if tag.starts_with("/TIMEX3") {
            if let Some((s, kind, value)) = open.take() {
                gold.push(GoldTimex {
                    span: [s, chars],
                    kind,
                    value,
                });
            }
        }
        rest = &rest[p + e + 1..];
    }
    GoldDoc {
        id: id.to_string(),
        corpus: "tbaq".into(),
        text,
        dct,
        gold,
        ignore: Vec::new(),
        values: Vec::new(),
    }
}

/// Parses one MEANTIME document: rebuilds the text from its tokens (sentences on
/// their own lines, light detokenisation) and maps token anchors to spans.
pub fn parse_meantime(id: &str, src: &str) -> GoldDoc {
    let mut text = String::new();
    let mut chars = 0usize;
    let mut tok_span: std::collections::HashMap<String, [usize; 2]> = Default::default();
    let mut last_sent: Option<String> = None;
    let mut sent_end: std::collections::HashMap<String, usize> = Default::default();
    let mut tok_sent: std::collections::HashMap<String, String> = Default::default();
    let mut prev_tok = String::new();
    let mut rest = src;
    // Tokens.
    while let Some(p) = rest.find("<token ") {
        let seg = &rest[p..];
        let Some(te) = seg.find('>') else { break };
        let tag = &seg[1..te];
        let Some(ce) = seg[te..].find("</token>") else {
            break;
        };
        let mut tok = String::new();
        unescape_into(&mut tok, &seg[te + 1..te + ce]);
        let sent = attr(tag, "sentence").map(str::to_string);
        let tid = attr(tag, "t_id").unwrap_or("").to_string();
        if !text.is_empty() {
            let new_sent = sent != last_sent;
            let glue = matches!(
                tok.as_str(),
                "," | "." | ";" | ":" | "?" | "!" | ")" | "'s" | "n't" | "%" | "'"
            ) || matches!(prev_tok.as_str(), "(" | "$" | "£" | "€");
            if new_sent {
                text.push('\n');
                chars += 1;
            } else if !glue {
                text.push(' ');
                chars += 1;
            }
        }
        let n = tok.chars().count();
        tok_span.insert(tid.clone(), [chars, chars + n]);
        text.push_str(&tok);
        chars += n;
        if let Some(se) = &sent {
            sent_end.insert(se.clone(), chars);
            tok_sent.insert(tid, se.clone());
        }
        last_sent = sent;
        prev_tok = tok;
        rest = &seg[te + ce + 8..];
    }
    // Markables.
    let mut dct = None;
    let mut gold = Vec::new();
    let mut values = Vec::new();
    let mut ignore = Vec::new();
    for (name, is_value) in [("<TIMEX3 ", false), ("<VALUE ", true)] {
        let mut rest = src;
        while let Some(p) = rest.find(name) {
            let seg = &rest[p..];
            let Some(te) = seg.find('>') else { break };
            let tag = &seg[1..te];
            rest = &seg[te + 1..];
            if tag.ends_with('/') {
                continue;
            }
            let close = if is_value { "</VALUE>" } else { "</TIMEX3>" };
            let Some(ce) = rest.find(close) else { break };
            let inner = &rest[..ce];
            let mut span: Option<[usize; 2]> = None;
            for a in inner.split("<token_anchor").skip(1) {
                if let Some(s) = attr(a.trim_start(), "t_id").and_then(|t| tok_span.get(t)) {
                    span = Some(match span {
                        None => *s,
                        Some(o) => [o[0].min(s[0]), o[1].max(s[1])],
                    });
                }
            }
            let Some(span) = span else { continue };
            let kind = attr(tag, "type").unwrap_or("").to_string();
            let value = attr(tag, "value").unwrap_or("").to_string();
            if !is_value && attr(tag, "functionInDocument") == Some("CREATION_TIME") {
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
    }
    // Only the first sentences of each document are annotated: ignore what lies after
    // the last sentence with any annotation.
    let mut annotated_end = 0usize;
    for a in src.split("<token_anchor").skip(1) {
        if let Some(end) = attr(a.trim_start(), "t_id")
            .and_then(|t| tok_sent.get(t))
            .and_then(|s| sent_end.get(s))
        {
            annotated_end = annotated_end.max(*end);
        }
    }
    if annotated_end > 0 && annotated_end < chars {
        ignore.push([annotated_end, chars]);
    }
    gold.sort_by_key(|g| g.span);
    values.sort_by_key(|g| g.span);
    GoldDoc {
        id: id.to_string(),
        corpus: "meantime".into(),
        text,
        dct,
        gold,
        ignore,
        values,
    }
}

/// Every file with extension `ext` under `dir`, recursively, sorted.
pub fn files_under(dir: &Path, ext: &str) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_inline_timeml() {
        let src = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>AT&amp;T said <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> it <EVENT eid="e1">rose</EVENT> é <TIMEX3 tid="t2" type="DURATION" value="P1W">a week</TIMEX3>.</TEXT></TimeML>"#;
        let d = parse_timeml("x", src);
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
        let d = parse_meantime("m", src);
        assert_eq!(d.text, "March 1, 2008\nIt rose 5% today");
        assert_eq!(d.dct.as_deref(), Some("2008-03-01"));
        assert_eq!(d.ignore, vec![[0, 13]]);
        assert_eq!(d.gold[0].span, [25, 30]);
        assert_eq!(d.values[0].span, [22, 24]);
    }
}
