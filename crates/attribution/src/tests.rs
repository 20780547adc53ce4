use super::*;
use newsgraph_model::{Entity, EntityKind, QuoteKind, Stance};

fn article(text: &str) -> Article {
    Article {
        text: text.to_string(),
        ..Default::default()
    }
}

fn find_span(text: &str, needle: &str) -> Span {
    let b = text.find(needle).expect("needle");
    let ix = CharIndex::new(text);
    ix.span(b..b + needle.len())
}

pub(crate) fn entity(
    id: &str,
    name: &str,
    kind: EntityKind,
    text: &str,
    mentions: &[&str],
) -> Entity {
    let mut ms = Vec::new();
    for m in mentions {
        let mut from = 0;
        while let Some(b) = text[from..].find(m) {
            let ix = CharIndex::new(text);
            ms.push(ix.span(from + b..from + b + m.len()));
            from += b + m.len();
        }
    }
    Entity {
        id: id.into(),
        name: name.into(),
        kind,
        aliases: vec![],
        descriptors: vec![],
        mentions: ms,
        registry_ref: None,
        gender: None,
    }
}

#[test]
fn direct_quote_with_trailing_cue() {
    let mut a = article("“We will build it, and fast,” Smith said on Monday.");
    quotes(&mut a);
    assert_eq!(a.quotes.len(), 1);
    let q = &a.quotes[0];
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.text, "We will build it, and fast,");
    assert_eq!(q.speaker_text.as_deref(), Some("Smith"));
    assert_eq!(q.cue.as_deref(), Some("said"));
}

#[test]
fn inverted_and_leading_cues_and_straight_quotes() {
    let mut a = article(
        "\"It is over,\" said party chairman Tom Jones.\nMary Lee stated, \"No request was made.\"",
    );
    quotes(&mut a);
    assert_eq!(a.quotes.len(), 2, "{:?}", a.quotes);
    assert_eq!(
        a.quotes[0].speaker_text.as_deref(),
        Some("party chairman Tom Jones")
    );
    assert_eq!(a.quotes[1].speaker_text.as_deref(), Some("Mary Lee"));
    assert_eq!(a.quotes[1].text, "No request was made.");
}

#[test]
fn split_quote_is_one_quote_with_two_parts() {
    let mut a = article("“I would say this,” Jones answered. “We will work out a fair system.”");
    quotes(&mut a);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(a.quotes[0].parts.len(), 2);
    assert!(a.quotes[0].text.contains("fair system"));
}

#[test]
fn multi_paragraph_quote() {
    let mut a = article(
        "Brown said: “The first point is clear.\n“The second point follows from it.”\nOther news.",
    );
    quotes(&mut a);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert!(a.quotes[0].text.contains("second point"));
    assert_eq!(a.quotes[0].speaker_text.as_deref(), Some("Brown"));
}

#[test]
fn indirect_forms() {
    let t = "The mayor said that the budget would pass. Prices will rise, officials said. According to the agency, ten people died.";
    let mut a = article(t);
    quotes(&mut a);
    let got: Vec<(&str, &str)> = a
        .quotes
        .iter()
        .map(|q| (q.speaker_text.as_deref().unwrap_or(""), q.text.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("The mayor", "that the budget would pass"),
            ("officials", "Prices will rise"),
            ("the agency", "ten people died")
        ]
    );
    assert!(a.quotes.iter().all(|q| q.kind == QuoteKind::Indirect));
}

#[test]
fn mixed_quote_and_participle_cue() {
    let t = "The Daily Star criticized the plan as \"too soft,\" arguing that voters want more.";
    let mut a = article(t);
    quotes(&mut a);
    assert_eq!(a.quotes.len(), 2, "{:?}", a.quotes);
    assert_eq!(a.quotes[0].kind, QuoteKind::Mixed);
    assert!(a.quotes[0].text.contains("too soft"));
    assert_eq!(a.quotes[1].speaker_text.as_deref(), Some("The Daily Star"));
    assert_eq!(a.quotes[1].text, "that voters want more");
}

#[test]
fn predicative_quotation_after_as_ends_the_content() {
    let t =
        "Governor Lane described the bill as a \u{201c}disgrace\u{201d} Wednesday on a radio show.";
    let mut a = article(t);
    quotes(&mut a);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(a.quotes[0].text, "the bill as a \u{201c}disgrace\u{201d}");
    // a coordinated second quotation stays in the content
    let t =
        "Lane described the bill as \u{201c}costly\u{201d} and \u{201c}unfair\u{201d} to farmers.";
    let mut a = article(t);
    quotes(&mut a);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert!(
        a.quotes[0].text.ends_with("to farmers"),
        "{:?}",
        a.quotes[0].text
    );
}

#[test]
fn accused_object_is_not_content() {
    let t = "South Korea accused the North's leader, Kim Jong Un, of \"fanatic recklessness.\"";
    let mut a = article(t);
    quotes(&mut a);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(a.quotes[0].text, "of \"fanatic recklessness.\"");
    assert_eq!(a.quotes[0].speaker_text.as_deref(), Some("South Korea"));
}

