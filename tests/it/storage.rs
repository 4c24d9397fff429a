//! The saved-scenario library: edits round-trip through the stored JSON, version 1 is
//! migrated, corrupt or foreign text gives an empty library and a problem (never a panic),
//! invalid entries are skipped and counted, and names are checked.
use funnelsim::model::persist::scenario_link::encode;
use funnelsim::model::persist::storage::{
    load, quarantine_key, serialize, write_base, Library, LibraryError, Loaded, StorageProblem,
    WriteBase, MAX_NAME_CHARS, MAX_SCENARIOS, STORAGE_KEY, STORAGE_VERSION,
};
use funnelsim::model::{Scenario, Stage};
use proptest::prelude::*;

fn variant() -> Scenario {
    let mut s = Scenario::default();
    s.stages[0].value = 240_000.0;
    s.basket = 12_345.67;
    s
}

fn sample_library() -> Library {
    let mut lib = Library::default();
    let a = lib
        .save_new("Baseline", Scenario::default(), 1_767_225_600_000.0)
        .unwrap();
    let b = lib
        .save_new("  Spring push ", variant(), 1_767_225_600_500.5)
        .unwrap();
    lib.rename(b, "Spring campaign").unwrap();
    let copy = lib.duplicate(a, 1_767_225_601_000.0).unwrap();
    let gone = lib.save_new("Scratch", Scenario::default(), 2.0).unwrap();
    lib.update(copy, variant(), 1_767_225_602_000.0).unwrap();
    lib.delete(gone).unwrap();
    lib
}

fn problem_of(raw: &str) -> Option<StorageProblem> {
    let loaded = load(Some(raw));
    if loaded
        .problem
        .as_ref()
        .is_some_and(|p| !matches!(p, StorageProblem::InvalidEntries { .. }))
    {
        assert!(loaded.library.is_empty(), "{raw}");
    }
    loaded.problem
}

#[test]
fn edits_round_trip_through_the_stored_text() {
    let lib = sample_library();
    let names: Vec<&str> = lib.scenarios().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Baseline", "Copy of Baseline", "Spring campaign"]);
    let ids: Vec<u64> = lib.scenarios().iter().map(|s| s.id).collect();
    assert_eq!(ids, [1, 3, 2]);
    assert_eq!(lib.next_id(), 5, "ids are never reused");
    assert_eq!(lib.get(3).unwrap().scenario, variant());
    assert_eq!(lib.get(3).unwrap().saved_at_ms, 1_767_225_602_000.0);
    assert!(lib.get(4).is_none());

    let text = serialize(&lib).unwrap();
    assert!(text.starts_with(r#"{"format":"funnelsim.library","version":2,"next_id":5,"scenarios":[{"id":1,"name":"Baseline","saved_at_ms":1767225600000.0,"scenario":{"period":"year","stages":[{"name":"Visitors","value":120000.0}"#), "{text}");
    let loaded = load(Some(&text));
    assert_eq!(
        loaded,
        Loaded {
            library: lib.clone(),
            migrated_from: None,
            problem: None
        }
    );
    assert!(!loaded.needs_quarantine());
    assert!(!loaded.should_write_back());
    assert_eq!(serialize(&loaded.library).unwrap(), text);
}

#[test]
fn nothing_stored_is_an_empty_library_without_problem() {
    for raw in [None, Some(""), Some("  \n")] {
        let loaded = load(raw);
        assert!(loaded.library.is_empty());
        assert_eq!(loaded.problem, None);
        assert_eq!(loaded.migrated_from, None);
    }
    assert_eq!(
        serialize(&Library::default()).unwrap(),
        r#"{"format":"funnelsim.library","version":2,"next_id":1,"scenarios":[]}"#
    );
}

#[test]
fn version_1_is_migrated() {
    let quarter = Scenario {
        period: funnelsim::model::Period::Quarter,
        stages: vec![
            Stage::new("Visitors", 50_000.0),
            Stage::new("Leads", 3.0),
            Stage::new("Customers", 2.0),
        ],
        basket: 8000.0,
        ..Scenario::default()
    };
    assert_eq!(
        encode(&quarter),
        "v=1&period=quarter&stage=Visitors:50000&stage=Leads:3&stage=Customers:2&basket=8000\
         &ltv_mode=derived&ltv=42000&purchases=1&lifetime=4&margin=70&spend_mode=amount\
         &spend=300000&spend_pct=10&target=2000000"
    );
    let v1 = r#"{"version":1,"scenarios":[
        {"name":"Q1 small","query":"v=1&period=quarter&stage=Visitors:50000&stage=Leads:3&stage=Customers:2&basket=8000"},
        {"name":"Default","query":""},
        {"name":"Default","query":"?v=1&basket=15000"},
        {"name":"   ","query":"v=1"},
        {"name":"Broken link","query":"v=1&stage=Visitors:abc"},
        {"name":"From the future","query":"v=7"},
        {"name":"No query"}
    ]}"#;
    let loaded = load(Some(v1));
    assert_eq!(loaded.migrated_from, Some(1));
    assert_eq!(
        loaded.problem,
        Some(StorageProblem::InvalidEntries { skipped: 3 })
    );
    assert!(loaded.needs_quarantine());
    assert!(loaded.should_write_back());
    let lib = &loaded.library;
    let names: Vec<&str> = lib.scenarios().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Q1 small", "Default", "Default (2)", "Untitled"]);
    let ids: Vec<u64> = lib.scenarios().iter().map(|s| s.id).collect();
    assert_eq!(ids, [1, 2, 3, 4]);
    assert!(lib.scenarios().iter().all(|s| s.saved_at_ms == 0.0));
    assert_eq!(lib.scenarios()[0].scenario, quarter);
    assert_eq!(lib.scenarios()[1].scenario, Scenario::default());

    // Written back in the current format, it loads without migration.
    let again = load(Some(&serialize(lib).unwrap()));
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.problem, None);
    assert_eq!(&again.library, lib);

    // A clean version-1 document migrates without problem.
    let clean = load(Some(
        r#"{"version":1,"scenarios":[{"name":"A","query":"v=1"}]}"#,
    ));
    assert_eq!(clean.problem, None);
    assert_eq!(clean.migrated_from, Some(1));
    assert_eq!(clean.library.len(), 1);
    // The version-1 text is kept aside, then the library written back as version 2.
    assert!(clean.needs_quarantine());
    assert!(clean.should_write_back());
}

