//! The saved-scenario library and its versioned JSON form in the browser's storage. Pure: the
//! UI reads and writes `localStorage`; this module only turns text into a [`Library`] and back.
//!
//! Current format (version 2), as written by [`serialize`] under [`STORAGE_KEY`]:
//!
//! ```json
//! {"format":"funnelsim.library","version":2,"next_id":3,
//!  "scenarios":[{"id":1,"name":"Baseline","saved_at_ms":1767225600000,"scenario":{…}}]}
//! ```
//!
//! - `format`: always `"funnelsim.library"`.
//! - `version`: `2`. A larger number is refused ([`StorageProblem::FutureVersion`]).
//! - `next_id`: the id the next saved scenario gets (ids are never reused).
//! - `scenarios`: in the user's order; each with a unique positive `id`, a unique `name`
//!   (1 to [`MAX_NAME_CHARS`] characters, compared case-insensitively), `saved_at_ms`
//!   (milliseconds since 1970, as JavaScript's `Date.now()`) and `scenario`, the serde form
//!   of [`Scenario`] (the same object as in exported files, see [`crate::model::persist::export`]).
//!
//! Version 1, still read and migrated: `{"version":1,"scenarios":[{"name":"…","query":"v=1&…"}]}`
//! where `query` is a scenario link's query string ([`crate::model::persist::scenario_link`]).
//!
//! [`load`] never panics and never drops data silently: when it returns a `problem`, the UI
//! copies the raw text under [`quarantine_key`] before writing anything back.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::funnel::channels::check_mix;
use crate::model::funnel::scenario::Scenario;
use crate::model::funnel::validate::validate;
use crate::model::i18n::Lang;
use crate::model::persist::scenario_link;
use crate::model::sales::capacity::check_team;

crate::texts! {
    /// Library and storage messages.
    enum StorageText {
        NotSerialised => "The library could not be written ({why}): nothing was saved, the stored copy is unchanged.",
            "La bibliothèque n'a pas pu être écrite ({why}) : rien n'a été enregistré, la copie stockée est inchangée.";
        NameEmpty => "Give the scenario a name.", "Donnez un nom au scénario.";
        NameTooLong => "A scenario name has at most {max} characters.",
            "Un nom de scénario compte au plus {max} caractères.";
        DuplicateName => "A saved scenario is already called “{name}”; choose another name.",
            "Un scénario enregistré s'appelle déjà « {name} » ; choisissez un autre nom.";
        NotFound => "This saved scenario no longer exists (it may have been deleted in another tab).",
            "Ce scénario enregistré n'existe plus (il a peut-être été supprimé dans un autre onglet).";
        Full => "The library is full ({max} scenarios); delete one to save another.",
            "La bibliothèque est pleine ({max} scénarios) : supprimez-en un pour en enregistrer un autre.";
        InvalidScenario => "This scenario has invalid inputs and cannot be saved: {problems}",
            "Ce scénario contient des données invalides et ne peut pas être enregistré : {problems}";
        Problem => "{field}: {problem}", "{field} : {problem}";
        Sla => "SLA", "SLA";
        Channels => "Channels", "Canaux";
        Team => "Sales team", "Équipe commerciale";
        Projection => "Projection", "Projection";
        Uncertainty => "Uncertainty", "Incertitude";
        CopyOf => "Copy of {name}", "Copie de {name}";
        Untitled => "Untitled", "Sans titre";
        NotJson => "Your saved scenarios could not be read: the stored text is not valid JSON ({message}). The library starts empty.",
            "Vos scénarios enregistrés n'ont pas pu être lus : le texte stocké n'est pas du JSON valide ({message}). La bibliothèque repart vide.";
        Foreign => "The storage slot for saved scenarios holds data that funnelsim did not write. The library starts empty.",
            "L'emplacement de stockage des scénarios enregistrés contient des données que funnelsim n'a pas écrites. La bibliothèque repart vide.";
        FutureVersion => "Your saved scenarios were written by a newer version of funnelsim (format {v}; this version reads up to format {max}). The library starts empty.",
            "Vos scénarios enregistrés ont été écrits par une version plus récente de funnelsim (format {v} ; cette version lit jusqu'au format {max}). La bibliothèque repart vide.";
        Damaged => "Your saved scenarios are damaged ({what}). The library starts empty.",
            "Vos scénarios enregistrés sont endommagés ({what}). La bibliothèque repart vide.";
        OneSkipped => "One saved scenario could not be read and was left out.",
            "Un scénario enregistré n'a pas pu être lu et a été écarté.";
        Skipped => "{n} saved scenarios could not be read and were left out.",
            "{n} scénarios enregistrés n'ont pas pu être lus et ont été écartés.";
        NoVersion => "its version is missing or not a whole number", "sa version manque ou n'est pas un nombre entier";
        NoList => "its list of scenarios is missing", "sa liste de scénarios manque";
        NoNextId => "its next id is missing", "son prochain identifiant manque";
        UnknownVersion => "it names an unknown format version, {v}", "il indique une version de format inconnue, {v}";
    }
}

