//! A tiny HTML builder whose only job is to make escaping the default.
//!
//! Every piece of text that reaches a page goes through [`Html::text`] or an attribute
//! writer; raw markup can only be appended with [`Html::raw`] from `&'static str`
//! literals, so untrusted strings cannot reach the output unescaped by accident.

use std::fmt::Write as _;

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab/newline have no business in a page; NUL in
            // particular is an HTML parse error. Replace them visibly.
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}' => {
                out.push('\u{fffd}')
            }
            c => out.push(c),
        }
    }
}

/// Escaped copy of `s`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// Percent-encodes `s` for use as one URL path segment or one query value: everything
/// but RFC 3986 unreserved characters is encoded, so the result cannot end a path
/// segment, start a query, or break out of an attribute.
pub fn pct(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Builds a query string from pairs, skipping empty values. Returns `""` or `?a=b&c=d`.
pub fn query(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if v.is_empty() {
            continue;
        }
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(&pct(k));
        out.push('=');
        out.push_str(&pct(v));
    }
    out
}

/// An HTML fragment under construction.
#[derive(Debug, Default, Clone)]
pub struct Html {
    buf: String,
}

impl Html {
    pub fn new() -> Self {
        Html {
            buf: String::with_capacity(4096),
        }
    }

    /// Appends trusted markup. Only string literals are accepted.
    pub fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.buf.push_str(markup);
        self
    }

    /// Appends escaped text.
    pub fn text(&mut self, s: &str) -> &mut Self {
        escape_into(&mut self.buf, s);
        self
    }

    /// Appends a displayable value, escaped.
    pub fn display(&mut self, v: impl std::fmt::Display) -> &mut Self {
        let s = v.to_string();
        self.text(&s)
    }

    /// Appends a count with thousands separators (`12,000`).
    pub fn num(&mut self, n: u64) -> &mut Self {
        let s = group_thousands(&n.to_string());
        self.text(&s)
    }

    /// Opens `<tag` — follow with [`Html::attr`] calls and [`Html::close_open`].
    pub fn open(&mut self, tag: &'static str) -> &mut Self {
        self.buf.push('<');
        self.buf.push_str(tag);
        self
    }

    /// Writes ` name="value"` with the value escaped.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        escape_into(&mut self.buf, value);
        self.buf.push('"');
        self
    }

    /// Ends an opening tag with `>`.
    pub fn close_open(&mut self) -> &mut Self {
        self.buf.push('>');
        self
    }

    /// `</tag>`.
    pub fn end(&mut self, tag: &'static str) -> &mut Self {
        self.buf.push_str("</");
        self.buf.push_str(tag);
        self.buf.push('>');
        self
    }

    /// `<tag class="class">text</tag>` in one call.
    pub fn el(&mut self, tag: &'static str, class: &str, text: &str) -> &mut Self {
        self.open(tag);
        if !class.is_empty() {
            self.attr("class", class);
        }
        self.close_open().text(text).end(tag)
    }

    /// `<a href="href" [class]>text</a>`; `href` must be built from [`pct`]-encoded parts.
    pub fn link(&mut self, href: &str, class: &str, text: &str) -> &mut Self {
        self.open("a").attr("href", href);
        if !class.is_empty() {
            self.attr("class", class);
        }
        self.close_open().text(text).end("a")
    }

    /// Appends another fragment (already escaped by construction).
    pub fn append(&mut self, other: Html) -> &mut Self {
        self.buf.push_str(&other.buf);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    pub fn into_string(self) -> String {
        self.buf
    }

    pub fn as_str(&self) -> &str {
        &self.buf
    }
}

/// Puts a comma between each group of three digits of the integer part of a plain
/// number (`-12000000.5` → `-12,000,000.5`); anything else is returned unchanged.
pub fn group_thousands(n: &str) -> String {
    let (sign, rest) = match n.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", n),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return n.to_string();
    }
    let mut out = String::with_capacity(n.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_thousands() {
        assert_eq!(group_thousands("12000000"), "12,000,000");
        assert_eq!(group_thousands("-1234.5"), "-1,234.5");
        assert_eq!(group_thousands("999"), "999");
        assert_eq!(group_thousands("1e20"), "1e20");
        let mut h = Html::new();
        h.num(384_000);
        assert_eq!(h.as_str(), "384,000");
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape("a\u{0}b"), "a\u{fffd}b");
        assert_eq!(escape("Mbappé “ok”"), "Mbappé “ok”");
    }

    #[test]
    fn attributes_cannot_break_out() {
        let mut h = Html::new();
        h.open("a")
            .attr("title", r#"" onmouseover="alert(1)"#)
            .close_open()
            .text("<b>")
            .end("a");
        assert_eq!(
            h.as_str(),
            r#"<a title="&quot; onmouseover=&quot;alert(1)">&lt;b&gt;</a>"#
        );
    }

    #[test]
    fn pct_encodes_everything_but_unreserved() {
        assert_eq!(pct("a b/c?d&e=\"é"), "a%20b%2Fc%3Fd%26e%3D%22%C3%A9");
        assert_eq!(pct("person:donald-trump"), "person%3Adonald-trump");
        assert_eq!(
            query(&[("q", "x y"), ("source", ""), ("page", "2")]),
            "?q=x%20y&page=2"
        );
    }
}
