//! Resolving the items and their parts: ids, key points, departments (a
//! name or an alias, each once), evidence, points by kind, and the parts
//! (sub-criteria) each item is scored in.

use super::Resolver;
use crate::rubric::diagnostic::owner_zh;
use crate::rubric::model::*;
use crate::rubric::source::*;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
use toml::Spanned;

impl Resolver {
    fn department_refs(
        &mut self,
        refs: Vec<Spanned<String>>,
        lookup: &HashMap<String, String>,
        owner: &str,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for r in refs {
            let line = self.line(&r);
            let name = r.into_inner();
            match lookup.get(name.trim()) {
                Some(canonical) => out.push(canonical.clone()),
                None => {
                    let mut known: Vec<&str> = lookup.values().map(String::as_str).collect();
                    known.sort_unstable();
                    known.dedup();
                    self.error_zh(
                        "unknown-department",
                        line,
                        format!(
                            "{owner} names department \"{name}\", which is neither a [[department]] name nor an alias; add it as an alias or fix the spelling (known: {})",
                            known.join("、")
                        ),
                        format!(
                            "{}写的部门“{name}”既不是 [[department]] 的名称，也不是别名；请把它加为别名或改正写法（已有：{}）",
                            owner_zh(owner),
                            known.join("、")
                        ),
                    );
                }
            }
        }
        out
    }

    /// Whether the item needs evidence (是否需要印证材料), and for which parts.
    fn evidence(
        &mut self,
        owner: &str,
        line: usize,
        evidence: Option<EvidenceSource>,
        evidence_subs: Vec<Spanned<String>>,
        subs: &[Sub],
        has_text: bool,
    ) -> (Evidence, Vec<String>) {
        let evidence = match evidence.unwrap_or(EvidenceSource::Unstated) {
            EvidenceSource::Yes => Evidence::Yes,
            EvidenceSource::No => Evidence::No,
            EvidenceSource::Partial => Evidence::Partial,
            EvidenceSource::Unstated => Evidence::Unstated,
        };
        let mut named = Vec::new();
        for sub_ref in evidence_subs {
            if !subs.iter().any(|s| &s.id == sub_ref.get_ref()) {
                let l = self.line(&sub_ref);
                self.error_zh(
                    "unknown-sub",
                    l,
                    format!(
                        "{owner}: evidence_subs names sub-criterion \"{}\", which the item does not have",
                        sub_ref.get_ref()
                    ),
                    format!(
                        "{}：evidence_subs 写的第“{}”条，本项没有",
                        owner_zh(owner),
                        sub_ref.get_ref()
                    ),
                );
            }
            named.push(sub_ref.into_inner());
        }
        if evidence == Evidence::Partial && named.is_empty() && !has_text {
            self.error_zh(
                "bad-evidence",
                Some(line),
                format!("{owner}: evidence = \"partial\" needs evidence_subs or evidence_text saying which parts"),
                format!(
                    "{}：evidence = \"partial\" 须用 evidence_subs 或 evidence_text 说明是哪几条",
                    owner_zh(owner)
                ),
            );
        }
        (evidence, named)
    }

    /// An item id is typeable and used once.
    fn check_item_id(&mut self, id: &str, id_line: Option<usize>, seen: &mut HashSet<String>) {
        if id.is_empty() || id.chars().any(char::is_whitespace) {
            self.error_zh(
                "bad-id",
                id_line,
                format!("item id \"{id}\" must be non-empty and have no spaces"),
                format!("项目编号“{id}”不能为空，也不能有空格"),
            );
        }
        if !seen.insert(id.to_string()) {
            self.error_zh(
                "duplicate-id",
                id_line,
                format!("item id \"{id}\" is used twice"),
                format!("项目编号“{id}”用了两次"),
            );
        }
    }

