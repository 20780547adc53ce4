//! CAT XML, the stand-off format of MEANTIME and ECB+ (written by the CELCT Content
//! Annotation Tool): a token layer (`<token t_id sentence number>form</token>`), then
//! `<Markables>` whose elements anchor to tokens (`<token_anchor t_id/>`), then
//! `<Relations>` whose elements link markables (`<source m_id/>`, `<target m_id/>`).
//!
//! One quick-xml pass reads all three layers, entities decoded; each gold reader (entity
//! mentions, TIMEX3/VALUE, cross-document chains, stories) lays out its own text from the
//! tokens and reads the markables it scores.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// One token of the token layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatToken {
    pub t_id: String,
    /// The sentence number as written (`0` is the first sentence).
    pub sentence: String,
    /// The token's number in its sentence, when given (ECB+ writes it).
    pub number: Option<String>,
    pub form: String,
}

/// A markable: its element name, attributes, and the tokens it anchors to (none for the
/// self-closing instance elements, `<ENTITY … instance_id=…/>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markable {
    pub tag: String,
    pub attrs: Vec<(String, String)>,
    pub anchors: Vec<String>,
    /// Written as `<X …/>`: an instance or a non-textual markable.
    pub empty: bool,
}

/// A relation: its element name, attributes, source markables and target markable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relation {
    pub tag: String,
    pub attrs: Vec<(String, String)>,
    pub sources: Vec<String>,
    pub target: Option<String>,
}

/// A parsed CAT document.
#[derive(Debug, Clone, Default)]
pub struct CatDoc {
    pub tokens: Vec<CatToken>,
    pub markables: Vec<Markable>,
    pub relations: Vec<Relation>,
}

fn get<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

impl Markable {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        get(&self.attrs, name)
    }
}

impl Relation {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        get(&self.attrs, name)
    }
}

/// A malformed CAT document.
#[derive(Debug, thiserror::Error)]
#[error("CAT XML at byte {position}: {source}")]
pub struct CatError {
    pub position: u64,
    #[source]
    pub source: quick_xml::Error,
}

fn attrs_of(e: &BytesStart) -> Result<Vec<(String, String)>, quick_xml::Error> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(quick_xml::Error::from)?;
        out.push((
            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
            a.unescape_value()?.into_owned(),
        ));
    }
    Ok(out)
}

/// Where the reader is.
enum Section {
    Tokens,
    Markables,
    Relations,
}

