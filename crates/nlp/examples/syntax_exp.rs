//! A syntax training experiment without the CLI: trains as `newsgraph train syntax` does
//! (EWT train + GUM train), writes the model, and scores it on the gold words and
//! sentences of the EWT dev tune half (even documents), so a feature or setting can be
//! tried without the release link of the whole binary:
//! `cargo run -p newsgraph-nlp --release --example syntax_exp -- OUT [TAGGER_EPOCHS PARSER_EPOCHS PARSER_ROWS_LOG2 JACKKNIFE TAGGER_ROWS_LOG2]`
//! (`CLUSTERS=FILE` trains with word clusters, `TWO=0` with one tagger pass; prints both
//! dev halves). Other modes: `--gold` scores `MODEL` on the gold words of both halves,
//! `--clusters OUT [COARSE FINE MIN_COUNT CONTEXTS]` learns clusters as
//! `newsgraph train clusters` does.
use newsgraph_nlp::corpus::Split;
use newsgraph_nlp::syntax::{conllu, tags::DEPRELS, tags::UPOS, train};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let out = args
        .get(1)
        .ok_or("usage: syntax_exp OUT [TE PE PROWS JK TROWS] | --tokens")?;
    if out == "--tokens" {
        return dump_token_errors();
    }
    if out == "--raw" {
        return score_raw();
    }
    if out == "--clusters" {
        return learn_clusters(&args[2..]);
    }
    if out == "--confusion" {
        return confusion();
    }
    if out == "--gold" {
        return score_gold(&args[2..]);
    }
    if out == "--speed" {
        // CPU seconds of `analyse` over the EWT dev words, 10 times.
        let model = load_model()?;
        let dev = conllu::read_file(
            "../shared/data/syntax/ud-english-ewt/en_ewt-ud-dev.conllu".as_ref(),
        )?;
        let t0 = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..10 {
            for d in &dev {
                for r in &d.sentences {
                    let forms: Vec<&str> =
                        d.words[r.clone()].iter().map(|w| w.form.as_str()).collect();
                    n += model.analyse(&forms).len();
                }
            }
        }
        println!("{n} words in {:.2} s", t0.elapsed().as_secs_f64());
        return Ok(());
    }
    if out == "--tok" {
        // Every file's tokens, one a line (for diffing tokenizer changes on news text).
        for f in &args[2..] {
            let text = std::fs::read_to_string(f)?;
            let toks =
                newsgraph_nlp::segment::tokenize(&text, newsgraph_nlp::lexicon::Lexicons::get());
            for r in toks {
                println!("{}", &text[r]);
            }
        }
        return Ok(());
    }
    let num = |i: usize, d: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    let data = "../shared/data";
    let mut docs =
        conllu::read_file(format!("{data}/syntax/ud-english-ewt/en_ewt-ud-train.conllu").as_ref())?;
    if std::env::var_os("NOGUM").is_none() {
        docs.extend(conllu::read_split(
            format!("{data}/entities/gum-train").as_ref(),
            Split::Train,
        )?);
    }
    let cfg = train::TrainConfig {
        tagger_epochs: num(2, 10),
        parser_epochs: num(3, 15),
        parser_rows_log2: num(4, 21) as u32,
        jackknife: num(5, 4),
        two_pass: std::env::var("TWO").map_or(true, |v| v != "0"),
        tagger_rows_log2: num(6, 18) as u32,
        clusters: match std::env::var("CLUSTERS") {
            Ok(p) => newsgraph_nlp::syntax::clusters::Clusters::read(&std::fs::read_to_string(p)?)?,
            Err(_) => Default::default(),
        },
        seed: std::env::var("SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(7),
        ..Default::default()
    };
    let t0 = std::time::Instant::now();
    let (mut model, report) = train::train(&docs, &cfg);
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes)?;
    eprintln!(
        "trained in {:.0} s, {} bytes; parser errors {:?}",
        t0.elapsed().as_secs_f64(),
        bytes.len(),
        report.parser_errors
    );
    let dev =
        conllu::read_file(format!("{data}/syntax/ud-english-ewt/en_ewt-ud-dev.conllu").as_ref())?;
    if let Some(m) = margin() {
        model.set_bounds_margin(m);
    }
    score_halves(&model, &dev, &format!("{:?}", &args[2..]));
    Ok(())
}

