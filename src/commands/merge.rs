//! `kaohe merge`: verify every department's file, keep each department's
//! newest revision, and write the office's reports.

use super::progress::Progress;
use super::verify::Checking;
use super::words::finish_in;
use super::{OK, pad};
use crate::config::Dirs;
use crate::io::report_set::Recovered;
use crate::lang::Lang;
use crate::merge::{self, Merged, Missing};
use crate::office::{MergeRun, Office, Stopped};
use crate::rubric::Rubric;
use crate::text::escape::{visible, visible_lines};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Districts listed on the terminal; a larger merge is read in the reports.
const LISTED: usize = 40;

/// What `kaohe merge` was asked.
pub struct Merging<'a> {
    pub lang: Lang,
    pub files: &'a [PathBuf],
    pub checking: &'a Checking<'a>,
    /// Where the reports go (default: here).
    pub out_dir: Option<&'a Path>,
    /// The summary as one JSON object instead of the lines.
    pub json: bool,
    /// How near a grade's line a total is flagged.
    pub margin: rust_decimal::Decimal,
    /// Where each district's feedback goes, if asked.
    pub feedback: Option<&'a Path>,
    /// An earlier merged.json to compare with.
    pub compare: Option<&'a Path>,
}

pub fn run(merging: &Merging<'_>, dirs: &Dirs, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    let result = merge_files(merging, dirs, out, errout);
    finish_in(merging.lang, result, errout)
}

fn merge_files(merging: &Merging<'_>, dirs: &Dirs, out: &mut dyn Write, errout: &mut dyn Write) -> anyhow::Result<i32> {
    let &Merging {
        lang,
        files,
        checking,
        out_dir,
        json,
        margin,
        feedback,
        compare,
    } = merging;
    let dir = out_dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    // A set an interrupted merge left there is finished or undone first,
    // whether or not this merge goes on to write one.
    match crate::office::recover_reports(&dir)? {
        Recovered::Nothing => {}
        Recovered::RolledBack => writeln!(
            errout,
            "kaohe: {}",
            lang.say(
                format!("{} 中有一次汇总在写报表时被中断：已撤回它写了一半的文件，原有的一套报表完整", dir.display()),
                format!("a merge into {} was interrupted while writing its reports: its half-written files are removed, the previous set is whole", dir.display())
            )
        )?,
        Recovered::Completed => writeln!(
            errout,
            "kaohe: {}",
            lang.say(
                format!("{} 中有一次汇总在换上新报表时被中断：已把那一套报表补完整", dir.display()),
                format!("a merge into {} was interrupted while putting its reports in place: that set is now complete", dir.display())
            )
        )?,
    }
    // The trust file and the rubrics are read once, for every file.
    let office = Office::open(checking, dirs)?.with_margin(margin);
    let progress = Progress::new(lang, files.len());
    let run = office.merge_into(files, &dir, dirs, &progress);
    progress.finish();
    let MergeRun {
        merged,
        rubric,
        written,
        claims,
    } = match run {
        Ok(run) => run,
        Err(Stopped::Rejected { rejected, given }) => {
            // Each file refused, said, then the whole.
            for (_, e) in &rejected {
                let words = crate::tui::i18n::verify_error(lang, e);
                writeln!(errout, "kaohe: {}", visible_lines(&words))?;
            }
            return Err(Stopped::Rejected { rejected, given }.into());
        }
        Err(stopped) => return Err(stopped.into()),
    };
    if json {
        writeln!(out, "{}", merge::summary_json(&merged, rubric, &written))?;
        return Ok(OK);
    }
    say_merged(lang, &merged, rubric, out)?;
    for path in written {
        let path = visible(&path.display().to_string());
        writeln!(out, "{}", lang.say(format!("已写出 {path}"), format!("wrote {path}")))?;
    }
    if let Some(folder) = feedback {
        write_feedback(lang, &merged, rubric, claims.as_ref(), folder, out)?;
    }
    if let Some(old) = compare {
        say_compared(lang, &merged, rubric, old, out)?;
    }
    Ok(OK)
}

