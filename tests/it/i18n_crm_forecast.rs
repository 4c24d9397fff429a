//! The CRM import and the forecast in French: the model's messages (skipped rows, import
//! errors, projection, uncertainty and Monte Carlo errors, typed values), the labels the
//! model gives (fields, lifecycle stages, groups without a channel or an owner) and the
//! charts drawn to SVG read in French, with no English sentence left; English stays as it
//! was.

use crate::support;
use funnelsim::charts::{
    draw_crm_channels, draw_crm_months, draw_forecast_cash, draw_forecast_customers,
    draw_forecast_fan, draw_forecast_histogram, draw_forecast_volumes, money_axis, ChartStyle,
};
use funnelsim::model::crm::import::{CrmImport, CrmImportError};
use funnelsim::model::crm::kpi::{baseline_scenario, group_label, CrmKpis, NO_OWNER};
use funnelsim::model::crm::map::CrmField;
use funnelsim::model::crm::parse::{Lifecycle, RowProblem, NO_SOURCE};
use funnelsim::model::forecast::edit::{ForecastDrafts, ForecastEdit, ForecastField};
use funnelsim::model::forecast::monte_carlo::{simulate, MonteCarlo, MonteCarloError};
use funnelsim::model::forecast::projection::{
    Projection, ProjectionError, ProjectionResult, ProjectionSetting,
};
use funnelsim::model::forecast::uncertainty::{Uncertain, UncertaintyError};
use funnelsim::model::i18n::{with_locale, Currency, Lang};
use funnelsim::model::Scenario;
use plotters::prelude::*;

use support::forecast::two_years;

const EXPORT: &str = include_str!("../golden/crm-hand-computed.csv");

fn fr<T>(f: impl FnOnce() -> T) -> T {
    with_locale(Lang::Fr, Currency::Eur, f)
}

/// The text of an SVG as read on screen (entities decoded).
fn unescape(svg: &str) -> String {
    svg.replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Fails when `text` holds any of `english` (words or sentences of the English interface).
fn no_english(text: &str, english: &[&str]) {
    for words in english {
        assert!(!text.contains(words), "English “{words}” left in: {text}");
    }
}

fn import(text: &str) -> Result<funnelsim::model::crm::import::CrmData, CrmImportError> {
    let mut import = CrmImport::new(None);
    import.feed(text);
    import.finish()
}

fn kpis() -> CrmKpis {
    import(EXPORT).expect("the golden export reads").kpis
}

fn svg_of(draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>)) -> String {
    unescape(&support::svg::finite_svg((820, 420), draw))
}

#[test]
fn skipped_rows_and_import_errors_in_french() {
    let problems = [
        RowProblem::TooFewFields { line: 4, fields: 2 },
        RowProblem::BadDate {
            line: 10,
            value: "hier".into(),
        },
        RowProblem::UnknownStage {
            line: 11,
            value: "évangéliste".into(),
        },
        RowProblem::BadAmount {
            line: 12,
            value: "douze".into(),
        },
    ];
    let french: Vec<String> = fr(|| problems.iter().map(ToString::to_string).collect());
    assert_eq!(
        french,
        [
            "ligne 4 : seulement 2 champs",
            "ligne 10 : « hier » n'est pas une date",
            "ligne 11 : étape du cycle de vie inconnue « évangéliste »",
            "ligne 12 : « douze » n'est pas un montant",
        ]
    );
    // English as it was; a value that looks like a placeholder is shown as written.
    assert_eq!(problems[1].to_string(), "line 10: “hier” is not a date");
    let odd = RowProblem::BadDate {
        line: 3,
        value: "{line}".into(),
    };
    assert_eq!(
        fr(|| odd.to_string()),
        "ligne 3 : « {line} » n'est pas une date"
    );

    assert_eq!(
        fr(|| import("").unwrap_err().to_string()),
        "Le fichier est vide."
    );
    assert!(
        fr(|| import("PK\u{3}\u{4}\0\0x").unwrap_err().to_string()).contains("données binaires")
    );
    let missing = fr(|| import("Name,Email\na,b\n").unwrap_err().to_string());
    assert_eq!(
        missing,
        "Aucune colonne n'a été reconnue pour : Date de création, Étape du cycle de vie. \
         Choisissez-les dans la correspondance des colonnes."
    );
    let unusable = fr(|| {
        import("Created,Stage\nnope,lead\nhier,lead\n")
            .unwrap_err()
            .to_string()
    });
    assert_eq!(
        unusable,
        "Aucune des 2 lignes n'a pu être utilisée (première : ligne 2 : « nope » n'est pas une date)."
    );
    assert_eq!(
        CrmImportError::NoUsableRow {
            skipped: 1200,
            first: None
        }
        .to_string(),
        "None of the 1200 rows could be used."
    );
    assert_eq!(
        fr(|| CrmImportError::NoUsableRow {
            skipped: 1200,
            first: None
        }
        .to_string()),
        "Aucune des 1\u{202f}200 lignes n'a pu être utilisée."
    );
}

