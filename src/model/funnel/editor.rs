//! The editing state behind the form: what the user typed, what is wrong with it, and the
//! last valid scenario, which bad input never replaces.

use crate::model::drafts::Drafts;
use crate::model::forecast::edit::{ForecastDrafts, ForecastEdit};
use crate::model::forecast::uncertainty::Uncertain;
use crate::model::funnel::benchmarks::Segment;
use crate::model::funnel::channels::Conversion;
use crate::model::funnel::channels_edit::{ChannelDrafts, ChannelEdit, ChannelField, ListChange};
use crate::model::funnel::scenario::{
    LtvMode, Period, Scenario, SpendMode, Stage, MAX_STAGES, MIN_STAGES,
};
use crate::model::funnel::validate::{
    parse_field, parse_stage_name, ErrorKind, FieldError, FieldId,
};
use crate::model::glossary::{GlossaryError, Term};
use crate::model::i18n::Currency;
use crate::model::sales::team_edit::{TeamDrafts, TeamEdit};
use crate::model::sla::calculator::Sla;
use crate::model::sla::edit::{SlaDrafts, SlaEdit, SlaField};

/// One user edit.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Raw text typed into a numeric field.
    Number(FieldId, String),
    /// Raw text typed into a stage name.
    StageName(usize, String),
    Period(Period),
    LtvMode(LtvMode),
    SpendMode(SpendMode),
    /// Inserts a new stage at this index (1 ..= number of stages), converting 100 % so
    /// that no count changes until the user sets its rate.
    InsertStage(usize),
    /// Removes a stage, merging its conversion into the next so downstream counts stay.
    RemoveStage(usize),
    /// Replaces everything with this scenario.
    Load(Scenario),
    /// Starts the SLA set-up (when the scenario has none yet).
    StartSla(Sla),
    /// Removes the SLA set-up from the scenario.
    RemoveSla,
    /// An edit of the SLA set-up.
    Sla(SlaEdit),
    /// An edit of the forecast (projection and Monte Carlo settings).
    Forecast(ForecastEdit),
    /// An edit of the channel mix.
    Channels(ChannelEdit),
    /// An edit of the sales team.
    Team(TeamEdit),
    /// The currency amounts are shown in.
    Currency(Currency),
    /// The segment whose benchmarks the stages are compared with (`None`: none).
    Segment(Option<Segment>),
    /// The team's definition of a term (blank: back to the default).
    Glossary(Term, String),
}

/// The form: last valid scenario plus the raw text and errors of the fields being edited.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Editor {
    /// The last valid scenario and what was typed in the funnel's fields.
    funnel: FunnelFields,
    /// Set when a structural edit (add/remove stage) was refused.
    notice: Option<FieldError>,
    /// The SLA form's drafts and errors.
    sla: SlaDrafts,
    /// The forecast form's drafts and errors.
    forecast: ForecastDrafts,
    /// The Channels table's drafts and errors.
    channels: ChannelDrafts,
    /// The Capacity table's drafts and errors.
    team: TeamDrafts,
    /// Definitions refused (too long), with the text typed.
    glossary: Drafts<Term, GlossaryError>,
}

/// Plain text for a number in an input box ("120000", "2.5").
pub fn input_text(value: f64) -> String {
    let plain = format!("{}", value + 0.0);
    match crate::model::i18n::lang() {
        crate::model::i18n::Lang::En => plain,
        // "2,5": as French is typed (and read back by `parse_number`).
        crate::model::i18n::Lang::Fr => plain.replace('.', ","),
    }
}

/// The funnel's fields: the last valid scenario, and what was typed in its number and name
/// fields that is not its value (kept as typed, with the problem). The compact calculator
/// edits these alone; the [`Editor`] holds them with every other form's drafts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FunnelFields {
    scenario: Scenario,
    drafts: Drafts<FieldId, FieldError>,
}

impl FunnelFields {
    pub fn new(scenario: Scenario) -> FunnelFields {
        FunnelFields {
            scenario,
            drafts: Drafts::default(),
        }
    }

    /// The last valid scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The text to show in a field: what the user typed, or the scenario's value.
    pub fn text(&self, field: FieldId) -> String {
        if let Some(draft) = self.drafts.text(field) {
            return draft.to_owned();
        }
        match field {
            FieldId::StageName(i) => self
                .scenario
                .stages
                .get(i)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            _ => field
                .value_in(&self.scenario)
                .map(input_text)
                .unwrap_or_default(),
        }
    }