/// What changed since an earlier merge: districts' standing, then cells.
fn say_compared(lang: Lang, merged: &Merged, rubric: &Rubric, old: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    use crate::merge::compare::{CompareError, MAX_OLD_BYTES, compare};
    let shown = visible(&old.display().to_string());
    let bytes = crate::io::bounded::read_at_most(old, MAX_OLD_BYTES).map_err(|e| match e {
        crate::io::bounded::ReadError::TooLarge(size) => anyhow::anyhow!("{shown}: {size} bytes"),
        crate::io::bounded::ReadError::Io(e) => anyhow::anyhow!("{shown}: {e}"),
    })?;
    let comparison = compare(&bytes, merged, rubric).map_err(|e| match e {
        CompareError::NotJson(why) => anyhow::anyhow!(lang.say(
            format!("{shown}：不是 kaohe 汇总写出的 merged.json（{why}）"),
            format!("{shown}: not a merged.json kaohe wrote ({why})")
        )),
        CompareError::OtherRubric { old, new } => anyhow::anyhow!(lang.say(
            format!("{shown} 是细则 {old} 的汇总，这次是 {new}：不能比较"),
            format!("{shown} merged rubric {old}, this merge is {new}: they do not compare")
        )),
    })?;
    if comparison.districts.is_empty() && comparison.cells.is_empty() {
        writeln!(
            out,
            "\n{}",
            lang.say(
                format!("与 {shown} 相比没有变化"),
                format!("nothing changed since {shown}")
            )
        )?;
        return Ok(());
    }
    let (districts, cells) = (comparison.districts.len(), comparison.cells.len());
    writeln!(
        out,
        "\n{}",
        lang.say(
            format!("与 {shown} 相比：{districts} 个地区的总分、等次或名次有变化，{cells} 格有变化"),
            format!("since {shown}: {districts} districts changed total, grade or rank; {cells} cells changed")
        )
    )?;
    for d in &comparison.districts {
        let grade = if d.grade.0 == d.grade.1 {
            String::new()
        } else {
            lang.say(
                format!("  等次 {} → {}", d.grade.0, d.grade.1),
                format!("  grade {} -> {}", d.grade.0, d.grade.1),
            )
        };
        writeln!(
            out,
            "  {}  {}{grade}  {}",
            pad(&visible(&d.district), 16),
            lang.say(
                format!("总分 {} → {}", d.total.0, d.total.1),
                format!("total {} -> {}", d.total.0, d.total.1)
            ),
            lang.say(
                format!("名次 {} → {}", d.rank.0, d.rank.1),
                format!("rank {} -> {}", d.rank.0, d.rank.1)
            ),
        )?;
    }
    for c in &comparison.cells {
        let empty = |s: &str| if s.is_empty() { "--".to_string() } else { s.to_string() };
        let reason = if c.reason.is_empty() {
            lang.say("（未写明理由）", "(no reason written)")
        } else {
            visible(&c.reason)
        };
        writeln!(
            out,
            "  {} {}  {} → {}  {}  {reason}",
            visible(&c.district),
            c.item,
            empty(&c.before),
            empty(&c.now),
            c.departments.join("、")
        )?;
    }
    Ok(())
}

/// Each district's 情况反馈 into `folder`: `<district>-情况反馈.xlsx` and `.docx`.
fn write_feedback(
    lang: Lang,
    merged: &Merged,
    rubric: &Rubric,
    claims: Option<&crate::selfcheck::SelfCheckSet>,
    folder: &Path,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    use crate::merge::feedback;
    std::fs::create_dir_all(folder).map_err(|e| anyhow::anyhow!("{}: {e}", folder.display()))?;
    for (d, district) in rubric.districts.iter().enumerate() {
        let stem = format!("{}-情况反馈", crate::text::names::file_part(district));
        let xlsx = feedback::to_xlsx(merged, rubric, d, claims).map_err(|e| anyhow::anyhow!("{e}"))?;
        let docx = feedback::to_docx(merged, rubric, d, claims)?;
        for (ext, bytes) in [("xlsx", xlsx), ("docx", docx)] {
            let path = folder.join(format!("{stem}.{ext}"));
            crate::io::atomic::write_output(&path, &bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        }
    }
    let n = rubric.districts.len();
    let shown = visible(&folder.display().to_string());
    let with = if claims.is_some() {
        lang.say("，附各地区的自评", ", with each district's own claims")
    } else {
        String::new()
    };
    writeln!(
        out,
        "{}",
        lang.say(
            format!("已写出 {n} 个地区的情况反馈（.xlsx 和 .docx）到 {shown}{with}"),
            format!("wrote {n} districts' feedback (.xlsx and .docx) into {shown}{with}")
        )
    )?;
    Ok(())
}

/// Flags shown on the terminal; the 核查提示 sheet has them all.
const FLAGS_LISTED: usize = 12;

/// Where the scoring looks wrong, for the office to check before it publishes.
fn say_flags(lang: Lang, merged: &Merged, out: &mut dyn Write) -> io::Result<()> {
    if merged.flags.is_empty() {
        return Ok(());
    }
    let n = merged.flags.len();
    writeln!(
        out,
        "\n{}",
        lang.say(
            format!("核查提示 {n} 条（全部见 merged.xlsx 的 核查提示 页和 merged.json 的 flags）："),
            format!("{n} flags to check (all in merged.xlsx's 核查提示 sheet and merged.json's flags):")
        )
    )?;
    for flag in merged.flags.iter().take(FLAGS_LISTED) {
        let kind = lang.say(flag.kind.words(), flag.kind.words_en());
        let whose: Vec<String> = [flag.department.as_deref(), flag.unit.as_deref()]
            .into_iter()
            .flatten()
            .map(visible)
            .collect();
        let districts = if flag.districts.len() > 4 {
            lang.say(
                format!("{} 个地区", flag.districts.len()),
                format!("{} districts", flag.districts.len()),
            )
        } else {
            flag.districts.iter().map(|d| visible(d)).collect::<Vec<_>>().join("、")
        };
        writeln!(out, "  {kind}  {}  {districts}：{}", whose.join(" "), flag.detail)?;
    }
    if n > FLAGS_LISTED {
        let more = n - FLAGS_LISTED;
        writeln!(
            out,
            "  {}",
            lang.say(
                format!("… 另有 {more} 条，见报表"),
                format!("… {more} more in the reports")
            )
        )?;
    }
    Ok(())
}

/// The events of joint per-event items, each counted once, with who
/// reported it: where the office looks for near-duplicates to judge.
fn say_events(lang: Lang, merged: &Merged, out: &mut dyn Write) -> io::Result<()> {
    let events: Vec<(&str, &crate::merge::JointEvent)> = merged
        .districts
        .iter()
        .flat_map(|d| d.events.iter().map(move |e| (d.name.as_str(), e)))
        .collect();
    if events.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\n{}",
        lang.say(
            "多个部门上报的事件（同一事件只计一次；说法相近的请核对是否同一事件）：",
            "events several departments report (one event counts once; check near-duplicates):"
        )
    )?;
    for (district, e) in events.iter().take(LISTED) {
        writeln!(
            out,
            "  {}  {}",
            visible(district),
            visible(&crate::merge::event_line(e))
        )?;
    }
    say_more(lang, events.len(), ("件", ""), out)
}