#[test]
fn pronoun_and_description_speakers_resolve() {
    let t = "Anna Berg arrived late. “It went well,” she said.\nThe Herald newspaper ran a piece. The editorial noted that it was late.";
    let mut a = article(t);
    a.entities = vec![
        entity("e1", "Anna Berg", EntityKind::Person, t, &["Anna Berg"]),
        entity("e2", "Herald", EntityKind::Organization, t, &["Herald"]),
    ];
    quotes(&mut a);
    assert_eq!(a.quotes.len(), 2, "{:?}", a.quotes);
    assert_eq!(a.quotes[0].speaker.as_deref(), Some("e1"));
    assert_eq!(a.quotes[1].speaker.as_deref(), Some("e2"));
    assert_eq!(a.quotes[0].speaker_span, Some(find_span(t, "she")));
}

#[test]
fn gendered_pronouns_skip_people_of_the_other_gender() {
    let t = "Anna Berg met Tom Lee. “It went well,” she said. “We agree,” he said.";
    let mut a = article(t);
    let mut anna = entity("e1", "Anna Berg", EntityKind::Person, t, &["Anna Berg"]);
    anna.gender = Some(newsgraph_model::Gender::Female);
    let mut tom = entity("e2", "Tom Lee", EntityKind::Person, t, &["Tom Lee"]);
    tom.gender = Some(newsgraph_model::Gender::Male);
    a.entities = vec![anna, tom];
    quotes(&mut a);
    assert_eq!(a.quotes.len(), 2, "{:?}", a.quotes);
    // Tom Lee is the most recent person, but "she" is Anna Berg.
    assert_eq!(a.quotes[0].speaker.as_deref(), Some("e1"));
    assert_eq!(a.quotes[1].speaker.as_deref(), Some("e2"));
    // Without genders the most recent person wins, as before.
    let mut b = article(t);
    b.entities = vec![
        entity("e1", "Anna Berg", EntityKind::Person, t, &["Anna Berg"]),
        entity("e2", "Tom Lee", EntityKind::Person, t, &["Tom Lee"]),
    ];
    quotes(&mut b);
    assert_eq!(b.quotes[0].speaker.as_deref(), Some("e2"));
}

#[test]
fn venue_and_when() {
    let t = "Speaking to the Star news agency on Tuesday, spokesman Ali Reza stated, \"Nothing was asked of us.\"";
    let mut a = article(t);
    a.times.push(newsgraph_model::Time {
        text: "on Tuesday".into(),
        span: find_span(t, "on Tuesday"),
        kind: newsgraph_model::TimeType::Date,
        value: "2025-07-08".into(),
        r#mod: None,
        anchor: None,
    });
    quotes(&mut a);
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(a.quotes[0].venue.as_deref(), Some("Star news agency"));
    assert_eq!(a.quotes[0].when.as_deref(), Some("2025-07-08"));
}

#[test]
fn denial_links_to_claim() {
    let t = "Ruritania rejects claims of seeking a loan\nPresident Karl Vogt said the country wanted a loan. \
             Minister Olga Hahn denied it. Her comments contradicted Vogt's assertion that Ruritania was eager for a loan.";
    let mut a = article(t);
    a.entities = vec![
        entity("e1", "Ruritania", EntityKind::Place, t, &["Ruritania"]),
        entity(
            "e2",
            "Karl Vogt",
            EntityKind::Person,
            t,
            &["Karl Vogt", "Vogt"],
        ),
        entity("e3", "Olga Hahn", EntityKind::Person, t, &["Olga Hahn"]),
    ];
    quotes(&mut a);
    claims(&mut a);
    let claim = a
        .claims
        .iter()
        .find(|c| c.stance == Stance::Assert && c.holder.as_deref() == Some("e2"))
        .expect("held claim");
    assert!(claim.content.contains("eager for a loan"));
    let denials: Vec<_> = a
        .claims
        .iter()
        .filter(|c| c.stance == Stance::Deny)
        .collect();
    assert!(denials.len() >= 2, "{:?}", a.claims);
    assert!(
        denials.iter().any(|d| d.holder.as_deref() == Some("e3")
            && d.answers.as_deref() == Some(claim.id.as_str())),
        "{:?}",
        a.claims
    );
    assert!(
        denials.iter().any(|d| d.holder.as_deref() == Some("e1")
            && d.answers.as_deref() == Some(claim.id.as_str())),
        "{:?}",
        a.claims
    );
}

#[test]
fn spans_are_code_points() {
    let t = "Ça va: “Héllo wörld, ça marche,” dit-il, said Zoë Müller.";
    let mut a = article(t);
    quotes(&mut a);
    for q in &a.quotes {
        let chars: Vec<char> = t.chars().collect();
        let s: String = chars[q.span.start..q.span.end].iter().collect();
        assert!(
            q.text.starts_with(&s[..s.len().min(3)]),
            "{s} vs {}",
            q.text
        );
    }
}

