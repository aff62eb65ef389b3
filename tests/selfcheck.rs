//! The districts' self-assessment (自评): the 自评打分表 out, filled sheets
//! (.xlsx and a GBK .csv) back in, and the workbench showing each claim
//! beside its cell, accepted with one key, differences marked, lowered
//! claims asked for their reason, reasons reused, fills carrying reasons,
//! and the grid typed and pasted into as a spreadsheet.
// Test code: a failed expect or panic is how a test says where it failed.
#![allow(clippy::expect_used, clippy::panic, clippy::unwrap_used)]

mod common;

use calamine::{Data, Reader};
use common::office::Office;
use kaohe::tui::app::Event;
use kaohe::tui::stages::Overlay;
use kaohe::tui::workbench::Workbench;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::Path;

/// The template's sheets as rows of text, by sheet name.
fn template_rows(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book = calamine::open_workbook_auto(path).expect("open template");
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("sheet");
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::Empty => String::new(),
                            Data::Float(f) => format!("{f}"),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

/// The claim a test district makes on a row: full points on every standard
/// unit, 0.8 on 1.1.3#2 (below its 1), 0 on every deduction; with a reason.
fn claim_for(district: &str, row: &[String]) -> Option<(String, String)> {
    let key = row.first()?;
    let points = row.get(3)?;
    if key == "1.1.3#2" && district == "随县" {
        return Some(("0.8".into(), "自查：1 处质量问题未整改".into()));
    }
    if let Ok(p) = points.parse::<f64>() {
        return Some((format!("{p}"), format!("{district}：已完成")));
    }
    points.starts_with("扣分").then(|| ("0".into(), "未发生".into()))
}

/// The template filled in for `districts` (the other sheets left blank), as
/// a district would save it from Excel.
fn fill_xlsx(template: &Path, out: &Path, districts: &[&str], change: impl Fn(&str, &mut Vec<String>)) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in template_rows(template) {
        let sheet = book.add_worksheet();
        sheet.set_name(&name).expect("name");
        let district = rows.get(1).and_then(|r| r.get(1)).cloned().unwrap_or_default();
        for (r, row) in rows.iter().enumerate() {
            let mut row = row.clone();
            if r > 2 && districts.contains(&district.as_str()) {
                if let Some((score, reason)) = claim_for(&district, &row) {
                    row.resize(7, String::new());
                    row[5] = score;
                    row[6] = reason;
                }
                change(&district, &mut row);
            }
            for (c, text) in row.iter().enumerate() {
                // The score column as the number a spreadsheet stores.
                match text.parse::<f64>() {
                    Ok(n) if c == 5 || c == 3 => sheet.write_number(r as u32, c as u16, n),
                    _ => sheet.write_string(r as u32, c as u16, text),
                }
                .expect("write");
            }
        }
    }
    book.save(out).expect("save");
}

/// A template CSV filled in row by row, as a district would in Excel.
fn refill_csv(text: &str, change: impl Fn(&mut Vec<String>)) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    for record in reader.records() {
        let mut fields: Vec<String> = record.expect("row").iter().map(str::to_string).collect();
        change(&mut fields);
        writer.write_record(&fields).expect("row");
    }
    String::from_utf8(writer.into_inner().expect("csv")).expect("utf-8")
}

fn set_file(office: &Office) -> std::path::PathBuf {
    office.path("data").join("selfcheck").join("suizhou-2022.json")
}

fn set(office: &Office) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(set_file(office)).expect("the set is stored")).expect("json")
}

fn open(office: &Office) -> Workbench {
    common::bench::start_in(&office.path(""), "suizhou-2022", "水利")
}

/// The office's round: the template, two districts' .xlsx and a third's
/// GBK .csv filled and read back.
fn office_with_claims() -> Office {
    let office = Office::new();
    office.ok(&["selfcheck", "template", "--rubric", "suizhou-2022", "--out", "all.xlsx"]);
    fill_xlsx(
        &office.path("all.xlsx"),
        &office.path("filled.xlsx"),
        &["曾都区", "随县"],
        |_, _| {},
    );
    office.ok(&["selfcheck", "import", "--rubric", "suizhou-2022", "filled.xlsx"]);
    office
}

fn screen(wb: &Workbench) -> String {
    common::screen_text(&wb.app, 120, 40)
}

