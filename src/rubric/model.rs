//! The resolved rubric: what every other part of kaohe reads. Department
//! references are canonical names, criteria are filled in, defaults applied.
//! Source line numbers ride along for messages but are not part of the
//! rubric's identity (they are skipped when hashing).

use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rubric {
    pub id: String,
    pub title: String,
    pub issuer: String,
    pub period: String,
    pub source: Option<String>,
    /// The document's stated grand total, when it states one.
    pub total: Option<Decimal>,
    /// Decimal places a score may carry.
    pub precision: u32,
    /// Cap on all bonuses together.
    pub bonus_cap: Option<Decimal>,
    pub districts: Vec<String>,
    /// The veto's effect as the document words it.
    pub veto_effect: Option<String>,
    /// The document's remarks on the whole rubric (备注).
    pub note: Option<String>,
    /// Whether the document gives a grade scale: where it does not, a
    /// district has a total and a rank and no grade.
    pub graded: bool,
    /// Highest first; each band is `[min, previous band's min)`, the last has
    /// no min. On a rubric that is not graded, at most the one band a veto
    /// forces (yuncheng's 较差), with no min.
    pub grades: Vec<GradeBand>,
    pub departments: Vec<Department>,
    pub areas: Vec<Area>,
    pub key_points: Vec<KeyPoint>,
    /// In document order.
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeBand {
    pub name: String,
    pub min: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Department {
    pub name: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Area {
    pub id: String,
    pub name: String,
    pub stated: Option<Decimal>,
    pub note: Option<String>,
    pub discrepancy: Option<String>,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyPoint {
    pub id: String,
    pub area: String,
    pub name: String,
    pub stated: Option<Decimal>,
    pub note: Option<String>,
    pub discrepancy: Option<String>,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Standard,
    Deduction,
    Bonus,
    Veto,
}

impl Kind {
    /// The documents' own word for the kind.
    pub fn document_word(self) -> &'static str {
        match self {
            Kind::Standard => "标准项",
            Kind::Deduction => "扣分项",
            Kind::Bonus => "加分项",
            Kind::Veto => "否决项",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    Yes,
    No,
    Partial,
    Unstated,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub id: String,
    pub key_point: String,
    pub label: Option<String>,
    pub text: String,
    /// Max points; for a deduction its cap (a positive number), for a bonus its
    /// cap. None for a veto and for an uncapped per-event deduction.
    pub points: Option<Decimal>,
    pub kind: Kind,
    /// The scoring criteria; the item's text when the document has no
    /// separate criteria column.
    pub criteria: String,
    pub evidence: Evidence,
    pub evidence_subs: Vec<String>,
    pub evidence_text: Option<String>,
    /// Canonical department names, lead first.
    pub departments: Vec<String>,
    pub departments_text: Option<String>,
    /// The document's own remark (备注).
    pub note: Option<String>,
    /// Ours, in Chinese: how the item is read where the document leaves a
    /// choice (who scores which figure, how a wording is counted).
    pub reading: Option<String>,
    pub reconstructed: Option<String>,
    pub discrepancy: Option<String>,
    pub subs: Vec<Sub>,
    pub helper: Option<Helper>,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sub {
    pub id: String,
    pub text: String,
    /// The part's max; for a deduction part, its cap.
    pub points: Option<Decimal>,
    /// Standard (earns up to its points) or deduction (takes up to its
    /// points off the item), for a sub-criterion scored as a part.
    pub kind: Kind,
    /// Canonical names, lead first; empty unless the sub-criterion has its own.
    pub departments: Vec<String>,
    pub helper: Option<Helper>,
    /// Our remark on how the part is read (why it has no helper, say).
    pub note: Option<String>,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Helper {
    Checklist {
        mode: ChecklistMode,
    },
    Scale {
        levels: Vec<Level>,
    },
    Tiers(Tiers),
    /// On a deduction or bonus the kind says which way events count; on a
    /// standard unit `mode` does: earned up to the max, or taken off the
    /// max down to 0 ("扣完为止").
    PerEvent {
        events: Vec<Event>,
        mode: Option<ChecklistMode>,
    },
    /// Exactly the unit's points, or nothing ("加1分").
    Award,
    Formula(Formula),
}

/// A rule the document writes as arithmetic on a measured value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Formula {
    /// What is measured: the first input.
    pub measure: String,
    pub unit: Option<String>,
    pub reference: Reference,
    pub rule: FormulaRule,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reference {
    /// A figure the document states (a target of 100%).
    Fixed(Decimal),
    /// A figure given per district beside the value (全市平均值), named.
    Input(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum FormulaRule {
    /// `base + step × n`, n the number of `per` steps from the reference to
    /// the value (signed), clamped to the unit's range.
    Linear {
        base: Decimal,
        step: Decimal,
        per: Decimal,
        steps: Steps,
    },
    /// At or past the reference: the unit's max. Below it:
    /// `value ÷ reference × factor`, rounded half up to the rubric's
    /// precision, clamped to the unit's range.
    Proportional { factor: Decimal },
}

/// How a part of a step counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Steps {
    /// Only whole steps count ("每少1%扣0.3分": 2.5% less is 2 steps).
    Whole,
    /// A step once begun counts whole ("每下降1个百分点（含1个百分点）").
    Started,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChecklistMode {
    /// Each ticked sub-criterion earns its points.
    Earn,
    /// Start from the max; each ticked sub-criterion deducts its points.
    Deduct,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Level {
    pub name: String,
    pub points: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tiers {
    pub measure: String,
    pub unit: Option<String>,
    /// Counts and ranks: `[1,3]` and `[4,6]` touch.
    pub integer: bool,
    /// When set, the analyst gives the value and this reference (全市平均值),
    /// and the tiers apply to the value as a percentage of the reference.
    pub relative_to: Option<String>,
    /// When set, the analyst gives the value and this target (当年度目标值),
    /// and the tiers apply to how far the value falls short of it, in
    /// `unit` ("低于目标值1个百分点"); a value at or past the target falls
    /// short by 0.
    pub target: Option<String>,
    pub ranges: Vec<Tier>,
}

impl Tiers {
    /// The unit the analyst types the figures in: a shortfall counted in
    /// percentage points is of figures in per cent; a share's tiers are in
    /// per cent of figures the document gives no unit.
    pub fn input_unit(&self) -> Option<&str> {
        match (&self.relative_to, &self.target, self.unit.as_deref()) {
            (Some(_), _, _) => None,
            (None, Some(_), Some("个百分点" | "percentage points")) => Some("%"),
            (None, _, unit) => unit,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tier {
    pub lower: Option<Bound>,
    pub upper: Option<Bound>,
    pub points: Decimal,
    /// The range as written in the file, for messages and display.
    pub written: String,
}

impl Tier {
    /// The range as the analyst reads it, not in interval notation:
    /// `≤10%`, `>15`, `>10%，≤15%` (`>10%, ≤15%` in English).
    pub fn condition(&self, unit: &str, lang: crate::lang::Lang) -> String {
        let bound = |b: &Bound, inclusive: &str, exclusive: &str| {
            let op = if b.inclusive { inclusive } else { exclusive };
            format!("{op}{}{unit}", crate::points::shown(b.value))
        };
        match (&self.lower, &self.upper) {
            (Some(l), Some(u)) if l.value == u.value => format!("={}{unit}", crate::points::shown(l.value)),
            (Some(l), Some(u)) => {
                let and = if lang == crate::lang::Lang::Zh { "，" } else { ", " };
                format!("{}{and}{}", bound(l, "≥", ">"), bound(u, "≤", "<"))
            }
            (Some(l), None) => bound(l, "≥", ">"),
            (None, Some(u)) => bound(u, "≤", "<"),
            (None, None) => (if lang == crate::lang::Lang::Zh {
                "任何值"
            } else {
                "any value"
            })
            .to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bound {
    pub value: Decimal,
    pub inclusive: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub name: String,
    pub points: Decimal,
}

/// The smallest thing one department scores: an item, one part of an item
/// scored in parts, or one department's report on a joint veto or deduction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoringUnit<'a> {
    pub item: &'a Item,
    pub sub: Option<&'a Sub>,
    pub department: &'a str,
    /// Max points of the unit (for a deduction or bonus, its cap).
    pub points: Option<Decimal>,
}

impl Tier {
    pub fn contains(&self, value: Decimal) -> bool {
        let above = match self.lower {
            None => true,
            Some(b) if b.inclusive => value >= b.value,
            Some(b) => value > b.value,
        };
        let below = match self.upper {
            None => true,
            Some(b) if b.inclusive => value <= b.value,
            Some(b) => value < b.value,
        };
        above && below
    }
}

impl<'a> ScoringUnit<'a> {
    /// A deduction part counts against its standard item.
    pub fn kind(&self) -> Kind {
        match self.sub {
            Some(sub) if sub.kind == Kind::Deduction => Kind::Deduction,
            _ => self.item.kind,
        }
    }

    /// The helper of the part, or of the whole item.
    pub fn helper(&self) -> Option<&'a Helper> {
        match self.sub {
            Some(sub) => sub.helper.as_ref(),
            None => self.item.helper.as_ref(),
        }
    }

    /// What the document says of the unit: the part's text, or the item's.
    pub fn text(&self) -> &'a str {
        self.sub.map_or(self.item.text.as_str(), |s| s.text.as_str())
    }

    /// The draft's key (`1.1.3`, `1.1.5#3`).
    pub fn key(&self) -> String {
        crate::scoring::draft::unit_key(&self.item.id, self.sub.map(|s| s.id.as_str()))
    }
}

impl Item {
    /// An item whose sub-criteria carry their own departments is scored part
    /// by part.
    pub fn is_split(&self) -> bool {
        self.subs.iter().any(|s| !s.departments.is_empty())
    }

    /// Scored part by part: split between departments, or a standard item
    /// whose every sub-criterion carries its own points and whose parts reach
    /// the item's points. An item with its own helper (a checklist ticks the
    /// sub-criteria) stays one cell, and so does one whose parts fall short
    /// of it: its full points must stay reachable.
    pub fn is_in_parts(&self) -> bool {
        if self.is_split() {
            return true;
        }
        if self.kind != Kind::Standard || self.helper.is_some() || self.subs.is_empty() {
            return false;
        }
        let earned: Option<Decimal> = self
            .subs
            .iter()
            .map(|s| match s.kind {
                Kind::Deduction => s.points.map(|_| Decimal::ZERO),
                _ => s.points,
            })
            .sum();
        earned.is_some_and(|sum| self.points.is_some_and(|max| sum >= max))
    }

    /// A veto or deduction several departments watch, each for its own field:
    /// every one of them may report it.
    pub fn is_joint_report(&self) -> bool {
        matches!(self.kind, Kind::Veto | Kind::Deduction) && !self.is_in_parts() && self.departments.len() > 1
    }

    /// Who scores what. A standard joint item is scored by its lead
    /// department; a joint veto or deduction by each department it names; an
    /// item in parts yields one unit per part, scored by the part's lead or
    /// else the item's.
    pub fn scoring_units(&self) -> Vec<ScoringUnit<'_>> {
        if self.is_in_parts() {
            self.subs
                .iter()
                .filter_map(|sub| {
                    sub.departments
                        .first()
                        .or(self.departments.first())
                        .map(|dept| ScoringUnit {
                            item: self,
                            sub: Some(sub),
                            department: dept.as_str(),
                            points: sub.points,
                        })
                })
                .collect()
        } else {
            let reporters = if self.is_joint_report() {
                &self.departments[..]
            } else {
                &self.departments[..self.departments.len().min(1)]
            };
            reporters
                .iter()
                .map(|dept| ScoringUnit {
                    item: self,
                    sub: None,
                    department: dept.as_str(),
                    points: self.points,
                })
                .collect()
        }
    }

    pub fn is_scored_by(&self, department: &str) -> bool {
        self.scoring_units().iter().any(|u| u.department == department)
    }

    /// Named by the document but scored by another (lead) department.
    pub fn is_supported_by(&self, department: &str) -> bool {
        !self.is_scored_by(department)
            && (self.departments.iter().any(|d| d == department)
                || self.subs.iter().any(|s| s.departments.iter().any(|d| d == department)))
    }
}

/// One area's stated total against what its standard items add up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaTally {
    pub id: String,
    pub name: String,
    pub stated: Option<Decimal>,
    pub sum: Decimal,
}

/// One department's share of the standard items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepartmentTally {
    pub name: String,
    pub items: usize,
    pub points: Decimal,
}

impl Rubric {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn key_point(&self, id: &str) -> Option<&KeyPoint> {
        self.key_points.iter().find(|k| k.id == id)
    }

    pub fn area_of(&self, item: &Item) -> Option<&Area> {
        let key_point = self.key_point(&item.key_point)?;
        self.areas.iter().find(|a| a.id == key_point.area)
    }

    pub fn items_in_key_point<'a>(&'a self, key_point: &'a str) -> impl Iterator<Item = &'a Item> {
        self.items.iter().filter(move |i| i.key_point == key_point)
    }

    pub fn items_in_area<'a>(&'a self, area: &'a str) -> impl Iterator<Item = &'a Item> {
        self.items
            .iter()
            .filter(move |i| self.key_point(&i.key_point).is_some_and(|k| k.area == area))
    }

    pub fn scoring_units(&self) -> impl Iterator<Item = ScoringUnit<'_>> {
        self.items.iter().flat_map(Item::scoring_units)
    }

    /// Items the department scores (any kind), in document order.
    pub fn items_scored_by<'a>(&'a self, department: &'a str) -> impl Iterator<Item = &'a Item> {
        self.items.iter().filter(move |i| i.is_scored_by(department))
    }

    /// Sum of the standard items' points, deductions, bonuses and vetoes apart.
    pub fn standard_sum<'a>(items: impl Iterator<Item = &'a Item>) -> Decimal {
        items
            .filter(|i| i.kind == Kind::Standard)
            .filter_map(|i| i.points)
            .sum()
    }

    pub fn area_tallies(&self) -> Vec<AreaTally> {
        self.areas
            .iter()
            .map(|area| AreaTally {
                id: area.id.clone(),
                name: area.name.clone(),
                stated: area.stated,
                sum: Self::standard_sum(self.items_in_area(&area.id)),
            })
            .collect()
    }

    /// Standard items per department: joint items for the lead only, split
    /// items for each department by the parts it scores.
    pub fn department_tallies(&self) -> Vec<DepartmentTally> {
        self.departments
            .iter()
            .map(|dept| {
                let units: Vec<_> = self
                    .scoring_units()
                    .filter(|u| u.kind() == Kind::Standard && u.department == dept.name)
                    .collect();
                let mut item_ids: Vec<&str> = units.iter().map(|u| u.item.id.as_str()).collect();
                item_ids.dedup();
                DepartmentTally {
                    name: dept.name.clone(),
                    items: item_ids.len(),
                    points: units.iter().filter_map(|u| u.points).sum(),
                }
            })
            .collect()
    }

    /// The lowest grade band: what a veto forces (on a rubric with no grade
    /// scale, the grade its document names for a veto, if it names one).
    pub fn lowest_grade(&self) -> Option<&GradeBand> {
        self.grades.last()
    }

    pub fn count_of(&self, kind: Kind) -> usize {
        self.items.iter().filter(|i| i.kind == kind).count()
    }
}