    /// The problem with a field, if its current text is invalid.
    pub fn error(&self, field: FieldId) -> Option<&FieldError> {
        self.drafts.error(field)
    }

    /// Text typed into a numeric field: invalid text is kept as a draft with its error, the
    /// scenario keeping its last valid value.
    pub fn type_number(&mut self, field: FieldId, raw: String) {
        match parse_field(field, &raw) {
            Ok(value) if field.set_in(&mut self.scenario, value) => {
                self.drafts.keep(field, raw, Ok(()));
            }
            // Not a field of this scenario: nothing to keep.
            Ok(_) => self.drafts.forget(field),
            Err(error) => self.drafts.keep(field, raw, Err(error)),
        }
    }
}

impl Editor {
    pub fn new(scenario: Scenario) -> Editor {
        Editor {
            funnel: FunnelFields::new(scenario),
            ..Editor::default()
        }
    }

    /// The last valid scenario: what every result is computed from.
    pub fn scenario(&self) -> &Scenario {
        &self.funnel.scenario
    }

    /// The funnel's fields alone (the scenario and what was typed in them).
    pub fn funnel(&self) -> &FunnelFields {
        &self.funnel
    }

    /// The text to show in a field: what the user typed, or the scenario's value.
    pub fn text(&self, field: FieldId) -> String {
        self.funnel.text(field)
    }

    /// The problem with a field, if its current text is invalid.
    pub fn error(&self, field: FieldId) -> Option<&FieldError> {
        self.funnel.error(field)
    }

    /// Every current field problem.
    pub fn errors(&self) -> impl Iterator<Item = &FieldError> {
        self.funnel.drafts.errors().map(|(_, error)| error)
    }

    /// The SLA form: drafts, field errors and refusals (the set-up is `scenario().sla`).
    pub fn sla(&self) -> &SlaDrafts {
        &self.sla
    }

    /// The text typed for `term` and why it was refused, when it was.
    pub fn glossary_error(&self, term: Term) -> Option<(&str, &GlossaryError)> {
        Some((self.glossary.text(term)?, self.glossary.error(term)?))
    }

    /// The Channels table: drafts and cell errors (the mix is `scenario().channels`).
    pub fn channels(&self) -> &ChannelDrafts {
        &self.channels
    }

    /// The Capacity table: drafts and cell errors (the team is `scenario().team`).
    pub fn team(&self) -> &TeamDrafts {
        &self.team
    }

    /// The forecast form: drafts and field errors (the settings are `scenario().projection`
    /// and `scenario().uncertainty`).
    pub fn forecast(&self) -> &ForecastDrafts {
        &self.forecast
    }

    /// A refused structural edit, to show near the stage list.
    pub fn notice(&self) -> Option<&FieldError> {
        self.notice.as_ref()
    }

    /// Applies one edit. Invalid text is kept as a draft with its error; the scenario
    /// keeps its last valid value.
    pub fn apply(&mut self, edit: Edit) {
        if let Some(edit) = self.apply_to_funnel(edit) {
            self.apply_to_tools(edit);
        }
    }

    /// Applies an edit of the funnel itself (its fields and stages, the currency, the segment,
    /// a definition, a scenario loaded), as [`Editor::apply`] does; an edit of a tool (SLA,
    /// forecast, channels, team) is handed back, unapplied, for [`Editor::apply_to_tools`]. The app's main
    /// module applies these alone, so that the tools' editing code links into their chunks.
    pub fn apply_to_funnel(&mut self, edit: Edit) -> Option<Edit> {
        self.notice = None;
        match edit {
            Edit::Number(field, raw) => self.funnel.type_number(field, raw),
            Edit::StageName(i, raw) => {
                let field = FieldId::StageName(i);
                if i >= self.funnel.scenario.stages.len() {
                    return None;
                }
                let read = parse_stage_name(i, &raw).map(|name| {
                    self.funnel.scenario.stages[i].name = name;
                });
                self.funnel.drafts.keep(field, raw, read);
            }
            Edit::Period(period) => self.funnel.scenario.period = period,
            Edit::LtvMode(mode) => self.funnel.scenario.ltv_mode = mode,
            Edit::SpendMode(mode) => self.funnel.scenario.spend_mode = mode,
            Edit::InsertStage(at) => self.insert_stage(at),
            Edit::RemoveStage(at) => self.remove_stage(at),
            Edit::Load(scenario) => *self = Editor::new(scenario),
            Edit::Currency(currency) => self.funnel.scenario.currency = currency,
            Edit::Segment(segment) => self.funnel.scenario.segment = segment,
            Edit::Glossary(term, text) => {
                let read = self.funnel.scenario.glossary.set(term, &text);
                self.glossary.settle(term, text, read);
            }
            tool => return Some(tool),
        }
        None
    }

