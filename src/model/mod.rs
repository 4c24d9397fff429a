//! The pure model: the scenario and its validation, the forward and reverse funnel, the
//! workbench (compare, sensitivity, goal seek), the forecast (projection, Monte Carlo), the
//! SLA, the sales team's capacity, the CRM import, the page address, files and storage, and the shared number,
//! calendar, format and language helpers. Nothing here knows about the browser (no yew,
//! web-sys, gloo or wasm-bindgen), so all of it is tested natively.

pub mod calendar;
pub mod crm;
pub mod drafts;
pub mod file_writing;
pub mod forecast;
pub mod format;
pub mod funnel;
pub mod glossary;
pub mod i18n;
pub mod num;
pub mod persist;
pub mod sales;
pub mod sla;
pub mod workbench;

pub use funnel::editor::{Edit, Editor};
pub use funnel::forward::{evaluate, FunnelResult, StageResult};
pub use funnel::metric::Metric;
pub use funnel::reverse::{reverse, RequiredStage, ReverseResult, Unreachable};
pub use funnel::scenario::{LtvMode, NamedScenario, Period, Scenario, SpendMode, Stage};
pub use funnel::validate::{ErrorKind, FieldError, FieldId};

/// Forward and reverse results of one scenario, computed together.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Analysis {
    pub funnel: FunnelResult,
    pub reverse: ReverseResult,
    /// The channel plan, when the scenario is planned by channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channels: Option<workbench::channel_plan::ChannelPlan>,
    /// The sales team against the funnel, when the scenario has a team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<sales::capacity::CapacityResult>,
}

/// Computes everything the UI shows for a scenario.
pub fn analyse(scenario: &Scenario) -> Analysis {
    let funnel = evaluate(scenario);
    let reverse = reverse(scenario, &funnel);
    let channels = scenario.mix().map(|mix| {
        workbench::channel_plan::channel_plan(scenario, mix, funnel::channels::blended_name())
    });
    let capacity = scenario
        .team
        .as_deref()
        .map(|team| sales::capacity::capacity(scenario, team, &funnel, &reverse));
    Analysis {
        funnel,
        reverse,
        channels,
        capacity,
    }
}
