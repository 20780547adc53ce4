//! Stand-off spans → highlighted HTML.
//!
//! Layers refer to the clean text by code-point spans that may overlap or nest
//! arbitrarily (a quote containing entity mentions and a time; a claim overlapping a
//! quote). Rendering cuts the text at every span boundary into segments; each segment is
//! wrapped in one element per mark covering it, outermost first, and closed before the
//! next segment starts. The output is therefore always well-formed, whatever the spans,
//! and every segment of text is escaped.

use crate::html::Html;
use newsgraph_model::{Article, BlockKind, CharIndex, Span};

/// Which annotation layer a mark belongs to. The order is the nesting order for marks
/// that cover the same segment: earlier layers wrap later ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    Event,
    Claim,
    Quote,
    Speaker,
    Cue,
    Time,
    Figure,
    Entity,
}

impl Layer {
    pub const ALL: [Layer; 8] = [
        Layer::Entity,
        Layer::Quote,
        Layer::Speaker,
        Layer::Cue,
        Layer::Claim,
        Layer::Time,
        Layer::Figure,
        Layer::Event,
    ];

    /// Name used in CSS classes, the legend and the `layer` search filter.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Event => "event",
            Layer::Claim => "claim",
            Layer::Quote => "quote",
            Layer::Speaker => "speaker",
            Layer::Cue => "cue",
            Layer::Time => "time",
            Layer::Figure => "figure",
            Layer::Entity => "entity",
        }
    }
}

/// One highlighted span.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub span: Span,
    pub layer: Layer,
    /// Extra CSS classes (e.g. `ent-person`, `claim-deny`); `m` and `l-{layer}` are added.
    pub class: String,
    /// Tooltip text.
    pub title: String,
    /// Link target; only honoured where it would not nest inside another link.
    pub href: Option<String>,
}

/// Renders an article's text as blocks (`h1`/`h2`/`p`/...) with every mark highlighted.
pub fn render_text(text: &str, blocks: &[(BlockKind, Span)], marks: &[Mark]) -> Html {
    let ix = CharIndex::new(text);
    let n = ix.len_chars();
    let regions = regions(text, &ix, n, blocks);

    // Valid, clamped marks sorted by start so each region can take its slice quickly.
    let mut marks: Vec<Mark> = marks
        .iter()
        .filter_map(|m| {
            let end = m.span.end.min(n);
            (m.span.start < end).then(|| Mark {
                span: Span {
                    start: m.span.start,
                    end,
                },
                ..m.clone()
            })
        })
        .collect();
    marks.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
            .then(a.layer.cmp(&b.layer))
    });

    let mut out = Html::new();
    for (kind, span) in regions {
        let (tag, class): (&'static str, &'static str) = match kind {
            Some(BlockKind::Title) => ("h1", "b-title"),
            Some(BlockKind::Heading) => ("h2", "b-heading"),
            Some(BlockKind::Paragraph) => ("p", "b-para"),
            Some(BlockKind::ListItem) => ("p", "b-li"),
            Some(BlockKind::Blockquote) => ("blockquote", "b-bq"),
            Some(BlockKind::Caption) => ("p", "b-caption"),
            None => ("p", "b-para"),
        };
        out.open(tag).attr("class", class).close_open();
        render_region(&mut out, text, &ix, span, &marks);
        out.end(tag);
        out.raw("\n");
    }
    out
}