#[test]
fn crm_labels_in_french() {
    let labels: Vec<&str> = fr(|| CrmField::ALL.iter().map(|f| f.label()).collect());
    assert_eq!(
        labels,
        [
            "Date de création",
            "Étape du cycle de vie",
            "Statut du lead",
            "Source (canal)",
            "Propriétaire",
            "Date du premier contact",
            "Montant",
            "Étape de la transaction",
            "Date de passage en MQL",
            "Date de passage en SQL",
            "Date de passage en opportunité",
            "Date de gain",
        ]
    );
    let stages: Vec<&str> = fr(|| Lifecycle::ALL.iter().map(|s| s.label()).collect());
    assert_eq!(
        stages,
        ["Abonnés", "Leads", "MQL", "SQL", "Opportunités", "Clients"]
    );
    assert_eq!(Lifecycle::Opportunity.label(), "Opportunities");
    // Groups keep their key in every language; people read them in theirs.
    assert_eq!(NO_OWNER, "(no owner)");
    assert_eq!(NO_SOURCE, "(none)");
    assert_eq!(fr(|| group_label(NO_OWNER)), "(sans propriétaire)");
    assert_eq!(fr(|| group_label(NO_SOURCE)), "(sans source)");
    assert_eq!(fr(|| group_label("Paid ads")), "Paid ads");
    assert_eq!(group_label(NO_OWNER), "(no owner)");
    // "Use as baseline" in French names the stages in French.
    let baseline =
        fr(|| baseline_scenario(&kpis(), &Scenario::default(), &Default::default())).unwrap();
    let names: Vec<&str> = baseline.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["Abonnés", "Leads", "MQL", "SQL", "Opportunités", "Clients"]
    );
}

#[test]
fn crm_charts_in_french() {
    let kpis = kpis();
    let channels =
        fr(|| svg_of(|area| draw_crm_channels(area, &kpis, &ChartStyle::default()).unwrap()));
    for text in [
        "Entonnoir par canal",
        "échelle logarithmique",
        "Opportunités",
        "Clients",
        "Paid ads",
    ] {
        assert!(channels.contains(text), "{text} in {channels}");
    }
    no_english(
        &channels,
        &[
            "Funnel by channel",
            "Opportunities",
            "Customers",
            "log scale",
        ],
    );
    let months =
        fr(|| svg_of(|area| draw_crm_months(area, &kpis, &ChartStyle::default()).unwrap()));
    for text in [
        "Alignement par mois",
        "Acceptés par les ventes",
        "Suivis",
        "Taux de closing",
        "66,7\u{202f}%",
    ] {
        assert!(months.contains(text), "{text} in {months}");
    }
    no_english(
        &months,
        &[
            "Alignment",
            "Accepted by sales",
            "Followed up",
            "Win rate",
            "66.7 %",
        ],
    );
}