/// The `localStorage` key of the library.
pub const STORAGE_KEY: &str = "funnelsim.scenarios";
/// The format version [`serialize`] writes.
pub const STORAGE_VERSION: u32 = 2;
/// The `format` field of a stored library.
pub const LIBRARY_FORMAT: &str = "funnelsim.library";
/// Most scenarios a library holds.
pub const MAX_SCENARIOS: usize = 200;
/// Longest scenario name, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// One saved scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedScenario {
    pub id: u64,
    pub name: String,
    pub scenario: Scenario,
    /// When it was last saved, in milliseconds since 1970 (0 when unknown).
    pub saved_at_ms: f64,
}

/// The user's saved scenarios, in their order, with the next id to give.
#[derive(Clone, Debug, PartialEq)]
pub struct Library {
    scenarios: Vec<SavedScenario>,
    next_id: u64,
}

impl Default for Library {
    fn default() -> Library {
        Library {
            scenarios: Vec::new(),
            next_id: 1,
        }
    }
}

/// Why a library operation was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum LibraryError {
    NameEmpty,
    NameTooLong,
    /// Another saved scenario already has this name.
    DuplicateName(String),
    NotFound(u64),
    /// The library already holds [`MAX_SCENARIOS`].
    Full,
    /// The scenario does not pass [`validate`] (the messages of its problems).
    InvalidScenario(Vec<String>),
}

impl fmt::Display for LibraryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            LibraryError::NameEmpty => StorageText::NameEmpty.text().to_owned(),
            LibraryError::NameTooLong => {
                StorageText::NameTooLong.fill(&[("max", &MAX_NAME_CHARS.to_string())])
            }
            LibraryError::DuplicateName(name) => StorageText::DuplicateName.fill(&[("name", name)]),
            LibraryError::NotFound(_) => StorageText::NotFound.text().to_owned(),
            LibraryError::Full => StorageText::Full.fill(&[("max", &MAX_SCENARIOS.to_string())]),
            LibraryError::InvalidScenario(problems) => {
                StorageText::InvalidScenario.fill(&[("problems", &problems.join("; "))])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for LibraryError {}

/// Problems of `scenario` as sentences ("Average basket: Must be zero or more.").
pub(crate) fn problems(scenario: &Scenario) -> Vec<String> {
    let mut problems: Vec<String> = validate(scenario)
        .into_iter()
        .map(|e| problem(&e.field.label(scenario), &e.kind))
        .collect();
    if let Some(Err(error)) = scenario.channels.as_ref().map(|mix| check_mix(mix)) {
        problems.push(problem(StorageText::Channels.text(), &error));
    }
    if let Some(Err(error)) = scenario.sla.as_ref().map(|sla| sla.check()) {
        problems.push(problem(StorageText::Sla.text(), &error));
    }
    if let Some(Err(error)) = scenario
        .team
        .as_ref()
        .map(|team| check_team(team, scenario.stages.len()))
    {
        problems.push(problem(StorageText::Team.text(), &error));
    }
    if let Some(Err(error)) = scenario.projection.as_ref().map(|p| p.check()) {
        problems.push(problem(StorageText::Projection.text(), &error));
    }
    if let Some(Err(error)) = scenario.uncertainty.as_ref().map(|u| u.check(scenario)) {
        problems.push(problem(StorageText::Uncertainty.text(), &error));
    }
    problems
}

/// "Average basket: Must be zero or more." ("Panier moyen : Doit être positif ou nul.").
fn problem(field: &str, problem: &dyn fmt::Display) -> String {
    StorageText::Problem.fill(&[("field", field), ("problem", &problem.to_string())])
}

fn checked(scenario: &Scenario) -> Result<(), LibraryError> {
    let problems = problems(scenario);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(LibraryError::InvalidScenario(problems))
    }
}

