//! The SLA in French (issue 7): the model's messages (problems, refused set-ups, typing
//! errors, refused edits), the leads import's summary and refusals, the `sla_*` link
//! problems and both SLA charts read in French under `lang=fr`, with no English sentence
//! left; the same calls in English still give the English texts.

use crate::support;
use funnelsim::charts::{draw_sla_leads, draw_sla_pacing, ChartStyle};
use funnelsim::model::funnel::link::UrlError;
use funnelsim::model::i18n::{with_locale, Currency, Lang};
use funnelsim::model::persist::scenario_link::{decode, encode};
use funnelsim::model::sla::calculator::{
    analyse_sla, funnel_close_rate, Sla, SlaAnalysis, SlaProblem, SlaShapeError, YearMonth,
};
use funnelsim::model::sla::csv_file::import_actuals_csv;
use funnelsim::model::sla::edit::{SlaDrafts, SlaEdit, SlaField, SlaInputError, SlaRefusal};
use funnelsim::model::Scenario;

use std::sync::Arc;
use support::svg::finite_svg as svg;

use support::sla::november;

fn fr<T>(f: impl FnOnce() -> T) -> T {
    with_locale(Lang::Fr, Currency::Eur, f)
}

fn en<T>(f: impl FnOnce() -> T) -> T {
    with_locale(Lang::En, Currency::Eur, f)
}

/// The steady month of the chart tests, named in French, analysed.
fn steady(day: u32) -> SlaAnalysis {
    analyse_sla(
        &support::sla::steady(day, "Webinaires", "DAF"),
        funnel_close_rate(&Scenario::default()),
    )
}

/// English words and phrases of the SLA messages and charts: none may appear in French.
const ENGLISH: &[&str] = &[
    " the ",
    "The ",
    " is ",
    " of ",
    " and ",
    " or ",
    "Add ",
    "Enter ",
    "must",
    "Must",
    "least",
    "most",
    "empty",
    "worth",
    "channel ",
    "channels",
    "Line ",
    "called",
    "whole number",
    "expected",
    "Expected",
    "required",
    "Required",
    "delivered",
    "Delivered",
    "behind",
    "unreachable",
    "Per ",
    "pace",
    "Month",
    "month",
    "day ",
    "Day ",
    "Cumulative",
    "Commitment",
    "projected",
    "Projection at",
    "Imported",
    "rows",
    "missing",
    "not a ",
    "out of range",
    "twice",
    "No ",
];

fn assert_no_english(text: &str) {
    for word in ENGLISH {
        assert!(!text.contains(word), "English {word:?} in {text:?}");
    }
}

/// An example SLA (built in English: its names are data) and its analysis.
fn example() -> (Sla, SlaAnalysis) {
    let sla = en(|| Sla::example(&Scenario::default(), november(), 23));
    let analysis = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    (sla, analysis)
}

#[test]
fn the_sla_problems_read_in_french() {
    let problems = [
        SlaProblem::NoChannel,
        SlaProblem::NoPersona,
        SlaProblem::EmptyRate {
            channel: "Webinaires".into(),
            persona: "DAF".into(),
        },
        SlaProblem::NoSaleValue {
            persona: "DAF".into(),
        },
        SlaProblem::NothingProducesRevenue,
    ];
    let texts: Vec<String> = fr(|| problems.iter().map(ToString::to_string).collect());
    assert_eq!(texts[0], "Ajoutez au moins un canal.");
    assert_eq!(texts[1], "Ajoutez au moins un persona.");
    assert!(texts[2].starts_with("Le taux de closing de Webinaires × DAF est vide"));
    assert!(
        texts[3].contains("ses leads valent 0\u{a0}€"),
        "{}",
        texts[3]
    );
    assert!(texts[4].starts_with("Aucun segment ne produit de chiffre d'affaires"));
    for text in &texts {
        assert_no_english(text);
    }
    // English is unchanged, the currency follows the one in use.
    assert_eq!(
        en(|| problems[3].to_string()),
        "DAF has no average sale: its leads are worth €0 and cannot carry any of the target."
    );
    assert!(
        with_locale(Lang::Fr, Currency::Usd, || problems[3].to_string())
            .contains("0\u{a0}$\u{a0}US")
    );
}