#[test]
fn projection_uncertainty_and_monte_carlo_errors_in_french() {
    assert_eq!(
        fr(|| ProjectionError::Months(40).to_string()),
        "La projection couvre de 1 à 36 mois, pas 40."
    );
    assert_eq!(
        ProjectionError::Months(40).to_string(),
        "The projection covers 1 to 36 months, not 40."
    );
    assert_eq!(
        fr(|| ProjectionError::StartMonth(13).to_string()),
        "Le premier mois va de 1 (janvier) à 12 (décembre), pas 13."
    );
    let churn = ProjectionError::OutOfRange {
        setting: ProjectionSetting::ChurnPct,
        value: 150.5,
        min: 0.0,
        max: 100.0,
    };
    assert_eq!(
        fr(|| churn.to_string()),
        "Churn mensuel : doit être entre 0 et 100 (saisi : 150,5)."
    );
    assert_eq!(
        churn.to_string(),
        "Monthly churn: must be between 0 and 100 (got 150.5)."
    );
    assert_eq!(
        fr(|| ProjectionSetting::SeasonalWeight(3).label()),
        "Poids saisonnier du mois 3"
    );
    assert!(fr(|| ProjectionError::NoSeason.to_string()).starts_with("Tous les poids"));

    assert_eq!(
        fr(|| UncertaintyError::Trials(0).to_string()),
        "Lancez de 1 à 1\u{202f}000\u{202f}000 tirages, pas 0."
    );
    assert_eq!(
        UncertaintyError::Trials(0).to_string(),
        "Run 1 to 1000000 trials, not 0."
    );
    let order = UncertaintyError::Order {
        input: Uncertain::Rate(2),
        low: 9.0,
        likely: 4.5,
        high: 6.0,
    };
    assert_eq!(
        fr(|| order.to_string()),
        "Taux vers l'étape 3 : il faut bas ≤ probable ≤ haut (saisi : 9 ; 4,5 ; 6)."
    );
    assert_eq!(
        order.to_string(),
        "Rate into stage 3: low ≤ likely ≤ high is needed (got 9, 4.5, 6)."
    );
    let messages: Vec<String> = fr(|| {
        [
            UncertaintyError::NoSuchStage {
                stage: 7,
                stages: 5,
            },
            UncertaintyError::OutOfRange {
                input: Uncertain::Basket,
                value: -1.0,
                min: 0.0,
                max: 1e9,
            },
            UncertaintyError::SuccessesAboveTrials {
                input: Uncertain::Churn,
                successes: 5,
                trials: 3,
            },
            UncertaintyError::NothingObserved(Uncertain::Rate(1)),
            UncertaintyError::TooManyObserved {
                input: Uncertain::Rate(1),
                trials: 2_000_000_000,
            },
            UncertaintyError::ObservedNotARate(Uncertain::Top),
        ]
        .iter()
        .map(ToString::to_string)
        .collect()
    });
    assert_eq!(
        messages,
        [
            "Une plage est donnée pour l'étape 8, mais les taux de l'entonnoir portent sur les étapes 2 à 5.",
            "Panier moyen : les valeurs doivent être entre 0 et 1\u{202f}000\u{202f}000\u{202f}000 (saisi : -1).",
            "Churn mensuel : 5 succès sur 3, c'est plus que le total.",
            "Taux vers l'étape 2 : des comptages observés demandent au moins un essai.",
            "Taux vers l'étape 2 : au plus 1\u{202f}000\u{202f}000\u{202f}000 observations (saisi : 2\u{202f}000\u{202f}000\u{202f}000).",
            "Haut de l'entonnoir : seuls les taux peuvent être donnés en comptages observés ; donnez une plage.",
        ]
    );

    let error = MonteCarloError::Projection(ProjectionError::Months(0));
    assert_eq!(
        fr(|| error.to_string()),
        "Projection : La projection couvre de 1 à 36 mois, pas 0."
    );
    let error = MonteCarloError::Uncertainty(UncertaintyError::Trials(0));
    assert!(fr(|| error.to_string()).starts_with("Incertitude : Lancez de 1 à"));
    assert!(error.to_string().starts_with("Uncertainty: Run 1 to"));
}