/// A timestamp that is finite and not negative (0 otherwise).
/// The latest time a JavaScript date can hold (year 275760), in milliseconds.
const MAX_TIME_MS: f64 = 8.64e15;

/// A save time as stored: whole milliseconds of a date that can exist, else 0 (unknown).
/// Whole numbers below 2^53 read back exactly (the fuzz command found 1.77e27 read back
/// as 1.7700000000000003e27).
fn timestamp(ms: f64) -> f64 {
    if ms.is_finite() && ms > 0.0 && ms <= MAX_TIME_MS {
        ms.floor()
    } else {
        0.0
    }
}

/// `name` trimmed and checked for emptiness and length.
pub(crate) fn clean_name(name: &str) -> Result<String, LibraryError> {
    let name = name.trim();
    if name.is_empty() {
        Err(LibraryError::NameEmpty)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(LibraryError::NameTooLong)
    } else {
        Ok(name.to_owned())
    }
}

fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

impl Library {
    /// The saved scenarios, in order.
    pub fn scenarios(&self) -> &[SavedScenario] {
        &self.scenarios
    }

    pub fn get(&self, id: u64) -> Option<&SavedScenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// The id the next saved scenario will get.
    pub fn next_id(&self) -> u64 {
        self.next_id
    }

    pub fn len(&self) -> usize {
        self.scenarios.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scenarios.is_empty()
    }

    fn position(&self, id: u64) -> Result<usize, LibraryError> {
        self.scenarios
            .iter()
            .position(|s| s.id == id)
            .ok_or(LibraryError::NotFound(id))
    }

    /// Whether a scenario other than `except` is called `name` (case-insensitively).
    fn name_taken(&self, name: &str, except: Option<u64>) -> bool {
        self.scenarios
            .iter()
            .any(|s| Some(s.id) != except && same_name(&s.name, name))
    }

    /// Checks a new name for a scenario (`except` is the scenario being renamed).
    fn unique(&self, name: &str, except: Option<u64>) -> Result<String, LibraryError> {
        let name = clean_name(name)?;
        if self.name_taken(&name, except) {
            Err(LibraryError::DuplicateName(name))
        } else {
            Ok(name)
        }
    }

    /// `base` if free, else `base (2)`, `base (3)` …, shortened to fit [`MAX_NAME_CHARS`].
    pub fn free_name(&self, base: &str) -> String {
        let fit = |text: &str, suffix: &str| {
            let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
            let head: String = text.chars().take(room).collect();
            format!("{}{suffix}", head.trim_end())
        };
        let first = fit(base.trim(), "");
        if !self.name_taken(&first, None) {
            return first;
        }
        (2..)
            .map(|n| fit(base.trim(), &format!(" ({n})")))
            .find(|candidate| !self.name_taken(candidate, None))
            .unwrap_or(first)
    }

    fn take_id(&mut self) -> u64 {
        let id = self.next_id.max(1);
        self.next_id = id.saturating_add(1);
        id
    }

