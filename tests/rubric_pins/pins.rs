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
    /// Whether the document gives a grade scale, and the grade a veto forces.
    pub graded: bool,
    pub veto_grade: Option<&'static str>,
    /// Rules the audits found wrong or open, each pinned to the document's
    /// words and to what kaohe gives for them.
    pub rules: &'static [RulePin],
}

/// One rule as the document words it.
pub struct RulePin {
    /// The unit (`2.2.11#5`), or the item.
    pub unit: &'static str,
    /// The document's words, verbatim: found in the unit's text or criteria.
    pub words: &'static str,
    /// Typed as the analyst types it (a helper's input, or `=0.5` as a
    /// score) and the score it gives; `None` where it is refused.
    pub gives: &'static [(&'static str, Option<&'static str>)],
    /// Words the rubric says beside the value (the part's note, the item's
    /// reading), where the rule is read one way of two or completed.
    pub said: Option<&'static str>,
    /// The department that scores the unit.
    pub scored_by: Option<&'static str>,
}