/// "… 另有 3 个地区，见报表" under a list cut at [`LISTED`] lines of `count`,
/// what it lists in Chinese and English.
fn say_more(lang: Lang, count: usize, (zh, en): (&str, &str), out: &mut dyn Write) -> io::Result<()> {
    if count <= LISTED {
        return Ok(());
    }
    let more = count - LISTED;
    let en = if en.is_empty() { String::new() } else { format!(" {en}") };
    writeln!(
        out,
        "  {}",
        lang.say(
            format!("… 另有 {more} {zh}，见报表"),
            format!("… {more} more{en} in the reports")
        )
    )
}

/// The files that count, and the older revisions they superseded.
fn say_files(lang: Lang, merged: &Merged, out: &mut dyn Write) -> io::Result<()> {
    for f in &merged.files {
        writeln!(
            out,
            "  {}  r{}  {}  {}",
            pad(&visible(&f.department), 24),
            f.revision,
            visible(&f.scorer),
            visible(&f.file)
        )?;
    }
    for s in &merged.superseded {
        let (by, file) = (s.by_revision, visible(&s.file));
        writeln!(
            out,
            "  {}  r{}  {}  {}",
            pad(&visible(&s.department), 24),
            s.revision,
            visible(&s.scorer),
            lang.say(
                format!("已被 r{by} 取代：{file}"),
                format!("superseded by r{by}: {file}")
            ),
        )?;
    }
    Ok(())
}

/// The files used, the districts by rank and what is missing, on the terminal.
fn say_merged(lang: Lang, merged: &Merged, rubric: &Rubric, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} {}", visible(&rubric.id), visible(&rubric.title))?;
    say_files(lang, merged, out)?;
    let mut by_rank: Vec<_> = merged.districts.iter().collect();
    by_rank.sort_by_key(|d| d.rank);
    writeln!(out)?;
    for d in by_rank.iter().take(LISTED) {
        let veto = d
            .veto
            .as_ref()
            .map(|v| {
                let (item, by, why) = (&v.item, visible(&v.department), visible(&v.note));
                lang.say(
                    format!("  否决 {item}（{by}）：{why}"),
                    format!("  veto {item} ({by}): {why}"),
                )
            })
            .unwrap_or_default();
        let unscored = if d.unscored > 0 {
            let n = d.unscored;
            lang.say(format!("  {n} 格未评"), format!("  {n} unscored"))
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {:>4}  {}  {:>8}  {}{veto}{unscored}",
            d.rank,
            pad(&visible(&d.name), 20),
            crate::points::shown(d.total),
            d.grade
        )?;
    }
    say_more(lang, by_rank.len(), ("个地区", "districts"), out)?;
    if !rubric.graded {
        let (zh, en) = crate::merge::NO_GRADE_SCALE;
        writeln!(out, "  {}", lang.say(zh, en))?;
    }
    say_events(lang, merged, out)?;
    say_flags(lang, merged, out)?;
    let no_file = merged
        .missing
        .iter()
        .filter(|m| matches!(m, Missing::NoFile { .. }))
        .count();
    let cells = merged.missing.len() - no_file;
    writeln!(
        out,
        "\n{}",
        lang.say(
            format!("缺失：{no_file} 个部门没有文件；交了文件的部门有 {cells} 格未评分"),
            format!("missing: {no_file} departments without a file; {cells} cells not scored by those that sent one")
        )
    )?;
    for m in merged
        .missing
        .iter()
        .filter(|m| matches!(m, Missing::NoFile { .. }))
        .take(LISTED)
    {
        if let Missing::NoFile { department } = m {
            let department = visible(department);
            writeln!(
                out,
                "  {}",
                lang.say(format!("{department} 没有交文件"), format!("no file from {department}"))
            )?;
        }
    }
    Ok(())
}