/// Prints the gold words of the EWT dev tune half that the tokenizer cuts differently
/// (`gold` then the predicted pieces overlapping it), one per line, for counting.
fn dump_token_errors() -> Result<(), Box<dyn std::error::Error>> {
    let dev =
        conllu::read_file("../shared/data/syntax/ud-english-ewt/en_ewt-ud-dev.conllu".as_ref())?;
    let model = load_model()?;
    for d in dev.iter().step_by(2) {
        let mut a = d.article();
        newsgraph_nlp::segment(&mut a);
        newsgraph_nlp::syntax::analyse_article(&mut a, &model);
        let chars: Vec<char> = d.text.chars().collect();
        let piece = |s: newsgraph_model::Span| chars[s.start..s.end].iter().collect::<String>();
        let pred: std::collections::HashSet<(usize, usize)> = a
            .syntax
            .iter()
            .map(|t| (t.span.start, t.span.end))
            .collect();
        for g in &d.words {
            if !pred.contains(&(g.span.start, g.span.end)) {
                let over: Vec<String> = a
                    .syntax
                    .iter()
                    .filter(|t| t.span.start < g.span.end && t.span.end > g.span.start)
                    .map(|t| piece(t.span))
                    .collect();
                println!("{}\t{}", piece(g.span), over.join(" "));
            }
        }
        if std::env::var("SENTS").is_ok() {
            // Gold sentence ends the splitter misses (`MISS`) and its ends gold lacks (`EXTRA`).
            let gold: std::collections::HashSet<usize> = d
                .sentences
                .iter()
                .filter_map(|r| d.words.get(r.end.wrapping_sub(1)))
                .map(|w| w.span.end)
                .collect();
            let pred: std::collections::HashSet<usize> =
                a.sentences.iter().map(|s| s.span.end).collect();
            let ctx = |e: usize| {
                let lo = e.saturating_sub(40);
                let hi = (e + 30).min(chars.len());
                format!(
                    "{}|{}",
                    piece(newsgraph_model::Span::new(lo, e)),
                    piece(newsgraph_model::Span::new(e, hi))
                )
                .replace('\n', "¶")
            };
            for e in gold.difference(&pred) {
                println!("MISS\t{}", ctx(*e));
            }
            for e in pred.difference(&gold) {
                println!("EXTRA\t{}", ctx(*e));
            }
        }
    }
    Ok(())
}

/// Scores the model in `MODEL` (default: the shipped file) from raw text on the EWT dev
/// halves and the GUM check split, as `newsgraph eval syntax` does, and prints each
/// corpus's sentence count (`--raw` then text files to count sentences in).
fn score_raw() -> Result<(), Box<dyn std::error::Error>> {
    use newsgraph_nlp::syntax::score::{score_doc, Counts};
    let mut model = load_model()?;
    if let Some(m) = margin() {
        model.set_bounds_margin(m);
    }
    let dev =
        conllu::read_file("../shared/data/syntax/ud-english-ewt/en_ewt-ud-dev.conllu".as_ref())?;
    let gum = conllu::read_split("../shared/data/entities/gum-train".as_ref(), Split::Dev)?;
    let tune: Vec<_> = dev.iter().step_by(2).cloned().collect();
    let check: Vec<_> = dev.iter().skip(1).step_by(2).cloned().collect();
    for (name, docs) in [("ewt tune", tune), ("ewt check", check), ("gum check", gum)] {
        let mut c = Counts::default();
        for d in &docs {
            let mut a = d.article();
            newsgraph_nlp::segment(&mut a);
            if std::env::var("GOLD_SENTS").is_ok() {
                // Gold sentence ends over our tokens: what the tokenizer alone costs.
                a.sentences = d
                    .sentences
                    .iter()
                    .filter(|r| !r.is_empty())
                    .map(|r| newsgraph_model::Sentence {
                        span: newsgraph_model::Span::new(
                            d.words[r.start].span.start,
                            d.words[r.end - 1].span.end,
                        ),
                    })
                    .collect();
            }
            newsgraph_nlp::syntax::analyse_article(&mut a, &model);
            let sents: Vec<_> = a.sentences.iter().map(|s| s.span).collect();
            c.add(&score_doc(d, &a.syntax, &sents));
        }
        println!(
            "{name}: tokens {:.4} sents {:.4} UPOS {:.4} UAS {:.4} LAS {:.4}",
            c.f1(c.aligned),
            c.sentence_f1(),
            c.f1(c.upos),
            c.f1(c.uas),
            c.f1(c.las)
        );
    }
    let mut n = 0;
    for f in std::env::args().skip(2) {
        let body: Vec<(newsgraph_model::BlockKind, String)> = std::fs::read_to_string(f)?
            .lines()
            .map(|l| (newsgraph_model::BlockKind::Paragraph, l.to_string()))
            .collect();
        let mut a = newsgraph_model::Article::from_blocks(Default::default(), None, &body);
        newsgraph_nlp::segment(&mut a);
        n += a.sentences.len();
    }
    println!("sentences in the files given: {n}");
    Ok(())
}

/// The tree-bounds margin to score with (`MARGIN`, `inf` for none), else the model's.
fn margin() -> Option<f32> {
    std::env::var("MARGIN").ok().and_then(|m| m.parse().ok())
}