#[test]
fn typed_forecast_values_are_refused_in_french() {
    let mut scenario = Scenario::default();
    let mut drafts = ForecastDrafts::default();
    drafts.apply(&mut scenario, ForecastEdit::StartProjection);
    drafts.apply(&mut scenario, ForecastEdit::StartUncertainty);
    let message = |drafts: &ForecastDrafts, field| drafts.error(field).map(ToString::to_string);
    drafts.apply(
        &mut scenario,
        ForecastEdit::Text(ForecastField::Months, "40".into()),
    );
    assert_eq!(
        fr(|| message(&drafts, ForecastField::Months)).as_deref(),
        Some("La projection couvre de 1 à 36 mois, pas 40.")
    );
    drafts.apply(
        &mut scenario,
        ForecastEdit::Text(ForecastField::Trials, "2.5".into()),
    );
    assert_eq!(
        fr(|| message(&drafts, ForecastField::Trials)).as_deref(),
        Some("Saisissez un nombre entier.")
    );
    assert_eq!(
        message(&drafts, ForecastField::Trials).as_deref(),
        Some("Enter a whole number.")
    );
    drafts.apply(
        &mut scenario,
        ForecastEdit::Text(ForecastField::Low(Uncertain::Rate(1)), "9".into()),
    );
    let order = fr(|| message(&drafts, ForecastField::Low(Uncertain::Rate(1)))).unwrap();
    assert!(order.contains("il faut bas ≤ probable ≤ haut"), "{order}");
}

#[test]
fn forecast_charts_in_french() {
    let result = two_years();
    let month = result
        .break_even_month
        .expect("the default scenario breaks even");
    let style = ChartStyle::default();
    let cash = fr(|| svg_of(|area| draw_forecast_cash(area, &result, &style).unwrap()));
    for text in [
        format!("seuil de rentabilité au mois {month}"),
        format!("Seuil de rentabilité, mois {month}"),
        "Chiffre d'affaires".to_owned(),
        "Marge brute".to_owned(),
        "Dépenses marketing".to_owned(),
        "Montant cumulé".to_owned(),
        "Mois".to_owned(),
        "\u{a0}M€".to_owned(),
    ] {
        assert!(cash.contains(&text), "{text} in the cash chart");
    }
    no_english(
        &cash,
        &[
            "Revenue",
            "Gross margin",
            "Marketing spend",
            "break-even",
            "Break-even",
            "Month",
            "€1",
        ],
    );
    let customers = fr(|| svg_of(|area| draw_forecast_customers(area, &result, &style).unwrap()));
    for text in [
        "Clients :",
        "gagnés",
        "actifs à la fin",
        "Clients actifs",
        "Gagnés dans le mois",
    ] {
        assert!(customers.contains(text), "{text} in the customers chart");
    }
    no_english(&customers, &["Customers", "won", "Active", "Month"]);
    let volumes = fr(|| svg_of(|area| draw_forecast_volumes(area, &result, &style).unwrap()));
    assert!(
        volumes.contains(
            "Volume de l'entonnoir par mois (10\u{202f}000 visitors par mois en moyenne)"
        ),
        "{volumes}"
    );
    assert!(volumes.contains("Volume atteignant l'étape"));
    no_english(
        &volumes,
        &["Funnel volume", "a month on average", "reaching"],
    );
    let empty = ProjectionResult {
        months: Vec::new(),
        ..two_years()
    };
    assert!(
        fr(|| svg_of(|area| draw_forecast_cash(area, &empty, &style).unwrap()))
            .contains("Aucun mois à afficher")
    );

    let mut scenario = Scenario::default();
    scenario.projection = Some(std::sync::Arc::new(Projection::suggested(&scenario)));
    let mut uncertainty = funnelsim::model::forecast::edit::starting_uncertainty(&scenario);
    uncertainty.trials = 2_000;
    scenario.uncertainty = Some(std::sync::Arc::new(uncertainty));
    let summary = simulate(&scenario).expect("valid set-up");
    let projection = funnelsim::model::forecast::projection::project_scenario(&scenario).unwrap();
    let fan = fr(|| svg_of(|area| draw_forecast_fan(area, &summary, &projection, &style).unwrap()));
    for text in [
        "Chiffre d'affaires cumulé : P10–P90 des tirages, mois par mois",
        "Sans incertitude",
        "Dépenses marketing",
        "Mois",
    ] {
        assert!(fan.contains(text), "{text} in the fan");
    }
    no_english(
        &fan,
        &[
            "Cumulative revenue",
            "trials",
            "Without uncertainty",
            "Month",
        ],
    );
    let histogram =
        fr(|| svg_of(|area| draw_forecast_histogram(area, &summary, "year", &style).unwrap()));
    for text in [
        "Chiffre d'affaires par an sur 2\u{202f}000 tirages :",
        "atteignent l'objectif",
        "Part des tirages",
        "Objectif de chiffre d'affaires",
    ] {
        assert!(histogram.contains(text), "{text} in the histogram");
    }
    no_english(
        &histogram,
        &["Revenue", "per year", "trials", "Share of", "target"],
    );
    let nothing = MonteCarlo::new(&scenario).unwrap().summary();
    assert!(
        fr(|| svg_of(|area| draw_forecast_fan(area, &nothing, &projection, &style).unwrap()))
            .contains("Aucun tirage pour l'instant")
    );
    let quarter =
        fr(|| svg_of(|area| draw_forecast_histogram(area, &nothing, "quarter", &style).unwrap()));
    assert!(quarter.contains("Chiffre d'affaires par trimestre sur les tirages"));
}

