use super::*;
use crate::calendar::Date;

fn run(text: &str, dct: Option<(i64, u32, u32)>) -> Vec<(String, String)> {
    let dct = dct.and_then(|(y, m, d)| Date::new(y, m, d));
    times_with_reference(text, dct)
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect()
}

fn value_of(text: &str, dct: Option<(i64, u32, u32)>, expr: &str) -> Option<String> {
    run(text, dct)
        .into_iter()
        .find(|(t, _)| t == expr)
        .map(|(_, v)| v)
}

const D: Option<(i64, u32, u32)> = Some((2025, 7, 8));

#[test]
fn absolute_and_partial_dates() {
    let t =
        "Talks began on March 3, 2024 and resumed on June 13. The June talks failed in mid-June.";
    assert_eq!(
        value_of(t, D, "March 3, 2024").as_deref(),
        Some("2024-03-03")
    );
    assert_eq!(value_of(t, D, "June 13").as_deref(), Some("2025-06-13"));
    assert_eq!(value_of(t, None, "June 13").as_deref(), Some("XXXX-06-13"));
    assert_eq!(value_of(t, D, "June").as_deref(), Some("2025-06"));
    let mid = times_with_reference(t, Date::new(2025, 7, 8))
        .into_iter()
        .find(|x| x.text == "mid-June")
        .unwrap();
    assert_eq!(mid.value, "2025-06");
    assert_eq!(mid.r#mod, Some(newsgraph_model::TimeMod::Mid));
}

#[test]
fn weekdays_follow_tense() {
    let t = "The minister resigned on Monday. She will travel on Friday.";
    assert_eq!(value_of(t, D, "Monday").as_deref(), Some("2025-07-07"));
    assert_eq!(value_of(t, D, "Friday").as_deref(), Some("2025-07-11"));
    assert_eq!(value_of(t, None, "Monday").as_deref(), Some("XXXX-WXX-1"));
    // The publication day itself.
    assert_eq!(
        value_of("He spoke on Tuesday.", D, "Tuesday").as_deref(),
        Some("2025-07-08")
    );
}

#[test]
fn relative_expressions() {
    let t = "Prices rose last month and fell two weeks ago; yesterday they held, and next year they may rise. Three years ago it was different.";
    assert_eq!(value_of(t, D, "last month").as_deref(), Some("2025-06"));
    assert_eq!(value_of(t, D, "two weeks ago").as_deref(), Some("2025-W26"));
    assert_eq!(value_of(t, D, "yesterday").as_deref(), Some("2025-07-07"));
    assert_eq!(value_of(t, D, "next year").as_deref(), Some("2026"));
    assert_eq!(value_of(t, D, "Three years ago").as_deref(), Some("2022"));
    assert_eq!(value_of(t, None, "last month").as_deref(), Some("XXXX-XX"));
}

#[test]
fn days_later_counts_from_the_previous_date() {
    let t = "The strikes began on June 13. Two days later, the talks collapsed.";
    let times = times_with_reference(t, Date::new(2025, 7, 8));
    let later = times.iter().find(|x| x.text == "Two days later").unwrap();
    assert_eq!(later.value, "2025-06-15");
    assert_eq!(later.anchor, Some(newsgraph_model::Anchor::Previous));
}

#[test]
fn durations_sets_times_quarters() {
    let t = "The truce lasted for three days, a five-year plan, every Monday, weekly meetings, at 3 p.m. and 14:20, in the third quarter, in the 1990s.";
    assert_eq!(value_of(t, D, "three days").as_deref(), Some("P3D"));
    assert_eq!(value_of(t, D, "five-year").as_deref(), Some("P5Y"));
    assert_eq!(
        value_of(t, D, "every Monday").as_deref(),
        Some("XXXX-WXX-1")
    );
    assert_eq!(value_of(t, D, "weekly").as_deref(), Some("P1W"));
    assert_eq!(
        value_of(t, D, "3 p.m.").as_deref(),
        Some("2025-07-08T15:00")
    );
    assert_eq!(value_of(t, D, "14:20").as_deref(), Some("2025-07-08T14:20"));
    assert_eq!(
        value_of(t, D, "the third quarter").as_deref(),
        Some("2025-Q3")
    );
    assert_eq!(value_of(t, D, "the 1990s").as_deref(), Some("199"));
}

#[test]
fn numbers_that_are_not_years() {
    let t = "The company paid $2000 and 1998 people attended; sales rose 2010 percent.";
    assert!(run(t, D).is_empty(), "{:?}", run(t, D));
    assert_eq!(
        value_of("It was built in 1998.", D, "1998").as_deref(),
        Some("1998")
    );
}

#[test]
fn spans_are_code_points() {
    let t = "Café “talks” résumé on June 13.";
    let times = times_with_reference(t, Date::new(2025, 7, 8));
    let chars: Vec<char> = t.chars().collect();
    let s = times[0].span;
    assert_eq!(chars[s.start..s.end].iter().collect::<String>(), "June 13");
}

newsgraph_testkit::require_shared_under_ci!();

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared (the seed example)")]
fn seed_article_times() {
    let text = std::fs::read_to_string(newsgraph_testkit::seed_path!()).expect("the seed article");
    let got = run(&text, D);
    let has = |e: &str, v: &str| got.iter().any(|(t, val)| t == e && val == v);
    assert!(has("last month", "2025-06"), "{got:?}");
    assert!(has("Tuesday", "2025-07-08"), "{got:?}");
    assert!(has("Monday", "2025-07-07"), "{got:?}");
    assert!(has("June 13", "2025-06-13"), "{got:?}");
    assert!(has("June 22", "2025-06-22"), "{got:?}");
    assert!(has("June 24", "2025-06-24"), "{got:?}");
    assert!(has("mid-June", "2025-06"), "{got:?}");
    assert!(has("two weeks ago", "2025-W26"), "{got:?}");
    let bare = run(&text, None);
    assert!(
        bare.iter()
            .any(|(t, v)| t == "June 13" && v == "XXXX-06-13"),
        "{bare:?}"
    );
}

#[test]
fn tense_cues_that_do_not_point_forward() {
    // "next to" is a place, "had been due to" a deadline that has passed.
    let t = "The bomb went off next to the station on Friday.";
    assert_eq!(value_of(t, D, "Friday").as_deref(), Some("2025-07-04"));
    let t = "The offer had been due to expire on Friday evening.";
    assert_eq!(
        value_of(t, D, "Friday evening").as_deref(),
        Some("2025-07-04TEV")
    );
    assert_eq!(
        value_of("The vote will take place on Friday.", D, "Friday").as_deref(),
        Some("2025-07-11")
    );
}

#[test]
fn fractions_and_couples_of_units() {
    let t = "The siege lasted 2 1/2 years; the flight took 5 1/2 hours and the talks two and a half days. \
             A minute and a half later the alarm rang. It will take a couple of weeks.";
    assert_eq!(value_of(t, D, "2 1/2 years").as_deref(), Some("P2Y6M"));
    assert_eq!(value_of(t, D, "5 1/2 hours").as_deref(), Some("PT5H30M"));
    assert_eq!(
        value_of(t, D, "two and a half days").as_deref(),
        Some("P2DT12H")
    );
    assert_eq!(
        value_of(t, D, "A minute and a half later").as_deref(),
        Some("PT1M30S")
    );
    assert_eq!(value_of(t, D, "a couple of weeks").as_deref(), Some("P2W"));
}

#[test]
fn years_read_out_in_words() {
    let t = "Prices fell in nineteen ninety-six and again in January nineteen ninety-seven, before the year two thousand.";
    assert_eq!(
        value_of(t, D, "nineteen ninety-six").as_deref(),
        Some("1996")
    );
    assert_eq!(
        value_of(t, D, "January nineteen ninety-seven").as_deref(),
        Some("1997-01")
    );
    assert_eq!(
        value_of(t, D, "the year two thousand").as_deref(),
        Some("2000")
    );
    // Counts stay counts.
    assert!(run("Twenty five people and nineteen others came.", D).is_empty());
}

#[test]
fn the_year_and_anaphoric_units() {
    let t = "Profit for the year ended June 30 rose. The company expects growth for the full year. \
             The plant opened in March 2019 and closed later that year. The strike began on May 4, 2020; that same day talks failed.";
    assert_eq!(value_of(t, D, "the year").as_deref(), Some("P1Y"));
    assert_eq!(value_of(t, D, "the full year").as_deref(), Some("2025"));
    assert_eq!(value_of(t, D, "later that year").as_deref(), Some("2019"));
    assert_eq!(
        value_of(t, D, "that same day").as_deref(),
        Some("2020-05-04")
    );
    // Never finer than the previous date.
    assert_eq!(
        value_of(
            "It happened in 1987. On that day, nobody spoke.",
            D,
            "that day"
        )
        .as_deref(),
        Some("1987")
    );
}

#[test]
fn year_ago_quarters_in_earnings_reports() {
    let t = "Net income rose in the third quarter from the year-ago third quarter. \
             Sales fell from the quarter a year ago, and margins were below year-earlier levels.";
    let d = Some((1989, 11, 1));
    assert_eq!(
        value_of(t, d, "the third quarter").as_deref(),
        Some("1989-Q3")
    );
    assert_eq!(
        value_of(t, d, "the year-ago third quarter").as_deref(),
        Some("1988-Q3")
    );
    assert_eq!(
        value_of(t, d, "the quarter a year ago").as_deref(),
        Some("1988-Q3")
    );
    // The comparison does not become the topic.
    assert_eq!(
        value_of(t, d, "year-earlier levels").as_deref(),
        Some("1988-Q3")
    );
}

#[test]
fn until_with_a_past_perfect_looks_back() {
    let t = "Until Monday, the police had not named a suspect. Talks are set to resume Friday.";
    assert_eq!(value_of(t, D, "Monday").as_deref(), Some("2025-07-07"));
    assert_eq!(value_of(t, D, "Friday").as_deref(), Some("2025-07-11"));
    assert_eq!(
        value_of("The ban stays in force until Monday.", D, "Monday").as_deref(),
        Some("2025-07-14")
    );
}

#[test]
fn floating_holidays_and_seasons() {
    let d = Some((2000, 1, 7));
    let t = "Relatives arrived on Thanksgiving Day and stayed past last Thanksgiving's feast. Election Day 1998 was quiet.";
    assert_eq!(
        value_of(t, d, "Thanksgiving Day").as_deref(),
        Some("1999-11-25")
    );
    assert_eq!(
        value_of(t, d, "last Thanksgiving").as_deref(),
        Some("1999-11-25")
    );
    assert_eq!(
        value_of(t, d, "Election Day 1998").as_deref(),
        Some("1998-11-03")
    );
    let t = "Sales slowed over the summer, after a strong early summer. Summer camps opened. This past spring was wet.";
    let d = Some((1989, 10, 30));
    assert_eq!(value_of(t, d, "the summer").as_deref(), Some("1989-SU"));
    assert_eq!(value_of(t, d, "early summer").as_deref(), Some("1989-SU"));
    assert_eq!(
        value_of(t, d, "This past spring").as_deref(),
        Some("1989-SP")
    );
    assert!(value_of(t, d, "Summer").is_none());
    // A drop, a title and an award are no times.
    assert!(run(
        "Exporters were blamed for the fall. He was named Businessman of the Year.",
        d
    )
    .is_empty());
}

#[test]
fn clock_times_fall_on_the_day_last_named() {
    let t = "The ship sank on June 13. Rescuers arrived at 10 p.m.";
    assert_eq!(
        value_of(t, D, "10 p.m.").as_deref(),
        Some("2025-06-13T22:00")
    );
    assert_eq!(
        value_of("Rescuers arrived at 10 p.m.", D, "10 p.m.").as_deref(),
        Some("2025-07-08T22:00")
    );
    assert_eq!(
        value_of(
            "The convoy left at 4 in the morning.",
            D,
            "4 in the morning"
        )
        .as_deref(),
        Some("2025-07-08T04:00")
    );
}

#[test]
fn following_previous_and_last_dates() {
    let t = "The plant opened in 2019. The following year it doubled output. He was shot last Oct. 23 at home.";
    assert_eq!(
        value_of(t, D, "The following year").as_deref(),
        Some("2020")
    );
    assert_eq!(
        value_of(t, D, "last Oct. 23").as_deref(),
        Some("2024-10-23")
    );
    assert_eq!(
        value_of("Prices doubled over the past decade.", D, "the past decade").as_deref(),
        Some("P10Y")
    );
    let t = "Talks need two more weeks; shares rose eight trading days in a row. Rallies are held almost daily, in a daily rally. The daily Kompas said so.";
    assert_eq!(value_of(t, D, "two more weeks").as_deref(), Some("P2W"));
    assert_eq!(value_of(t, D, "eight trading days").as_deref(), Some("P8D"));
    assert_eq!(run(t, D).iter().filter(|(x, _)| x == "daily").count(), 2);
    assert_eq!(
        value_of(
            "It may take the next couple of years.",
            D,
            "the next couple of years"
        )
        .as_deref(),
        Some("P2Y")
    );
}

#[test]
fn year_ago_after_a_multi_month_period_is_a_year() {
    let t = "Profit rose in the third quarter from a year earlier. For the first nine months, profit rose from a year earlier.";
    let got = run(t, Some((1989, 11, 1)));
    let vals: Vec<&str> = got
        .iter()
        .filter(|(x, _)| x == "a year earlier")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(vals, ["1988-Q3", "1988"]);
}

#[test]
fn past_tense_clauses_keep_dates_in_the_past() {
    let d = Some((1989, 10, 31));
    // The noun "plan" is no future cue.
    assert_eq!(
        value_of("The thrift announced the plan Aug. 21.", d, "Aug. 21").as_deref(),
        Some("1989-08-21")
    );
    assert_eq!(
        value_of(
            "In the fiscal year ended Jan. 31, sales rose.",
            d,
            "Jan. 31"
        )
        .as_deref(),
        Some("1989-01-31")
    );
    // Without a tense cue the nearer date still wins.
    assert_eq!(
        value_of("Payments begin Jan. 31.", d, "Jan. 31").as_deref(),
        Some("1990-01-31")
    );
}

#[test]
fn utc_clock_times_and_year_ago_periods() {
    assert_eq!(
        value_of(
            "The jet took off at 18:00 UTC on June 13.",
            D,
            "18:00 UTC on June 13"
        )
        .as_deref(),
        Some("2025-06-13T18:00Z")
    );
    assert_eq!(
        value_of("The polls close at 8 p.m. EST.", D, "8 p.m. EST").as_deref(),
        Some("2025-07-08T20:00")
    );
    let t = "Profit rose in the third quarter, up from last year's quarter and the corresponding period last year.";
    let d = Some((1989, 11, 1));
    assert_eq!(
        value_of(t, d, "last year's quarter").as_deref(),
        Some("1988-Q3")
    );
    assert_eq!(
        value_of(t, d, "the corresponding period last year").as_deref(),
        Some("1988-Q3")
    );
}

#[test]
fn plural_weekdays_and_quarters_of_other_years() {
    let t = "Flights leave on Mondays and on Tuesday nights. He spoke on Tuesday night.";
    assert_eq!(value_of(t, D, "Mondays").as_deref(), Some("XXXX-WXX-1"));
    assert_eq!(
        value_of(t, D, "Tuesday nights").as_deref(),
        Some("XXXX-WXX-2TNI")
    );
    assert_eq!(
        value_of(t, D, "Tuesday night").as_deref(),
        Some("2025-07-08TNI")
    );
    let t = "Profit will rise in next year's first quarter. The company sees a profit in the third quarter of 2026. Sales fell from the year-ago period.";
    assert_eq!(
        value_of(t, D, "next year's first quarter").as_deref(),
        Some("2026-Q1")
    );
    // A forecast quarter does not become the quarter the report is about.
    assert_eq!(
        value_of(t, D, "the year-ago period").as_deref(),
        Some("2024")
    );
}

/// No input makes the recogniser panic (deterministic pseudo-random and mutated strings).
#[test]
fn never_panics_on_noise() {
    let seeds = [
        "On Nov. 20, 1998 at 3 p.m. the 1990s",
        "mid-June 14:20 every Monday the third quarter",
        "’90s 31st of February 99:99 a.m.",
        "last Feb. 29 Thanksgiving Day nineteen ninety-six 5 1/2 hours later, the year-ago third quarter",
        "next year's fourth quarter, Until Tuesdays, that same day, 4 in the morning 18:00 UTC",
        "Now, by the year's end the quarter, recent weeks, the months ahead, since year-end 1998",
        "the nineties, an additional year, mid-afternoon, night Friday, the current year that",
        "will one day be, he someday, each July, every Jan. 5, the last half of 1989, the first two quarters",
        "April 24 and 25, June 2 or 3, 2026, May 31 and 31 for a while, day-long, over the years",
        "Easter week 2000, last Good Friday, next Easter Monday 99999, Palm Sunday",
    ];
    let alphabet = "aZ 09:,.-'’é\u{200b}\n\tMondayJuneQ3p.m.ago";
    for text in newsgraph_testkit::mutations(&seeds, alphabet, 3000, 17, 0x9E37_79B9_7F4A_7C15) {
        let _ = times_with_reference(&text, Date::new(2025, 7, 8));
        let _ = times_with_reference(&text, None);
    }
    let _ = times_with_reference(
        "99999999999999999999999 years ago 9999-year",
        Date::new(2025, 1, 1),
    );
}

#[test]
fn present_now_versus_discourse_now() {
    // "now that ..." refers to the present; a sentence-opening "Now, ..." is discourse.
    let t = "The ferry runs daily now that the bridge is closed.";
    assert_eq!(value_of(t, D, "now").as_deref(), Some("PRESENT_REF"));
    let t = "Sales fell in spring. Now, the board said, a new plan is needed.";
    assert!(run(t, D).iter().all(|(x, _)| x != "Now"));
    let t = "\"Now, we wait,\" she said.";
    assert!(run(t, D).iter().all(|(x, _)| x != "Now"));
    // Without the comma it is the present.
    let t = "Now the club plays in a new stadium.";
    assert_eq!(value_of(t, D, "Now").as_deref(), Some("PRESENT_REF"));
    assert_eq!(
        value_of("Prices are high these days.", D, "these days").as_deref(),
        Some("PRESENT_REF")
    );
}

#[test]
fn the_quarter_is_the_reported_one() {
    // Published in November: a fiscal first quarter named first is what "the quarter" means.
    let d = Some((2001, 11, 5));
    let t = "The toolmaker earned $3 million in the fiscal first quarter. Revenue for the quarter rose 8%.";
    assert_eq!(value_of(t, d, "the quarter").as_deref(), Some("2001-Q1"));
    // Without a named quarter it is the last finished one.
    let t = "Revenue for the quarter rose 8%.";
    assert_eq!(value_of(t, d, "the quarter").as_deref(), Some("2001-Q3"));
    // An outlook for the current quarter and an earlier quarter named in passing leave
    // the topic alone.
    let t = "Profit fell in the third quarter. After a weak second quarter, analysts expect losses in the fourth quarter. \
             Sales dropped from the year-ago period.";
    assert_eq!(
        value_of(t, d, "the year-ago period").as_deref(),
        Some("2000-Q3")
    );
    // "this year's second quarter" is a quarter the report can be about.
    let t = "Sales for this year's second quarter rose, while last year's quarter was weak.";
    assert_eq!(
        value_of(t, d, "last year's quarter").as_deref(),
        Some("2000-Q2")
    );
    // "this quarter's loss" after the third quarter was named does not move the topic.
    let t = "The firm lost money in the third quarter. This quarter's loss includes charges; last year's quarter was better.";
    assert_eq!(
        value_of(t, d, "last year's quarter").as_deref(),
        Some("2000-Q3")
    );
    // "the 2000 period" compares with the quarter the report named.
    let t = "The toolmaker earned $3 million in the fiscal first quarter, up from $2 million in the 2000 period.";
    assert_eq!(
        value_of(t, d, "the 2000 period").as_deref(),
        Some("2000-Q1")
    );
}

#[test]
fn vague_periods_and_year_end() {
    let t = "Ticket prices climbed in recent years and may fall in the coming months. Traders see calm in the weeks ahead.";
    assert_eq!(value_of(t, D, "recent years").as_deref(), Some("PXY"));
    assert_eq!(value_of(t, D, "the coming months").as_deref(), Some("PXM"));
    assert_eq!(value_of(t, D, "the weeks ahead").as_deref(), Some("PXW"));
    let t = "The plant should reopen by year-end. Shares are up 4% since year end, and the loan is due by the year's end.";
    assert_eq!(value_of(t, D, "year-end").as_deref(), Some("2025"));
    assert_eq!(value_of(t, D, "year end").as_deref(), Some("2024"));
    assert_eq!(value_of(t, D, "the year's end").as_deref(), Some("2025"));
    // "year-end" as an adjective is not a date.
    assert!(run("The year-end bonus was small.", D).is_empty());
}

#[test]
fn spelled_decades_extra_units_and_parts_of_day() {
    let t = "Sales in the current fiscal year that ends in June should rise. Bands of the sixties toured; she is in her nineties.";
    assert_eq!(
        value_of(t, D, "the current fiscal year").as_deref(),
        Some("2025")
    );
    assert_eq!(value_of(t, D, "the sixties").as_deref(), Some("196"));
    assert!(run(t, D).iter().all(|(x, _)| x != "nineties"));
    assert_eq!(
        value_of(
            "The lease runs for an additional year.",
            D,
            "an additional year"
        )
        .as_deref(),
        Some("P1Y")
    );
    let t = "The talks broke down in mid-afternoon. Police arrived late in the evening yesterday.";
    assert_eq!(
        value_of(t, D, "mid-afternoon").as_deref(),
        Some("2025-07-08TAF")
    );
    assert_eq!(
        value_of(t, D, "evening yesterday").as_deref(),
        Some("2025-07-07TEV")
    );
}

#[test]
fn yearly_sets_and_protest_marches() {
    let t = "The fair opens each July and the parade runs every Jan. 5.";
    assert_eq!(value_of(t, D, "each July").as_deref(), Some("XXXX-07"));
    assert_eq!(
        value_of(t, D, "every Jan. 5").as_deref(),
        Some("XXXX-01-05")
    );
    let t = "Thousands joined the March for Peace and a March on Parliament; prices rose in March for the first time.";
    let found = run(t, D);
    assert_eq!(found.iter().filter(|(x, _)| x == "March").count(), 1);
    assert_eq!(value_of(t, D, "March").as_deref(), Some("2025-03"));
}

#[test]
fn futures_of_things_and_titled_noons() {
    let t = "Talks on the future of the port stalled; more cuts may come in the future.";
    let found = run(t, D);
    assert_eq!(found.iter().filter(|(_, v)| v == "FUTURE_REF").count(), 1);
    let t = "The rally ended at noon. He loved the film High Noon.";
    assert_eq!(
        run(t, D)
            .iter()
            .filter(|(x, _)| x.eq_ignore_ascii_case("noon"))
            .count(),
        1
    );
}

#[test]
fn halves_from_last_half_and_two_quarters() {
    let d = Some((2003, 10, 10));
    let t = "Orders slowed in the last half of 2002 and should pick up in the first two quarters of 2004.";
    assert_eq!(
        value_of(t, d, "the last half of 2002").as_deref(),
        Some("2002-H2")
    );
    assert_eq!(
        value_of(t, d, "the first two quarters of 2004").as_deref(),
        Some("2004-H1")
    );
    // Without a year it stays a count of quarters.
    assert_eq!(
        value_of(
            "It lost money in the first two quarters.",
            d,
            "the first two quarters"
        )
        .as_deref(),
        Some("P2Q")
    );
}

#[test]
fn one_day_as_someday() {
    let t = "Fans say the club will one day win the league. The strike lasted one day, and one day later talks resumed.";
    let found = run(t, D);
    assert!(found.contains(&("one day".to_string(), "FUTURE_REF".to_string())));
    assert!(found.contains(&("one day".to_string(), "P1D".to_string())));
    assert_eq!(
        value_of("She hopes she someday runs for office.", D, "someday").as_deref(),
        Some("FUTURE_REF")
    );
}

#[test]
fn long_adjectives_and_over_the_years() {
    let t = "After a day-long meeting the decades-long feud ended; over the years the rivals had met often.";
    assert_eq!(value_of(t, D, "day-long").as_deref(), Some("P1D"));
    assert_eq!(value_of(t, D, "decades-long").as_deref(), Some("PXY"));
    assert_eq!(value_of(t, D, "the years").as_deref(), Some("PXY"));
    // "the years that followed" without "over" is left to other rules.
    assert!(run("She recalled the years of war.", D).is_empty());
    assert_eq!(
        value_of("They will have to wait for a while.", D, "a while").as_deref(),
        Some("PXX")
    );
    assert!(run("Stay a while and rest.", D).is_empty());
}

#[test]
fn coordinated_days_of_a_month() {
    let t = "The summit meets on April 24 and 25. Police said on May 3 and 25 people were hurt. Polls open June 2 or 3, 2026.";
    let found = run(t, D);
    assert!(found.contains(&("25".to_string(), "2025-04-25".to_string())));
    assert!(found.iter().all(|(x, _)| x != "25 people"));
    assert_eq!(found.iter().filter(|(x, _)| x == "25").count(), 1);
    assert_eq!(value_of(t, D, "June 2").as_deref(), Some("2026-06-02"));
    assert_eq!(value_of(t, D, "3, 2026").as_deref(), Some("2026-06-03"));
}

#[test]
fn easter_and_its_feasts() {
    for (y, m, d) in [
        (2024, 3, 31),
        (2025, 4, 20),
        (2019, 4, 21),
        (2038, 4, 25),
        (1818, 3, 22),
        (2000, 4, 23),
    ] {
        assert_eq!(crate::calendar::easter(y), Date::new(y, m, d), "Easter {y}");
    }
    assert_eq!(crate::calendar::easter(1000), None);
    let d = Some((2000, 4, 17));
    let t = "Crowds gathered on Good Friday and will march again during Easter week; last Easter was quiet.";
    assert_eq!(value_of(t, d, "Good Friday").as_deref(), Some("2000-04-21"));
    assert_eq!(value_of(t, d, "Easter week").as_deref(), Some("2000-W16"));
    assert_eq!(value_of(t, d, "last Easter").as_deref(), Some("1999-04-04"));
    assert_eq!(
        value_of(t, None, "Good Friday").as_deref(),
        Some("XXXX-XX-XX")
    );
}

/// Issue 15, finding 8: dates a first user found missing or wrong.
#[test]
fn first_user_times() {
    // "Days later" introducing a date is that date, not the previous one.
    let t = "The pier closed on June 13. Days later, on June 22, the ferry returned.";
    let times = times_with_reference(t, Date::new(2025, 7, 8));
    let later = times.iter().find(|x| x.text == "Days later").unwrap();
    assert_eq!(later.value, "2025-06-22", "{times:?}");
    // Without a date after it, "days later" stays after the previous date.
    let t = "The pier closed on June 13. Days later the ferry returned.";
    let times = times_with_reference(t, Date::new(2025, 7, 8));
    let later = times.iter().find(|x| x.text == "Days later").unwrap();
    assert_eq!(
        (later.value.as_str(), later.r#mod),
        ("2025-06-13", Some(newsgraph_model::TimeMod::After))
    );
    // Two days from today, both ways.
    let t = "The storm hit the day before yesterday and will pass the day after tomorrow.";
    assert_eq!(
        value_of(t, D, "the day before yesterday").as_deref(),
        Some("2025-07-06")
    );
    assert_eq!(
        value_of(t, D, "the day after tomorrow").as_deref(),
        Some("2025-07-10")
    );
    // All-numeric dates.
    assert_eq!(
        value_of("The sale closed on 03/04/2024.", D, "03/04/2024").as_deref(),
        Some("2024-03-04")
    );
    assert_eq!(
        value_of("The sale closed on 23/04/2024.", D, "23/04/2024").as_deref(),
        Some("2024-04-23")
    );
    assert_eq!(
        value_of("Die Fähre fuhr am 3.4.2024.", D, "3.4.2024").as_deref(),
        Some("2024-04-03")
    );
    assert_eq!(value_of("Call 03/04/99 now.", D, "03/04/99"), None);
    // "in two days" ahead is a date; how long something took stays a duration.
    assert_eq!(
        value_of("The ferry will return in two days.", D, "two days").as_deref(),
        Some("2025-07-10")
    );
    assert_eq!(
        value_of("Crews rebuilt the pier in two days.", D, "two days").as_deref(),
        Some("P2D")
    );
    // A present perfect cannot sit at a finished past time: the weekday after it is the
    // coming one (published on a Thursday), a passive or simple past still looks back.
    const THU: Option<(i64, u32, u32)> = Some((2025, 7, 10));
    let t = "Harbour Ferries has cancelled all crossings on Friday because of the storm.";
    assert_eq!(value_of(t, THU, "Friday").as_deref(), Some("2025-07-11"));
    let t = "A man has been charged after a fire at the pier on Friday.";
    assert_eq!(value_of(t, THU, "Friday").as_deref(), Some("2025-07-04"));
    let t = "Harbour Ferries cancelled all crossings on Friday.";
    assert_eq!(value_of(t, THU, "Friday").as_deref(), Some("2025-07-04"));
}
