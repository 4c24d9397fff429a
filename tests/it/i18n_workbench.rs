//! The workbench in French: field labels and input errors, the comparison, sensitivity and
//! goal-seek answers, reverse-funnel reasons, library, storage, import and link messages, and
//! the funnel, gap, tornado and comparison charts, rendered with `Lang::Fr` — French texts
//! appear, French numbers are written as French writes them, and no English sentence leaks.
//! The English texts stay as they were (the other tests assert them).

use crate::support;
use funnelsim::charts::{draw_comparison, draw_funnel, draw_gap, draw_tornado, ChartStyle};
use funnelsim::model::funnel::benchmarks::Segment;
use funnelsim::model::funnel::link::UrlError;
use funnelsim::model::funnel::validate::{parse_field, validate};
use funnelsim::model::i18n::{with_locale, Currency, Lang};
use funnelsim::model::persist::export::{import_json, ImportError};
use funnelsim::model::persist::page::decode_page;
use funnelsim::model::persist::scenario_link::decode;
use funnelsim::model::persist::storage::{load, Library, LibraryError, StorageProblem};
use funnelsim::model::workbench::compare::{compare, format_value, CompareError, Delta, ValueKind};
use funnelsim::model::workbench::goal_seek::{every_lever, goal_seek, Goal, GoalSeekError};
use funnelsim::model::workbench::sensitivity::{sensitivity, SensitivitySettings, StepMode};
use funnelsim::model::{
    analyse, ErrorKind, FieldId, Metric, NamedScenario, Period, Scenario, Unreachable,
};
use plotters::prelude::*;

fn fr<T>(f: impl FnOnce() -> T) -> T {
    with_locale(Lang::Fr, Currency::Eur, f)
}

/// English words that no French text of the workbench contains (user data aside: the
/// tests below name their stages in French or with acronyms).
#[rustfmt::skip]
const ENGLISH: &[&str] = &[
    "the", "is", "are", "and", "of", "to", "for", "per", "with", "must", "cannot", "could",
    "not", "this", "your", "stage", "stages", "rate", "year", "years", "month", "months",
    "step", "target", "revenue", "customers", "customer", "spend", "unreachable", "baseline",
    "scenario", "scenarios", "enter", "number", "reach", "effect", "current", "required",
    "funnel", "scale", "down", "up", "no", "only", "still", "file", "link", "saved", "copy",
    "gross", "margin", "lifetime", "value", "cost", "changing", "lever", "weakest", "compared",
    "key", "figures", "relative", "undefined", "even", "choose", "another", "input", "inputs",
];

/// Fails when `text` holds an English word (whole words, case-insensitive).
#[track_caller]
fn assert_french(text: &str) {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    for english in ENGLISH {
        assert!(
            !words.iter().any(|w| w == english),
            "English word “{english}” in: {text}"
        );
    }
}

/// The default scenario as a French page starts from it.
fn example() -> Scenario {
    fr(Scenario::default)
}

fn svg_of(draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>)) -> String {
    support::svg::finite_svg((900, 480), draw)
}

/// The texts an SVG draws (between `>` and `<`), unescaped enough to read.
fn svg_texts(svg: &str) -> String {
    svg.split("<text")
        .skip(1)
        .filter_map(|part| part.split_once('>').map(|(_, rest)| rest))
        .filter_map(|rest| rest.split_once("</text>").map(|(text, _)| text))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
}

#[test]
fn the_example_is_named_in_french() {
    let names: Vec<String> = example().stages.into_iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        [
            "Visiteurs",
            "Leads",
            "MQL",
            "SQL",
            "Opportunités",
            "Clients"
        ]
    );
    // The English example stays as it was.
    assert_eq!(Scenario::default().stages[0].name, "Visitors");
    assert_eq!(fr(|| Period::Year.per_label()), "par an");
    assert_eq!(Period::Month.per_label(), "per month");
}

