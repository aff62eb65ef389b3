//! What each official document says, read from it by hand. The tests compare
//! these figures with what kaohe loads, so an edit that drops, moves or
//! re-assigns an item fails.

/// One area (考核领域) as the document states it.
pub struct AreaPin {
    pub name: &'static str,
    /// The area's stated total, when the document states one.
    pub stated: Option<&'static str>,
    /// The sum of the area's standard items' points (deductions, bonuses and
    /// vetoes left out).
    pub sum: &'static str,
}

/// One department's share of the rubric.
pub struct DeptPin {
    /// The department's canonical name in the rubric file.
    pub name: &'static str,
    /// Standard items it scores: joint items count for the lead department
    /// only; an item split by sub-criterion counts once for each department
    /// that scores a part of it.
    pub items: usize,
    /// Points of those standard items (for a split item, the parts it scores).
    pub points: &'static str,
    /// Every item it scores, of any kind, in document order (`rubric show --dept`):
    /// a joint veto or deduction is listed for each department it names.
    pub ids: &'static [&'static str],
}

pub struct Pins {
    pub id: &'static str,
    /// Items of every kind.
    pub items: usize,
    pub deductions: usize,
    pub bonuses: usize,
    pub vetoes: usize,
    pub areas: &'static [AreaPin],
    pub departments: &'static [DeptPin],
    /// Every item scored part by part, with its number of parts: split
    /// between departments, or a standard item whose every numbered part
    /// carries its own points (and they reach the item's).
    pub in_parts: &'static [(&'static str, usize)],
    /// Every scoring helper the document defines: unit key (`1.1.5#3` for a
    /// part) and kind.
    pub helpers: &'static [(&'static str, &'static str)],
    /// Joint vetoes and deductions, which each of their departments reports.
    pub joint_reports: &'static [&'static str],
}
