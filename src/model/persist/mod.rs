//! What outlives the tab: the scenario link and the page address, the saved-scenario library
//! in storage, and the files users download and upload.

pub mod export;
pub mod page;
pub mod scenario_link;
pub mod storage;