#[test]
fn a_refused_set_up_reads_in_french() {
    let errors = [
        SlaShapeError::ChannelCount(0),
        SlaShapeError::PersonaCount(11),
        SlaShapeError::BadName("Webinaires".into()),
        SlaShapeError::MatrixShape("close rates"),
        SlaShapeError::MatrixShape("planned leads"),
        SlaShapeError::OutOfRange("average sale"),
        SlaShapeError::OutOfRange("monthly target"),
        SlaShapeError::OutOfRange("follow-up time"),
        SlaShapeError::OutOfRange("as-of day"),
        SlaShapeError::OutOfRange("daily leads"),
        SlaShapeError::Months,
        SlaShapeError::ActualsShape(november()),
    ];
    let texts: Vec<String> = fr(|| errors.iter().map(ToString::to_string).collect());
    assert_eq!(texts[0], "le SLA compte 0 canaux (de 1 à 20)");
    assert_eq!(
        texts[3],
        "les taux de closing du SLA ne correspondent pas à ses canaux et personas"
    );
    assert_eq!(
        texts[5],
        "la valeur « montant moyen d'une vente » du SLA est hors limites"
    );
    assert!(texts[11].contains("novembre 2026"), "{}", texts[11]);
    for text in &texts {
        assert_no_english(text);
    }
    assert_eq!(
        en(|| errors[0].to_string()),
        "the SLA has 0 channels (1 to 20)"
    );
}

#[test]
fn typing_errors_and_refused_edits_read_in_french() {
    let errors = [
        SlaInputError::NotWhole,
        SlaInputError::ZeroHours,
        SlaInputError::NameEmpty,
        SlaInputError::NameTooLong,
        SlaInputError::DuplicateName("E-mail".into()),
        SlaInputError::BadMonth,
        SlaInputError::DayOutOfRange(30),
    ];
    let texts: Vec<String> = fr(|| errors.iter().map(ToString::to_string).collect());
    assert_eq!(texts[0], "Saisissez un nombre entier de leads.");
    assert_eq!(texts[4], "« E-mail » figure déjà dans la liste.");
    assert_eq!(
        texts[5],
        "Saisissez un mois au format AAAA-MM, par exemple 2026-11."
    );
    assert_eq!(texts[6], "Saisissez un jour de 1 à 30.");
    for text in &texts {
        assert_no_english(text);
    }
    let refusals = [
        SlaRefusal::TooManyChannels,
        SlaRefusal::TooManyPersonas,
        SlaRefusal::LastChannel,
        SlaRefusal::LastPersona,
    ];
    for refusal in refusals {
        assert_no_english(&fr(|| refusal.to_string()));
    }
    assert_eq!(
        fr(|| SlaRefusal::TooManyChannels.to_string()),
        "20 canaux au plus."
    );
    assert_eq!(
        en(|| SlaInputError::BadMonth.to_string()),
        "Enter a month as YYYY-MM, e.g. 2026-11."
    );

    // A field typed in French: the error is kept in words of the language shown.
    let (sla, _) = example();
    let mut slot = Some(Arc::new(sla));
    let mut drafts = SlaDrafts::default();
    drafts.apply(
        &mut slot,
        SlaEdit::Text(
            SlaField::Actual {
                day: 3,
                channel: 0,
                persona: 0,
            },
            "1.5".into(),
        ),
    );
    let field = SlaField::Actual {
        day: 3,
        channel: 0,
        persona: 0,
    };
    assert_eq!(
        fr(|| drafts.error(field).unwrap().to_string()),
        "Saisissez un nombre entier de leads."
    );
}

#[test]
fn the_example_and_added_rows_are_named_in_the_language_in_use() {
    let sla = fr(|| Sla::example(&Scenario::default(), november(), 23));
    assert_eq!(sla.channels[0], "Référencement naturel");
    assert_eq!(sla.personas[0].name, "Petite entreprise");
    assert_eq!(sla.personas[2].name, "Grand compte");
    sla.check().expect("a valid set-up");
    let english = en(|| Sla::example(&Scenario::default(), november(), 23));
    assert_eq!(english.channels[0], "Organic search");
    assert_eq!(english.personas[1].name, "Mid-size company");

    let mut slot = Some(Arc::new(sla));
    let mut drafts = SlaDrafts::default();
    fr(|| drafts.apply(&mut slot, SlaEdit::AddChannel));
    assert_eq!(slot.as_ref().unwrap().channels.last().unwrap(), "Canal 6");

    assert_eq!(fr(|| november().label()), "novembre 2026");
    assert_eq!(fr(|| YearMonth::new(2027, 8).unwrap().label()), "août 2027");
    assert_eq!(en(|| november().label()), "2026-11");
    // Month names are in the one calendar table, both languages, lower case in a sentence.
    assert_eq!(
        funnelsim::model::calendar::MonthName::December.in_lang(Lang::Fr),
        "Décembre"
    );
    assert_eq!(
        fr(|| YearMonth::new(2026, 12).unwrap().label()),
        "décembre 2026"
    );
}

