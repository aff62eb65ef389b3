//! What a cell's entry means, in words: shown while the analyst types (the
//! preview) and after Enter (the echo), so that what is saved is what was
//! seen: `实测 96.5% → [96,) → 1.5 分`, `3 次 × 0.5 = 1.5 → 上限 1 → −1 分`.

use crate::lang::Lang;
use crate::points::shown;
use crate::rubric::{ChecklistMode, Helper, Kind, ScoringUnit};
use crate::scoring::draft::{Cell, HelperInput};
use crate::scoring::helpers::{percent_of, tier_for};
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
    let working = match (&cell.input, unit.helper()) {
        (Some(HelperInput::Scale { level }), _) => level.clone(),
        (Some(HelperInput::Tiers { measured, reference }), Some(Helper::Tiers(tiers))) => {
            let unit_text = tiers.unit.as_deref().unwrap_or_default();
            let (given, value) = match reference {
                Some(r) => {
                    let pct = percent_of(*measured, *r).ok();
                    let pct_text = pct.map(|p| shown(p.round_dp(2))).unwrap_or_default();
                    (format!("{} / {} = {pct_text}%", shown(*measured), shown(*r)), pct)
                }
                None => {
                    let label = if zh { "实测" } else { "measured" };
                    (format!("{label} {}{unit_text}", shown(*measured)), Some(*measured))
                }
            };
            let tier = value.and_then(|v| tier_for(tiers, v)).map(|t| t.written.clone());
            match tier {
                Some(t) => format!("{given} -> {t}"),
                None => given,
            }
        }
        (Some(HelperInput::PerEvent { counts }), Some(Helper::PerEvent { events, mode })) => {
            let terms: Vec<String> = events
                .iter()
                .zip(counts)
                .filter(|(_, n)| **n > 0)
                .map(|(e, n)| format!("{n} x {}", shown(e.points)))
                .collect();
            let total: Decimal = events
                .iter()
                .zip(counts)
                .map(|(e, n)| e.points * Decimal::from(*n))
                .sum();
            let times = if zh { "次" } else { "events" };
            let terms = if terms.is_empty() {
                format!("0 {times}")
            } else {
                format!("{} = {}", terms.join(" + "), shown(total))
            };
            let cap = unit.points;
            let capped = cap.is_some_and(|c| total > c);
            let cap_text = match (capped, zh) {
                (true, true) => format!(" -> 上限 {}", cap.map(shown).unwrap_or_default()),
                (true, false) => format!(" -> cap {}", cap.map(shown).unwrap_or_default()),
                _ => String::new(),
            };
            match (unit.kind(), mode) {
                (Kind::Standard, Some(ChecklistMode::Deduct)) => {
                    let full = if zh { "满分" } else { "full" };
                    format!("{full} {} - ({terms}){cap_text}", cap.map(shown).unwrap_or_default())
                }
                _ => format!("{terms}{cap_text}"),
            }
        }
        (Some(HelperInput::Award { awarded }), _) => award_words(lang, unit, *awarded).into(),
        (Some(HelperInput::Formula { value, reference }), Some(Helper::Formula(formula))) => {
            let unit_text = formula.unit.as_deref().unwrap_or_default();
            match reference {
                Some(r) => {
                    let of = if zh { "参照" } else { "against" };
                    format!("{}{unit_text}（{of} {}）", shown(*value), shown(*r))
                }
                None => format!("{}{unit_text}", shown(*value)),
            }
        }
        (Some(HelperInput::Checklist { ticked }), _) => {
            if zh {
                format!("勾选 {} 项", ticked.len())
            } else {
                format!("{} ticked", ticked.len())
            }
        }
        // Levels that are guidance only: the score stands, and the line says why.
        (None, _) if crate::scoring::rule::guidance(unit) => {
            return if zh {
                format!("{result}（等级仅供参考，可给范围内任意分）")
            } else {
                format!("{result} (the levels are guidance: any score in range)")
            };
        }
        _ => return result,
    };
    format!("{working} -> {result}")
}

/// An award given or not; on a deduction, a deduction made or not.
pub fn award_words(lang: Lang, unit: &ScoringUnit<'_>, awarded: bool) -> &'static str {
    match (awarded, lang, unit.kind() == Kind::Deduction) {
        (true, Lang::Zh, false) => "得分",
        (false, Lang::Zh, false) => "不得分",
        (true, Lang::En, false) => "given",
        (false, Lang::En, false) => "not given",
        (true, Lang::Zh, true) => "扣分",
        (false, Lang::Zh, true) => "不扣分",
        (true, Lang::En, true) => "deducted",
        (false, Lang::En, true) => "not deducted",
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
    let mut text = format!("{} {scored}/{}", s.subtotal, shown(available));
    if !t.deductions.is_zero() {
        text.push_str(&format!(" {}{}", s.deducted, shown(-t.deductions)));
    }
    if !t.bonus_raw.is_zero() {
        text.push_str(&format!(" {}{}", s.bonus_short, shown(t.bonus_counted)));
    }
    text
}
