//! The integration tests, one module per feature, in one test binary: they run the real
//! `touchpoint` binary (or the library) on fixture repositories under `tests/fixtures/`.
//! One binary links once instead of a dozen times; tests that measure time or fill the
//! machine take turns through `common::exclusive`.

mod common;

mod a11y;
mod browser_xss;
mod charts;
mod check;
mod count;
mod counting_corpus;
mod deliverables;
mod docs;
mod export;
mod faults;
mod import;
mod importers;
mod lang;
mod language;
mod paging;
mod planning;
mod platform_counts;
mod platform_rules;
mod previews;
mod rev_page;
mod rev_rules;
mod rev_since;
mod robustness;
mod serve;
mod site;
mod strategy;
mod symlinks;
mod trust_content;
mod week_view;