/// The regions to render: the blocks (sorted, clamped, non-overlapping), plus any
/// non-blank text no block covers, one region per line.
fn regions(
    text: &str,
    ix: &CharIndex,
    n: usize,
    blocks: &[(BlockKind, Span)],
) -> Vec<(Option<BlockKind>, Span)> {
    let mut bs: Vec<(BlockKind, Span)> = blocks
        .iter()
        .map(|(k, s)| {
            (
                *k,
                Span {
                    start: s.start.min(n),
                    end: s.end.min(n),
                },
            )
        })
        .filter(|(_, s)| s.start < s.end)
        .collect();
    bs.sort_by_key(|(_, s)| (s.start, std::cmp::Reverse(s.end)));
    let mut out = Vec::with_capacity(bs.len() + 1);
    let mut pos = 0usize;
    let gap = |from: usize, to: usize, out: &mut Vec<(Option<BlockKind>, Span)>| {
        if from >= to {
            return;
        }
        // Split the uncovered stretch into lines; keep the non-blank ones.
        let bytes = ix.bytes(Span {
            start: from,
            end: to,
        });
        let mut line_start = bytes.start;
        let slice = &text[bytes.clone()];
        let push = |a: usize, b: usize, out: &mut Vec<(Option<BlockKind>, Span)>| {
            if !text[a..b].trim().is_empty() {
                out.push((None, ix.span(a..b)));
            }
        };
        for (i, c) in slice.char_indices() {
            if c == '\n' {
                push(line_start, bytes.start + i, out);
                line_start = bytes.start + i + 1;
            }
        }
        push(line_start, bytes.end, out);
    };
    for (k, s) in bs {
        if s.start < pos {
            // Overlaps the previous block: render only the part after it, if any.
            if s.end <= pos {
                continue;
            }
            out.push((
                Some(k),
                Span {
                    start: pos,
                    end: s.end,
                },
            ));
            pos = s.end;
            continue;
        }
        gap(pos, s.start, &mut out);
        out.push((Some(k), s));
        pos = s.end;
    }
    gap(pos, n, &mut out);
    out
}

fn render_region(out: &mut Html, text: &str, ix: &CharIndex, region: Span, marks: &[Mark]) {
    // Marks overlapping the region, clipped to it.
    let inside: Vec<(Span, &Mark)> = marks
        .iter()
        .take_while(|m| m.span.start < region.end)
        .filter(|m| m.span.end > region.start)
        .map(|m| {
            (
                Span {
                    start: m.span.start.max(region.start),
                    end: m.span.end.min(region.end),
                },
                m,
            )
        })
        .collect();
    let mut cuts: Vec<usize> = Vec::with_capacity(inside.len() * 2 + 2);
    cuts.push(region.start);
    cuts.push(region.end);
    for (s, _) in &inside {
        cuts.push(s.start);
        cuts.push(s.end);
    }
    cuts.sort_unstable();
    cuts.dedup();

    // Sweep: `active` holds the marks covering the current segment, in nesting order.
    let mut next = 0usize;
    let mut active: Vec<(Span, &Mark)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        active.retain(|(s, _)| s.end > a);
        while next < inside.len() && inside[next].0.start <= a {
            if inside[next].0.end > a {
                active.push(inside[next]);
            }
            next += 1;
        }
        active.sort_by(|x, y| {
            x.0.start
                .cmp(&y.0.start)
                .then(y.0.end.cmp(&x.0.end))
                .then(x.1.layer.cmp(&y.1.layer))
        });
        let mut in_link = false;
        let mut closers: Vec<&'static str> = Vec::with_capacity(active.len());
        for (_, m) in &active {
            let tag = match (&m.href, in_link) {
                (Some(_), false) => "a",
                _ => "span",
            };
            out.open(tag);
            if tag == "a" {
                in_link = true;
                out.attr("href", m.href.as_deref().unwrap_or("#"));
            }
            let mut class = String::with_capacity(16 + m.class.len());
            class.push_str("m l-");
            class.push_str(m.layer.name());
            if !m.class.is_empty() {
                class.push(' ');
                class.push_str(&m.class);
            }
            out.attr("class", &class);
            if !m.title.is_empty() {
                out.attr("title", &m.title);
            }
            out.close_open();
            closers.push(tag);
        }
        out.text(&text[ix.bytes(Span { start: a, end: b })]);
        for tag in closers.into_iter().rev() {
            out.end(tag);
        }
    }
}