#[test]
fn field_labels_and_input_errors_in_french() {
    let s = example();
    fr(|| {
        assert_eq!(FieldId::Top.label(&s), "Volume Visiteurs");
        assert_eq!(FieldId::StageRate(2).label(&s), "Taux Leads → MQL");
        assert_eq!(FieldId::Basket.label(&s), "Panier moyen");
        assert_eq!(FieldId::Target.label(&s), "Objectif de chiffre d'affaires");
        for field in [
            FieldId::Basket,
            FieldId::Purchases,
            FieldId::Lifetime,
            FieldId::Margin,
            FieldId::Spend,
            FieldId::SpendPct,
            FieldId::Target,
        ] {
            assert_french(&field.label(&s));
        }
        let errors = [
            ErrorKind::Empty,
            ErrorKind::NotANumber,
            ErrorKind::Negative,
            ErrorKind::AboveMax(100.0),
            ErrorKind::AboveMax(1e12),
            ErrorKind::AboveMaxYears(100.0),
            ErrorKind::TooLarge,
            ErrorKind::NameEmpty,
            ErrorKind::NameTooLong(40),
            ErrorKind::TooFewStages,
            ErrorKind::TooManyStages,
        ];
        for kind in errors {
            assert_french(&kind.to_string());
        }
        assert_eq!(ErrorKind::Empty.to_string(), "Saisissez un nombre.");
        assert_eq!(
            ErrorKind::AboveMax(1e12).to_string(),
            "Doit être inférieur ou égal à 1\u{202f}000\u{202f}000\u{202f}000\u{202f}000."
        );
        let error = parse_field(FieldId::Basket, "abc").unwrap_err();
        assert_eq!(error.to_string(), "basket : Ce n'est pas un nombre.");
        let bad = Scenario {
            stages: s.stages[..1].to_vec(),
            ..s.clone()
        };
        let problems: Vec<String> = validate(&bad).iter().map(|e| e.kind.to_string()).collect();
        assert!(problems.contains(&"Un entonnoir compte au moins 2 étapes.".to_owned()));
    });
    // English unchanged.
    assert_eq!(ErrorKind::Empty.to_string(), "Enter a number.");
    assert_eq!(FieldId::Top.label(&Scenario::default()), "Visitors volume");
}

#[test]
fn the_comparison_in_french() {
    let base = example();
    let variant = Scenario {
        basket: 18_000.0,
        ..base.clone()
    };
    let set = [
        NamedScenario {
            name: "Référence".into(),
            scenario: base,
        },
        NamedScenario {
            name: "Panier +20 %".into(),
            scenario: variant,
        },
    ];
    fr(|| {
        let comparison = compare(&set).expect("two scenarios compare");
        let label = |key: &str| comparison.row(key).expect(key).label.clone();
        assert_eq!(label("input.basket"), "Panier moyen");
        assert_eq!(
            label("result.revenue"),
            "Chiffre d'affaires du premier achat"
        );
        assert_eq!(label("result.stage_cost_1"), "Coût par lead");
        assert_eq!(label("result.stage_cost_4"), "Coût par opportunité");
        assert_eq!(
            label("result.payback_months"),
            "Délai de récupération du CAC à la marge mensuelle moyenne"
        );
        for row in &comparison.rows {
            if !row.key.starts_with("result.stage_count_") {
                assert_french(&row.label);
            }
        }
        let revenue = comparison.row("result.revenue").unwrap();
        assert_eq!(
            revenue.deltas[0].format(revenue.kind),
            "+270\u{202f}000\u{a0}€ (+20\u{202f}%)"
        );
        let delta = Delta {
            abs: Some(0.125),
            pct: Some(12.5),
        };
        assert_eq!(
            delta.format(ValueKind::Percent),
            "+12,5\u{a0}pts (+12,5\u{202f}%)"
        );
        assert_eq!(format_value(Some(4.0), ValueKind::Years), "4 ans");
        assert_eq!(format_value(Some(1.5), ValueKind::PerYear), "1,5 par an");
        assert_eq!(format_value(None, ValueKind::Money), "n.d.");
        for error in [CompareError::Empty, CompareError::TooManyVariants(5)] {
            assert_french(&error.to_string());
        }
    });
}