#[test]
fn axis_amounts_in_the_language_and_currency_in_use() {
    assert_eq!(fr(|| money_axis(950.0)), "950\u{a0}€");
    assert_eq!(fr(|| money_axis(350_000.0)), "350\u{a0}k€");
    assert_eq!(fr(|| money_axis(1_260_000.0)), "1,3\u{a0}M€");
    assert_eq!(
        with_locale(Lang::Fr, Currency::Chf, || money_axis(350_000.0)),
        "350\u{a0}k\u{a0}CHF"
    );
    assert_eq!(
        with_locale(Lang::En, Currency::Usd, || money_axis(1_260_000.0)),
        "$1.3M"
    );
    assert_eq!(money_axis(350_000.0), "€350k");
}

#[test]
fn forecast_link_messages_in_french() {
    use funnelsim::model::persist::scenario_link::decode;
    let message = |query: &str| match decode(query) {
        Err(error) => error.to_string(),
        Ok(_) => panic!("{query} was read"),
    };
    assert_eq!(
        fr(|| message("v=1&mc_rate=2")),
        "Ce lien n'a pas pu être lu (mc_rate=2 : étape:dispersion attendu) ; le scénario par défaut est affiché à la place."
    );
    assert_eq!(
        message("v=1&mc_rate=2"),
        "This link could not be read (mc_rate=2: expected stage:spread); showing the default scenario instead."
    );
    // One link per message of the pj_* and mc_* keys: none is left in English.
    for query in [
        "v=1&mc_trials=1e5",
        "v=1&mc_top=1,2",
        "v=1&pj_growth=season:1,2,3",
        "v=1&pj_growth=fast",
        "v=1&pj_revenue=lease",
        "v=1&mc_rate=2:1,2,3&mc_rate=2:1,2,3",
        "v=1&pj_cycle=inf",
    ] {
        no_english(
            &fr(|| message(query)),
            &[
                "expected",
                "whole number",
                "given twice",
                "not a number",
                "could not",
            ],
        );
    }
}