    /// Saves `scenario` under a new, unique `name` at the end of the library; returns its id.
    pub fn save_new(
        &mut self,
        name: &str,
        scenario: Scenario,
        now_ms: f64,
    ) -> Result<u64, LibraryError> {
        let name = self.unique(name, None)?;
        if self.scenarios.len() >= MAX_SCENARIOS {
            return Err(LibraryError::Full);
        }
        checked(&scenario)?;
        let id = self.take_id();
        self.scenarios.push(SavedScenario {
            id,
            name,
            scenario,
            saved_at_ms: timestamp(now_ms),
        });
        Ok(id)
    }

    /// Replaces the scenario saved under `id` (its name and place stay).
    pub fn update(&mut self, id: u64, scenario: Scenario, now_ms: f64) -> Result<(), LibraryError> {
        let index = self.position(id)?;
        checked(&scenario)?;
        let saved = &mut self.scenarios[index];
        saved.scenario = scenario;
        saved.saved_at_ms = timestamp(now_ms);
        Ok(())
    }

    /// Renames a saved scenario (a change of case only is allowed).
    pub fn rename(&mut self, id: u64, name: &str) -> Result<(), LibraryError> {
        let index = self.position(id)?;
        let name = self.unique(name, Some(id))?;
        self.scenarios[index].name = name;
        Ok(())
    }

    /// Saves a copy of `id` named "Copy of <name>" (made unique) right after it; returns the
    /// copy's id.
    pub fn duplicate(&mut self, id: u64, now_ms: f64) -> Result<u64, LibraryError> {
        let index = self.position(id)?;
        if self.scenarios.len() >= MAX_SCENARIOS {
            return Err(LibraryError::Full);
        }
        let original = &self.scenarios[index];
        let name = self.free_name(&StorageText::CopyOf.fill(&[("name", &original.name)]));
        let scenario = original.scenario.clone();
        let new_id = self.take_id();
        self.scenarios.insert(
            index + 1,
            SavedScenario {
                id: new_id,
                name,
                scenario,
                saved_at_ms: timestamp(now_ms),
            },
        );
        Ok(new_id)
    }

    /// Removes a saved scenario and returns it with its place in the list (so the UI can
    /// offer to undo with [`Library::restore`]).
    pub fn delete(&mut self, id: u64) -> Result<(usize, SavedScenario), LibraryError> {
        let index = self.position(id)?;
        Ok((index, self.scenarios.remove(index)))
    }

    /// Puts a deleted scenario back at `index` (or at the end), with its id and name;
    /// refused when its name was taken since, or the library is full.
    pub fn restore(&mut self, index: usize, saved: SavedScenario) -> Result<(), LibraryError> {
        if self.scenarios.len() >= MAX_SCENARIOS {
            return Err(LibraryError::Full);
        }
        if self.name_taken(&saved.name, None) {
            return Err(LibraryError::DuplicateName(saved.name));
        }
        // An id is never reused: a restored entry whose id was given since gets a new one.
        let id = if self.get(saved.id).is_some() || saved.id >= self.next_id {
            self.take_id()
        } else {
            saved.id
        };
        let index = index.min(self.scenarios.len());
        self.scenarios.insert(index, SavedScenario { id, ..saved });
        Ok(())
    }
}

/// The stored document, field order as written.
#[derive(Serialize)]
struct Document<'a> {
    format: &'a str,
    version: u32,
    next_id: u64,
    scenarios: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    id: u64,
    name: &'a str,
    saved_at_ms: f64,
    scenario: &'a Scenario,
}

/// The library as the JSON text stored under [`STORAGE_KEY`] (format in the module doc).
pub fn serialize(library: &Library) -> Result<String, SerializeError> {
    let document = Document {
        format: LIBRARY_FORMAT,
        version: STORAGE_VERSION,
        next_id: library.next_id,
        scenarios: library
            .scenarios
            .iter()
            .map(|s| Entry {
                id: s.id,
                name: &s.name,
                saved_at_ms: timestamp(s.saved_at_ms),
                scenario: &s.scenario,
            })
            .collect(),
    };
    // Structs of strings, integers and floats serialise; should one ever not, nothing is
    // written (an empty text would replace the saved library).
    serde_json::to_string(&document).map_err(|error| SerializeError(error.to_string()))
}