    pub(super) fn items(
        &mut self,
        items: Vec<Spanned<ItemSource>>,
        key_points: &[KeyPoint],
        lookup: &HashMap<String, String>,
        criteria_column: bool,
    ) -> Vec<Item> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for item in items {
            let line = self.lines.line(item.span().start);
            let mut src = item.into_inner();
            let helper_source = src.take_helper();
            let id_line = self.line(&src.id);
            let id = src.id.into_inner();
            self.check_item_id(&id, id_line, &mut seen);
            let owner = format!("item {id}");
            if !key_points.iter().any(|k| &k.id == src.key_point.get_ref()) {
                let kp_line = self.line(&src.key_point);
                self.error_zh(
                    "unknown-key-point",
                    kp_line,
                    format!(
                        "{owner} names key point \"{}\", which no [[key_point]] has",
                        src.key_point.get_ref()
                    ),
                    format!(
                        "{}所属的考核要点“{}”没有对应的 [[key_point]]",
                        owner_zh(&owner),
                        src.key_point.get_ref()
                    ),
                );
            }
            let kind = match src.kind.unwrap_or(KindSource::Standard) {
                KindSource::Standard => Kind::Standard,
                KindSource::Deduction => Kind::Deduction,
                KindSource::Bonus => Kind::Bonus,
                KindSource::Veto => Kind::Veto,
            };
            let points = src.points.as_ref().map(|p| p.get_ref().0);
            let points_line = src
                .points
                .as_ref()
                .map(|p| self.lines.line(p.span().start))
                .or(Some(line));
            let bounded = helper_source.per_event.is_some() || src.uncapped;
            self.check_points(&owner, kind, points, points_line, bounded);
            if src.uncapped && (kind != Kind::Deduction || points.is_some() || helper_source.per_event.is_some()) {
                self.error_zh(
                    "bad-points",
                    Some(line),
                    format!("{owner} says uncapped = true, which is only for a deduction with neither points nor per_event; remove one of them"),
                    format!("{}写了 uncapped = true，这只用于既无 points 也无 per_event 的扣分项；请删去其一", owner_zh(&owner)),
                );
            }

            let criteria = match (src.criteria, criteria_column) {
                (Some(c), _) => c.trim().to_string(),
                (None, false) => src.text.trim().to_string(),
                // An absent criteria is reported by the linter, with the fix.
                (None, true) => String::new(),
            };

            let names_any = !src.departments.is_empty() || src.sub.iter().any(|s| !s.get_ref().departments.is_empty());
            let departments = self.department_refs(src.departments, lookup, &owner);
            let subs = self.subs(src.sub, lookup, &owner);
            if !names_any {
                self.error_zh(
                    "no-department",
                    Some(line),
                    format!("{owner} names no department; every item needs the department that scores it"),
                    format!("{}没有写部门；每一项都须写明由哪个部门评分", owner_zh(&owner)),
                );
            }
            let (evidence, evidence_subs) = self.evidence(
                &owner,
                line,
                src.evidence,
                src.evidence_subs,
                &subs,
                src.evidence_text.is_some(),
            );
            let helper = self.helper(&owner, line, helper_source);

            out.push(Item {
                id,
                key_point: src.key_point.into_inner(),
                label: src.label,
                text: src.text.trim().to_string(),
                points,
                kind,
                criteria,
                evidence,
                evidence_subs,
                evidence_text: src.evidence_text,
                departments,
                departments_text: src.departments_text,
                note: src.note,
                reading: src.reading,
                reconstructed: src.reconstructed,
                discrepancy: src.discrepancy,
                subs,
                helper,
                line,
            });
        }
        out
    }

    fn check_points(
        &mut self,
        owner: &str,
        kind: Kind,
        points: Option<Decimal>,
        line: Option<usize>,
        has_per_event: bool,
    ) {
        let who = owner_zh(owner);
        let (en, zh) = match (kind, points) {
            (_, Some(p)) if p.is_sign_negative() || p.is_zero() => (
                format!(
                    "{owner} has points {p}; points are positive (a deduction's cap is written as a positive number)"
                ),
                format!("{who}的分值是 {p}；分值须为正数（扣分项的上限也写成正数）"),
            ),
            (Kind::Veto, Some(_)) => (
                format!("{owner} is a veto (否决项) and takes no points; remove points"),
                format!("{who}是否决项，不计分；请删去 points"),
            ),
            (Kind::Standard, None) => (format!("{owner} has no points (分值)"), format!("{who}没有分值")),
            (Kind::Bonus, None) => (
                format!("{owner} is a bonus and needs its cap as points"),
                format!("{who}是加分项，须用 points 写明加分上限"),
            ),
            (Kind::Deduction, None) if !has_per_event => (
                format!(
                    "{owner} is a deduction with neither a cap (points) nor a per_event amount; if the document leaves the amount to the scorer (酌情扣分) and states no cap, say uncapped = true"
                ),
                format!(
                    "{who}是扣分项，却既没有上限（points），也没有每次扣分（per_event）；若文件写的是“酌情扣分”且未定上限，请写 uncapped = true"
                ),
            ),
            _ => return,
        };
        self.error_zh("bad-points", line, en, zh);
    }

    fn subs(&mut self, subs: Vec<Spanned<SubSource>>, lookup: &HashMap<String, String>, owner: &str) -> Vec<Sub> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for sub in subs {
            let line = self.lines.line(sub.span().start);
            let mut sub = sub.into_inner();
            let helper_source = sub.take_helper();
            if !seen.insert(sub.id.clone()) {
                self.error_zh(
                    "duplicate-id",
                    Some(line),
                    format!("{owner}: sub-criterion id \"{}\" is used twice", sub.id),
                    format!("{}：评分标准编号“{}”用了两次", owner_zh(owner), sub.id),
                );
            }
            if let Some(p) = sub.points
                && p.0.is_sign_negative()
            {
                self.error_zh(
                    "bad-points",
                    Some(line),
                    format!("{owner}: sub-criterion {} has negative points", sub.id),
                    format!("{}：第 {} 条的分值是负数", owner_zh(owner), sub.id),
                );
            }
            let sub_owner = format!("{owner} sub-criterion {}", sub.id);
            let departments = self.department_refs(sub.departments, lookup, &sub_owner);
            let kind = match sub.kind.as_ref().map(|k| *k.get_ref()) {
                None | Some(KindSource::Standard) => Kind::Standard,
                Some(KindSource::Deduction) => Kind::Deduction,
                Some(other) => {
                    let l = sub.kind.as_ref().and_then(|k| self.line(k));
                    self.error_zh(
                        "bad-kind",
                        l,
                        format!("{sub_owner} is {other:?}; a part is standard (earns its points) or a deduction (takes them off its item)"),
                        format!(
                            "{}的类别是 {other:?}；一条评分标准只能是标准项（得分）或扣分（从本项扣）",
                            owner_zh(&sub_owner)
                        ),
                    );
                    Kind::Standard
                }
            };
            if kind == Kind::Deduction && sub.points.is_none() {
                self.error_zh(
                    "bad-points",
                    Some(line),
                    format!("{sub_owner} is a deduction part and needs its cap as points"),
                    format!("{}是扣分的一条，须用 points 写明扣分上限", owner_zh(&sub_owner)),
                );
            }
            let helper = self.helper(&sub_owner, line, helper_source);
            out.push(Sub {
                id: sub.id,
                text: sub.text.trim().to_string(),
                points: sub.points.map(|d| d.0),
                kind,
                departments,
                helper,
                note: sub.note,
                line,
            });
        }
        out
    }
}
