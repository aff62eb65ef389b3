//! The main screen in a terminal that draws ambiguous-width glyphs (“ … →)
//! one column wide and in one that draws them two (Chinese Windows
//! consoles, `xterm -cjk_width`): every line fits its width as that terminal
//! counts it, and no character of the rubric is lost (each ambiguous glyph
//! is shown as its unambiguous equivalent). One test in its own binary: the
//! terminal's width rule is process-wide.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use kaohe::tui::ambiguous;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The criteria pane's text on a screen (under the items or beside them),
/// with the spaces and line breaks of its wrapping removed: every line's
/// text from the column where the pane's title starts.
fn criteria_text(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let Some((at, column)) = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| l.find("| 评分标准").map(|byte| (i, l[..byte].width() + 1)))
    else {
        return String::new();
    };
    let mut seen = String::new();
    for line in &lines[at + 1..] {
        let mut x = 0;
        for c in line.chars() {
            if x >= column && !c.is_whitespace() {
                seen.push(c);
            }
            x += c.width().unwrap_or(0);
        }
    }
    seen
}

#[test]
fn every_line_fits_and_no_rubric_character_is_lost_at_either_ambiguous_width() {
    let mut checked = 0;
    let mut with_glyphs = 0;
    for wide in [false, true] {
        ambiguous::set_wide(wide);
        for b in kaohe::rubric::bundled::bundled() {
            let rubric = kaohe::io::rubric_files::find(b.id).expect("bundled");
            for dept in &rubric.departments {
                let mut bench = common::bench::open(b.id, &dept.name);
                let count = bench.wb.app.session().expect("session").units.len();
                for n in 0..count {
                    for (w, h) in [(80u16, 24u16), (120, 40)] {
                        let screen = common::screen_text(&bench.wb.app, w, h);
                        for line in screen.lines() {
                            let columns = if wide { line.width_cjk() } else { line.width() };
                            assert!(
                                columns <= w as usize,
                                "{} {} unit {n}, wide={wide}, {w}x{h}: {columns} columns: {line}",
                                b.id,
                                dept.name
                            );
                        }
                        checked += 1;
                    }
                    // The unit's own first line, as the wide terminal is shown it.
                    let session = bench.wb.app.session().expect("session");
                    let text = session.scoring_unit(&session.units[n]).text();
                    let first: String = text.lines().next().unwrap_or_default().chars().take(40).collect();
                    if wide && first.chars().any(|c| c.width() != c.width_cjk()) {
                        let shown: String = ambiguous::fold(&first).chars().filter(|c| !c.is_whitespace()).collect();
                        let screen = common::screen_text(&bench.wb.app, 120, 40);
                        assert!(
                            criteria_text(&screen).contains(&shown),
                            "{} {}: {shown:?} is not whole on\n{screen}",
                            b.id,
                            dept.name
                        );
                        with_glyphs += 1;
                    }
                    bench.feed("<down>");
                }
            }
        }
    }
    ambiguous::set_wide(false);
    assert!(checked > 1000, "{checked} screens");
    assert!(
        with_glyphs > 10,
        "only {with_glyphs} units with ambiguous glyphs checked"
    );
}