/// Parses one CAT document.
pub fn parse(xml: &str) -> Result<CatDoc, CatError> {
    let mut reader = Reader::from_str(xml);
    let mut doc = CatDoc::default();
    let mut section = Section::Tokens;
    // The token being read (its text accumulates), the open markable or relation.
    let mut token: Option<CatToken> = None;
    let mut markable: Option<Markable> = None;
    let mut relation: Option<Relation> = None;
    let fail = |reader: &Reader<&[u8]>, source| CatError {
        position: reader.buffer_position(),
        source,
    };
    loop {
        let event = reader.read_event().map_err(|e| fail(&reader, e))?;
        let (e, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::Text(t) => {
                if let Some(tok) = token.as_mut() {
                    let text = t.decode().map_err(|e| fail(&reader, e.into()))?;
                    tok.form.push_str(&text);
                }
                continue;
            }
            Event::GeneralRef(r) => {
                if let Some(tok) = token.as_mut() {
                    let name = r.decode().map_err(|e| fail(&reader, e.into()))?;
                    match r.resolve_char_ref().map_err(|e| fail(&reader, e))? {
                        Some(c) => tok.form.push(c),
                        None => match quick_xml::escape::resolve_xml_entity(&name) {
                            Some(s) => tok.form.push_str(s),
                            None => {
                                tok.form.push('&');
                                tok.form.push_str(&name);
                                tok.form.push(';');
                            }
                        },
                    }
                }
                continue;
            }
            Event::End(e) => {
                match e.name().as_ref() {
                    b"token" => doc.tokens.extend(token.take()),
                    b"Markables" | b"Relations" => section = Section::Tokens,
                    name => {
                        if markable.as_ref().is_some_and(|m| m.tag.as_bytes() == name) {
                            doc.markables.extend(markable.take());
                        }
                        if relation.as_ref().is_some_and(|r| r.tag.as_bytes() == name) {
                            doc.relations.extend(relation.take());
                        }
                    }
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = e.name();
        let tag = String::from_utf8_lossy(name.as_ref()).into_owned();
        match (tag.as_str(), &section) {
            ("Markables", _) => section = Section::Markables,
            ("Relations", _) => section = Section::Relations,
            ("token", Section::Tokens) => {
                let attrs = attrs_of(&e).map_err(|x| fail(&reader, x))?;
                let tok = CatToken {
                    t_id: get(&attrs, "t_id").unwrap_or("").to_string(),
                    sentence: get(&attrs, "sentence").unwrap_or("").to_string(),
                    number: get(&attrs, "number").map(str::to_string),
                    form: String::new(),
                };
                if empty {
                    doc.tokens.push(tok);
                } else {
                    token = Some(tok);
                }
            }
            ("token_anchor", Section::Markables) => {
                let attrs = attrs_of(&e).map_err(|x| fail(&reader, x))?;
                if let (Some(m), Some(t)) = (markable.as_mut(), get(&attrs, "t_id")) {
                    m.anchors.push(t.to_string());
                }
            }
            (_, Section::Markables) => {
                let m = Markable {
                    tag,
                    attrs: attrs_of(&e).map_err(|x| fail(&reader, x))?,
                    anchors: Vec::new(),
                    empty,
                };
                if empty {
                    doc.markables.push(m);
                } else {
                    markable = Some(m);
                }
            }
            ("source" | "target", Section::Relations) => {
                let attrs = attrs_of(&e).map_err(|x| fail(&reader, x))?;
                if let (Some(r), Some(m)) = (relation.as_mut(), get(&attrs, "m_id")) {
                    if tag == "source" {
                        r.sources.push(m.to_string());
                    } else {
                        r.target = Some(m.to_string());
                    }
                }
            }
            (_, Section::Relations) => {
                let r = Relation {
                    tag,
                    attrs: attrs_of(&e).map_err(|x| fail(&reader, x))?,
                    ..Default::default()
                };
                if empty {
                    doc.relations.push(r);
                } else {
                    relation = Some(r);
                }
            }
            _ => {}
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" ?><Document doc_name="d">
<token t_id="1" sentence="0" number="0">AT&amp;T</token>
<token t_id="2" sentence="0" number="1">&quot;rose&#33;</token>
<token t_id="3" sentence="1">Ann</token>
<Markables>
<ENTITY_MENTION m_id="10" syntactic_type="NAM">
<token_anchor t_id="1"/>
</ENTITY_MENTION>
<ENTITY m_id="11" ent_type="ORG" instance_id="AT&amp;T_inc"/>
<TIMEX3 m_id="12" type="DATE" value="2005" functionInDocument="CREATION_TIME"><token_anchor t_id="3"/><token_anchor t_id="2"/></TIMEX3>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="10"/><target m_id="11"/></REFERS_TO>
<CROSS_DOC_COREF r_id="2" note="HUM1"><source m_id="10"/><source m_id="12"/><target m_id="13"/></CROSS_DOC_COREF>
</Relations></Document>"#;

    #[test]
    fn reads_tokens_markables_and_relations() {
        let d = parse(DOC).unwrap();
        let forms: Vec<&str> = d.tokens.iter().map(|t| t.form.as_str()).collect();
        assert_eq!(forms, ["AT&T", "\"rose!", "Ann"]);
        assert_eq!(d.tokens[1].number.as_deref(), Some("1"));
        assert_eq!(d.tokens[2].number, None);
        assert_eq!(d.tokens[2].sentence, "1");
        assert_eq!(d.markables.len(), 3);
        assert_eq!(d.markables[0].tag, "ENTITY_MENTION");
        assert_eq!(d.markables[0].anchors, ["1"]);
        assert!(d.markables[1].empty && d.markables[1].anchors.is_empty());
        assert_eq!(d.markables[1].attr("instance_id"), Some("AT&T_inc"));
        assert_eq!(d.markables[2].anchors, ["3", "2"]);
        assert_eq!(d.markables[2].attr("value"), Some("2005"));
        assert_eq!(d.relations.len(), 2);
        assert_eq!(d.relations[1].sources, ["10", "12"]);
        assert_eq!(d.relations[1].target.as_deref(), Some("13"));
        assert_eq!(d.relations[1].attr("note"), Some("HUM1"));
    }

    #[test]
    fn malformed_xml_is_an_error_naming_the_place() {
        let e = parse("<Document><token t_id=\"1\">a</tok></Document>").unwrap_err();
        assert!(e.to_string().contains("CAT XML at byte"), "{e}");
        // Truncated input: what was read stays consistent, no panic.
        let _ = parse(&DOC[..DOC.len() / 2]);
    }
}
