//! Resolving the scoring helper of an item or a part (checklist, scale,
//! tiers, per event, award, formula) and the tier ranges written as
//! `[90,100]`, `(80,90)`.

use super::Resolver;
use crate::rubric::diagnostic::owner_zh;
use crate::rubric::model::*;
use crate::rubric::source::*;
use rust_decimal::Decimal;
use toml::Spanned;

impl Resolver {
    pub(super) fn helper(&mut self, owner: &str, line: usize, src: HelperSource) -> Option<Helper> {
        let HelperSource {
            checklist,
            scale,
            tiers,
            per_event,
            per_event_mode,
            award,
            formula,
        } = src;
        let award = award.filter(|a| *a.get_ref());
        let given = [
            checklist.is_some(),
            scale.is_some(),
            tiers.is_some(),
            per_event.is_some(),
            award.is_some(),
            formula.is_some(),
        ]
        .iter()
        .filter(|&&g| g)
        .count();
        if given > 1 {
            self.error_zh(
                "bad-helper",
                Some(line),
                format!("{owner} has {given} scoring helpers; a criterion uses one (checklist, scale, tiers, per_event, award or formula) or none"),
                format!(
                    "{}用了 {given} 种计分方法；一条评分标准只用一种（checklist、scale、tiers、per_event、award 或 formula）或不用",
                    owner_zh(owner)
                ),
            );
        }
        if per_event.is_none()
            && let Some(mode) = &per_event_mode
        {
            let l = self.line(mode);
            self.error_zh(
                "bad-helper",
                l,
                format!("{owner}: per_event_mode says how events count, but there is no per_event list"),
                format!(
                    "{}：写了 per_event_mode（按次怎样计），却没有 per_event 列表",
                    owner_zh(owner)
                ),
            );
        }
        if let Some(mode) = checklist {
            return Some(Helper::Checklist {
                mode: mode_of(*mode.get_ref()),
            });
        }
        if let Some(levels) = scale {
            let levels = levels
                .into_inner()
                .into_iter()
                .map(|l| Level {
                    name: l.name,
                    points: l.points.0,
                })
                .collect();
            return Some(Helper::Scale { levels });
        }
        if let Some(tiers) = tiers {
            return Some(Helper::Tiers(self.tiers(owner, tiers)));
        }
        if let Some(events) = per_event {
            let events_line = self.line(&events);
            let events: Vec<Event> = events
                .into_inner()
                .into_iter()
                .map(|e| Event {
                    name: e.name,
                    points: e.points.0,
                })
                .collect();
            if events.iter().any(|e| e.points <= Decimal::ZERO) {
                self.error_zh(
                    "bad-helper",
                    events_line,
                    format!("{owner}: per_event amounts are positive; the kind (or per_event_mode) says whether they add or deduct"),
                    format!(
                        "{}：per_event 每次的分值须为正数；加还是扣由类别（或 per_event_mode）决定",
                        owner_zh(owner)
                    ),
                );
            }
            return Some(Helper::PerEvent {
                events,
                mode: per_event_mode.map(|m| mode_of(*m.get_ref())),
            });
        }
        if award.is_some() {
            return Some(Helper::Award);
        }
        if let Some(formula) = formula {
            return self.formula(owner, formula).map(Helper::Formula);
        }
        None
    }

