//! What a cell's entry means, in words: shown while the analyst types (the
//! preview) and after Enter (the echo), so that what is saved is what was
//! seen: `实测 96.5% → [96,) → 1.5 分`, `3 次 × 0.5 = 1.5 → 上限 1 → −1 分`.

use crate::lang::Lang;
use crate::points::shown;
use crate::rubric::ScoringUnit;
use crate::scoring::draft::Cell;
use rust_decimal::Decimal;

fn points(lang: Lang, value: Decimal) -> String {
    match lang {
        Lang::Zh => format!("{} 分", shown(value)),
        Lang::En => format!("{} points", shown(value)),
    }
}

/// The working from what was entered to the score the cell holds.
pub fn describe(lang: Lang, unit: &ScoringUnit<'_>, cell: &Cell) -> String {
    let zh = lang == Lang::Zh;
    if let Some(veto) = cell.veto {
        return match (veto, zh) {
            (true, true) => "否决".into(),
            (false, true) => "不否决".into(),
            (true, false) => "veto".into(),
            (false, false) => "no veto".into(),
        };
    }
    let Some(score) = cell.score else {
        return if zh { "未评".into() } else { "unscored".into() };
    };
    let result = points(lang, score);
    let working = cell
        .input
        .as_ref()
        .and_then(|input| crate::scoring::helper::of(unit)?.working(input));
    match working {
        // No arrow on a Chinese screen: "实测 12%（>10%，≤15%），记 0.5 分".
        Some(working) if zh => format!("{}，记 {result}", working.words(lang)),
        Some(working) => format!("{} -> {result}", working.words(lang)),
        // Levels that are guidance only: the score stands, and the line says why.
        None if crate::scoring::rule::guidance(unit) => {
            if zh {
                format!("{result}（等级仅供参考，可给范围内任意分）")
            } else {
                format!("{result} (the levels are guidance: any score in range)")
            }
        }
        None => result,
    }
}

/// "小计 3.5/4", and the deductions and bonuses apart when there are any
/// ("小计 4/4 扣1 加3.3"), so that a total above the points cannot be misread.
pub fn subtotal_words(
    s: &crate::tui::i18n::Strings,
    session: &crate::scoring::session::Session,
    district: usize,
) -> String {
    let shown = crate::points::shown;
    let (t, available) = session.subtotals(district);
    // Nothing scored yet is not 0 points: "小计 0/31.5" would read as a result.
    let scored = if session.progress(district).0 == 0 {
        "--".to_string()
    } else {
        shown(t.standard)
    };
    // A department that only deducts or vetoes has no points to score out
    // of: "小计 --/0" would read as a rubric with nothing in it.
    let mut text = if available.is_zero() {
        format!("{} {scored}", s.subtotal)
    } else {
        format!("{} {scored}/{}", s.subtotal, shown(available))
    };
    if !t.deductions.is_zero() {
        text.push_str(&format!(" {}{}", s.deducted, shown(-t.deductions)));
    }
    if !t.bonus_raw.is_zero() {
        text.push_str(&format!(" {}{}", s.bonus_short, shown(t.bonus_counted)));
    }
    text
}
