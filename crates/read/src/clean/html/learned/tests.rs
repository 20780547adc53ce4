//! Behaviour of the learned extractor: the scorer agrees with the named features, the
//! file format round-trips, training separates what it is shown, and the shipped model
//! keeps an article's paragraphs and drops navigation and comments.

use super::features::page_feature_names;
use super::*;
use crate::clean::html::blocks::page_layout;

fn page(story: &[&str], with_comments: bool) -> String {
    let mut h = String::from(
        "<html><head><title>T</title></head><body>\
         <nav class=\"site-nav\"><ul><li><a href=/>Home</a></li><li><a href=/world>World</a></li>\
         <li><a href=/sport>Sport</a></li></ul></nav><main><article class=\"story\">\
         <h1>Council votes to close the bridge</h1>",
    );
    for p in story {
        h.push_str(&format!("<p>{p}</p>"));
    }
    h.push_str("</article>");
    if with_comments {
        h.push_str("<section id=\"comments\" class=\"comment-list\">");
        for i in 0..4 {
            h.push_str(&format!(
                "<div class=\"comment\"><p><a href=/u{i}>reader{i}</a></p><p>I read this and \
                 I think the council is wrong about the bridge, as usual, number {i}.</p></div>"
            ));
        }
        h.push_str("</section>");
    }
    h.push_str(
        "</main><footer><p><a href=/about>About us</a> | <a href=/terms>Terms</a> | \
         <a href=/privacy>Privacy</a></p></footer></body></html>",
    );
    h
}

const STORY: &[&str] = &[
    "The city council voted on Tuesday to close the old bridge over the river, citing a \
     report that found its supports badly corroded.",
    "Repairs are expected to take at least eighteen months, and the council said a ferry \
     would run in the meantime, free of charge for residents.",
    "Shop owners on both banks said the closure would cost them customers, and several \
     asked for compensation at the meeting.",
];

#[test]
fn layout_records_elements_links_and_marks() {
    let l = page_layout(
        "<div class=\"entry-content postBody\" role=main><p>Some <a href=x>linked words</a> \
         here.</p></div>",
    );
    assert_eq!(l.blocks.len(), 1);
    let d = l.details[0];
    assert_eq!((d.words, d.link_words), (4, 2));
    let p = &l.elements[d.element.unwrap() as usize];
    assert_eq!(p.name, "p");
    let div = &l.elements[p.parent.unwrap() as usize];
    assert_eq!(div.marks, vec!["entry", "content", "postbody", "role:main"]);
}

#[test]
fn scorer_agrees_with_named_features_and_each_comes_once() {
    let model = BlockModel::shipped();
    assert!(model.is_trained(), "the shipped model file has weights");
    let html = page(STORY, true);
    let layout = page_layout(&html);
    let names = page_feature_names(&layout);
    // Each feature of a block once: the scorer counts every one it is given.
    for f in &names {
        let mut distinct = f.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), f.len(), "{f:?}");
    }
    let named: Vec<f32> = names.iter().map(|f| model.probability(f)).collect();
    let scored = block_probabilities(&layout, model);
    assert_eq!(named.len(), scored.len());
    for (a, b) in named.iter().zip(&scored) {
        assert!((a - b).abs() < 1e-5, "{a} vs {b}");
    }
}

#[test]
fn shipped_model_keeps_the_story_and_drops_furniture() {
    let html = page(STORY, true);
    let ex = Learned::default().extract(&html, None).expect("blocks");
    let texts: Vec<&str> = ex.blocks.iter().map(|b| b.text.as_str()).collect();
    for p in STORY {
        assert!(texts.contains(p), "story paragraph kept: {p}");
    }
    for t in &texts {
        assert!(
            !t.contains("reader") && !t.contains("I read this"),
            "comment kept: {t}"
        );
        assert!(
            !t.contains("Privacy") && *t != "Home",
            "furniture kept: {t}"
        );
    }
    // The page's blocks come along for recording what was cut.
    let (all, regions) = ex.page_blocks.expect("page blocks");
    assert_eq!(all.len(), regions.len());
    assert!(all.len() > ex.blocks.len());
}

#[test]
fn model_file_round_trips_and_bad_lines_are_errors() {
    let text = "# made by hand\n@threshold\t0.4\nbias\t-0.5\ntag=p\t1.25\n";
    let m = BlockModel::parse(text).unwrap();
    assert_eq!(m.threshold, 0.4);
    assert_eq!(m.weights.len(), 2);
    assert_eq!(BlockModel::parse(&m.to_tsv()).unwrap(), m);
    let p = m.probability(&["bias".to_string(), "tag=p".to_string(), "unknown".into()]);
    assert!((p - 1.0 / (1.0 + (-0.75f32).exp())).abs() < 1e-6);
    assert!(BlockModel::parse("bias 1.0\n")
        .unwrap_err()
        .contains("line 1"));
    assert!(BlockModel::parse("bias\tone\n").is_err());
}

#[test]
fn training_learns_what_the_gold_keeps() {
    // Pages whose gold is the `story` paragraphs; furniture paragraphs as long as the
    // story's sit in a `promo` box, so length alone cannot tell them apart.
    let promo = "Subscribe today and get our weekly newsletter with the best stories of \
                 the week delivered to your inbox, every single Friday morning.";
    let mut pages = Vec::new();
    for i in 0..24 {
        let story: Vec<String> = STORY.iter().map(|p| format!("{p} Case {i}.")).collect();
        let mut html = page(
            &story.iter().map(String::as_str).collect::<Vec<_>>(),
            i % 2 == 0,
        );
        html = html.replace(
            "</main>",
            &format!("<div class=\"promo\"><p>{promo}</p></div></main>"),
        );
        pages.push((html, story.join("\n")));
    }
    let train: Vec<TrainPage> = pages
        .iter()
        .map(|(h, g)| TrainPage { html: h, gold: g })
        .collect();
    let opts = TrainOptions {
        min_count: 2,
        mark_min_count: 2,
        rate: 0.2,
        context: false,
        ..Default::default()
    };
    let model = train_block_model(&train, &opts);
    let unseen = page(STORY, true).replace(
        "</main>",
        &format!("<div class=\"promo\"><p>{promo}</p></div></main>"),
    );
    let ex = Learned { model: &model }
        .extract(&unseen, None)
        .expect("blocks");
    let texts: Vec<&str> = ex.blocks.iter().map(|b| b.text.as_str()).collect();
    for p in STORY {
        assert!(texts.contains(p), "story kept: {p}");
    }
    assert!(!texts.contains(&promo), "promo dropped: {texts:?}");
}

#[test]
fn byline_elements_name_the_author_and_comment_authors_do_not() {
    let with_byline = page(STORY, false).replace(
        "<h1>Council votes to close the bridge</h1>",
        "<h1>Council votes to close the bridge</h1><div class=\"article-author\">\
         <span>By Jane Doe and John Roe</span></div>",
    );
    let ex = Learned::default()
        .extract(&with_byline, None)
        .expect("blocks");
    assert_eq!(ex.authors, vec!["Jane Doe", "John Roe"]);
    // A comment's author far below the start of the story is not the article's.
    let mut story: Vec<String> = (0..12)
        .map(|i| format!("{} Part {i}.", STORY[i % 3]))
        .collect();
    story.push("</p><div class=\"comment-author\">Pat Reader</div><p>".to_string());
    let html = page(&story.iter().map(String::as_str).collect::<Vec<_>>(), false);
    let ex = Learned::default().extract(&html, None).expect("blocks");
    assert!(ex.authors.is_empty(), "{:?}", ex.authors);
}