/// The marks of every layer of an article. `entity_href` gives the link of an entity
/// page for an article-local entity id, when there is one.
pub fn article_marks(a: &Article, entity_href: &dyn Fn(&str) -> Option<String>) -> Vec<Mark> {
    let mut marks = Vec::new();
    let ent_name = |id: &Option<String>, fallback: &Option<String>| -> String {
        id.as_deref()
            .and_then(|id| a.entities.iter().find(|e| e.id == id))
            .map(|e| e.name.clone())
            .or_else(|| fallback.clone())
            .unwrap_or_else(|| "unknown".to_string())
    };
    for e in &a.entities {
        let kind = enum_name(&e.kind);
        let mut title = format!("{} — {kind}", e.name);
        if !e.descriptors.is_empty() {
            title.push_str(" — ");
            title.push_str(&e.descriptors.join("; "));
        }
        let href = entity_href(&e.id);
        for s in &e.mentions {
            marks.push(Mark {
                span: *s,
                layer: Layer::Entity,
                class: format!("ent-{kind}"),
                title: title.clone(),
                href: href.clone(),
            });
        }
    }
    for q in &a.quotes {
        let mut title = format!(
            "{} quote — {}",
            enum_name(&q.kind),
            ent_name(&q.speaker, &q.speaker_text)
        );
        if let Some(c) = &q.cue {
            title.push_str(&format!(" ({c})"));
        }
        if let Some(v) = &q.venue {
            title.push_str(&format!(" — {v}"));
        }
        if let Some(w) = &q.when {
            title.push_str(&format!(" — {w}"));
        }
        // A quote split around its cue ("A," she said. "B.") is highlighted piece by piece.
        let pieces: Vec<Span> = if q.parts.is_empty() {
            vec![q.span]
        } else {
            q.parts.clone()
        };
        for piece in pieces {
            marks.push(Mark {
                span: piece,
                layer: Layer::Quote,
                class: format!("q-{}", enum_name(&q.kind)),
                title: title.clone(),
                href: None,
            });
        }
        if let Some(ss) = q.speaker_span {
            marks.push(Mark {
                span: ss,
                layer: Layer::Speaker,
                class: String::new(),
                title: format!(
                    "speaker of a {} quote: {}",
                    enum_name(&q.kind),
                    ent_name(&q.speaker, &q.speaker_text)
                ),
                href: None,
            });
        }
        if let Some(cs) = q.cue_span {
            marks.push(Mark {
                span: cs,
                layer: Layer::Cue,
                class: String::new(),
                title: format!(
                    "reporting verb of a quote by {}",
                    ent_name(&q.speaker, &q.speaker_text)
                ),
                href: None,
            });
        }
    }
    for c in &a.claims {
        let stance = enum_name(&c.stance);
        let mut title = format!(
            "{stance} — {}: {}",
            ent_name(&c.holder, &c.holder_text),
            c.content
        );
        if let Some(ans) = c
            .answers
            .as_deref()
            .and_then(|id| a.claims.iter().find(|x| x.id == id))
        {
            title.push_str(&format!(" — answers: {}", ans.content));
        }
        marks.push(Mark {
            span: c.span,
            layer: Layer::Claim,
            class: format!("claim-{stance}"),
            title,
            href: None,
        });
    }
    for t in &a.times {
        let mut title = format!("{} = {}", enum_name(&t.kind), t.value);
        if let Some(m) = &t.r#mod {
            title.push_str(&format!(" ({})", enum_name(m)));
        }
        if let Some(anchor) = &t.anchor {
            title.push_str(&format!(", resolved against {anchor}"));
        }
        marks.push(Mark {
            span: t.span,
            layer: Layer::Time,
            class: String::new(),
            title,
            href: None,
        });
    }
    for f in &a.figures {
        let mut title = format!(
            "{} {}",
            enum_name(&f.qualifier).replace('_', " "),
            fmt_num(f.value)
        );
        if let Some(u) = &f.unit {
            title.push_str(&format!(" {u}"));
        }
        title.push_str(&format!(" — {}", f.kind));
        if f.source.is_some() || f.source_text.is_some() {
            title.push_str(&format!(
                " — source: {}",
                ent_name(&f.source, &f.source_text)
            ));
        }
        marks.push(Mark {
            span: f.span,
            layer: Layer::Figure,
            class: String::new(),
            title,
            href: None,
        });
    }
    for ev in &a.events {
        let mut title = format!("event: {}", ev.kind);
        let names = |ids: &[String]| -> String {
            ids.iter()
                .map(|id| ent_name(&Some(id.clone()), &Some(id.clone())))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !ev.actors.is_empty() {
            title.push_str(&format!(" — {}", names(&ev.actors)));
        }
        if !ev.targets.is_empty() {
            title.push_str(&format!(" → {}", names(&ev.targets)));
        }
        if !ev.places.is_empty() {
            title.push_str(&format!(" @ {}", names(&ev.places)));
        }
        if let Some(w) = &ev.when {
            title.push_str(&format!(" — {w}"));
        }
        marks.push(Mark {
            span: ev.span,
            layer: Layer::Event,
            class: String::new(),
            title,
            href: None,
        });
    }
    marks
}

