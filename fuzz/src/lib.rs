//! What the fuzz targets and the seed maker share: one fixed signing key,
//! the bundled rubrics, and the department each target speaks for. Fixed,
//! so that the committed seeds keep verifying from run to run.

use kaohe::rubric::{Rubric, ScoringUnit, bundled};
use kaohe::scoring::bounds;
use kaohe::seal::keys::{KeyLine, Signer};
use kaohe::seal::trust::Trust;
use rust_decimal::Decimal;
use std::sync::OnceLock;

/// The rubric the seeds are scored on.
pub const RUBRIC: &str = "suizhou-2022";
/// The department the fixed key belongs to (and the trust file trusts it for).
pub const SIGNING_DEPARTMENT: &str = "市水利和湖泊局";
/// The department the import target imports for (it has plain, deduction
/// and veto items on the seed rubric).
pub const IMPORT_DEPARTMENT: &str = "市交通运输局";
/// Not a secret: only the fuzzers and their seeds use it.
pub const SEED: [u8; 32] = *b"kaohe fuzzing key, not a secret!";

pub fn signer() -> &'static Signer {
    static SIGNER: OnceLock<Signer> = OnceLock::new();
    SIGNER.get_or_init(|| Signer::from_seed(SEED, SIGNING_DEPARTMENT, "模糊测试"))
}

pub fn key_lines() -> &'static [KeyLine] {
    static LINES: OnceLock<Vec<KeyLine>> = OnceLock::new();
    LINES.get_or_init(|| vec![signer().key_line().clone()])
}

pub fn trust() -> &'static Trust {
    static TRUST: OnceLock<Trust> = OnceLock::new();
    TRUST.get_or_init(|| {
        let mut trust = Trust::default();
        // An empty trust file takes any department's first key.
        if trust.add(signer().key_line()).is_err() {
            unreachable!("a new trust file has no key for another department");
        }
        trust
    })
}

/// Every bundled rubric that loads, as the office's merge would know them.
pub fn rubrics() -> &'static [Rubric] {
    static RUBRICS: OnceLock<Vec<Rubric>> = OnceLock::new();
    RUBRICS.get_or_init(|| {
        bundled::bundled()
            .iter()
            .filter_map(|b| kaohe::rubric::load(&b.file, b.text).ok())
            .collect()
    })
}

pub fn rubric(id: &str) -> &'static Rubric {
    match rubrics().iter().find(|r| r.id == id) {
        Some(r) => r,
        None => panic!("the bundled rubric {id} does not load"),
    }
}

/// Whether a score is one the workbench could have accepted for the unit.
pub fn within_bounds(unit: &ScoringUnit<'_>, score: Decimal) -> bool {
    let (min, max) = bounds::range(unit);
    min.is_none_or(|m| score >= m) && score <= max
}
