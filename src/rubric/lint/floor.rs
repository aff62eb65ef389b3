//! Whether a helper covers every case a district can be in: levels that
//! name only what earns leave a district that did none of it with no 0
//! (suizhou 2.2.11#5 once), and tiers that stop at the last rank the
//! document writes leave rank 11 with no tier (suizhou 3.3.2 once). Both are
//! warnings: where the document itself makes its lowest level the floor
//! (the on-site sheet's 好5…非常差1), the rubric's reading says so and the
//! warning quotes it.

use super::super::diagnostic::Diagnostic;
use super::super::model::{Level, Tiers};
use rust_decimal::Decimal;

/// Who the warning is about, and what the rubric says of it.
pub struct Floor<'a> {
    pub owner: &'a str,
    pub owner_zh: &'a str,
    pub line: Option<usize>,
    /// The reading (or the part's note) that explains the helper, if any.
    pub why: Option<&'a str>,
}

impl Floor<'_> {
    /// The finding, and what to do when the rubric does not say why it is so.
    fn warn(&self, code: &'static str, (en, zh): (String, String), (fix, fix_zh): (&str, &str)) -> Diagnostic {
        let (owner, who) = (self.owner, self.owner_zh);
        match self.why {
            Some(why) => Diagnostic::warning(code, self.line, format!("{owner}: {en} (as the rubric says: {why})"))
                .with_zh(format!("{who}：{zh}（说明：{why}）")),
            None => Diagnostic::warning(
                code,
                self.line,
                format!("{owner}: {en}; {fix}, or if the document makes it so, say why in the item's reading (a part's note)"),
            )
            .with_zh(format!(
                "{who}：{zh}；{fix_zh}，若文件原文如此，请用 reading = \"…\"（部分用 note = \"…\"）说明"
            )),
        }
    }

    /// Levels whose lowest gives points: a district that did none of what
    /// they name has no level to be given.
    pub fn levels(&self, levels: &[Level], out: &mut Vec<Diagnostic>) {
        let Some(lowest) = levels.iter().map(|l| l.points).min() else {
            return;
        };
        if lowest > Decimal::ZERO {
            let low = crate::points::shown(lowest);
            out.push(self.warn(
                "no-zero-level",
                (
                    format!("its levels name only what earns (the lowest gives {low}): a district that did none of it can be given no 0"),
                    format!("分级只写了得分的情形（最低一级 {low} 分）：什么都没做的地区给不了 0 分"),
                ),
                ("add a level for that with 0 points", "请补一级 0 分"),
            ));
        }
    }

    /// Tiers whose ranges stop short of the values the measure can take:
    /// from 0 (1 for a rank) up, with no top unless it is a rate in per cent.
    pub fn tiers(&self, tiers: &Tiers, out: &mut Vec<Diagnostic>) {
        let unit = tiers.unit.as_deref().unwrap_or_default();
        let rank = unit == "名" || tiers.measure.contains("排名") || tiers.measure.contains("名次");
        let bottom = if tiers.integer && rank {
            Decimal::ONE
        } else {
            Decimal::ZERO
        };
        // The first whole number a lower bound takes, for a count or a rank.
        let first = |b: &super::super::model::Bound| match b.inclusive {
            true => b.value.ceil(),
            false => b.value.floor() + Decimal::ONE,
        };
        let reaches_bottom = tiers.ranges.iter().any(|t| match &t.lower {
            None => true,
            Some(b) if tiers.integer => first(b) <= bottom,
            Some(b) => b.value < bottom || (b.value == bottom && b.inclusive),
        });
        // A rate in per cent stops at 100; a share of a reference, a shortfall,
        // a count and a rank have no top.
        let rate = unit == "%" && tiers.relative_to.is_none() && tiers.target.is_none();
        let reaches_top = tiers.ranges.iter().any(|t| match &t.upper {
            None => true,
            Some(b) => rate && (b.value > Decimal::ONE_HUNDRED || (b.value == Decimal::ONE_HUNDRED && b.inclusive)),
        });
        let measure = &tiers.measure;
        if !reaches_bottom {
            let from = crate::points::shown(bottom);
            out.push(self.warn(
                "tiers-short",
                (
                    format!("no tier takes the lowest values of {measure} (from {from}{unit})"),
                    format!("{measure}最低的值（从 {from}{unit} 起）不属于任何一档"),
                ),
                ("add a tier for them", "请补上这一档"),
            ));
        }
        if !reaches_top {
            out.push(self.warn(
                "tiers-short",
                (
                    format!("no tier takes {measure} past its last range (a rank or count past the last one the document writes)"),
                    format!("{measure}超出最后一档的值不属于任何一档（文件写到的最后名次或数量之后）"),
                ),
                ("add a tier for them (0 where the document gives nothing)", "请补上这一档（文件没给分的记 0 分）"),
            ));
        }
    }
}