    fn tiers(&mut self, owner: &str, tiers: Spanned<TiersSource>) -> Tiers {
        let tiers_line = self.line(&tiers);
        let tiers = tiers.into_inner();
        if tiers.ranges.is_empty() {
            self.error_zh(
                "bad-tier",
                tiers_line,
                format!("{owner}: tiers has no ranges"),
                format!("{}：tiers 没有分档", owner_zh(owner)),
            );
        }
        if let (Some(reference), Some(target)) = (&tiers.relative_to, &tiers.target) {
            self.error_zh(
                "bad-tier",
                tiers_line,
                format!(
                    "{owner}: tiers take a share of \"{reference}\" or a shortfall from \"{target}\", not both; keep the one the document measures"
                ),
                format!(
                    "{}：分档按“{reference}”的比例，或按距“{target}”的差距，不能两者都写；留下文件所量的那一个",
                    owner_zh(owner)
                ),
            );
        }
        let mut ranges = Vec::new();
        for tier in tiers.ranges {
            let tier_line = self.lines.line(tier.span().start);
            let tier = tier.into_inner();
            match parse_range(&tier.range) {
                Ok((lower, upper)) => ranges.push(Tier {
                    lower,
                    upper,
                    points: tier.points.0,
                    written: tier.range,
                }),
                Err(RangeProblem(why, why_zh)) => self.error_zh(
                    "bad-tier",
                    Some(tier_line),
                    format!(
                        "{owner}: tier range \"{}\" {why}; write it like \"[80,90)\", \"[90,)\" or \"(,80)\"",
                        tier.range
                    ),
                    format!(
                        "{}：分档范围“{}”{why_zh}；请写成 \"[80,90)\"、\"[90,)\" 或 \"(,80)\" 这样",
                        owner_zh(owner),
                        tier.range
                    ),
                ),
            }
        }
        Tiers {
            measure: tiers.measure,
            unit: tiers.unit,
            integer: tiers.integer,
            relative_to: tiers.relative_to,
            target: tiers.target,
            ranges,
        }
    }

    /// Every field a rule needs, and none it does not use: a field left over
    /// from another rule would read as if it counted.
    fn formula(&mut self, owner: &str, formula: Spanned<FormulaSource>) -> Option<Formula> {
        let line = self.line(&formula);
        let f = formula.into_inner();
        // Each in English and Chinese.
        let mut problems: Vec<(String, String)> = Vec::new();
        let reference = reference_of(f.reference, f.reference_input, &mut problems);
        let rule = match f.rule {
            RuleSource::Linear => {
                for (name, given) in [("factor", f.factor.is_some())] {
                    if given {
                        problems.push((
                            format!("is linear and does not use {name}"),
                            format!("是线性公式，用不到 {name}"),
                        ));
                    }
                }
                match (f.base, f.step, f.per) {
                    (Some(base), Some(step), Some(per)) if per.0 > Decimal::ZERO && !step.0.is_zero() => {
                        Some(FormulaRule::Linear {
                            base: base.0,
                            step: step.0,
                            per: per.0,
                            steps: match f.steps {
                                Some(StepsSource::Started) => Steps::Started,
                                _ => Steps::Whole,
                            },
                        })
                    }
                    (Some(_), Some(_), Some(_)) => {
                        problems.push((
                            "needs a per above 0 and a step other than 0".into(),
                            "per 须大于 0，step 不能为 0".into(),
                        ));
                        None
                    }
                    _ => {
                        problems.push((
                            "is linear and needs base, step and per (\"每高于0.1个百分点加0.1分\": step = \"0.1\", per = \"0.1\")".into(),
                            "是线性公式，须写 base、step 和 per（“每高于0.1个百分点加0.1分”：step = \"0.1\"，per = \"0.1\"）".into(),
                        ));
                        None
                    }
                }
            }
            RuleSource::Proportional => {
                for (name, given) in [
                    ("base", f.base.is_some()),
                    ("step", f.step.is_some()),
                    ("per", f.per.is_some()),
                    ("steps", f.steps.is_some()),
                ] {
                    if given {
                        problems.push((
                            format!("is proportional and does not use {name}"),
                            format!("是比例公式，用不到 {name}"),
                        ));
                    }
                }
                match f.factor {
                    Some(factor) if factor.0 > Decimal::ZERO => Some(FormulaRule::Proportional { factor: factor.0 }),
                    _ => {
                        problems.push((
                            "is proportional and needs a factor above 0 (\"乘以1.2计分\": factor = \"1.2\")".into(),
                            "是比例公式，须写大于 0 的 factor（“乘以1.2计分”：factor = \"1.2\"）".into(),
                        ));
                        None
                    }
                }
            }
        };
        if let Some(Reference::Fixed(r)) = &reference
            && r.is_zero()
            && matches!(rule, Some(FormulaRule::Proportional { .. }))
        {
            problems.push((
                "divides by its reference, which cannot be 0".into(),
                "要除以参照数，参照数不能为 0".into(),
            ));
        }
        for (problem, problem_zh) in &problems {
            self.error_zh(
                "bad-formula",
                line,
                format!("{owner}: the formula {problem}"),
                format!("{}：公式{problem_zh}", owner_zh(owner)),
            );
        }
        Some(Formula {
            measure: f.measure,
            unit: f.unit,
            reference: reference?,
            rule: rule?,
        })
        .filter(|_| problems.is_empty())
    }
}