/// Tag confusions (gold → predicted) and head errors by gold relation on the gold words of
/// the EWT dev tune half, most frequent first, for the model in `MODEL`.
fn confusion() -> Result<(), Box<dyn std::error::Error>> {
    let model = load_model()?;
    let dev =
        conllu::read_file("../shared/data/syntax/ud-english-ewt/en_ewt-ud-dev.conllu".as_ref())?;
    let mut tags: std::collections::HashMap<String, usize> = Default::default();
    let mut heads: std::collections::HashMap<String, (usize, usize)> = Default::default();
    for d in dev.iter().step_by(2) {
        for r in &d.sentences {
            let ws = &d.words[r.clone()];
            let forms: Vec<&str> = ws.iter().map(|w| w.form.as_str()).collect();
            for (a, g) in model.analyse(&forms).iter().zip(ws) {
                if UPOS[a.upos] != g.upos {
                    if std::env::var("WORDS").is_ok() {
                        println!(
                            "{} -> {}\t{}\t{}",
                            g.upos,
                            UPOS[a.upos],
                            g.form,
                            forms.join(" ")
                        );
                    }
                    *tags
                        .entry(format!("{} -> {}", g.upos, UPOS[a.upos]))
                        .or_default() += 1;
                }
                let e = heads.entry(g.deprel.clone()).or_default();
                e.0 += 1;
                e.1 += (a.head.map(|h| h + r.start) != g.head) as usize;
            }
        }
    }
    let mut v: Vec<_> = tags.into_iter().collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.1));
    for (k, n) in v.iter().take(25) {
        println!("{n}\t{k}");
    }
    let mut v: Vec<_> = heads.into_iter().collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.1 .1));
    for (k, (n, e)) in v.iter().take(20) {
        println!("{e} wrong heads of {n}\t{k}");
    }
    Ok(())
}

/// Learns word clusters: `--clusters OUT [COARSE FINE MIN_COUNT CONTEXTS]` from EWT train,
/// GUM train, the WCXB page texts and the BTC tweets.
fn learn_clusters(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    use newsgraph_nlp::syntax::{clusters, unlabelled};
    let num = |i: usize, d: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    let data = "../shared/data";
    let mut sents = Vec::new();
    unlabelled::from_conllu(
        format!("{data}/syntax/ud-english-ewt/en_ewt-ud-train.conllu").as_ref(),
        &mut sents,
    )?;
    unlabelled::from_conllu(format!("{data}/entities/gum-train").as_ref(), &mut sents)?;
    unlabelled::from_pages(
        format!("{data}/extraction/wcxb-dev-articles/ground-truth").as_ref(),
        &mut sents,
    )?;
    for f in ["a", "b", "e", "f", "g", "h"] {
        unlabelled::from_conll(
            format!("{data}/entities/btc/{f}.conll").as_ref(),
            &mut sents,
        )?;
    }
    let words: usize = sents.iter().map(|s| s.len()).sum();
    let cfg = clusters::ClusterConfig {
        coarse: num(1, 64),
        fine: num(2, 512),
        min_count: num(3, 3) as u32,
        contexts: num(4, 1000),
        ..Default::default()
    };
    let t0 = std::time::Instant::now();
    let cl = clusters::Clusters::learn(&sents, &cfg);
    let mut s = String::new();
    cl.write(&mut s);
    std::fs::write(&args[0], s)?;
    eprintln!(
        "{} sentences, {words} words: {} forms clustered in {:.1} s",
        sents.len(),
        cl.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Scores `MODEL` on the gold words of both EWT dev halves (`--gold`).
fn score_gold(_args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let model = load_model()?;
    let dev =
        conllu::read_file("../shared/data/syntax/ud-english-ewt/en_ewt-ud-dev.conllu".as_ref())?;
    score_halves(&model, &dev, "");
    Ok(())
}

/// UPOS, UAS and LAS on the gold words of the EWT dev tune (even) and check (odd) halves.
fn score_halves(
    model: &newsgraph_nlp::syntax::SyntaxModel,
    dev: &[conllu::TreebankDoc],
    note: &str,
) {
    for (half, skip) in [("tune", 0), ("check", 1)] {
        let (mut n, mut upos, mut uas, mut las) = (0usize, 0usize, 0usize, 0usize);
        for d in dev.iter().skip(skip).step_by(2) {
            for r in &d.sentences {
                let ws = &d.words[r.clone()];
                let forms: Vec<&str> = ws.iter().map(|w| w.form.as_str()).collect();
                for (a, g) in model.analyse(&forms).iter().zip(ws) {
                    n += 1;
                    upos += (UPOS[a.upos] == g.upos) as usize;
                    if a.head.map(|h| h + r.start) == g.head {
                        uas += 1;
                        las += (DEPRELS[a.deprel] == g.deprel) as usize;
                    }
                }
            }
        }
        let f = |k: usize| k as f64 / n.max(1) as f64;
        println!(
            "ewt-dev {half}, gold words: UPOS {:.4} UAS {:.4} LAS {:.4} ({n} words) {note}",
            f(upos),
            f(uas),
            f(las)
        );
    }
}

/// The model in `MODEL` (default: the shipped file).
fn load_model() -> Result<newsgraph_nlp::syntax::SyntaxModel, newsgraph_nlp::syntax::ModelError> {
    newsgraph_nlp::syntax::SyntaxModel::load(
        std::env::var("MODEL")
            .unwrap_or("crates/nlp/data/syntax.model".into())
            .as_ref(),
    )
}