#[test]
fn the_leads_import_reads_in_french() {
    let (sla, _) = example();
    let mut empty = sla.clone();
    empty.actuals.clear();
    let (_, summary) = import_actuals_csv(
        &empty,
        "date,channel,persona,leads\n2026-11-03,E-mail,Small business,1200\n2026-12-01,E-mail,Small business,4\n",
    )
    .unwrap();
    assert_eq!(
        fr(|| summary.to_string()),
        "2 lignes importées : 1\u{202f}204 leads en novembre 2026, décembre 2026."
    );
    assert_eq!(
        en(|| summary.to_string()),
        "Imported 2 rows: 1,204 leads in 2026-11, 2026-12."
    );
    let (_, one) = import_actuals_csv(
        &empty,
        "date,channel,persona,leads\n2026-11-03,E-mail,Small business,4",
    )
    .unwrap();
    assert_eq!(
        fr(|| one.to_string()),
        "1 ligne importée : 4 leads en novembre 2026."
    );

    let refused = [
        ("", "Le fichier ne contient aucune ligne de leads"),
        (
            "date,channel,leads\n2026-11-03,E-mail,4",
            "L'en-tête n'a pas de colonne « persona »",
        ),
        (
            "date,channel,persona,leads\n2026-11-31,E-mail,Small business,4",
            "Ligne 2 : « 2026-11-31 » n'est pas une date au format AAAA-MM-JJ.",
        ),
        (
            "date,channel,persona,leads\n2026-11-03,Fax,Small business,4",
            "Ligne 2 : aucun canal ne s'appelle « Fax » (canaux : Organic search,",
        ),
        (
            "date,channel,persona,leads\n2026-11-03,E-mail,CFO,4",
            "Ligne 2 : aucun persona ne s'appelle « CFO »",
        ),
        (
            "date,channel,persona,leads\n2026-11-03,E-mail,Small business,1.5",
            "n'est pas un nombre entier de leads de 0 à 1\u{202f}000\u{a0}000",
        ),
        (
            "date,channel,persona,leads\n2026-11-03,E-mail,Small business",
            "La ligne 2 est illisible : une ligne a 3 champs alors que l'en-tête en a 4.",
        ),
    ];
    for (text, expected) in refused {
        let error = import_actuals_csv(&sla, text).unwrap_err();
        let message = fr(|| error.to_string());
        // Thousands are grouped with a narrow no-break space in French; accept either.
        let normalised = message.replace('\u{a0}', "\u{202f}");
        assert!(
            message.contains(expected)
                || normalised.contains(&expected.replace('\u{a0}', "\u{202f}")),
            "{text:?}: {message}"
        );
        // Channel names of the example are English data: only check the words around them.
        let words = message.split(" (canaux").next().unwrap();
        assert_no_english(words);
    }
    let months: String = (1..=13)
        .map(|m| {
            let (year, month) = (2025 + (m - 1) / 12, (m - 1) % 12 + 1);
            format!("{year}-{month:02}-01,E-mail,Small business,1\n")
        })
        .collect();
    let error =
        import_actuals_csv(&empty, &format!("date,channel,persona,leads\n{months}")).unwrap_err();
    assert_eq!(
        fr(|| error.to_string()),
        "Le fichier porterait l'historique à plus de 12 mois de leads : gardez-en 12 au plus."
    );
}