#[test]
fn nothing_is_written_back_when_nothing_could_be_read() {
    for text in [
        "not json at all",
        r#"{"theme":"dark"}"#,
        r#"{"format":"funnelsim.library","version":3,"next_id":1,"scenarios":[]}"#,
        r#"{"format":"funnelsim.library","version":2,"scenarios":[]}"#,
    ] {
        let loaded = load(Some(text));
        assert!(loaded.needs_quarantine(), "{text}");
        assert!(!loaded.should_write_back(), "{text}");
        assert!(loaded.library.is_empty());
    }
    assert!(!load(None).needs_quarantine());
    assert!(!load(None).should_write_back());
}

#[test]
fn unreadable_text_gives_an_empty_library_and_a_problem() {
    assert!(matches!(
        problem_of("not json at all"),
        Some(StorageProblem::NotJson(_))
    ));
    let truncated = &serialize(&sample_library()).unwrap()[..150];
    assert!(matches!(
        problem_of(truncated),
        Some(StorageProblem::NotJson(_))
    ));
    assert_eq!(problem_of("[]"), Some(StorageProblem::Foreign));
    assert_eq!(problem_of("42"), Some(StorageProblem::Foreign));
    assert_eq!(problem_of("null"), Some(StorageProblem::Foreign));
    assert_eq!(
        problem_of(r#"{"theme":"dark"}"#),
        Some(StorageProblem::Foreign)
    );
    assert_eq!(
        problem_of(r#"{"format":"other.app","version":2,"scenarios":[]}"#),
        Some(StorageProblem::Foreign)
    );
    assert_eq!(
        problem_of(r#"{"version":99,"scenarios":[{"name":"x","whatever":true}]}"#),
        Some(StorageProblem::FutureVersion(99))
    );
    assert_eq!(
        problem_of(r#"{"format":"funnelsim.library","version":3,"next_id":1,"scenarios":[]}"#),
        Some(StorageProblem::FutureVersion(3))
    );
    assert_eq!(
        problem_of(r#"{"format":"funnelsim.library","version":99999999999,"scenarios":[]}"#),
        Some(StorageProblem::FutureVersion(u32::MAX))
    );
    for damaged in [
        r#"{"format":"funnelsim.library","version":"2","next_id":1,"scenarios":[]}"#,
        r#"{"format":"funnelsim.library","version":0,"next_id":1,"scenarios":[]}"#,
        r#"{"format":"funnelsim.library","version":2,"next_id":1,"scenarios":{}}"#,
        r#"{"format":"funnelsim.library","version":2,"next_id":-1,"scenarios":[]}"#,
        r#"{"format":"funnelsim.library","version":2,"scenarios":[]}"#,
        r#"{"version":1.5,"scenarios":[]}"#,
    ] {
        assert!(
            matches!(problem_of(damaged), Some(StorageProblem::Damaged(_))),
            "{damaged}"
        );
    }
}

#[test]
fn invalid_entries_in_a_good_library_are_skipped_and_counted() {
    let mut lib = Library::default();
    lib.save_new("Good", Scenario::default(), 1.0).unwrap();
    let good = serialize(&lib).unwrap();
    // Rate 150 %: fails validation.
    let mut bad_rate = serde_json::to_value(Scenario::default()).unwrap();
    bad_rate["stages"][2]["value"] = serde_json::json!(150.0);
    let entry = |id: u64, name: &str, scenario: &serde_json::Value| serde_json::json!({"id": id, "name": name, "saved_at_ms": 5.0, "scenario": scenario});
    let default = serde_json::to_value(Scenario::default()).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&good).unwrap();
    let list = doc["scenarios"].as_array_mut().unwrap();
    list.push(entry(7, "Rate 150", &bad_rate));
    list.push(entry(1, "Same id", &default));
    list.push(entry(8, "good", &default)); // same name, other case
    list.push(entry(9, "", &default));
    list.push(entry(10, &"x".repeat(MAX_NAME_CHARS + 1), &default));
    list.push(serde_json::json!({"id": 11, "name": "No scenario"}));
    list.push(serde_json::json!("a string"));
    list.push(entry(12, "Kept", &default));
    let loaded = load(Some(&doc.to_string()));
    assert_eq!(
        loaded.problem,
        Some(StorageProblem::InvalidEntries { skipped: 7 })
    );
    assert!(loaded.needs_quarantine());
    let names: Vec<&str> = loaded
        .library
        .scenarios()
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["Good", "Kept"]);
    // The next id stays past every id kept.
    assert_eq!(loaded.library.next_id(), 13);
    assert_eq!(
        loaded.problem.unwrap().to_string(),
        "7 saved scenarios could not be read and were left out."
    );
}

#[test]
fn names_are_checked() {
    let mut lib = Library::default();
    let id = lib.save_new("Baseline", Scenario::default(), 0.0).unwrap();
    assert_eq!(
        lib.save_new("", Scenario::default(), 0.0),
        Err(LibraryError::NameEmpty)
    );
    assert_eq!(
        lib.save_new("   ", Scenario::default(), 0.0),
        Err(LibraryError::NameEmpty)
    );
    let long = "n".repeat(MAX_NAME_CHARS + 1);
    assert_eq!(
        lib.save_new(&long, Scenario::default(), 0.0),
        Err(LibraryError::NameTooLong)
    );
    assert!(lib
        .save_new(&"é".repeat(MAX_NAME_CHARS), Scenario::default(), 0.0)
        .is_ok());
    assert_eq!(
        lib.save_new(" baseline ", Scenario::default(), 0.0),
        Err(LibraryError::DuplicateName("baseline".into()))
    );
    assert_eq!(
        LibraryError::DuplicateName("baseline".into()).to_string(),
        "A saved scenario is already called “baseline”; choose another name."
    );
    // Renaming to its own name in another case is fine; to another's name is not.
    lib.rename(id, "BASELINE").unwrap();
    let other = lib.save_new("Other", Scenario::default(), 0.0).unwrap();
    assert_eq!(
        lib.rename(other, "baseline"),
        Err(LibraryError::DuplicateName("baseline".into()))
    );
    assert_eq!(lib.rename(99, "x"), Err(LibraryError::NotFound(99)));
    assert_eq!(
        lib.update(99, Scenario::default(), 0.0),
        Err(LibraryError::NotFound(99))
    );
    assert_eq!(lib.delete(99), Err(LibraryError::NotFound(99)));
    assert_eq!(lib.duplicate(99, 0.0), Err(LibraryError::NotFound(99)));
    for e in [
        LibraryError::NameEmpty,
        LibraryError::NameTooLong,
        LibraryError::Full,
        LibraryError::NotFound(1),
    ] {
        assert!(e.to_string().ends_with('.'), "{e}");
    }
}

#[test]
fn duplicates_get_unique_names_that_fit() {
    let mut lib = Library::default();
    let id = lib.save_new("Plan", Scenario::default(), 0.0).unwrap();
    let c1 = lib.duplicate(id, 0.0).unwrap();
    let c2 = lib.duplicate(id, 0.0).unwrap();
    let c3 = lib.duplicate(c1, 0.0).unwrap();
    assert_eq!(lib.get(c1).unwrap().name, "Copy of Plan");
    assert_eq!(lib.get(c2).unwrap().name, "Copy of Plan (2)");
    assert_eq!(lib.get(c3).unwrap().name, "Copy of Copy of Plan");
    // A copy goes right after its original.
    let order: Vec<u64> = lib.scenarios().iter().map(|s| s.id).collect();
    assert_eq!(order, [id, c2, c1, c3]);

    let long = "L".repeat(MAX_NAME_CHARS);
    let id = lib.save_new(&long, Scenario::default(), 0.0).unwrap();
    let a = lib.duplicate(id, 0.0).unwrap();
    let b = lib.duplicate(id, 0.0).unwrap();
    let (a, b) = (&lib.get(a).unwrap().name, &lib.get(b).unwrap().name);
    assert!(a.starts_with("Copy of LLL") && a.chars().count() == MAX_NAME_CHARS);
    assert!(b.ends_with(" (2)") && b.chars().count() == MAX_NAME_CHARS);
}

#[test]
fn invalid_scenarios_are_refused() {
    let mut lib = Library::default();
    let mut bad = Scenario::default();
    bad.stages[1].value = 150.0;
    let err = lib.save_new("Bad", bad.clone(), 0.0).unwrap_err();
    assert_eq!(
        err,
        LibraryError::InvalidScenario(vec!["Visitors → Leads rate: Must be at most 100 %.".into()])
    );
    let id = lib.save_new("Good", Scenario::default(), 0.0).unwrap();
    assert!(matches!(
        lib.update(id, bad, 0.0),
        Err(LibraryError::InvalidScenario(_))
    ));
    assert_eq!(lib.get(id).unwrap().scenario, Scenario::default());
    // Non-finite timestamps are stored as 0.
    lib.update(id, Scenario::default(), f64::NAN).unwrap();
    assert_eq!(lib.get(id).unwrap().saved_at_ms, 0.0);
}

#[test]
fn the_library_has_a_limit() {
    let mut lib = Library::default();
    for i in 0..MAX_SCENARIOS {
        lib.save_new(&format!("S{i}"), Scenario::default(), 0.0)
            .unwrap();
    }
    assert_eq!(
        lib.save_new("One more", Scenario::default(), 0.0),
        Err(LibraryError::Full)
    );
    assert_eq!(lib.duplicate(1, 0.0), Err(LibraryError::Full));
    let loaded = load(Some(&serialize(&lib).unwrap()));
    assert_eq!(loaded.library.len(), MAX_SCENARIOS);
    assert_eq!(loaded.problem, None);
}

#[test]
fn problems_read_as_sentences_and_keys_are_stable() {
    assert_eq!(STORAGE_KEY, "funnelsim.scenarios");
    assert_eq!(STORAGE_VERSION, 2);
    assert_eq!(
        quarantine_key(1_767_225_600_123.9),
        "funnelsim.scenarios.unreadable.1767225600123"
    );
    assert_eq!(quarantine_key(f64::NAN), "funnelsim.scenarios.unreadable.0");
    assert_eq!(
        StorageProblem::FutureVersion(3).to_string(),
        "Your saved scenarios were written by a newer version of funnelsim (format 3; this \
         version reads up to format 2). The library starts empty."
    );
    assert_eq!(
        StorageProblem::InvalidEntries { skipped: 1 }.to_string(),
        "One saved scenario could not be read and was left out."
    );
    for p in [
        StorageProblem::NotJson("expected value at line 1 column 1".into()),
        StorageProblem::Foreign,
        StorageProblem::Damaged("its next id is missing".into()),
    ] {
        let text = p.to_string();
        assert!(text.ends_with("The library starts empty."), "{text}");
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let loaded = load(Some(&text));
        // Whatever was read writes back and reads again the same.
        let again = load(Some(&serialize(&loaded.library).unwrap()));
        prop_assert_eq!(again.library, loaded.library);
        prop_assert_eq!(again.problem, None);
    }

    #[test]
    fn mangled_libraries_never_panic(cut in 0usize..2000, byte in any::<u8>(), at in 0usize..2000) {
        let text = serialize(&sample_library()).unwrap();
        let mut bytes = text.into_bytes();
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(cut.max(1));
        let mangled = String::from_utf8_lossy(&bytes);
        let loaded = load(Some(&mangled));
        if loaded.problem.is_none() {
            prop_assert!(loaded.library.len() <= 3);
        }
        let again = load(Some(&serialize(&loaded.library).unwrap()));
        prop_assert_eq!(again.library, loaded.library);
    }

    #[test]
    fn json_shaped_text_never_panics(
        version in prop_oneof![Just("1".to_owned()), Just("2".to_owned()), "-?[0-9]{1,25}(\\.[0-9])?", Just("null".to_owned())],
        next_id in prop_oneof![Just("3".to_owned()), "-?[0-9]{1,25}", Just("\"x\"".to_owned())],
        entry in "\\{(\"(id|name|saved_at_ms|scenario|query)\":(null|-?[0-9]{1,20}|\"[a-z=&:0-9]{0,20}\"|\\{\\}|\\[\\]),?){0,5}\\}",
    ) {
        let text = format!(
            r#"{{"format":"funnelsim.library","version":{version},"next_id":{next_id},"scenarios":[{entry}]}}"#
        );
        let loaded = load(Some(&text));
        let again = load(Some(&serialize(&loaded.library).unwrap()));
        prop_assert_eq!(again.library, loaded.library);
    }
}

#[test]
fn a_deleted_scenario_can_be_restored_in_its_place() {
    let mut lib = sample_library();
    let names =
        |lib: &Library| -> Vec<String> { lib.scenarios().iter().map(|s| s.name.clone()).collect() };
    let before = names(&lib);
    let middle = lib.scenarios()[1].clone();
    let (index, removed) = lib.delete(middle.id).unwrap();
    assert_eq!((index, &removed), (1, &middle));
    assert_eq!(lib.len(), before.len() - 1);
    lib.restore(index, removed.clone()).unwrap();
    assert_eq!(names(&lib), before);
    assert_eq!(
        lib.scenarios()[1],
        middle,
        "same id, name, scenario and time"
    );

    // Its name taken in the meantime: refused, nothing changes.
    let (index, removed) = lib.delete(middle.id).unwrap();
    lib.save_new(&middle.name, Scenario::default(), 0.0)
        .unwrap();
    let after_save = names(&lib);
    assert_eq!(
        lib.restore(index, removed.clone()),
        Err(LibraryError::DuplicateName(middle.name.clone()))
    );
    assert_eq!(names(&lib), after_save);

    // A place beyond the end appends; an id given since is not reused.
    let mut other = Library::default();
    let (_, alone) = {
        let id = other.save_new("Alone", Scenario::default(), 0.0).unwrap();
        other.delete(id).unwrap()
    };
    let newer = other.save_new("Newer", Scenario::default(), 0.0).unwrap();
    other.restore(99, alone.clone()).unwrap();
    let restored = &other.scenarios()[1];
    assert_eq!(restored.name, "Alone");
    assert_ne!(restored.id, newer);
    assert_eq!(restored.id, alone.id, "its id was never given to another");
}

/// Two tabs: A saves, then B (which loaded before A saved) saves. B's write starts from
/// what A stored, so both scenarios are kept; text a newer funnelsim wrote meanwhile is
/// never written over.
#[test]
fn a_write_starts_from_what_another_tab_stored() {
    let empty = Library::default();
    // Nothing stored, or what this tab knows: unchanged.
    assert_eq!(write_base(&empty, None, None), WriteBase::Unchanged);
    let mut tab_a = Library::default();
    tab_a
        .save_new("From tab A", Scenario::default(), 1.0)
        .unwrap();
    let stored_by_a = serialize(&tab_a).unwrap();
    assert_eq!(
        write_base(&tab_a, Some(&stored_by_a), None),
        WriteBase::Unchanged
    );

    // Tab B still holds the empty library it loaded.
    let WriteBase::ChangedElsewhere(mut base) = write_base(&empty, Some(&stored_by_a), None) else {
        panic!("tab B must see tab A's save");
    };
    base.save_new("From tab B", variant(), 2.0).unwrap();
    let names: Vec<&str> = base.scenarios().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["From tab A", "From tab B"]);
    // Ids stay unique: B's entry takes the id after A's.
    assert_ne!(base.scenarios()[0].id, base.scenarios()[1].id);

    // The unreadable text this tab kept aside at start-up is what its first save replaces.
    assert_eq!(
        write_base(&empty, Some("not json"), Some("not json")),
        WriteBase::Unchanged
    );
    // Text a newer funnelsim wrote in another tab is not written over.
    let newer = stored_by_a.replace(
        &format!("\"version\":{STORAGE_VERSION}"),
        &format!("\"version\":{}", STORAGE_VERSION + 1),
    );
    assert_ne!(newer, stored_by_a);
    assert!(matches!(
        write_base(&tab_a, Some(&newer), None),
        WriteBase::Unreadable(StorageProblem::FutureVersion(_))
    ));
}