#[test]
fn sensitivity_and_goal_seek_in_french() {
    let s = example();
    fr(|| {
        let settings = SensitivitySettings {
            step_pct: 2.5,
            mode: StepMode::Relative,
        };
        assert_eq!(settings.step_label(), "±2,5\u{202f}%");
        let points = SensitivitySettings {
            mode: StepMode::Points,
            ..settings
        };
        assert_eq!(points.step_label(), "±2,5 points");
        let invalid = SensitivitySettings {
            step_pct: 0.0,
            ..settings
        };
        assert_french(&invalid.validate().unwrap_err().to_string());
        let result = sensitivity(&s, &settings).expect("valid");
        for effect in &result.effects {
            if !matches!(effect.lever, FieldId::Top | FieldId::StageRate(_)) {
                assert_french(&effect.label);
            }
        }

        // The margin does not change customers.
        let no_effect = goal_seek(
            &s,
            &Goal {
                lever: FieldId::Margin,
                metric: Metric::Customers,
                target: 200.0,
            },
        )
        .unwrap_err();
        assert!(matches!(no_effect, GoalSeekError::NoEffect { .. }));
        assert_eq!(
            no_effect.to_string(),
            "Modifier « marge brute » ne change pas le nombre de clients : choisissez une autre donnée."
        );
        assert_eq!(no_effect.short(), "sans effet");
        // A conversion rate caps at 100 %.
        let unreachable = goal_seek(
            &s,
            &Goal {
                lever: FieldId::StageRate(5),
                metric: Metric::Customers,
                target: 1_000.0,
            },
        )
        .unwrap_err();
        let text = unreachable.to_string();
        assert!(
            text.starts_with("Inatteignable : même à 100\u{202f}%"),
            "{text}"
        );
        assert!(
            text.contains("le nombre de clients n'atteint que 360"),
            "{text}"
        );
        assert_french(&text);
        assert_eq!(
            unreachable.short(),
            "hors d'atteinte : au plus 360 (à 100\u{202f}%)"
        );
        let negative = goal_seek(
            &s,
            &Goal {
                lever: FieldId::Basket,
                metric: Metric::Revenue,
                target: -1.0,
            },
        )
        .unwrap_err();
        assert_eq!(
            negative.to_string(),
            "L'objectif de chiffre d'affaires doit être positif ou nul."
        );
        // CAC with no customer at all.
        let dead = Scenario {
            stages: {
                let mut stages = s.stages.clone();
                stages[3].value = 0.0;
                stages
            },
            ..s.clone()
        };
        let undefined = goal_seek(
            &dead,
            &Goal {
                lever: FieldId::Basket,
                metric: Metric::Cac,
                target: 1_000.0,
            },
        )
        .unwrap_err();
        assert_french(&undefined.to_string());
        assert!(undefined
            .to_string()
            .starts_with("Le CAC ne peut pas être calculé"));
        for answer in every_lever(&s, Metric::Customers, 1_000.0) {
            if let Err(error) = &answer.outcome {
                assert_french(&error.short());
                assert_french(&error.to_string());
            }
        }
    });
}

