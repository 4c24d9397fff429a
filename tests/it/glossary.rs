//! Shared definitions: defaults in both languages, what the team writes kept (blank goes
//! back to the default, too long is refused), and the written ones carried by the link.
use funnelsim::model::glossary::{Glossary, GlossaryError, Term, MAX_DEFINITION_CHARS};
use funnelsim::model::i18n::{with_locale, Currency, Lang};
use funnelsim::model::{persist::scenario_link, Edit, Editor, Scenario};

#[test]
fn every_term_has_a_default_in_both_languages_and_opportunities_mean_bant() {
    let glossary = Glossary::default();
    for term in Term::ALL {
        let en = glossary.definition(term).to_owned();
        let fr = with_locale(Lang::Fr, Currency::Eur, || {
            glossary.definition(term).to_owned()
        });
        assert!(!en.is_empty() && !fr.is_empty() && en != fr, "{term:?}");
        assert_eq!(Term::from_key(term.key()), Some(term));
    }
    let opportunity = glossary.definition(Term::Opportunity);
    for word in ["Budget", "Authority", "Need", "Timeframe"] {
        assert!(opportunity.contains(word), "{word}");
    }
    assert_eq!(
        with_locale(Lang::Fr, Currency::Eur, || Term::Opportunity.name()),
        "Opportunité"
    );
}

#[test]
fn written_definitions_are_kept_and_blank_goes_back_to_the_default() {
    let mut glossary = Glossary::default();
    glossary
        .set(Term::Mql, "  Score ≥ 60 and a company e-mail.  ")
        .unwrap();
    assert_eq!(
        glossary.definition(Term::Mql),
        "Score ≥ 60 and a company e-mail."
    );
    assert_eq!(glossary.written(Term::Sql), None);
    let too_long = "x".repeat(MAX_DEFINITION_CHARS + 1);
    assert_eq!(
        glossary.set(Term::Mql, &too_long),
        Err(GlossaryError::TooLong(MAX_DEFINITION_CHARS + 1))
    );
    assert_eq!(
        glossary.definition(Term::Mql),
        "Score ≥ 60 and a company e-mail."
    );
    glossary.set(Term::Mql, "   ").unwrap();
    assert!(glossary.is_empty());
}

#[test]
fn the_link_carries_what_the_team_wrote() {
    let mut scenario = Scenario::default();
    scenario
        .glossary
        .set(Term::Opportunity, "BANT validé & devis envoyé = 100 % ?")
        .unwrap();
    scenario
        .glossary
        .set(Term::Lead, "Formulaire rempli")
        .unwrap();
    let query = scenario_link::encode(&scenario);
    assert!(query.contains("&gl_lead=Formulaire%20rempli"), "{query}");
    assert_eq!(scenario_link::decode(&query), Ok(scenario));
    // Nothing written: nothing in the link (older links stay as they were).
    assert!(!scenario_link::encode(&Scenario::default()).contains("gl_"));
    // Unknown terms are ignored; a definition too long is refused with its key.
    assert_eq!(
        scenario_link::decode("?v=1&gl_prospect=x"),
        Ok(Scenario::default())
    );
    let long = format!("?v=1&gl_sql={}", "y".repeat(MAX_DEFINITION_CHARS + 5));
    let error = scenario_link::decode(&long).unwrap_err().to_string();
    assert!(error.contains("gl_sql"), "{error}");
}

#[test]
fn the_editor_keeps_a_refused_definition_next_to_its_message() {
    let mut editor = Editor::new(Scenario::default());
    editor.apply(Edit::Glossary(Term::Sal, "Accepted within 24 h".into()));
    assert_eq!(
        editor.scenario().glossary.written(Term::Sal),
        Some("Accepted within 24 h")
    );
    let long = "z".repeat(MAX_DEFINITION_CHARS + 10);
    editor.apply(Edit::Glossary(Term::Sal, long.clone()));
    let (typed, error) = editor.glossary_error(Term::Sal).unwrap();
    assert_eq!(typed, long);
    assert!(error.to_string().contains("600"), "{error}");
    assert_eq!(
        editor.scenario().glossary.written(Term::Sal),
        Some("Accepted within 24 h"),
        "the last good definition stays"
    );
    editor.apply(Edit::Glossary(Term::Sal, String::new()));
    assert!(editor.glossary_error(Term::Sal).is_none());
    assert!(editor.scenario().glossary.is_empty());
}

#[test]
fn a_scenario_file_keeps_the_definitions_and_refuses_overlong_ones() {
    let mut scenario = Scenario::default();
    scenario
        .glossary
        .set(Term::Customer, "Contrat signé")
        .unwrap();
    let json = serde_json::to_string(&scenario).unwrap();
    assert!(
        json.contains(r#""glossary":{"customer":"Contrat signé"}"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Scenario>(&json).unwrap(), scenario);
    let long = json.replace("Contrat signé", &"w".repeat(MAX_DEFINITION_CHARS + 1));
    assert!(serde_json::from_str::<Scenario>(&long).is_err());
}
