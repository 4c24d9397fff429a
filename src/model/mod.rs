//! The pure model: the scenario and its validation, the forward and reverse funnel, the
//! workbench (compare, sensitivity, goal seek), the forecast (projection, Monte Carlo), the
//! SLA, the CRM import, the page address, files and storage, and the shared number,
//! calendar, format and language helpers. Nothing here knows about the browser (no yew,
//! web-sys, gloo or wasm-bindgen), so all of it is tested natively.

pub mod calendar;
pub mod compare;
pub mod crm_file;
pub mod crm_import;
pub mod crm_kpi;
pub mod crm_map;
pub mod crm_parse;
pub mod editor;
pub mod export;
pub mod forecast_edit;
pub mod forecast_url;
pub mod format;
pub mod funnel;
pub mod glossary;
pub mod goal_seek;
pub mod i18n;
pub mod metric;
pub mod monte_carlo;
pub mod num;
pub mod page;
pub mod projection;
pub mod reverse;
pub mod scenario;
pub mod sensitivity;
pub mod sla;
pub mod sla_csv;
pub mod sla_edit;
pub mod sla_url;
pub mod storage;
pub mod text_decode;
pub mod uncertainty;
pub mod url;
pub mod validate;

pub use editor::{Edit, Editor};
pub use funnel::{evaluate, FunnelResult, StageResult};
pub use metric::Metric;
pub use reverse::{reverse, RequiredStage, ReverseResult, Unreachable};
pub use scenario::{LtvMode, NamedScenario, Period, Scenario, SpendMode, Stage};
pub use validate::{ErrorKind, FieldError, FieldId};

/// Forward and reverse results of one scenario, computed together.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Analysis {
    pub funnel: FunnelResult,
    pub reverse: ReverseResult,
}

/// Computes everything the UI shows for a scenario.
pub fn analyse(scenario: &Scenario) -> Analysis {
    let funnel = evaluate(scenario);
    let reverse = reverse(scenario, &funnel);
    Analysis { funnel, reverse }
}