#[test]
fn reverse_library_storage_import_and_link_messages_in_french() {
    let s = example();
    fr(|| {
        for reason in [
            Unreachable::NoBasket,
            Unreachable::ZeroRate(2),
            Unreachable::TooLarge(0),
        ] {
            assert_french(&reason.message(&s));
        }
        assert_eq!(
            Unreachable::ZeroRate(2).message(&s),
            "Inatteignable : la conversion vers MQL est de 0\u{202f}%, aucun volume en amont ne suffit donc."
        );

        let mut library = Library::default();
        let id = library.save_new("Plan 2027", s.clone(), 1.0).unwrap();
        let copy = library.duplicate(id, 2.0).unwrap();
        assert_eq!(library.get(copy).unwrap().name, "Copie de Plan 2027");
        let duplicate = library.save_new("plan 2027", s.clone(), 3.0).unwrap_err();
        assert_eq!(
            duplicate.to_string(),
            "Un scénario enregistré s'appelle déjà « plan 2027 » ; choisissez un autre nom."
        );
        let invalid = Scenario {
            basket: -1.0,
            ..s.clone()
        };
        let refused = library.save_new("Négatif", invalid, 4.0).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "Ce scénario contient des données invalides et ne peut pas être enregistré : \
             Panier moyen : Doit être positif ou nul."
        );
        for error in [
            LibraryError::NameEmpty,
            LibraryError::NameTooLong,
            LibraryError::NotFound(3),
            LibraryError::Full,
        ] {
            assert_french(&error.to_string());
        }

        for text in [
            "{",
            "[1]",
            r#"{"format":"funnelsim.library","version":9,"scenarios":[]}"#,
            r#"{"format":"funnelsim.library","version":2,"scenarios":[]}"#,
            r#"{"format":"funnelsim.library","scenarios":[]}"#,
            r#"{"format":"funnelsim.library","version":2,"next_id":3,"scenarios":[{"id":1}]}"#,
        ] {
            let problem = load(Some(text)).problem.expect(text);
            let message = problem.to_string();
            if !matches!(problem, StorageProblem::NotJson(_)) {
                // The parser's own words (serde_json's, in English) are quoted as they are.
                assert_french(&message);
            }
            // Whether a copy was kept aside is said by the banner, which knows.
            assert!(!message.contains("mise de côté"), "{message}");
        }
        assert_eq!(
            StorageProblem::Damaged("its next id is missing".into()).to_string(),
            "Vos scénarios enregistrés sont endommagés (son prochain identifiant manque). \
             La bibliothèque repart vide."
        );

        for text in [
            "",
            "{}",
            r#"{"format":"funnelsim.scenario","version":7}"#,
            r#"{"format":"funnelsim.comparison","version":1,"scenarios":[1,2,3,4,5,6]}"#,
            r#"{"format":"funnelsim.comparison","version":1,"scenarios":[1]}"#,
            r#"{"format":"funnelsim.scenario","version":1,"name":"Sans données"}"#,
        ] {
            let error = import_json(text).expect_err(text);
            assert_french(&error.to_string());
        }
        let not_json = import_json("{").unwrap_err();
        assert!(matches!(not_json, ImportError::NotJson { .. }));
        assert!(not_json
            .to_string()
            .starts_with("Ce fichier n'est pas du JSON valide (ligne 1, colonne 1 : "));
        assert_french(&ImportError::TooLarge(2_000_000).to_string());

        for query in [
            "v=9",
            "v=1&period=decade",
            "v=1&basket=abc",
            "v=1&stage=Seule:10",
            "v=1&stage=Sans-nombre",
            "v=1&view=nowhere",
        ] {
            let error = decode_page(query).expect_err(query);
            let text = error.to_string();
            // The link's own keys (`stage=`, `view=` …) are quoted as they are.
            let key = query.rsplit('&').next().and_then(|p| p.split_once('='));
            assert_french(&key.map_or(text.clone(), |(k, _)| text.replace(k, "")));
            assert!(text.contains("scénario par défaut"), "{text}");
        }
        assert_eq!(
            decode("v=1&basket=-3").unwrap_err().to_string(),
            "Ce lien n'a pas pu être lu (basket=-3 : Doit être positif ou nul.) ; le scénario \
             par défaut est affiché à la place."
        );
        assert!(matches!(
            decode("v=1&period=decade"),
            Err(UrlError::BadValue { problem, .. }) if problem == "valeur inconnue"
        ));
    });
}

