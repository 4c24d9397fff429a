//! The marketing–sales SLA per channel × persona: the calculator, its editing, its CSV files
//! and its keys in a scenario link.

pub mod calculator;
pub mod csv_file;
pub mod edit;
pub mod link;