/// The library could not be written as JSON (serde's message): nothing is stored.
#[derive(Clone, Debug, PartialEq)]
pub struct SerializeError(pub String);

impl fmt::Display for SerializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&StorageText::NotSerialised.fill(&[("why", &self.0)]))
    }
}

impl std::error::Error for SerializeError {}

/// Why stored text could not be used as it is.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageProblem {
    /// The text is not JSON (the parser's message).
    NotJson(String),
    /// JSON, but not a funnelsim library.
    Foreign,
    /// A library written by a newer funnelsim (its version).
    FutureVersion(u32),
    /// A funnelsim library whose structure is damaged (what is wrong).
    Damaged(String),
    /// A readable library in which some entries were unusable and left out.
    InvalidEntries { skipped: usize },
}

impl fmt::Display for StorageProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            StorageProblem::NotJson(message) => StorageText::NotJson.fill(&[("message", message)]),
            StorageProblem::Foreign => StorageText::Foreign.text().to_owned(),
            StorageProblem::FutureVersion(v) => StorageText::FutureVersion
                .fill(&[("v", &v.to_string()), ("max", &STORAGE_VERSION.to_string())]),
            StorageProblem::Damaged(what) => StorageText::Damaged.fill(&[("what", &damage(what))]),
            StorageProblem::InvalidEntries { skipped: 1 } => {
                StorageText::OneSkipped.text().to_owned()
            }
            StorageProblem::InvalidEntries { skipped } => {
                StorageText::Skipped.fill(&[("n", &skipped.to_string())])
            }
        };
        f.write_str(&text)
    }
}

/// What is damaged, in the language in use: [`StorageProblem::Damaged`] holds the English
/// words [`load`] wrote.
fn damage(what: &str) -> String {
    let fixed = [
        StorageText::NoVersion,
        StorageText::NoList,
        StorageText::NoNextId,
    ];
    if let Some(entry) = fixed.iter().find(|t| t.in_lang(Lang::En) == what) {
        return entry.text().to_owned();
    }
    let unknown = StorageText::UnknownVersion.in_lang(Lang::En);
    match unknown
        .strip_suffix("{v}")
        .and_then(|prefix| what.strip_prefix(prefix))
    {
        Some(v) => StorageText::UnknownVersion.fill(&[("v", v)]),
        None => what.to_owned(),
    }
}

impl std::error::Error for StorageProblem {}

/// What [`load`] made of the stored text.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Loaded {
    pub library: Library,
    /// The older format version the text was migrated from (the UI should write the
    /// library back in the current format).
    pub migrated_from: Option<u32>,
    /// Set when something could not be read: the UI must keep the raw text aside under
    /// [`quarantine_key`] before writing anything to [`STORAGE_KEY`].
    pub problem: Option<StorageProblem>,
}

impl Loaded {
    /// Whether the raw text must be copied under [`quarantine_key`] (before anything is
    /// written back): when something could not be read, and before an upgrade.
    pub fn needs_quarantine(&self) -> bool {
        self.problem.is_some() || self.migrated_from.is_some()
    }

    /// Whether the library should be written back in the current format once the raw text
    /// is kept aside: after an upgrade or after leaving unusable entries out. Never when
    /// nothing was readable (the user's first save replaces the text then).
    pub fn should_write_back(&self) -> bool {
        match self.problem {
            None => self.migrated_from.is_some(),
            Some(StorageProblem::InvalidEntries { .. }) => true,
            Some(_) => false,
        }
    }

    fn failed(problem: StorageProblem) -> Loaded {
        Loaded {
            problem: Some(problem),
            ..Loaded::default()
        }
    }
}

