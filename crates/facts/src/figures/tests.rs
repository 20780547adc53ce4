use super::*;

#[test]
fn every_kind_in_the_data_is_a_figure_kind() {
    for line in include_str!("../../data/figures.tsv").lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if !line.starts_with('#') && f.len() >= 3 && matches!(f[0], "kindnoun" | "verb") {
            let kind = f[2].trim();
            assert!(
                kind == "shot" || kind.parse::<FigureKind>().is_ok(),
                "{line}"
            );
        }
    }
}

#[test]
fn a_multiplier_linked_to_a_currency_is_money() {
    for (text, unit) in [
        (
            "Emmanuel Macron a annoncé mardi un plan de 3 milliards d'euros.",
            "EUR",
        ),
        (
            "Le port recevra 2 milliards de dollars, selon le ministre.",
            "USD",
        ),
    ] {
        let f = figs(text);
        let money: Vec<&Figure> = f.iter().filter(|x| x.kind == FigureKind::Money).collect();
        assert_eq!(money.len(), 1, "{text}: {f:?}");
        assert_eq!(money[0].unit.as_deref(), Some(unit), "{text}");
        assert!(money[0].text.starts_with(['3', '2']) && money[0].text.ends_with('s'));
        assert!((money[0].value - 2e9).abs() < 1.0 || (money[0].value - 3e9).abs() < 1.0);
    }
    // Without a multiplier the link is not read: "page 3 de dollars" is nothing.
    assert!(figs("Voir la page 3 de dollars.")
        .iter()
        .all(|x| x.kind != FigureKind::Money));
}

fn figs(text: &str) -> Vec<Figure> {
    let mut a = Article {
        text: text.to_string(),
        ..Default::default()
    };
    crate::times(&mut a);
    figures(&mut a);
    a.figures
}

#[test]
fn casualty_counts_with_qualifiers_and_sources() {
    let t = "Officials in the province reported at least 1,060 fatalities from air strikes, while the army confirmed 28 deaths.";
    let f = figs(t);
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(
        (f[0].value, f[0].kind.as_str(), f[0].qualifier),
        (1060.0, "killed", Qualifier::AtLeast)
    );
    assert_eq!(
        f[0].source_text.as_deref(),
        Some("Officials in the province")
    );
    assert_eq!(f[0].about.as_deref(), Some("air strikes"));
    assert_eq!(
        (f[1].value, f[1].kind.as_str(), f[1].qualifier),
        (28.0, "killed", Qualifier::Exact)
    );
    assert_eq!(f[1].source_text.as_deref(), Some("the army"));
}

#[test]
fn people_nouns_take_their_verb() {
    let f = figs(
        "Two dozen people were injured and a 25-year-old man was shot and killed, police said.",
    );
    let kinds: Vec<(f64, &str)> = f.iter().map(|x| (x.value, x.kind.as_str())).collect();
    assert!(kinds.contains(&(24.0, "injured")), "{f:?}");
    assert!(kinds.contains(&(1.0, "killed")), "{f:?}");
    assert_eq!(f[0].source_text.as_deref(), Some("police"));
    let f = figs("The gunman killed 12 and wounded nearly 50 others.");
    let kinds: Vec<(f64, &str, Qualifier)> = f
        .iter()
        .map(|x| (x.value, x.kind.as_str(), x.qualifier))
        .collect();
    assert!(kinds.contains(&(12.0, "killed", Qualifier::Exact)), "{f:?}");
    assert!(
        kinds.contains(&(50.0, "injured", Qualifier::AtMost)),
        "{f:?}"
    );
}

