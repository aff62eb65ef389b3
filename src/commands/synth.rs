//! `kaohe synth`: a synthetic assessment at any scale, deterministic from a
//! seed, as the office would receive it: a rubric file, one signed score
//! file per department, and the trust file for their keys. Benchmarks and
//! load tests start from it; nothing in it is real.

use super::finish;
use crate::io::atomic::write_atomic;
use crate::io::trust_file;
use crate::rubric::hash::rubric_hash;
use crate::rubric::{Kind, Rubric};
use crate::seal::dsse;
use crate::seal::keys::Signer;
use crate::seal::payload::{FORMAT, PAYLOAD_TYPE, ScoreEntry, ScoreFile};
use crate::seal::trust::Trust;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// splitmix64: small, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub seed: u64,
    pub districts: usize,
    pub items: usize,
    pub departments: usize,
}

/// What `write` made.
pub struct SynthSet {
    pub rubric_file: PathBuf,
    pub trust_file: PathBuf,
    pub files: Vec<PathBuf>,
    pub rubric: Rubric,
}

pub fn department_name(n: usize) -> String {
    format!("市合成部门{n:03}")
}

/// The rubric as TOML. Items are spread over 10 areas of 3 key points; one
/// in ten is a deduction, one in twenty a bonus, the last a veto, and the
/// standard items share 100 points (to the rubric's 2 decimals, the
/// remainder on the first items).
pub fn rubric_toml(scale: &Scale) -> String {
    let districts: Vec<String> = (1..=scale.districts).map(|d| format!("\"合成区县{d:04}\"")).collect();
    let mut t = String::new();
    let _ = writeln!(
        t,
        "id = \"synthetic-{}x{}x{}\"",
        scale.districts, scale.items, scale.departments
    );
    let _ = writeln!(t, "title = \"合成考核细则（基准测试用，非真实数据）\"");
    let _ = writeln!(t, "issuer = \"kaohe synth, seed {}\"", scale.seed);
    let _ = writeln!(t, "period = \"synthetic\"");
    let _ = writeln!(t, "total = \"100\"");
    let _ = writeln!(t, "precision = 2");
    let _ = writeln!(t, "bonus_cap = \"5\"");
    let _ = writeln!(t, "criteria_column = false");
    let _ = writeln!(t, "veto = \"考核结果一律为D级\"");
    let _ = writeln!(t, "districts = [{}]", districts.join(", "));
    for d in 0..scale.departments {
        let _ = writeln!(t, "\n[[department]]\nname = \"{}\"", department_name(d));
    }
    for a in 1..=10 {
        let _ = writeln!(t, "\n[[area]]\nid = \"{a}\"\nname = \"合成领域{a}\"");
        for k in 1..=3 {
            let _ = writeln!(
                t,
                "\n[[key_point]]\nid = \"{a}.{k}\"\narea = \"{a}\"\nname = \"合成要点{a}.{k}\""
            );
        }
    }
    let kinds: Vec<Kind> = (0..scale.items).map(|i| kind_of(i, scale.items)).collect();
    let standard = kinds.iter().filter(|k| **k == Kind::Standard).count().max(1);
    // 100 points in cents, shared out so that they add up exactly.
    let cents = 10_000 / standard as i64;
    let mut extra = 10_000 - cents * standard as i64;
    for (i, kind) in kinds.iter().enumerate() {
        let key_point = format!("{}.{}", i % 10 + 1, (i / 10) % 3 + 1);
        let department = department_name(i % scale.departments.max(1));
        let (kind_name, points) = match kind {
            Kind::Standard => {
                let mut p = cents;
                if extra > 0 {
                    p += 1;
                    extra -= 1;
                }
                ("standard", Some(Decimal::new(p, 2)))
            }
            Kind::Deduction => ("deduction", Some(Decimal::ONE)),
            Kind::Bonus => ("bonus", Some(Decimal::ONE)),
            Kind::Veto => ("veto", None),
        };
        let _ = writeln!(
            t,
            "\n[[item]]\nid = \"{key_point}.{}\"\nkey_point = \"{key_point}\"",
            i + 1
        );
        let _ = writeln!(
            t,
            "text = \"合成考核项目{}：特种设备安全监管、水利工程质量与农产品质量抽检。\"",
            i + 1
        );
        let _ = writeln!(t, "kind = \"{kind_name}\"");
        if let Some(p) = points {
            let _ = writeln!(t, "points = \"{}\"", crate::points::shown(p));
        }
        let _ = writeln!(t, "evidence = \"unstated\"\ndepartments = [\"{department}\"]");
    }
    t
}

fn kind_of(i: usize, items: usize) -> Kind {
    if i + 1 == items {
        Kind::Veto
    } else if i % 10 == 9 {
        Kind::Deduction
    } else if i % 20 == 4 {
        Kind::Bonus
    } else {
        Kind::Standard
    }
}