/// What a write of the library must start from, given what is stored now.
#[derive(Clone, Debug, PartialEq)]
pub enum WriteBase {
    /// Storage holds the library this tab knows (or nothing, or the unreadable text this
    /// tab already kept aside): the change applies to this tab's library.
    Unchanged,
    /// Another tab wrote since: the change applies to its library, which is kept.
    ChangedElsewhere(Library),
    /// Storage now holds text this tab cannot fully read (another tab of a newer
    /// funnelsim): nothing may be written over it.
    Unreadable(StorageProblem),
}

/// Compares the text stored now (`stored`) with the library this tab holds (`known`) and
/// the unreadable text it kept aside at start-up (`kept_aside`), so that a write never
/// loses what another tab saved meanwhile: re-read, then merge by applying the change to
/// the newest library.
pub fn write_base(known: &Library, stored: Option<&str>, kept_aside: Option<&str>) -> WriteBase {
    let Some(text) = stored.filter(|t| !t.trim().is_empty()) else {
        return WriteBase::Unchanged;
    };
    if kept_aside == Some(text) {
        return WriteBase::Unchanged;
    }
    let loaded = load(Some(text));
    if let Some(problem) = loaded.problem {
        return WriteBase::Unreadable(problem);
    }
    if loaded.library == *known {
        WriteBase::Unchanged
    } else {
        WriteBase::ChangedElsewhere(loaded.library)
    }
}

/// The start of every key holding stored text that was kept aside.
pub const QUARANTINE_PREFIX: &str = "funnelsim.scenarios.unreadable.";

/// The key the UI copies unreadable stored text to: `funnelsim.scenarios.unreadable.<ms>`.
pub fn quarantine_key(now_ms: f64) -> String {
    let ms = if now_ms.is_finite() && now_ms > 0.0 {
        now_ms.floor() as u64
    } else {
        0
    };
    format!("{QUARANTINE_PREFIX}{ms}")
}

/// A version-2 entry as read (checked after reading).
#[derive(Deserialize)]
struct StoredEntry {
    id: u64,
    name: String,
    saved_at_ms: f64,
    scenario: Scenario,
}

/// A version-1 entry: a name and a link's query string.
#[derive(Deserialize)]
struct V1Entry {
    name: String,
    query: String,
}

/// Reads the text stored under [`STORAGE_KEY`] (`None` when nothing is stored). Never
/// panics: whatever cannot be read gives an empty library and a `problem`; unusable entries
/// of a readable library are left out and counted.
pub fn load(raw: Option<&str>) -> Loaded {
    let Some(text) = raw.filter(|t| !t.trim().is_empty()) else {
        return Loaded::default();
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => return Loaded::failed(StorageProblem::NotJson(e.to_string())),
    };
    let Some(object) = value.as_object() else {
        return Loaded::failed(StorageProblem::Foreign);
    };
    match object.get("format") {
        None if object.contains_key("version") && object.contains_key("scenarios") => {}
        Some(Value::String(f)) if f == LIBRARY_FORMAT => {}
        _ => return Loaded::failed(StorageProblem::Foreign),
    }
    let version = match object.get("version").and_then(Value::as_u64) {
        Some(v) => v,
        None => {
            return Loaded::failed(StorageProblem::Damaged(
                StorageText::NoVersion.in_lang(Lang::En).into(),
            ))
        }
    };
    if version > u64::from(STORAGE_VERSION) {
        let v = u32::try_from(version).unwrap_or(u32::MAX);
        return Loaded::failed(StorageProblem::FutureVersion(v));
    }
    let Some(entries) = object.get("scenarios").and_then(Value::as_array) else {
        return Loaded::failed(StorageProblem::Damaged(
            StorageText::NoList.in_lang(Lang::En).into(),
        ));
    };
    match version {
        1 => load_v1(entries),
        2 => {
            let Some(next_id) = object.get("next_id").and_then(Value::as_u64) else {
                return Loaded::failed(StorageProblem::Damaged(
                    StorageText::NoNextId.in_lang(Lang::En).into(),
                ));
            };
            load_v2(entries, next_id)
        }
        other => Loaded::failed(StorageProblem::Damaged(
            StorageText::UnknownVersion
                .in_lang(Lang::En)
                .replace("{v}", &other.to_string()),
        )),
    }
}