/// Deterministic pseudo-random and mutated inputs: the stage must never panic.
#[test]
fn no_panic_on_hostile_text() {
    let seeds = [
        "“A,” he said. “B",
        "\"\"\"\" said said said ,,,, “”“”",
        "According to",
        "according to X,",
        "He said: “",
        "’s ’s ' ' \" x",
        "Trump’s assertion that",
        "claims of",
        "X, Y, said, “Z”, said W.",
        "\u{0}\u{1}“\u{7f}” said é",
        "Mr. U.S. said. “No,” said.",
    ];
    let alphabet: Vec<char> =
        "ab “”\"'’,.:;\n\tSaid said told claims that according to He she Él 1,0 — –\u{0}"
            .chars()
            .collect();
    let mut rng = newsgraph_testkit::Rng::new(0x9e3779b97f4a7c15);
    let mut next = || rng.next_u64();
    // NEWSGRAPH_FUZZ_ROUNDS raises the count for a longer local run
    let rounds: usize = std::env::var("NEWSGRAPH_FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3000);
    for round in 0..rounds {
        let mut s = String::new();
        if round % 3 == 0 {
            s.push_str(seeds[(next() % seeds.len() as u64) as usize]);
        }
        let n = (next() % 60) as usize;
        for _ in 0..n {
            let r = next();
            if r % 5 == 0 {
                s.push_str(seeds[(r / 5 % seeds.len() as u64) as usize]);
            } else {
                s.push(alphabet[(r / 5 % alphabet.len() as u64) as usize]);
            }
        }
        let mut a = article(&s);
        a.entities = vec![Entity {
            id: "e1".into(),
            name: "X".into(),
            kind: EntityKind::Person,
            aliases: vec![],
            descriptors: vec![],
            mentions: vec![Span::new(0, (next() % 5) as usize), Span::new(1000, 1003)],
            registry_ref: None,
            gender: None,
        }];
        quotes(&mut a);
        claims(&mut a);
        let n = s.chars().count();
        for q in &a.quotes {
            assert!(q.span.start <= q.span.end && q.span.end <= n, "{s:?}");
        }
    }
}

newsgraph_testkit::require_shared_under_ci!();

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared (the seed example)")]
fn seed_article() {
    // The seed as the reader cleans it (title, body, no furniture).
    let (input, mut seed) = (
        newsgraph_read::Input::Path(newsgraph_testkit::seed_path!()),
        None,
    );
    newsgraph_read::read(&input, &Default::default(), &mut |r| seed = r.ok()).expect("seed");
    let mut a = seed.expect("the seed is an article");
    quotes(&mut a);
    claims(&mut a);
    let has = |speaker: &str, needle: &str| {
        a.quotes.iter().any(|q| {
            q.speaker_text
                .as_deref()
                .is_some_and(|s| s.contains(speaker))
                && q.text.contains(needle)
        })
    };
    assert!(has("Esmaeil Baqaei", "No request for a meeting"));
    assert!(has("Trump", "We have scheduled Iran talks"));
    assert!(has("Kayhan", "these same Americans"));
    assert!(has("Javan", "too soft"));
    assert!(has("Ham Mihan", "positive approach"));
    assert!(has("Pezeshkian", "Iran was open to dialogue"));
    assert!(has("editorial", "Iranian officials had been absent"));
    assert!(has("hardliners", "trust in the U.S. is irreparable"));
    assert!(has("Javan", "such comments failed"));
    // the claim held by Trump is answered by the headline's denial and by Baqaei's
    let held = a
        .claims
        .iter()
        .find(|c| {
            c.stance == Stance::Assert
                && c.holder_text
                    .as_deref()
                    .is_some_and(|h| h.contains("Trump"))
        })
        .expect("Trump's claim");
    let answering: Vec<_> = a
        .claims
        .iter()
        .filter(|c| c.answers.as_deref() == Some(held.id.as_str()))
        .collect();
    assert!(answering.iter().all(|c| c.stance == Stance::Deny));
    assert!(
        answering.iter().any(|c| c.span.start < 60),
        "the headline's denial: {:?}",
        a.claims
    );
    assert!(
        answering
            .iter()
            .any(|c| c.cue.as_deref() == Some("contradicted")),
        "{:?}",
        a.claims
    );
    let q = a
        .quotes
        .iter()
        .find(|q| q.text.starts_with("No request"))
        .expect("Baqaei's quote");
    assert_eq!(q.venue.as_deref(), Some("Tasnim news agency"));
    assert_eq!(q.kind, QuoteKind::Direct);
}

/// A long run-on text full of cues and straight quotes: every scan is bounded, so this
/// stays linear (it took minutes before the bounds).
#[test]
fn long_run_on_text_is_linear() {
    let words = [
        "said",
        "X",
        "that",
        "\"",
        "Y",
        "according",
        "to",
        ",",
        "claims",
        "of",
        "he",
        "“",
        "”",
    ];
    let mut rng = newsgraph_testkit::Rng::new(42);
    let mut s = String::new();
    for _ in 0..60_000 {
        s.push_str(words[rng.below(words.len())]);
        s.push(' ');
    }
    let t0 = std::time::Instant::now();
    let mut a = article(&s);
    quotes(&mut a);
    claims(&mut a);
    assert!(t0.elapsed().as_secs() < 30, "took {:?}", t0.elapsed());
}