fn status(wb: &Workbench) -> String {
    wb.app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

fn cell(wb: &Workbench, district: &str, unit: &str) -> kaohe::scoring::draft::Cell {
    wb.app
        .session()
        .and_then(|s| s.draft.cell(district, unit).cloned())
        .unwrap_or_default()
}

fn claim_score(office: &Office, district: &str, unit: &str) -> Decimal {
    let text = set(office)["districts"][district][unit]["score"]
        .as_str()
        .unwrap_or_else(|| panic!("{district} {unit} claimed"))
        .to_string();
    text.parse().expect("decimal")
}

#[test]
fn template_filled_in_excel_and_as_gbk_csv_comes_back_and_each_claim_is_accepted_with_one_key() {
    let office = office_with_claims();
    // The template: every unit of the rubric, a sheet per district, the
    // document's columns.
    let sheets = template_rows(&office.path("all.xlsx"));
    assert_eq!(sheets.len(), 5, "a sheet per district");
    let (_, rows) = &sheets[0];
    assert_eq!(rows[1][..2], ["地区".to_string(), "曾都区".to_string()]);
    assert_eq!(
        rows[2],
        [
            "编号",
            "考核内容",
            "考核指标",
            "分值",
            "评分标准",
            "自评得分",
            "评分依据（注明得分、扣分情况）"
        ]
    );
    assert_eq!(rows.len() - 3, 126, "every unit of suizhou-2022, a joint one once");

    // A third district fills the CSV of its own sheet, saved as GBK by Excel.
    office.ok(&[
        "selfcheck",
        "template",
        "--rubric",
        "suizhou-2022",
        "--district",
        "广水",
        "--out",
        "gs.csv",
    ]);
    let text = std::fs::read_to_string(office.path("gs.csv")).expect("csv");
    let filled = refill_csv(&text, |fields| {
        if fields.first().map(String::as_str) == Some("1.1.3#1") {
            fields[5] = "0.5".into();
            fields[6] = "广水市：制度未更新".into();
        }
    });
    let (gbk, _, _) = encoding_rs::GBK.encode(&filled);
    std::fs::write(office.path("gs-gbk.csv"), &gbk).expect("write");
    let said = office.ok(&["selfcheck", "import", "--rubric", "suizhou-2022", "gs-gbk.csv"]);
    assert!(said.contains("已读入 gs-gbk.csv：广水市 1 项"), "{said}");
    let stored = set(&office);
    assert_eq!(
        stored["districts"].as_object().map(|d| d.len()),
        Some(3),
        "the districts kept together"
    );
    assert_eq!(stored["districts"]["广水市"]["1.1.3#1"]["reason"], "广水市：制度未更新");
    assert!(
        stored["districts"]["广水市"]["1.1.3#1"]["from"]
            .as_str()
            .is_some_and(|f| f.ends_with("gs-gbk.csv:6")),
        "traced to its row: {}",
        stored["districts"]["广水市"]["1.1.3#1"]
    );
    assert_eq!(claim_score(&office, "随县", "1.1.3#2"), dec!(0.8));

    // The workbench shows each claim beside its cell; one key accepts it.
    let mut wb = open(&office);
    assert!(status(&wb).contains("已载入各地区的自评：3 个地区"), "{}", status(&wb));
    let shown = screen(&wb);
    assert!(shown.contains("自评 1 分（按 a 采纳 → 1 分）"), "{shown}");
    assert!(shown.contains("自评依据：曾都区：已完成"), "{shown}");
    let units = ["1.1.3#1", "1.1.3#2", "1.1.3#3", "1.1.3#4"];
    for unit in units {
        assert_eq!(wb.app.session().unwrap().current().unwrap().key, unit);
        wb.feed("a").unwrap();
        assert_eq!(
            cell(&wb, "曾都区", unit).score,
            Some(claim_score(&office, "曾都区", unit))
        );
        assert!(status(&wb).starts_with("采纳自评；已保存：曾都区 "), "{}", status(&wb));
    }
    // The note stays the department's: a claim's reason is the district's.
    assert_eq!(cell(&wb, "曾都区", "1.1.3#1").note, "");
    // Saved with the draft: a restart shows them.
    drop(wb);
    let wb = open(&office);
    assert_eq!(
        cell(&wb, "曾都区", "1.1.3#4").score,
        Some(claim_score(&office, "曾都区", "1.1.3#4"))
    );
}

#[test]
fn a_wrong_row_is_named_and_nothing_of_its_file_is_stored() {
    let office = Office::new();
    office.ok(&["selfcheck", "template", "--rubric", "suizhou-2022", "--out", "all.xlsx"]);
    fill_xlsx(
        &office.path("all.xlsx"),
        &office.path("bad.xlsx"),
        &["曾都区"],
        |_, row| {
            if row[0] == "1.1.3#2" {
                row[5] = "9".into();
            }
        },
    );
    let out = office.run(&["selfcheck", "import", "--rubric", "suizhou-2022", "bad.xlsx"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    let row = template_rows(&office.path("all.xlsx"))[0]
        .1
        .iter()
        .position(|r| r[0] == "1.1.3#2")
        .unwrap()
        + 1;
    assert!(
        said.contains(&format!(
            "bad.xlsx:曾都区:第 {row} 行：自评得分列：“9”：9 超出范围 0..1"
        )),
        "{said}"
    );
    assert!(said.contains("这个文件一项也没有读入"), "{said}");
    assert!(!set_file(&office).exists(), "nothing stored");

    // A sheet of another rubric's version is refused by its check code.
    fill_xlsx(
        &office.path("all.xlsx"),
        &office.path("old.xlsx"),
        &["曾都区"],
        |_, _| {},
    );
    let mut text = Vec::new();
    for (name, rows) in template_rows(&office.path("old.xlsx")).into_iter().take(1) {
        text.push((name, rows));
    }
    let (_, rows) = &text[0];
    let mut csv = String::new();
    for (i, row) in rows.iter().enumerate() {
        let mut row = row.clone();
        if i == 1 {
            row[5] = "0123456789abcdef".into();
        }
        csv.push_str(&row.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(","));
        csv.push('\n');
    }
    std::fs::write(office.path("old.csv"), csv).expect("write");
    let out = office.run(&["selfcheck", "import", "--rubric", "suizhou-2022", "old.csv"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(
        said.contains("这份表是按另一版细则（suizhou-2022）做的：校验码 0123456789abcdef"),
        "{said}"
    );

    // Without a check code, an indicator's text that is not the rubric's is.
    let mut csv = String::new();
    for (i, row) in rows.iter().enumerate() {
        let mut row = row.clone();
        if i == 1 {
            row.truncate(4);
        }
        if row[0] == "1.1.3#1" {
            row[2] = "质量管理措施（旧版）".into();
        }
        csv.push_str(&row.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(","));
        csv.push('\n');
    }
    std::fs::write(office.path("edited.csv"), csv).expect("write");
    let out = office.run(&["selfcheck", "import", "--rubric", "suizhou-2022", "edited.csv"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("考核指标列：“质量管理措施（旧版）”：与 suizhou-2022 的 1.1.3#1 不同"),
        "{said}"
    );
    assert!(!set_file(&office).exists(), "nothing stored");
}

#[test]
fn a_set_file_travels_and_is_checked_before_it_is_used() {
    let office = office_with_claims();
    let bytes = std::fs::read(set_file(&office)).expect("set");
    // Another department's machine reads the set the office sent.
    let other = Office::new();
    std::fs::write(other.path("set.json"), &bytes).expect("write");
    let said = other.ok(&["selfcheck", "import", "--rubric", "suizhou-2022", "set.json"]);
    assert!(said.contains("曾都区") && said.contains("随县"), "{said}");
    assert_eq!(set(&other), set(&office));
    // A claim the rule cannot give, edited into the file, is refused whole.
    let mut edited: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    edited["districts"]["曾都区"]["1.1.3#1"]["score"] = "7".into();
    std::fs::write(other.path("edited.json"), edited.to_string()).expect("write");
    let out = other.run(&["selfcheck", "import", "--rubric", "suizhou-2022", "edited.json"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("曾都区 1.1.3#1: 7 超出范围 0..1"));
    // The schema holds for the set written, and refuses the edited claim's shape.
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../schemas/selfcheck.schema.json")).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let written: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    let problems: Vec<String> = validator.iter_errors(&written).map(|e| e.to_string()).collect();
    assert!(problems.is_empty(), "{problems:?}");
    let mut odd = written.clone();
    odd["districts"]["曾都区"]["1.1.3#1"]["score"] = serde_json::json!(0.5);
    assert!(!validator.is_valid(&odd), "a float is no decimal string");
}

/// 随县's sheet claims 0.8 on 1.1.3#2; the walk goes there.
fn at_suixian(office: &Office) -> Workbench {
    let mut wb = open(office);
    wb.feed("]").unwrap();
    assert_eq!(wb.app.session().unwrap().district_name(), "随县");
    wb
}

#[test]
fn a_lowered_claim_asks_for_its_reason_and_the_difference_is_marked() {
    let office = office_with_claims();
    let mut wb = at_suixian(&office);
    // 1.1.3#1 claimed 1: typed 0.5, lower, said before Enter; the editor opens on that cell.
    wb.feed("0.5").unwrap();
    assert!(screen(&wb).contains("0.5 分（自评 1 分）"), "{}", screen(&wb));
    wb.feed("<ret>").unwrap();
    assert_eq!(cell(&wb, "随县", "1.1.3#1").score, Some(dec!(0.5)));
    let Overlay::Note { target, .. } = wb.app.overlay() else {
        panic!("the reason is asked: {:?}", wb.app.overlay());
    };
    assert_eq!(*target, (1, 0), "on the cell just scored");
    let shown = screen(&wb);
    assert!(shown.contains("低于自评（自评 1 / 评 0.5）：请写明理由"), "{shown}");
    // Esc leaves it without one; the export's confirmation lists it.
    wb.feed("<esc>").unwrap();
    assert!(
        screen(&wb).contains("自评 1 / 评 0.5"),
        "the difference in the items pane"
    );
    wb.feed("e").unwrap();
    assert!(
        screen(&wb).contains("低于自评而未写理由 1: 随县 1.1.3#1"),
        "{}",
        screen(&wb)
    );
    wb.feed("<esc>").unwrap();
    // The filter shows the cells that differ or lack a reason.
    wb.feed("FFFF").unwrap();
    assert!(status(&wb).contains("与自评不同或缺理由"), "{}", status(&wb));
    let shown = screen(&wb);
    assert!(shown.contains("1.1.3#1") && !shown.contains("1.1.3#3 "), "{shown}");
    // A score above the claim, or equal to it, asks nothing.
    wb.feed("F").unwrap();
    wb.feed("<down>1<ret>").unwrap();
    assert!(matches!(wb.app.overlay(), Overlay::None), "{:?}", wb.app.overlay());
}

#[test]
fn reasons_already_written_are_offered_filtered_and_taken_with_tab() {
    let office = office_with_claims();
    let mut wb = open(&office);
    // 曾都区 1.1.3#1 lowered with a reason.
    wb.feed("0.5<ret>").unwrap();
    wb.handle(Event::Paste("质量管理制度未按要求修订".into()));
    wb.feed("<ret>").unwrap();
    // 随县 1.1.3#1 lowered too: the reason written for 曾都区 is offered.
    wb.feed("]").unwrap();
    wb.feed("<up>").unwrap();
    while wb.app.session().unwrap().current().unwrap().key != "1.1.3#1" {
        wb.feed("<up>").unwrap();
    }
    wb.feed("0.5<ret>").unwrap();
    let shown = screen(&wb);
    assert!(shown.contains("可用的评分依据"), "{shown}");
    assert!(shown.contains("> 质量管理制度未按要求修订"), "{shown}");
    assert!(shown.contains("（曾都区）"), "{shown}");
    wb.feed("<tab><ret>").unwrap();
    assert_eq!(cell(&wb, "随县", "1.1.3#1").note, "质量管理制度未按要求修订");
    // Typed words filter them, pinyin too; the department's phrase list is offered after.
    std::fs::create_dir_all(office.path("config")).unwrap();
    std::fs::write(
        office.path("config").join("phrases.txt"),
        "印证材料不全\n会议纪要缺失\n",
    )
    .unwrap();
    drop(wb);
    let mut wb = open(&office);
    while wb.app.session().unwrap().district_name() != "广水市" {
        wb.feed("]").unwrap();
    }
    while wb.app.session().unwrap().current().unwrap().key != "1.1.3#1" {
        wb.feed("<up>").unwrap();
    }
    // 广水市 made no claim: the note key opens the editor, with the same offers.
    wb.feed("0.5<ret>i").unwrap();
    assert!(screen(&wb).contains("印证材料不全") && screen(&wb).contains("（常用语）"));
    wb.feed("hyjy").unwrap();
    let shown = screen(&wb);
    assert!(shown.contains("> 会议纪要缺失"), "{shown}");
    assert!(!shown.contains("印证材料不全"), "{shown}");
    wb.feed("<tab><ret>").unwrap();
    assert_eq!(cell(&wb, "广水市", "1.1.3#1").note, "会议纪要缺失");
}

#[test]
fn a_fill_carries_the_reason_to_the_districts_without_one_unless_told_not() {
    let mut wb = common::bench::start_in(tempfile::tempdir().unwrap().path(), "suizhou-2022", "水利");
    wb.feed("0.5<ret>").unwrap();
    wb.feed("i").unwrap();
    wb.handle(Event::Paste("制度未修订".into()));
    wb.feed("<ret>").unwrap();
    // 随县 has its own note already; it keeps it.
    wb.feed("]i").unwrap();
    wb.handle(Event::Paste("随县自己的依据".into()));
    wb.feed("<ret>[").unwrap();
    while wb.app.session().unwrap().current().unwrap().key != "1.1.3#1" {
        wb.feed("<up>").unwrap();
    }
    wb.feed("f").unwrap();
    assert!(
        screen(&wb).contains("评分依据也填入未写依据的地区：“制度未修订”"),
        "{}",
        screen(&wb)
    );
    wb.feed("<ret>").unwrap();
    assert_eq!(cell(&wb, "广水市", "1.1.3#1").note, "制度未修订");
    assert_eq!(cell(&wb, "广水市", "1.1.3#1").score, Some(dec!(0.5)));
    assert_eq!(cell(&wb, "随县", "1.1.3#1").note, "随县自己的依据");
    assert!(status(&wb).contains("评分依据一并填入 3 格"), "{}", status(&wb));
    // Undone in one step; then filled without the reason.
    wb.feed("u").unwrap();
    assert_eq!(cell(&wb, "广水市", "1.1.3#1").score, None);
    while wb.app.session().unwrap().district_name() != "曾都区" {
        wb.feed("[").unwrap();
    }
    wb.feed("fi").unwrap();
    assert!(screen(&wb).contains("评分依据不填"), "{}", screen(&wb));
    wb.feed("<ret>").unwrap();
    assert_eq!(cell(&wb, "广水市", "1.1.3#1").score, Some(dec!(0.5)));
    assert_eq!(cell(&wb, "广水市", "1.1.3#1").note, "");
}

#[test]
fn the_grid_takes_typed_scores_and_a_pasted_column_all_or_nothing() {
    let office = office_with_claims();
    let mut wb = open(&office);
    wb.feed("o").unwrap();
    let shown = screen(&wb);
    assert!(shown.contains("<=1"), "each column's maximum: {shown}");
    assert!(shown.contains("(1)"), "a claim not judged yet: {shown}");
    // Typing scores the cell under the cursor: Enter records it and goes down.
    wb.feed("0.5").unwrap();
    assert!(matches!(wb.app.overlay(), Overlay::Entry { grid: Some(_), .. }));
    assert!(
        screen(&wb).contains("分数 [0..1]：0.5  0.5 分"),
        "the preview: {}",
        screen(&wb)
    );
    wb.feed("<ret>").unwrap();
    assert_eq!(cell(&wb, "曾都区", "1.1.3#1").score, Some(dec!(0.5)));
    let Overlay::Grid(cursor) = wb.app.overlay() else {
        panic!("back to the grid: {:?}", wb.app.overlay())
    };
    assert_eq!((cursor.district, cursor.unit), (1, 0), "a district down");
    assert!(
        screen(&wb).contains("0.5/1"),
        "the difference in the grid: {}",
        screen(&wb)
    );
    // Tab records and goes a unit right; a refused value stays with its reason.
    wb.feed("1<tab>").unwrap();
    assert_eq!(cell(&wb, "随县", "1.1.3#1").score, Some(dec!(1)));
    let Overlay::Grid(cursor) = wb.app.overlay() else {
        panic!()
    };
    assert_eq!((cursor.district, cursor.unit), (1, 1));
    wb.feed("3<ret>").unwrap();
    assert!(matches!(wb.app.overlay(), Overlay::Entry { error: Some(e), .. } if e.contains("超出")));
    assert_eq!(cell(&wb, "随县", "1.1.3#2").score, None);
    wb.feed("<esc>").unwrap();
    assert!(matches!(wb.app.overlay(), Overlay::Grid(_)));

    // A column with one value refused: listed, and nothing written.
    wb.feed("<up>").unwrap();
    wb.handle(Event::Paste("1\r\n0.5\r\n7\r\n".into()));
    let shown = screen(&wb);
    assert!(shown.contains("自 曾都区 起向下，把 3 个值填入 1.1.3#2"), "{shown}");
    assert!(shown.contains("广水市  7: 7 超出范围 0..1"), "{shown}");
    assert!(shown.contains("有 1 个值不能记入，整列都不写入"), "{shown}");
    wb.feed("<ret>").unwrap();
    assert_eq!(cell(&wb, "曾都区", "1.1.3#2").score, None);
    assert_eq!(cell(&wb, "随县", "1.1.3#2").score, None);
    // All good: written as one step, one undo takes it back.
    wb.handle(Event::Paste("1\n0.5\n0.25\n".into()));
    assert!(screen(&wb).contains("随县  0.5 -> 0.5 分"), "{}", screen(&wb));
    wb.feed("<ret>").unwrap();
    assert_eq!(cell(&wb, "曾都区", "1.1.3#2").score, Some(dec!(1)));
    assert_eq!(cell(&wb, "广水市", "1.1.3#2").score, Some(dec!(0.25)));
    assert!(status(&wb).contains("已粘贴：1.1.3#2 3 格"), "{}", status(&wb));
    wb.feed("<esc>u").unwrap();
    assert_eq!(cell(&wb, "曾都区", "1.1.3#2").score, None);
    assert_eq!(cell(&wb, "广水市", "1.1.3#2").score, None);
}

mod arbitrary {
    //! Random bytes and damaged sheets at the self-assessment's door: a set
    //! of claims or faults that name the file and a row within it, never a
    //! panic; and a damaged set file is read whole or refused whole.
    use kaohe::lang::Lang;
    use kaohe::rubric::Rubric;
    use kaohe::scoring::import::SheetKind;
    use kaohe::selfcheck::sheet::read_file;
    use kaohe::selfcheck::template::template_csv;
    use proptest::collection::vec;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn suizhou() -> &'static Rubric {
        static RUBRIC: OnceLock<Rubric> = OnceLock::new();
        RUBRIC.get_or_init(|| kaohe::io::rubric_files::find("suizhou-2022").expect("bundled"))
    }

    /// 曾都区's sheet as the template writes it, with every standard unit
    /// claimed at its points.
    fn filled() -> &'static str {
        static TEXT: OnceLock<String> = OnceLock::new();
        TEXT.get_or_init(|| {
            let bytes = template_csv(suizhou(), "曾都区").expect("template");
            let text = String::from_utf8(bytes).expect("utf-8");
            super::refill_csv(&text, |fields| {
                if fields.len() == 7 && fields[3].parse::<f64>().is_ok() {
                    fields[5] = fields[3].clone();
                    fields[6] = "已完成".into();
                }
            })
        })
    }

    fn rows_of(text: &str) -> usize {
        text.lines().count() + 1
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn sheet_bytes_never_panic(bytes in vec(any::<u8>(), 0..400), workbook in any::<bool>()) {
            let kind = if workbook { SheetKind::Workbook } else { SheetKind::Csv };
            if let Err(faults) = read_file("x.csv", kind, &bytes, suizhou(), Lang::Zh) {
                prop_assert!(!faults.is_empty());
                for f in faults {
                    prop_assert!(f.words(Lang::Zh).starts_with("x.csv"), "{}", f.words(Lang::Zh));
                }
            }
        }

        #[test]
        fn a_damaged_sheet_is_read_or_its_rows_named(at in any::<prop::sample::Index>(), junk in "\\PC{1,4}", cut in any::<bool>()) {
            let text = filled();
            let chars: Vec<char> = text.chars().collect();
            let i = at.index(chars.len());
            let mut damaged: String = chars[..i].iter().collect();
            if !cut {
                damaged.push_str(&junk);
                damaged.extend(chars[i + 1..].iter());
            }
            match read_file("d.csv", SheetKind::Csv, damaged.as_bytes(), suizhou(), Lang::Zh) {
                Ok(set) => {
                    for claims in set.districts.values() {
                        for claim in claims.values() {
                            prop_assert!(claim.from.starts_with("d.csv:"));
                        }
                    }
                }
                Err(faults) => {
                    for f in faults {
                        if let Some(line) = f.line {
                            prop_assert!((1..=rows_of(&damaged)).contains(&line), "row {line}: {}", f.words(Lang::Zh));
                        }
                    }
                }
            }
        }

        #[test]
        fn a_damaged_set_is_read_whole_or_refused(at in any::<prop::sample::Index>(), byte in any::<u8>()) {
            let set = read_file("f.csv", SheetKind::Csv, filled().as_bytes(), suizhou(), Lang::Zh).expect("the filled sheet reads");
            let mut bytes = serde_json::to_vec(&set).expect("json");
            let i = at.index(bytes.len());
            bytes[i] = byte;
            if let Ok(read) = kaohe::selfcheck::read_set(&bytes, suizhou(), Lang::Zh) {
                // Whatever it holds passed the rule.
                for (district, claims) in &read.districts {
                    prop_assert!(suizhou().districts.contains(district));
                    prop_assert!(claims.len() <= set.districts.values().map(|c| c.len()).sum::<usize>());
                }
            }
        }
    }
}

#[test]
fn n_goes_to_the_next_claim_not_judged_and_a_typed_out_column_is_a_paste() {
    let office = office_with_claims();
    let mut wb = open(&office);
    while wb.app.session().unwrap().district_name() != "广水市" {
        wb.feed("]").unwrap();
    }
    // 广水市 made no claim: n passes its unscored cells for a claim to judge.
    wb.feed("n").unwrap();
    let s = wb.app.session().unwrap();
    assert_ne!(s.district_name(), "广水市", "{}", status(&wb));
    assert!(s.claim(s.district, s.current().unwrap()).is_some());
    // A terminal without bracketed paste types a column out: a burst over the grid.
    wb.feed("o<home>").unwrap();
    while !matches!(wb.app.overlay(), Overlay::Grid(c) if c.district == 0) {
        wb.feed("<up>").unwrap();
    }
    wb.feed_burst("1<ret>0.5<ret>").unwrap();
    assert!(screen(&wb).contains("把 2 个值填入"), "{}", screen(&wb));
    wb.feed("<ret>").unwrap();
    let Overlay::Grid(cursor) = wb.app.overlay() else {
        panic!()
    };
    let unit = wb.app.session().unwrap().units[cursor.unit].key.clone();
    assert_eq!(cell(&wb, "随县", &unit).score, Some(dec!(0.5)));
    // Two columns are refused, nothing written.
    wb.handle(Event::Paste("1\t1\n0\t0\n".into()));
    assert!(status(&wb).contains("一次只能粘贴一列"), "{}", status(&wb));
    assert!(matches!(wb.app.overlay(), Overlay::Grid(_)));
}

#[test]
fn a_sheet_saved_as_unicode_text_reads_as_its_csv() {
    use kaohe::scoring::import::SheetKind;
    use kaohe::selfcheck::sheet::read_file;
    use kaohe::selfcheck::template::template_csv;
    let rubric = kaohe::io::rubric_files::find("suizhou-2022").expect("bundled");
    let text = String::from_utf8(template_csv(&rubric, "随县").expect("template")).expect("utf-8");
    let filled = refill_csv(&text, |fields| {
        if fields.first().map(String::as_str) == Some("1.1.3#4") {
            fields[5] = "１.２５".into();
            fields[6] = "已完成".into();
        }
    });
    // Excel's "Unicode text": UTF-16 with its mark, tabs between the cells.
    let mut tabbed = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .flexible(true)
        .from_writer(Vec::new());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(filled.as_bytes());
    for record in reader.records() {
        tabbed.write_record(&record.expect("row")).expect("row");
    }
    let tabbed = String::from_utf8(tabbed.into_inner().expect("tsv")).expect("utf-8");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(tabbed.encode_utf16().flat_map(u16::to_le_bytes));
    let set = read_file("随县.txt", SheetKind::Csv, &bytes, &rubric, kaohe::lang::Lang::Zh).unwrap_or_else(|e| {
        panic!(
            "{:?}",
            e.iter().map(|e| e.words(kaohe::lang::Lang::Zh)).collect::<Vec<_>>()
        )
    });
    let claim = &set.districts["随县"]["1.1.3#4"];
    assert_eq!(
        claim.score,
        Some(dec!(1.25)),
        "full-width digits as an input method types them"
    );
    assert_eq!(claim.reason, "已完成");
}
