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
    /// Highest first; each band is `[min, previous band's min)`, the last has no min.
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
    pub note: Option<String>,
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
    pub points: Option<Decimal>,
    /// Canonical names, lead first; empty unless the sub-criterion has its own.
    pub departments: Vec<String>,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Helper {
    Checklist { mode: ChecklistMode },
    Scale { levels: Vec<Level> },
    Tiers(Tiers),
    PerEvent { events: Vec<Event> },
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
    pub ranges: Vec<Tier>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tier {
    pub lower: Option<Bound>,
    pub upper: Option<Bound>,
    pub points: Decimal,
    /// The range as written in the file, for messages and display.
    pub written: String,
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

/// The smallest thing one department scores: an item, or one part of an item
/// whose sub-criteria are split between departments.
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

impl Item {
    /// An item whose sub-criteria carry their own departments is scored part
    /// by part.
    pub fn is_split(&self) -> bool {
        self.subs.iter().any(|s| !s.departments.is_empty())
    }

    /// Who scores what. A joint item is scored by its lead department; a split
    /// item yields one unit per sub-criterion, scored by that part's lead.
    pub fn scoring_units(&self) -> Vec<ScoringUnit<'_>> {
        if self.is_split() {
            self.subs
                .iter()
                .filter_map(|sub| {
                    sub.departments.first().map(|dept| ScoringUnit {
                        item: self,
                        sub: Some(sub),
                        department: dept.as_str(),
                        points: sub.points,
                    })
                })
                .collect()
        } else {
            self.departments
                .first()
                .map(|dept| ScoringUnit {
                    item: self,
                    sub: None,
                    department: dept.as_str(),
                    points: self.points,
                })
                .into_iter()
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
                    .filter(|u| u.item.kind == Kind::Standard && u.department == dept.name)
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

    /// The lowest grade band: what a veto forces.
    pub fn lowest_grade(&self) -> Option<&GradeBand> {
        self.grades.last()
    }

    pub fn count_of(&self, kind: Kind) -> usize {
        self.items.iter().filter(|i| i.kind == kind).count()
    }
}