fn with_skipped(library: Library, migrated_from: Option<u32>, skipped: usize) -> Loaded {
    Loaded {
        library,
        migrated_from,
        problem: (skipped > 0).then_some(StorageProblem::InvalidEntries { skipped }),
    }
}

fn load_v2(entries: &[Value], next_id: u64) -> Loaded {
    let mut library = Library::default();
    let mut skipped = 0;
    for raw in entries {
        let usable = StoredEntry::deserialize(raw).ok().filter(|e| {
            e.id > 0
                && library.len() < MAX_SCENARIOS
                && library.get(e.id).is_none()
                && clean_name(&e.name).is_ok_and(|n| n == e.name)
                && !library.name_taken(&e.name, None)
                && problems(&e.scenario).is_empty()
        });
        match usable {
            Some(e) => library.scenarios.push(SavedScenario {
                id: e.id,
                name: e.name,
                scenario: e.scenario,
                saved_at_ms: timestamp(e.saved_at_ms),
            }),
            None => skipped += 1,
        }
    }
    let after_ids = library
        .scenarios
        .iter()
        .map(|s| s.id.saturating_add(1))
        .max()
        .unwrap_or(1);
    library.next_id = next_id.max(after_ids).max(1);
    with_skipped(library, None, skipped)
}

/// Version 1 had no ids and did not check names: names are trimmed, shortened and made
/// unique ("Untitled" when empty); entries whose link does not decode to a valid scenario
/// are left out and counted.
fn load_v1(entries: &[Value]) -> Loaded {
    let mut library = Library::default();
    let mut skipped = 0;
    for raw in entries {
        let scenario = V1Entry::deserialize(raw).ok().and_then(|e| {
            let scenario = scenario_link::decode(&e.query).ok()?;
            problems(&scenario).is_empty().then_some((e.name, scenario))
        });
        match scenario {
            Some((name, scenario)) if library.len() < MAX_SCENARIOS => {
                let base = if name.trim().is_empty() {
                    StorageText::Untitled.text()
                } else {
                    &name
                };
                let name = library.free_name(base);
                let id = library.take_id();
                library.scenarios.push(SavedScenario {
                    id,
                    name,
                    scenario,
                    saved_at_ms: 0.0,
                });
            }
            _ => skipped += 1,
        }
    }
    with_skipped(library, Some(1), skipped)
}

/// Why browser storage could not be written.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageWriteError {
    /// The browser's quota for this site is used up.
    Quota,
    /// Storage is switched off or refused (private mode, sandboxed iframe …).
    Unavailable(String),
    /// The library could not be written as text: nothing was stored.
    NotSerialised(SerializeError),
}

crate::texts! {
    /// Why storage could not be written.
    enum StorageWriteText {
        Quota => "The browser's storage for this site is full: nothing was saved. Delete or export scenarios to make room.",
            "Le stockage du navigateur pour ce site est plein : rien n'a été enregistré. Supprimez ou exportez des scénarios pour faire de la place.";
        Unavailable => "This browser refuses to store data here ({why}): nothing was saved. Export your scenarios as files instead.",
            "Ce navigateur refuse d'enregistrer des données ici ({why}) : rien n'a été enregistré. Exportez plutôt vos scénarios en fichiers.";
    }
}

impl std::fmt::Display for StorageWriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageWriteError::Quota => f.write_str(StorageWriteText::Quota.text()),
            StorageWriteError::Unavailable(why) => {
                f.write_str(&StorageWriteText::Unavailable.fill(&[("why", why)]))
            }
            StorageWriteError::NotSerialised(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for StorageWriteError {}
