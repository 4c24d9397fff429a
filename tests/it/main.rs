//! The native integration tests, one module per area, in one binary (one link of the crate
//! instead of one per file). Run them with `cargo test`; one area with `cargo test --test it <area>::`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

mod app_state;
mod architecture;
mod benchmarks;
mod capacity;
mod channels;
mod channels_edit;
mod channels_monte_carlo;
mod channels_scenario;
mod charts_svg;
mod compare;
mod crm_fast_paths;
mod crm_kpi;
mod crm_map;
mod crm_parse;
mod crm_samples;
mod crm_timing;
mod crm_transfer;
mod drafts;
mod editor;
mod export;
mod forecast_charts;
mod forecast_edit;
mod forecast_url;
mod format;
mod glossary;
mod goal_seek;
mod golden_results;
mod i18n;
mod i18n_crm_forecast;
mod i18n_sla;
mod i18n_workbench;
mod model_funnel;
mod model_properties;
mod monte_carlo;
mod page;
mod pipeline;
mod projection;
mod sensitivity;
mod sla;
mod sla_charts;
mod sla_codec;
mod sla_csv;
mod sla_url;
mod storage;
mod text_decode;
mod url_codec;
mod velocity_sensitivity;
