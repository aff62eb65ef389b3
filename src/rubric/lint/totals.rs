//! An area's or key point's stated total against what its items add up to:
//! the document's own arithmetic, reported with both figures.

use super::super::diagnostic::Diagnostic;
use super::super::model::*;

pub(super) fn lint_totals(rubric: &Rubric, out: &mut Vec<Diagnostic>) {
    for (area, tally) in rubric.areas.iter().zip(rubric.area_tallies()) {
        let why = area
            .discrepancy
            .as_deref()
            .map(|w| format!(" ({w})"))
            .unwrap_or_default();
        let why_zh = area
            .discrepancy
            .as_deref()
            .map(|w| format!("（{w}）"))
            .unwrap_or_default();
        let (id, name) = (&area.id, &area.name);
        match tally.stated {
            Some(stated) if stated != tally.sum => out.push(
                Diagnostic::warning(
                    "area-total",
                    Some(area.line),
                    format!(
                        "area {id} {name}: stated {stated}, its standard items sum to {}{why}",
                        tally.sum
                    ),
                )
                .with_zh(format!(
                    "领域 {id} {name}：写明 {stated} 分，所列标准项合计 {} 分{why_zh}",
                    tally.sum
                )),
            ),
            _ => {
                if let Some(why) = &area.discrepancy {
                    out.push(
                        Diagnostic::warning("discrepancy", Some(area.line), format!("area {id} {name}: {why}"))
                            .with_zh(format!("领域 {id} {name}：{why}")),
                    );
                }
            }
        }
        if !rubric.key_points.iter().any(|k| k.area == area.id) {
            out.push(
                Diagnostic::warning("empty", Some(area.line), format!("area {id} {name} has no key points"))
                    .with_zh(format!("领域 {id} {name} 没有考核要点")),
            );
        }
    }
    for kp in &rubric.key_points {
        let sum = Rubric::standard_sum(rubric.items_in_key_point(&kp.id));
        let why = kp.discrepancy.as_deref().map(|w| format!(" ({w})")).unwrap_or_default();
        let why_zh = kp
            .discrepancy
            .as_deref()
            .map(|w| format!("（{w}）"))
            .unwrap_or_default();
        let (id, name) = (&kp.id, &kp.name);
        match kp.stated {
            Some(stated) if stated != sum => out.push(
                Diagnostic::warning(
                    "key-point-total",
                    Some(kp.line),
                    format!("key point {id} {name}: stated {stated}, its standard items sum to {sum}{why}"),
                )
                .with_zh(format!(
                    "考核要点 {id} {name}：写明 {stated} 分，所列标准项合计 {sum} 分{why_zh}"
                )),
            ),
            _ => {
                if let Some(why) = &kp.discrepancy {
                    out.push(
                        Diagnostic::warning("discrepancy", Some(kp.line), format!("key point {id} {name}: {why}"))
                            .with_zh(format!("考核要点 {id} {name}：{why}")),
                    );
                }
            }
        }
        if rubric.items_in_key_point(&kp.id).next().is_none() {
            out.push(
                Diagnostic::warning(
                    "empty",
                    Some(kp.line),
                    format!("key point {id} {name} has no items in the document"),
                )
                .with_zh(format!("考核要点 {id} {name} 在文件中没有具体项目")),
            );
        }
    }
    if let Some(total) = rubric.total {
        let sum = Rubric::standard_sum(rubric.items.iter());
        if sum != total {
            out.push(
                Diagnostic::warning(
                    "total",
                    None,
                    format!("the document states a total of {total}; its standard items sum to {sum}"),
                )
                .with_zh(format!("文件写明总分 {total} 分，所列标准项合计 {sum} 分")),
            );
        }
    }
}