fn mode_of(source: ChecklistSource) -> ChecklistMode {
    match source {
        ChecklistSource::Earn => ChecklistMode::Earn,
        ChecklistSource::Deduct => ChecklistMode::Deduct,
    }
}

/// A formula's reference: a fixed figure or a per-district one's name, and
/// never both.
fn reference_of(fixed: Option<Dec>, input: Option<String>, problems: &mut Vec<(String, String)>) -> Option<Reference> {
    match (fixed, input) {
        (Some(fixed), None) => Some(Reference::Fixed(fixed.0)),
        (None, Some(name)) if !name.trim().is_empty() => Some(Reference::Input(name)),
        (Some(_), Some(_)) => {
            problems.push((
                "has both reference and reference_input; give the fixed figure or the name of the per-district one"
                    .into(),
                "同时写了 reference 和 reference_input；请只写固定的参照数，或各地区参照数的名称".into(),
            ));
            None
        }
        _ => {
            problems.push((
                "needs a reference (a fixed figure) or a reference_input (the name of a per-district figure, such as 全市平均值)".into(),
                "需要 reference（固定的参照数）或 reference_input（各地区参照数的名称，如 全市平均值）".into(),
            ));
            None
        }
    }
}

/// Why a tier's range cannot be read: in English and in Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RangeProblem(pub &'static str, pub &'static str);

/// `[80,90)`, `[90,)`, `(,80)`: brackets are inclusive, parentheses exclusive,
/// an empty side is open.
pub fn parse_range(text: &str) -> Result<(Option<Bound>, Option<Bound>), RangeProblem> {
    let t = text.trim();
    let lower_inclusive = match t.chars().next() {
        Some('[') => true,
        Some('(') => false,
        _ => return Err(RangeProblem("must start with [ or (", "须以 [ 或 ( 开头")),
    };
    let upper_inclusive = match t.chars().last() {
        Some(']') => true,
        Some(')') => false,
        _ => return Err(RangeProblem("must end with ] or )", "须以 ] 或 ) 结尾")),
    };
    let inner = &t[1..t.len() - 1];
    let (low, high) = inner
        .split_once(',')
        .ok_or(RangeProblem("needs a comma between its ends", "两端之间须有逗号"))?;
    let bound = |s: &str, inclusive: bool| -> Result<Option<Bound>, RangeProblem> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        let value = parse_decimal(s).ok_or(RangeProblem(
            "has an end that is not a decimal number",
            "有一端不是十进制数",
        ))?;
        if value.abs() > MAX_VALUE {
            return Err(RangeProblem(
                "has an end larger than any measure (kaohe takes values up to 1000000000000)",
                "有一端大于任何实测值（kaohe 只收 1000000000000 以内的值）",
            ));
        }
        Ok(Some(Bound { value, inclusive }))
    };
    let lower = bound(low, lower_inclusive)?;
    let upper = bound(high, upper_inclusive)?;
    if lower.is_none() && upper.is_none() {
        return Err(RangeProblem("is open at both ends", "两端都是开放的"));
    }
    if let (Some(l), Some(u)) = (lower, upper)
        && (l.value > u.value || (l.value == u.value && !(l.inclusive && u.inclusive)))
    {
        return Err(RangeProblem(
            "is empty (its lower end is not below its upper end)",
            "是空的（下端不低于上端）",
        ));
    }
    Ok((lower, upper))
}
