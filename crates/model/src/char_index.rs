use crate::Span;
use std::ops::Range;

/// Maps between byte offsets (what Rust's `&str` uses) and code-point offsets (what
/// spans use) for one text.
///
/// Built once per text in O(n); each lookup is O(1) for char→byte and O(log n) for
/// byte→char. Pure-ASCII texts take a fast path with no table at all.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every char, plus the text length at the end; empty when the
    /// text is ASCII (then byte and char offsets coincide).
    starts: Vec<u32>,
    len_bytes: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let starts = if text.is_ascii() {
            Vec::new()
        } else {
            let mut v: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
            v.push(text.len() as u32);
            v
        };
        CharIndex {
            starts,
            len_bytes: text.len(),
        }
    }

    /// Number of code points in the text.
    pub fn len_chars(&self) -> usize {
        if self.starts.is_empty() {
            self.len_bytes
        } else {
            self.starts.len() - 1
        }
    }

    /// Code-point offset of a byte offset. A byte offset inside a multi-byte char maps
    /// to that char's start.
    pub fn char_of(&self, byte: usize) -> usize {
        if self.starts.is_empty() {
            return byte.min(self.len_bytes);
        }
        match self.starts.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of a code-point offset (clamped to the text's end).
    pub fn byte_of(&self, ch: usize) -> usize {
        if self.starts.is_empty() {
            return ch.min(self.len_bytes);
        }
        self.starts[ch.min(self.starts.len() - 1)] as usize
    }

    /// The span of a byte range.
    pub fn span(&self, bytes: Range<usize>) -> Span {
        Span::new(self.char_of(bytes.start), self.char_of(bytes.end))
    }

    /// The byte range of a span.
    pub fn bytes(&self, span: Span) -> Range<usize> {
        self.byte_of(span.start)..self.byte_of(span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let ix = CharIndex::new("hello world");
        assert_eq!(ix.span(6..11), Span::new(6, 11));
        assert_eq!(ix.len_chars(), 11);
    }

    #[test]
    fn multibyte_offsets_count_code_points() {
        let text = "Trump’s “talks” — Mbappé";
        let ix = CharIndex::new(text);
        let b = text.find("talks").unwrap();
        let s = ix.span(b..b + 5);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[s.start..s.end].iter().collect::<String>(), "talks");
        assert_eq!(ix.bytes(s), b..b + 5);
        assert_eq!(ix.len_chars(), chars.len());
    }
}
