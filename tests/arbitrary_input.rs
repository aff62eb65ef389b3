//! Arbitrary input at the four doors where files come in: rubric files,
//! keymap files, signed score files and score sheets. Random bytes, valid
//! files damaged at random, and valid files built from random values end in
//! a result or in a message that names the file and the line, row or field;
//! nothing panics, and a signed file never verifies with other content than
//! was signed. The cargo-fuzz targets under fuzz/ drive the same entry
//! points for longer.

use kaohe::rubric;
use kaohe::tui::keymap::{Key, Keymap};

// ------------------------------------------------------ regression inputs

/// A small valid rubric whose first item's points and tiers are replaced.
fn rubric_with(points_1: &str, points_2: &str, tiers: &str) -> String {
    format!(
        r#"id = "huge-1"
title = "测试"
issuer = "测试办"
period = "2024"
districts = ["甲区"]

[[department]]
name = "市市场监管局"

[[area]]
id = "1"
name = "领域"
points = "10"

[[key_point]]
id = "1.1"
area = "1"
name = "要点"

[[item]]
id = "1.1.1"
key_point = "1.1"
text = "一"
points = "{points_1}"
criteria = "按情况评分"
departments = ["市市场监管局"]
{tiers}
[[item]]
id = "1.1.2"
key_point = "1.1"
text = "二"
kind = "deduction"
criteria = "每次扣分"
departments = ["市市场监管局"]
per_event = [{{ name = "事故", points = "{points_2}" }}]
"#
    )
}

const DECIMAL_MAX: &str = "79228162514264337593543950335";

/// Two items with points near Decimal's limit made the area's sum overflow:
/// `kaohe rubric check` panicked ("Addition overflowed", exit 101). Such a
/// value is now refused on its own line.
#[test]
fn points_near_the_decimal_limit_are_refused_on_their_line() {
    let text = rubric_with(DECIMAL_MAX, DECIMAL_MAX, "");
    let checked = rubric::check("huge.toml", &text);
    let line = text.lines().position(|l| l.contains(DECIMAL_MAX)).map(|n| n + 1);
    let error = checked.errors().next().expect("refused");
    assert_eq!((error.code, error.line), ("toml", line), "{}", error.message);
    assert!(error.message.contains("larger than any value"), "{}", error.message);
    // A TOML integer that large is refused too; the largest real values load.
    let whole = text.replacen(&format!("\"{DECIMAL_MAX}\""), "9223372036854775807", 1);
    assert!(rubric::check("huge.toml", &whole).has_errors());
    assert!(rubric::load("ok.toml", &rubric_with("1000000000000", "1000000000000", "")).is_ok());
}

/// An integer tier ending at Decimal's lowest value overflowed when the
/// linter computed the last whole number below it ("Subtraction
/// overflowed"); a per-event amount that large overflowed when the
/// workbench multiplied it by a count.
#[test]
fn tier_edges_and_event_amounts_near_the_decimal_limit_are_refused() {
    let tiers = format!(
        "[item.tiers]\nmeasure = \"数\"\ninteger = true\nranges = [\n  {{ range = \"(,-{DECIMAL_MAX})\", points = \"1\" }},\n  {{ range = \"[-{DECIMAL_MAX},)\", points = \"2\" }},\n]\n"
    );
    let text = rubric_with("5", "1", &tiers);
    let checked = rubric::check("tiers.toml", &text);
    let line = text.lines().position(|l| l.contains("(,-")).map(|n| n + 1);
    assert!(
        checked
            .errors()
            .any(|d| d.code == "bad-tier" && d.line == line && d.message.contains("larger than any measure")),
        "{:?}",
        checked.diagnostics
    );
    let text = rubric_with("5", DECIMAL_MAX, "");
    assert!(rubric::check("events.toml", &text).has_errors());
}

/// `<\u{3000}>` (an ideographic space in angle brackets) was read as a key
/// that printed as a blank, which did not read back; a tab likewise.
#[test]
fn a_blank_character_in_brackets_is_not_a_key() {
    for text in ["<\u{3000}>", "<C-\u{3000}>", "<\t>", "<A-\u{a0}>"] {
        let err = Key::parse(text).expect_err(text);
        assert!(err.contains("blank character"), "{err}");
    }
    assert_eq!(Key::parse("< >").map(|k| k.to_string()), Ok("space".to_string()));
}

/// `S-C-A` (or `C-S-a`) was read as Ctrl with a capital A, a key no
/// terminal sends (Ctrl-Shift-A arrives as Ctrl-A) and that printed as
/// `C-A`, which reads back as `C-a`: bound, it never fired.
#[test]
fn ctrl_shift_letter_is_the_ctrl_letter() {
    for text in ["S-C-A", "C-S-a", "C-S-A", "<S-C-a>"] {
        assert_eq!(Key::parse(text).map(|k| k.to_string()), Ok("C-a".to_string()), "{text}");
    }
    assert_eq!(Key::parse("A-S-x").map(|k| k.to_string()), Ok("A-X".to_string()));
    let err = Keymap::default()
        .merge_text("mine.toml", "[normal]\n\"C-a\" = \"quit\"\n\"C-S-a\" = \"help\"\n")
        .expect_err("the same key twice");
    assert!(err.iter().any(|p| p.message.contains("bound twice")), "{err:?}");
}
