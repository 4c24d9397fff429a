//! The CRM import: decoding, parsing and mapping an export, and the alignment KPIs and stage
//! times computed from its rows.

pub mod file;
pub mod import;
pub mod kpi;
pub mod map;
pub mod parse;
pub mod pipeline;
pub mod text_decode;
pub mod timing;
pub mod transfer;
