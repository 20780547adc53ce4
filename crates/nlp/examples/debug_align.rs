//! Prints gold mentions that do not fall on token boundaries (tokenizer check).
use newsgraph_nlp::corpus::{self, Split};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut docs = corpus::read_gum(args[1].as_ref(), Split::All, false).unwrap_or_default();
    docs.extend(corpus::read_meantime(args[2].as_ref(), Split::All).unwrap_or_default());
    for d in &docs {
        let a = newsgraph_nlp::ner::gold_article(d);
        let chars: Vec<char> = d.text.chars().collect();
        for (s, _) in &d.mentions {
            let ok_s = a.tokens.iter().any(|t| t.span.start == s.start);
            let ok_e = a.tokens.iter().any(|t| t.span.end == s.end);
            if !(ok_s && ok_e) {
                let lo = s.start.saturating_sub(10);
                let hi = (s.end + 10).min(chars.len());
                let m: String = chars[s.start..s.end].iter().collect();
                let ctx: String = chars[lo..hi].iter().collect();
                println!("{}\t[{}]\t{}", d.id, m, ctx.replace('\n', " "));
            }
        }
    }
}