/// The serde name of a unit enum (`person`, `at_least`, ...).
pub fn enum_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::from("other"),
    }
}

/// A number without a trailing `.0` for integral values.
/// A figure's value for reading: thousands grouped (`12,000,000`), exponent form beyond
/// 10^15.
pub fn fmt_num(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        crate::html::group_thousands(&format!("{}", v as i64))
    } else if v.is_finite() && v.abs() < 1e15 {
        crate::html::group_thousands(&format!("{v}"))
    } else if v.is_finite() && v.abs() >= 1e15 {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(s: usize, e: usize, layer: Layer, href: Option<&str>) -> Mark {
        Mark {
            span: Span { start: s, end: e },
            layer,
            class: String::new(),
            title: String::new(),
            href: href.map(Into::into),
        }
    }

    /// Strips tags, decodes character references: the visible text.
    fn visible(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        html_escape::decode_html_entities(&out).into_owned()
    }

    /// Checks open/close tags balance as a stack.
    fn well_formed(html: &str) -> bool {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            let j = match rest[i..].find('>') {
                Some(j) => i + j,
                None => return false,
            };
            let tag = &rest[i + 1..j];
            if let Some(name) = tag.strip_prefix('/') {
                if stack.pop().as_deref() != Some(name) {
                    return false;
                }
            } else {
                stack.push(tag.split(' ').next().unwrap_or("").to_string());
            }
            rest = &rest[j + 1..];
        }
        stack.is_empty()
    }

    #[test]
    fn overlapping_and_nested_spans_stay_well_formed() {
        let text = "Trump said “Iran wants talks” on Monday.";
        let n = text.chars().count();
        let marks = vec![
            mark(0, 5, Layer::Entity, Some("/entity/t")),
            mark(11, 29, Layer::Quote, None),
            mark(12, 16, Layer::Entity, Some("/entity/i")),
            mark(6, 20, Layer::Claim, None), // crosses the quote's start
            mark(30, 39, Layer::Time, None),
            mark(0, 40, Layer::Event, None),
        ];
        let html = render_text(
            text,
            &[(BlockKind::Paragraph, Span { start: 0, end: n })],
            &marks,
        )
        .into_string();
        assert!(well_formed(&html), "{html}");
        assert_eq!(visible(&html).trim_end(), text);
        assert!(
            html.contains(r#"<a href="/entity/t" class="m l-entity">Trump</a>"#),
            "{html}"
        );
        assert!(html.contains("l-quote"));
        assert!(!html.contains("<a href=\"/entity/t\" class=\"m l-entity\"><a"));
    }

    #[test]
    fn links_never_nest() {
        let text = "Donald Trump";
        let marks = vec![
            mark(0, 12, Layer::Entity, Some("/entity/a")),
            mark(7, 12, Layer::Entity, Some("/entity/b")),
        ];
        let html = render_text(text, &[], &marks).into_string();
        assert!(well_formed(&html), "{html}");
        assert_eq!(html.matches("<a ").count(), 2, "{html}"); // one per segment, never nested
        let inner = html.split("Donald").nth(1).unwrap();
        assert!(
            !inner.contains("/entity/b"),
            "inner link suppressed inside outer: {html}"
        );
    }

    #[test]
    fn multibyte_text_is_sliced_by_code_points_and_escaped() {
        let text = "“<script>alert(1)</script>” — Mbappé’s <img src=x onerror=alert(1)>";
        let chars: Vec<char> = text.chars().collect();
        let start = text.chars().position(|c| c == 'M').unwrap();
        let marks = vec![
            mark(start, start + 6, Layer::Entity, Some("/entity/m")),
            mark(0, 27, Layer::Quote, None),
        ];
        let html = render_text(text, &[], &marks).into_string();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains(">Mbappé</a>"), "{html}");
        assert_eq!(visible(&html).trim_end(), chars.iter().collect::<String>());
    }

    #[test]
    fn out_of_range_and_inverted_spans_are_ignored() {
        let text = "short";
        let marks = vec![
            Mark {
                span: Span { start: 3, end: 1 },
                ..mark(0, 0, Layer::Time, None)
            },
            mark(2, 999, Layer::Time, None),
            mark(50, 60, Layer::Quote, None),
        ];
        let blocks = [
            (BlockKind::Paragraph, Span { start: 0, end: 500 }),
            (BlockKind::Heading, Span { start: 2, end: 4 }),
        ];
        let html = render_text(text, &blocks, &marks).into_string();
        assert!(well_formed(&html), "{html}");
        assert_eq!(visible(&html).trim_end(), "short");
        assert!(
            html.contains(r#"<span class="m l-time">ort</span>"#),
            "{html}"
        );
    }

    #[test]
    fn split_quotes_highlight_their_parts_only() {
        let text = "“We will,” she said, “win.” 🎉";
        let sp = |needle: &str| {
            let b = text.find(needle).unwrap();
            let s = text[..b].chars().count();
            Span {
                start: s,
                end: s + needle.chars().count(),
            }
        };
        let quote: newsgraph_model::Quote = serde_json::from_value(serde_json::json!({
            "id": "q1", "kind": "direct", "text": "We will, win.", "span": [0, 26],
            "speaker": null, "speaker_text": "she", "speaker_span": sp("she"),
            "cue": "said", "cue_span": sp("said"), "parts": [sp("“We will,”"), sp("“win.”")]
        }))
        .unwrap();
        let a = Article {
            text: text.into(),
            quotes: vec![quote],
            ..Default::default()
        };
        let html = render_text(&a.text, &[], &article_marks(&a, &|_| None)).into_string();
        assert!(well_formed(&html), "{html}");
        assert_eq!(html.matches("l-quote").count(), 2, "{html}");
        assert!(
            html.contains(
                r#"<span class="m l-speaker" title="speaker of a direct quote: she">she</span>"#
            ),
            "{html}"
        );
        assert!(html.contains(">said</span>"), "{html}");
        assert_eq!(visible(&html).trim_end(), text);
    }

    #[test]
    fn uncovered_text_becomes_paragraphs_per_line() {
        let text = "Title\nfirst line\n\nsecond";
        let html =
            render_text(text, &[(BlockKind::Title, Span { start: 0, end: 5 })], &[]).into_string();
        assert!(
            html.starts_with(r#"<h1 class="b-title">Title</h1>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<p class="b-para">first line</p>"#),
            "{html}"
        );
        assert!(html.contains(r#"<p class="b-para">second</p>"#), "{html}");
    }
}