#[test]
fn a_bad_sla_link_says_what_is_wrong_in_french() {
    let (sla, _) = example();
    let scenario = Scenario {
        sla: Some(Arc::new(sla)),
        ..Scenario::default()
    };
    let base = encode(&scenario);
    for (from, to, expected) in [
        (
            "sla_month=2026-11",
            "sla_month=2026-13",
            "attendu : AAAA-MM",
        ),
        (
            "sla_rates=entered",
            "sla_rates=crm",
            "attendu : entered ou funnel",
        ),
        ("sla_target=", "sla_target=x", "pas un nombre"),
        ("sla_day=23", "sla_day=x", "attendu : un jour du mois"),
        (
            "sla_act=2026-11.",
            "sla_act=2026-11.!",
            "un caractère hors de",
        ),
        ("sla_ch=E-mail", "sla_ch=outbound", "ou utilisé deux fois"),
    ] {
        let query = base.replacen(from, to, 1);
        assert_ne!(query, base, "{from} not found");
        match fr(|| decode(&query)) {
            Err(UrlError::BadValue { problem, .. }) => {
                assert!(problem.contains(expected), "{to}: {problem}");
                assert_no_english(&problem);
            }
            other => panic!("{to}: expected a refusal, got {other:?}"),
        }
    }
    let no_month = base.replacen("sla_month=2026-11&", "", 1);
    match fr(|| decode(&no_month)) {
        Err(UrlError::BadValue { problem, .. }) => assert_eq!(problem, "absent du lien"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    // English is as it was.
    match en(|| decode(&base.replacen("sla_target=", "sla_target=x", 1))) {
        Err(UrlError::BadValue { problem, .. }) => assert_eq!(problem, "not a number"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The text contents of an SVG (the backend writes each on its own line), unescaped.
fn texts(svg: &str) -> Vec<String> {
    svg.split("</text>")
        .filter_map(|part| part.rsplit_once(">\n").map(|(_, t)| t.trim().to_owned()))
        .map(|t| {
            t.replace("&apos;", "'")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

/// The example with a channel behind pace and one whose leads are worth nothing.
fn behind_and_unreachable() -> (Sla, SlaAnalysis) {
    let (mut sla, _) = example();
    let personas = sla.personas.len();
    for day in &mut sla.actuals[0].days {
        for p in 0..personas {
            day[3 * personas + p] = 0;
        }
    }
    sla.close_rates[4] = vec![Some(0.0); personas];
    let analysis = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    assert!(analysis.channel_pace[3].is_behind());
    (sla, analysis)
}

#[test]
fn the_leads_chart_reads_in_french() {
    let (sla, analysis) = behind_and_unreachable();
    let names: Vec<&str> = sla
        .channels
        .iter()
        .map(String::as_str)
        .chain(sla.personas.iter().map(|p| p.name.as_str()))
        .collect();
    for width in [900, 330] {
        let drawn = fr(|| {
            svg((width, 620), |area| {
                draw_sla_leads(area, &sla, &analysis, &ChartStyle::default()).unwrap()
            })
        });
        let texts = texts(&drawn);
        let joined = texts.join("\n");
        for expected in [
            "Leads requis et livrés depuis le début du mois",
            "Requis ce mois-ci",
            "Livrés jusqu'au jour 23",
            "Attendus au jour 23",
            "Par canal (",
            "sur 5 en retard)",
            "inatteignable",
            "en retard",
        ] {
            assert!(
                joined.contains(expected),
                "{width} px: {expected} missing in {joined}"
            );
        }
        if width == 900 {
            assert!(joined.contains("(attendus "), "{joined}");
        }
        for text in texts.iter().filter(|t| !names.contains(&t.as_str())) {
            assert_no_english(text);
        }
    }
    // No channels: the note is French too.
    let mut empty = sla.clone();
    empty.channels.clear();
    empty.close_rates.clear();
    empty.plan.clear();
    let analysis = analyse_sla(&empty, funnel_close_rate(&Scenario::default()));
    let drawn = fr(|| {
        svg((600, 300), |area| {
            draw_sla_leads(area, &empty, &analysis, &ChartStyle::default()).unwrap()
        })
    });
    assert!(texts(&drawn).iter().any(|t| t == "Aucun canal"), "{drawn}");
}

#[test]
fn the_pacing_chart_reads_in_french() {
    let pacing = |analysis: &SlaAnalysis| {
        let drawn = fr(|| {
            svg((800, 420), |area| {
                draw_sla_pacing(area, analysis, &ChartStyle::default()).unwrap()
            })
        });
        texts(&drawn)
    };
    let texts = pacing(&steady(10));
    let joined = texts.join("\n");
    for expected in [
        "Rythme depuis le début du mois",
        "En route pour 300 leads sur 600 · jour 10 sur 30 : 100 livrés, 200 attendus",
        "Engagement",
        "Livrés",
        "Projection au rythme actuel",
        "Jour du mois",
        "Leads cumulés",
        "300 projetés",
    ] {
        assert!(joined.contains(expected), "{expected} missing in {joined}");
    }
    for text in &texts {
        assert_no_english(text);
    }
    let complete = pacing(&steady(30)).join("\n");
    assert!(
        complete.contains("Mois terminé : 300 leads sur 600"),
        "{complete}"
    );
    let untracked = SlaAnalysis {
        cumulative: Vec::new(),
        ..steady(10)
    };
    let nothing = pacing(&untracked).join("\n");
    assert!(
        nothing.contains("Aucun lead suivi pour l'instant (600 leads engagés)"),
        "{nothing}"
    );
    // English is unchanged.
    let english = en(|| {
        svg((800, 420), |area| {
            draw_sla_pacing(area, &steady(10), &ChartStyle::default()).unwrap()
        })
    });
    assert!(english.contains("On pace for 300 of 600 leads"));
}