    /// Applies an edit of a tool (SLA, forecast, channels, team), as [`Editor::apply`] does;
    /// any other edit goes to [`Editor::apply_to_funnel`].
    pub fn apply_to_tools(&mut self, edit: Edit) {
        self.notice = None;
        match edit {
            Edit::StartSla(sla) => {
                if self.funnel.scenario.sla.is_none() {
                    self.sla
                        .apply(&mut self.funnel.scenario.sla, SlaEdit::Replace(sla));
                }
            }
            Edit::RemoveSla => {
                self.funnel.scenario.sla = None;
                self.sla = SlaDrafts::default();
            }
            // Planned by channel, the SLA's channels are the mix's: their list is edited there.
            Edit::Sla(edit) if self.funnel.scenario.mix().is_some() => match edit {
                SlaEdit::AddChannel => self.apply_to_tools(Edit::Channels(ChannelEdit::Add)),
                SlaEdit::RemoveChannel(at) => {
                    self.apply_to_tools(Edit::Channels(ChannelEdit::Remove(at)))
                }
                SlaEdit::MoveChannel { from, to } => {
                    self.apply_to_tools(Edit::Channels(ChannelEdit::Move { from, to }))
                }
                SlaEdit::Text(SlaField::ChannelName(at), raw) => self.apply_to_tools(
                    Edit::Channels(ChannelEdit::Text(ChannelField::Name(at), raw)),
                ),
                edit => self.sla.apply(&mut self.funnel.scenario.sla, edit),
            },
            Edit::Sla(edit) => self.sla.apply(&mut self.funnel.scenario.sla, edit),
            Edit::Forecast(edit) => self.forecast.apply(&mut self.funnel.scenario, edit),
            Edit::Channels(edit) => {
                let change = self.channels.apply(&mut self.funnel.scenario, edit);
                self.fit_spreads_to_channels(change.as_ref());
                if let Some(change) = change {
                    self.follow_channels(change);
                }
            }
            Edit::Team(edit) => self.team.apply(&mut self.funnel.scenario, edit),
            // Not a tool's: the funnel's own edit, which takes every other variant (so nothing
            // is handed back).
            funnel => {
                self.apply_to_funnel(funnel);
            }
        }
    }

    /// Keeps the Monte Carlo's spreads on inputs that still are: with a mix, the volume
    /// entering and the rates above its entry come from the channels (their spreads no
    /// longer apply, as a removed stage's); a cost spread follows its channel when the list
    /// changes, and goes with the mix.
    fn fit_spreads_to_channels(&mut self, change: Option<&ListChange>) {
        let entry = self.funnel.scenario.mix().map(|mix| mix.entry.stage());
        let Some(slot) = self.funnel.scenario.uncertainty.as_mut() else {
            return;
        };
        let mut next = (**slot).clone();
        match entry {
            None => next.channel_costs.clear(),
            Some(entry) => {
                next.top = None;
                next.rates.retain(|&stage, _| stage > entry);
                match change {
                    Some(&ListChange::Removed(at)) => next.remove_channel(at),
                    Some(&ListChange::Moved { from, to }) => next.move_channel(from, to),
                    _ => {}
                }
            }
        }
        if next != **slot {
            *slot = std::sync::Arc::new(next);
            self.forecast.forget_spreads();
        }
    }

    /// The SLA follows the channel list when the scenario is planned by channel: one list,
    /// a channel added, removed, moved or renamed in one place is so everywhere.
    fn follow_channels(&mut self, change: ListChange) {
        let slot = &mut self.funnel.scenario.sla;
        if slot.is_none() {
            return;
        }
        let sla = &mut self.sla;
        match change {
            ListChange::Added(name) => {
                sla.apply(slot, SlaEdit::AddChannel);
                let last = slot
                    .as_ref()
                    .map_or(0, |s| s.channels.len().saturating_sub(1));
                sla.apply(slot, SlaEdit::Text(SlaField::ChannelName(last), name));
            }
            ListChange::Removed(at) => sla.apply(slot, SlaEdit::RemoveChannel(at)),
            ListChange::Moved { from, to } => sla.apply(slot, SlaEdit::MoveChannel { from, to }),
            ListChange::Renamed(at, name) => {
                sla.apply(slot, SlaEdit::Text(SlaField::ChannelName(at), name))
            }
        }
    }