#[test]
fn the_workbench_charts_in_french() {
    let s = example();
    let analysis = analyse(&s);
    let style = ChartStyle::default();
    let texts = fr(|| {
        let funnel = svg_texts(&svg_of(|area| {
            draw_funnel(area, &analysis.funnel, s.period, &style).unwrap()
        }));
        assert!(funnel.contains("Entonnoir par an (largeur des barres en échelle logarithmique)"));
        assert!(funnel.contains("120\u{202f}000"), "{funnel}");
        assert!(!funnel.contains("(à corriger d'abord)"), "{funnel}");
        let mut saas = s.clone();
        saas.segment = Some(Segment::B2bSaas);
        saas.stages[2].value = 5.0;
        let flagged = svg_texts(&svg_of(|area| {
            draw_funnel(area, &analyse(&saas).funnel, s.period, &style).unwrap()
        }));
        assert!(
            flagged.contains("5\u{202f}% (à corriger d'abord)"),
            "{flagged}"
        );

        let gap = svg_texts(&svg_of(|area| {
            draw_gap(area, &analysis.reverse, &style).unwrap()
        }));
        assert!(
            gap.contains("Actuel et nécessaire pour 2\u{202f}000\u{202f}000\u{a0}€"),
            "{gap}"
        );
        for legend in ["Actuel", "Nécessaire"] {
            assert!(gap.contains(legend), "{legend}");
        }
        let unreachable = analyse(&Scenario {
            basket: 0.0,
            ..s.clone()
        });
        let none = svg_texts(&svg_of(|area| {
            draw_gap(area, &unreachable.reverse, &style).unwrap()
        }));
        assert!(none.contains("inatteignable"), "{none}");

        let settings = SensitivitySettings::default();
        let result = sensitivity(&s, &settings).unwrap();
        let tornado = svg_texts(&svg_of(|area| {
            draw_tornado(area, &result, Metric::RoiRevenue, &settings, &style).unwrap()
        }));
        assert!(
            tornado.contains("Effet de ±10\u{202f}% sur le ROI sur le chiffre d'affaires"),
            "{tornado}"
        );
        for legend in ["Baisse", "Hausse", "Base 350\u{202f}%", "\u{a0}pts"] {
            assert!(tornado.contains(legend), "{legend}: {tornado}");
        }
        let points = SensitivitySettings {
            mode: StepMode::Points,
            ..settings
        };
        let by_points = svg_texts(&svg_of(|area| {
            draw_tornado(area, &result, Metric::Customers, &points, &style).unwrap()
        }));
        assert!(by_points.contains("(taux, marge)"), "{by_points}");

        let set = [
            NamedScenario {
                name: "Plan A".into(),
                scenario: s.clone(),
            },
            NamedScenario {
                name: "Plan B".into(),
                scenario: Scenario {
                    spend: 200_000.0,
                    ..s.clone()
                },
            },
        ];
        let comparison = compare(&set).unwrap();
        let compared = svg_texts(&svg_of(|area| {
            draw_comparison(area, &comparison, &style).unwrap()
        }));
        for text in [
            "Scénarios comparés",
            "Plan A (référence)",
            "Volume par étape",
            "Chiffres clés par rapport à Plan A",
            "Chiffre d'affaires",
        ] {
            assert!(compared.contains(text), "{text}: {compared}");
        }

        let empty = analyse(&Scenario {
            stages: Vec::new(),
            ..s.clone()
        });
        let nothing = svg_texts(&svg_of(|area| {
            draw_funnel(area, &empty.funnel, s.period, &style).unwrap()
        }));
        assert!(nothing.contains("Aucune étape"), "{nothing}");

        [funnel, gap, none, tornado, by_points, compared, nothing]
    });
    for text in texts {
        // Stage names are French or acronyms here; "Plan A" is a name.
        assert_french(&text.replace("Plan A", "").replace("Plan B", ""));
    }
}
