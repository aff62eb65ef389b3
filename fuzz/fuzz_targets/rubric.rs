//! Any text as a rubric file: checking and loading report, never panic; every
//! diagnostic's line is inside the file; a loaded rubric survives everything
//! the workbench and the merge do with it first.
#![no_main]

use kaohe::rubric::{self, hash::rubric_hash};
use kaohe::scoring::bounds;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let checked = rubric::check("fuzz.toml", &text);
    // A line past the end (the one after a last newline) is where an
    // unterminated table or string ends.
    let lines = text.lines().count() + 1;
    for d in &checked.diagnostics {
        if let Some(line) = d.line {
            assert!(
                (1..=lines).contains(&line),
                "line {line} outside 1..={lines}: {}",
                d.message
            );
        }
        let shown = d.located("fuzz.toml").to_string();
        assert!(shown.starts_with("fuzz.toml"), "{shown}");
    }
    let has_errors = checked.has_errors();
    match rubric::load("fuzz.toml", &text) {
        Ok(r) => {
            assert!(!has_errors, "load accepted what check refused");
            let _ = rubric_hash(&r);
            let _ = r.area_tallies();
            let _ = r.department_tallies();
            for unit in r.scoring_units() {
                let _ = bounds::range(&unit);
                let _ = bounds::parse_score("1.5", &unit, r.precision);
            }
        }
        Err(e) => {
            assert!(has_errors, "load refused what check accepted");
            assert!(e.to_string().contains("fuzz.toml"), "{e}");
        }
    }
});