    fn insert_stage(&mut self, at: usize) {
        let n = self.funnel.scenario.stages.len();
        if n >= MAX_STAGES {
            self.refuse(ErrorKind::TooManyStages);
            return;
        }
        let at = at.clamp(1, n);
        let name = (n + 1..)
            .map(|k| format!("Stage {k}"))
            .find(|candidate| {
                self.funnel
                    .scenario
                    .stages
                    .iter()
                    .all(|s| &s.name != candidate)
            })
            .unwrap_or_else(|| "New stage".to_owned());
        self.funnel
            .scenario
            .stages
            .insert(at, Stage { name, value: 100.0 });
        self.shift_own_rates(at, true);
        TeamDrafts::shift_stages(&mut self.funnel.scenario, at, true);
        self.shift_stage_fields(at, |i| i + 1);
        if let Some(uncertainty) = self.funnel.scenario.uncertainty.as_mut() {
            std::sync::Arc::make_mut(uncertainty).insert_stage(at);
            self.forecast.forget_spreads();
        }
    }

    fn remove_stage(&mut self, at: usize) {
        let n = self.funnel.scenario.stages.len();
        if n <= MIN_STAGES {
            self.refuse(ErrorKind::TooFewStages);
            return;
        }
        if at >= n {
            return;
        }
        let stages = &mut self.funnel.scenario.stages;
        if at == 0 {
            // The next stage becomes the top: it keeps the count it had.
            let new_top = stages[0].value * stages[1].value / 100.0;
            stages[1].value = new_top;
        } else if at + 1 < n {
            // Merge the conversion into the next stage so downstream counts stay.
            stages[at + 1].value = stages[at].value * stages[at + 1].value / 100.0;
        }
        stages.remove(at);
        self.shift_own_rates(at, false);
        TeamDrafts::shift_stages(&mut self.funnel.scenario, at, false);
        for field in [
            FieldId::StageName(at),
            FieldId::StageRate(at),
            FieldId::Top,
            FieldId::StageRate(at + 1),
        ] {
            self.funnel.drafts.forget(field);
        }
        self.shift_stage_fields(at + 1, |i| i - 1);
        if let Some(uncertainty) = self.funnel.scenario.uncertainty.as_mut() {
            let uncertainty = std::sync::Arc::make_mut(uncertainty);
            // The next stage's rate (or, for the top, its count) changed: its spread no
            // longer applies.
            uncertainty.set_spread(Uncertain::Rate(at + 1), None);
            if at == 0 {
                uncertainty.set_spread(Uncertain::Top, None);
            }
            uncertainty.remove_stage(at);
            self.forecast.forget_spreads();
        }
    }

    /// Keeps each channel's own rates on their stages when stage `at` is inserted (converting
    /// 100 %, like the funnel's new stage) or removed (its rate merged into the next one, like
    /// the funnel's). A stage at or above the mix's entry holds no own rate.
    fn shift_own_rates(&mut self, at: usize, inserted: bool) {
        let Some(slot) = self.funnel.scenario.channels.as_mut() else {
            return;
        };
        let entry = slot.entry.stage();
        if at <= entry {
            return;
        }
        let index = at - entry - 1;
        for channel in &mut std::sync::Arc::make_mut(slot).channels {
            let Conversion::Own { rates } = &mut channel.conversion else {
                continue;
            };
            if inserted {
                if index <= rates.len() {
                    rates.insert(index, 100.0);
                }
            } else if index < rates.len() {
                let removed = rates.remove(index);
                if let Some(next) = rates.get_mut(index) {
                    *next = removed * *next / 100.0;
                }
            }
        }
        self.channels.forget_rates();
    }

    /// Renumbers the drafts and errors of stage fields at index `from` and beyond.
    fn shift_stage_fields(&mut self, from: usize, shift: fn(usize) -> usize) {
        let renumber = |field: FieldId| match field {
            FieldId::StageName(i) if i >= from => FieldId::StageName(shift(i)),
            FieldId::StageRate(i) if i >= from => FieldId::StageRate(shift(i)),
            other => other,
        };
        self.funnel
            .drafts
            .rename(renumber, |field, error| FieldError { field, ..error });
    }

    fn refuse(&mut self, kind: ErrorKind) {
        self.notice = Some(FieldError {
            field: FieldId::Top,
            kind,
        });
    }
}
