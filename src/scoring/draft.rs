//! One department's work in progress on one rubric: every cell it has
//! touched, and where the analyst was. Saved on every accepted change.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const DRAFT_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub format: u32,
    pub rubric: String,
    /// SHA-256 of the resolved rubric the draft was scored against.
    pub rubric_hash: String,
    pub department: String,
    pub scorer: String,
    /// district → unit key (see [`unit_key`]) → cell. Ordered, so the file is
    /// stable and diffs well.
    #[serde(default)]
    pub cells: BTreeMap<String, BTreeMap<String, Cell>>,
    #[serde(default)]
    pub position: Position,
    /// The last exported revision; the next export is this plus one.
    #[serde(default)]
    pub revision: u64,
    /// Each cell as the last export signed it (district → unit key → its
    /// fingerprint), so that the next export can say what changed since.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub exported: BTreeMap<String, BTreeMap<String, String>>,
}

impl Cell {
    /// A short digest of everything the cell holds, to tell whether it
    /// changed; not a secret and not a signature.
    pub fn fingerprint(&self) -> String {
        use sha2::Digest;
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        let digest = sha2::Sha256::digest(&bytes);
        digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }
}

/// What the analyst entered for one district on one scoring unit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// The score; for a deduction it is negative or zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Decimal>,
    /// A veto item's flag: true when the veto applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veto: Option<bool>,
    /// What a scoring helper was given, so the score can be explained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<HelperInput>,
    /// 评分依据.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub evidence_missing: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "helper", rename_all = "snake_case")]
pub enum HelperInput {
    /// Ids of the ticked sub-criteria.
    Checklist { ticked: Vec<String> },
    /// The chosen level's name.
    Scale { level: String },
    /// The measured value, and the reference it is a share of when the
    /// tiers are relative (全市平均值).
    Tiers {
        measured: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<Decimal>,
    },
    /// One count per kind of event, in the rubric's order, and the events
    /// themselves where they are described (their tally is the counts).
    PerEvent {
        counts: Vec<u32>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        events: Vec<super::events::EventRecord>,
    },
    /// Whether the fixed points were given.
    Award { awarded: bool },
    /// The formula's value, and its reference when it is per district.
    Formula {
        value: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<Decimal>,
    },
}

/// What the inputs say, for a view that shows them beside the rule (the
/// chosen level starred, the counts, the ticks): the helper modules are
/// where they are read and computed.
impl HelperInput {
    pub fn level(&self) -> Option<&str> {
        match self {
            HelperInput::Scale { level } => Some(level),
            _ => None,
        }
    }

    pub fn counts(&self) -> &[u32] {
        match self {
            HelperInput::PerEvent { counts, .. } => counts,
            _ => &[],
        }
    }

    /// The described events of a per-event input.
    pub fn events(&self) -> &[super::events::EventRecord] {
        match self {
            HelperInput::PerEvent { events, .. } => events,
            _ => &[],
        }
    }

    pub fn ticked(&self) -> &[String] {
        match self {
            HelperInput::Checklist { ticked } => ticked,
            _ => &[],
        }
    }

    /// A measured value (tiers) or a formula's value, with its reference.
    pub fn value(&self) -> Option<(Decimal, Option<Decimal>)> {
        match self {
            HelperInput::Tiers { measured, reference } => Some((*measured, *reference)),
            HelperInput::Formula { value, reference } => Some((*value, *reference)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Walk {
    /// All of the department's items for one district.
    #[default]
    District,
    /// One item across all districts.
    Item,
}

/// Where the analyst was, to resume exactly there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub walk: Walk,
    pub district: Option<String>,
    pub unit: Option<String>,
}

/// `1.1.3` for a whole item, `2.1.2#3` for sub-criterion 3 of a split item.
pub fn unit_key(item: &str, sub: Option<&str>) -> String {
    match sub {
        Some(sub) => format!("{item}#{sub}"),
        None => item.to_string(),
    }
}

impl Cell {
    /// Has a score (or a veto decision), not just a note or a flag.
    pub fn is_scored(&self) -> bool {
        self.score.is_some() || self.veto.is_some()
    }

    pub fn is_empty(&self) -> bool {
        *self == Cell::default()
    }
}

impl Draft {
    pub fn new(rubric: &str, rubric_hash: &str, department: &str, scorer: &str) -> Draft {
        Draft {
            format: DRAFT_FORMAT,
            rubric: rubric.to_string(),
            rubric_hash: rubric_hash.to_string(),
            department: department.to_string(),
            scorer: scorer.to_string(),
            cells: BTreeMap::new(),
            position: Position::default(),
            revision: 0,
            exported: BTreeMap::new(),
        }
    }

    /// The draft was signed as `revision`: the next export is the one after,
    /// and what changes from here is what it will name.
    pub fn signed_as(&mut self, revision: u64) {
        self.revision = revision;
        self.mark_exported();
    }

    /// Remember every cell as it is now as the one the last export signed.
    fn mark_exported(&mut self) {
        self.exported = self
            .cells
            .iter()
            .map(|(district, row)| {
                let row = row
                    .iter()
                    .map(|(unit, cell)| (unit.clone(), cell.fingerprint()))
                    .collect();
                (district.clone(), row)
            })
            .collect();
    }

    /// Whether the cell differs from what the last export signed (scored,
    /// changed or cleared since); never, before a first export.
    pub fn changed_since_export(&self, district: &str, unit: &str) -> bool {
        if self.revision == 0 {
            return false;
        }
        let now = self.cell(district, unit).map(Cell::fingerprint);
        let then = self.exported.get(district).and_then(|row| row.get(unit)).cloned();
        now != then
    }

    pub fn cell(&self, district: &str, unit: &str) -> Option<&Cell> {
        self.cells.get(district)?.get(unit)
    }

    /// Store a cell; an empty one is removed so the file holds only real work.
    pub fn set_cell(&mut self, district: &str, unit: &str, cell: Cell) {
        if cell.is_empty() {
            if let Some(row) = self.cells.get_mut(district) {
                row.remove(unit);
                if row.is_empty() {
                    self.cells.remove(district);
                }
            }
        } else {
            self.cells
                .entry(district.to_string())
                .or_default()
                .insert(unit.to_string(), cell);
        }
    }
}