/// Issue 15, finding 7: numbers that are not the quantity they look like.
#[test]
fn first_user_figures() {
    // A distance in a sports story is not 5 billion of anything.
    let f = figs("She set a 5,000m world record in Oslo on a windy night.");
    assert!(f.iter().all(|x| x.value < 1e6), "{f:?}");
    // A currency amount after "about" is approximate; "£1,500m" is still money.
    let f = figs("The harbour scheme will cost about £12 million, the council said.");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].value, f[0].unit.as_deref(), f[0].qualifier),
        (12e6, Some("GBP"), Qualifier::About)
    );
    let f = figs("The port sold bonds worth £1,500m last year.");
    assert_eq!(f[0].value, 1.5e9, "{f:?}");
    // "milliard" is a multiplier, never a unit.
    let f = figs("Le port a reçu 3 milliards pour les quais.");
    assert!(
        f.iter()
            .all(|x| x.unit.as_deref() != Some("milliards") && (x.value - 3e9).abs() < 1.0),
        "{f:?}"
    );
    // The unit is the noun after a capitalised modifier.
    let f = figs("Protests spread to more than 100 U.S. cities over the weekend.");
    assert_eq!(f[0].unit.as_deref(), Some("cities"), "{f:?}");
    assert_eq!(f[0].qualifier, Qualifier::AtLeast);
    // ... but a capitalised plural is the noun, and so is a unit of measure.
    for (t, unit) in [
        (
            "The ferry line bought 20 Seaswifts earlier this year.",
            "seaswifts",
        ),
        ("The laptop ships in 2 GHz models only.", "ghz"),
        (
            "The yard will deliver 12 Seaswift ferries next spring.",
            "ferries",
        ),
    ] {
        let f = figs(t);
        assert_eq!(f[0].unit.as_deref(), Some(unit), "{t}: {f:?}");
    }
    // A negated casualty is not a count of victims.
    let f = figs("Neither the ferry captain nor his two deckhands were injured in the crash.");
    assert!(f.iter().all(|x| x.kind != FigureKind::Injured), "{f:?}");
    let f = figs("Three passengers were not hurt, and two workers were injured.");
    let kinds: Vec<(f64, &str)> = f.iter().map(|x| (x.value, x.kind.as_str())).collect();
    assert_eq!(kinds, vec![(2.0, "injured")], "{f:?}");
    // Names, codes and addresses.
    for t in [
        "Officers called in a K-9 unit to search the harbour warehouse.",
        "Deputies answered a 911 hang-up at the marina.",
        "Police were called to 4500 SW 71st Avenue shortly after midnight.",
        "The ferry left from 12 Harbour Road, police said.",
        "Flight 370 vanished over the ocean.",
    ] {
        assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
    }
    // A plain count of calls is still a count.
    let f = figs("The centre took 300 calls about the storm.");
    assert_eq!(f.len(), 1, "{f:?}");
}

#[test]
fn money_percent_and_counts() {
    let f = figs("The fund lost $1.2 billion, or 12 percent, according to the central bank, and closed 300 branches.");
    assert_eq!(
        (f[0].value, f[0].kind.as_str(), f[0].unit.as_deref()),
        (1.2e9, "money", Some("USD"))
    );
    assert_eq!(f[0].text, "$1.2 billion");
    assert_eq!(f[0].source_text.as_deref(), Some("the central bank"));
    assert_eq!((f[1].value, f[1].kind.as_str()), (12.0, "percent"));
    assert_eq!(
        (f[2].value, f[2].kind.as_str(), f[2].unit.as_deref()),
        (300.0, "count", Some("branches"))
    );
}

#[test]
fn dates_and_ages_are_not_figures() {
    let f = figs("On June 13, 2025 a 6-year-old boy was found in the 100 block of Main Street.");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn spans_are_code_points() {
    let t = "Café “news”: at least 1,060 fatalities.";
    let f = figs(t);
    let chars: Vec<char> = t.chars().collect();
    assert_eq!(
        chars[f[0].span.start..f[0].span.end]
            .iter()
            .collect::<String>(),
        "at least 1,060 fatalities"
    );
}

newsgraph_testkit::require_shared_under_ci!();

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared (the seed example)")]
fn seed_article_figures() {
    let text = std::fs::read_to_string(newsgraph_testkit::seed_path!()).expect("the seed article");
    let f = figs(&text);
    let killed: Vec<&Figure> = f.iter().filter(|x| x.kind == FigureKind::Killed).collect();
    assert!(
        killed.iter().any(|x| x.value == 1060.0
            && x.qualifier == Qualifier::AtLeast
            && x.source_text.as_deref() == Some("Iranian authorities")),
        "{f:?}"
    );
    assert!(
        killed.iter().any(|x| x.value == 28.0
            && x.qualifier == Qualifier::Exact
            && x.source_text.as_deref() == Some("Israeli officials")),
        "{f:?}"
    );
}

#[test]
fn never_panics_on_noise() {
    let seeds = [
        "at least 1,060 fatalities $1.2bn 12% a man was shot",
        "killing 99999999999999999999999999 people",
        "€ 5 £ US$ 3 per cent",
    ];
    for text in newsgraph_testkit::mutations(
        &seeds,
        "a0 9,.$%-'’é\u{200b}\nkilledpeople",
        3000,
        13,
        0x2545_F491_4F6C_DD1D,
    ) {
        let _ = figs(&text);
    }
}