/// A department's key, from the seed.
pub fn signer(seed: u64, department: usize) -> Signer {
    let mut rng = Rng::new(seed ^ 0x6B61_6F68_6500_0000 ^ department as u64);
    let mut bytes = [0u8; 32];
    for chunk in bytes.chunks_mut(8) {
        chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
    }
    Signer::from_seed(
        bytes,
        &department_name(department),
        &format!("合成评分员{department:03}"),
    )
}

/// One department's scores: almost every cell, a few left empty so that
/// coverage has something to report, and a veto in about one district in
/// a thousand.
pub fn score_file(rubric: &Rubric, seed: u64, department: usize, signer: &Signer) -> ScoreFile {
    let name = department_name(department);
    let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(department as u64));
    let units: Vec<_> = rubric.scoring_units().filter(|u| u.department == name).collect();
    let mut scores = Vec::with_capacity(units.len() * rubric.districts.len());
    for district in &rubric.districts {
        for unit in &units {
            if rng.below(1000) == 0 {
                continue;
            }
            let max_cents = unit
                .points
                .map_or(0, |p| (p * Decimal::ONE_HUNDRED).trunc().mantissa() as u64);
            let (score, veto, note) = match unit.item.kind {
                Kind::Standard => (
                    Some(Decimal::new(rng.below(max_cents + 1) as i64, 2)),
                    None,
                    String::new(),
                ),
                Kind::Deduction => {
                    let cut = if rng.below(5) == 0 { rng.below(max_cents + 1) } else { 0 };
                    (Some(-Decimal::new(cut as i64, 2)), None, String::new())
                }
                Kind::Bonus => (
                    Some(Decimal::new(rng.below(max_cents + 1) as i64, 2)),
                    None,
                    String::new(),
                ),
                Kind::Veto => {
                    let vetoed = rng.below(1000) == 0;
                    let note = if vetoed {
                        "合成：发生区域性质量安全事件".to_string()
                    } else {
                        String::new()
                    };
                    (None, Some(vetoed), note)
                }
            };
            scores.push(ScoreEntry {
                district: district.clone(),
                item: unit.item.id.clone(),
                sub: unit.sub.map(|s| s.id.clone()),
                score: score.map(|s| s.normalize()),
                veto,
                input: None,
                note,
                evidence_missing: false,
            });
        }
    }
    ScoreFile {
        format: FORMAT,
        rubric: rubric.id.clone(),
        rubric_hash: rubric_hash(rubric),
        department: name,
        scorer: signer.key_line().scorer.clone(),
        key_id: signer.key_line().key_id.clone(),
        revision: 1,
        created: "2026-01-01T00:00:00Z".into(),
        scores,
    }
}

/// Write the whole set under `dir`: `rubric.toml`, `trust.toml`, `files/`.
pub fn write(scale: &Scale, dir: &Path) -> anyhow::Result<SynthSet> {
    let text = rubric_toml(scale);
    let rubric_file = dir.join("rubric.toml");
    let rubric = crate::rubric::load(&rubric_file.display().to_string(), &text)?;
    write_atomic(&rubric_file, text.as_bytes())?;
    let mut trust = Trust::default();
    let mut files = Vec::new();
    for d in 0..scale.departments {
        let signer = signer(scale.seed, d);
        trust.add(signer.key_line())?;
        let scores = score_file(&rubric, scale.seed, d, &signer);
        let payload = serde_json::to_vec(&scores)?;
        let envelope = dsse::sign_envelope(&signer, PAYLOAD_TYPE, &payload);
        let path = dir
            .join("files")
            .join(format!("{}-{}-{}-r1.json", rubric.id, scores.department, scores.scorer));
        write_atomic(&path, &envelope)?;
        files.push(path);
    }
    let trust_path = dir.join("trust.toml");
    trust_file::save(&trust, &trust_path)?;
    Ok(SynthSet {
        rubric_file,
        trust_file: trust_path,
        files,
        rubric,
    })
}

pub fn run(scale: &Scale, dir: &Path, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    finish(write_set(scale, dir, out), errout)
}

fn write_set(scale: &Scale, dir: &Path, out: &mut dyn Write) -> anyhow::Result<i32> {
    let set = write(scale, dir)?;
    writeln!(
        out,
        "wrote {} districts x {} items, {} signed department files under {}\n\
                 merge them with: kaohe merge --rubric {} --trust {} --out {} {}/*.json",
        set.rubric.districts.len(),
        set.rubric.items.len(),
        set.files.len(),
        dir.display(),
        set.rubric_file.display(),
        set.trust_file.display(),
        dir.join("merged").display(),
        dir.join("files").display()
    )?;
    Ok(super::OK)
}
