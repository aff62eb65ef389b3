//! Any bytes as the office's rubric document: the first byte picks .docx
//! (even) or .xlsx (odd). Reading it is refused with a reason or gives
//! tables; importing them as a notice writes rubric files that
//! `rubric::check` reads, and every finding and difference names its table.
#![no_main]

use kaohe::io::rubric_tables::read_document;
use kaohe::rubric::import::{Options, import_notice};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let name = if kind % 2 == 1 { "fuzz.xlsx" } else { "fuzz.docx" };
    let Ok(document) = read_document(name, bytes) else {
        return;
    };
    let notice = import_notice(
        &document.tables,
        &Options {
            id: "fuzz".into(),
            source: name.into(),
            districts: vec!["甲区".into()],
            ..Options::default()
        },
    );
    for part in &notice.parts {
        let imported = &part.imported;
        let placed = imported.unreadable.iter().chain(&imported.differences).chain(&imported.inferred);
        for finding in placed.filter_map(|f| f.place.as_ref()) {
            assert!(document.tables.iter().any(|t| t.name == finding.table), "{}", finding.table);
        }
        let _ = kaohe::rubric::check("fuzz.toml", &imported.toml);
    }
});
