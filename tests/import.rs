//! `kaohe import`: a department's scores from CSV or XLSX into its draft.
//! Every bad row is named, and a file with any bad row imports nothing.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::commands::import;
use kaohe::config::Dirs;
use kaohe::io::drafts::DraftStore;
use kaohe::scoring::draft::Cell;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::{Path, PathBuf};

const TRANSPORT: &str = "市交通运输局";

struct Env {
    root: tempfile::TempDir,
    dirs: Dirs,
}

fn env() -> Env {
    let root = tempfile::tempdir().expect("temp");
    let dirs = Dirs::at(root.path().join("config"), root.path().join("data"));
    Env { root, dirs }
}

impl Env {
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.root.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    fn import(&self, file: &Path) -> (i32, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        // In English: these tests read the words; tests/snapshot_language.rs the Chinese.
        let args = import::ImportArgs {
            lang: kaohe::lang::Lang::En,
            rubric: "suizhou-2022",
            dept: Some("交通"),
            file,
            scorer: Some("李四"),
        };
        let code = import::run(&args, &self.dirs, &mut out, &mut err).expect("io");
        (
            code,
            String::from_utf8_lossy(&out).into(),
            String::from_utf8_lossy(&err).into(),
        )
    }

    fn cell(&self, district: &str, unit: &str) -> Option<Cell> {
        let draft = DraftStore::new(&self.dirs.data)
            .load("suizhou-2022", TRANSPORT)
            .expect("load")?;
        draft.cell(district, unit).cloned()
    }

    fn draft_exists(&self) -> bool {
        DraftStore::new(&self.dirs.data)
            .path("suizhou-2022", TRANSPORT)
            .exists()
    }
}

fn score(env: &Env, district: &str, unit: &str) -> Option<Decimal> {
    env.cell(district, unit).and_then(|c| c.score)
}

#[test]
fn csv_by_id_and_by_text() {
    let env = env();
    let file = env.file(
        "scores.csv",
        "district,item,score,note\n\
         曾都区,1.1.6,0.75,通报已下发\n\
         随县,1.1.6,1,\n\
         曾都区,加强交通领域质量管理。（0.5分）,0.5,\n\
         曾都区,1.2.5,0.25,发生较大事故一次\n",
    );
    let (code, out, err) = env.import(&file);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("imported 4 rows (4 scores, 2 notes)"), "{out}");
    assert!(out.contains("4 of 40 cells of 市交通运输局 are now scored"), "{out}");
    assert_eq!(score(&env, "曾都区", "1.1.6"), Some(dec!(0.75)));
    assert_eq!(env.cell("曾都区", "1.1.6").map(|c| c.note), Some("通报已下发".into()));
    assert_eq!(score(&env, "随县", "1.1.6"), Some(dec!(1)));
    assert_eq!(
        score(&env, "曾都区", "4.1.5"),
        Some(dec!(0.5)),
        "found by its exact text"
    );
    assert_eq!(
        score(&env, "曾都区", "1.2.5"),
        Some(dec!(-0.25)),
        "a deduction's amount is stored negative"
    );
}

#[test]
fn chinese_headers_in_any_order_and_a_bom() {
    let env = env();
    let file = env.file(
        "scores.csv",
        "\u{feff}得分,区县,备注,项目,联系人\n0.5,广水市,好,4.1.5,王\n",
    );
    let (code, out, err) = env.import(&file);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ignored columns: 联系人"), "{out}");
    assert_eq!(score(&env, "广水市", "4.1.5"), Some(dec!(0.5)));
}

#[test]
fn xlsx_with_number_and_text_cells() {
    let env = env();
    let path = env.root.path().join("scores.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["district", "item", "score", "note"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("cell");
    }
    sheet.write_string(1, 0, "曾都区").expect("cell");
    sheet.write_string(1, 1, "3.2.4#1").expect("cell");
    sheet.write_number(1, 2, 0.75).expect("cell");
    sheet.write_string(2, 0, "随县").expect("cell");
    sheet.write_string(2, 1, "1.1.6").expect("cell");
    sheet.write_string(2, 2, "1.1").expect("cell");
    sheet.write_string(2, 3, "满意度80分以上").expect("cell");
    sheet.write_string(3, 0, "广水市").expect("cell");
    sheet.write_string(3, 1, "1.1.6").expect("cell");
    sheet.write_number(3, 2, 0.333).expect("cell"); // a real third decimal place
    sheet.write_string(4, 0, "随州高新区").expect("cell");
    sheet.write_string(4, 1, "1.1.6").expect("cell");
    sheet.write_number(4, 2, 0.1 + 0.2).expect("cell"); // 0.30000000000000004: a float's artifact, read as 0.3
    book.save(&path).expect("save");
    let (code, _, err) = env.import(&path);
    assert_eq!(code, 1);
    assert!(
        err.contains("scores.xlsx:row 4: column score: \"0.333\": more than 2 decimal places"),
        "{err}"
    );
    assert!(!err.contains("row 5"), "the float's artifact is no error: {err}");
    assert!(!env.draft_exists(), "nothing imported");

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["区县", "项目", "得分"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("cell");
    }
    sheet.write_string(1, 0, "曾都区").expect("cell");
    sheet.write_string(1, 1, "3.2.4#1").expect("cell");
    sheet.write_number(1, 2, 0.75).expect("cell");
    sheet.write_string(2, 0, "随县").expect("cell");
    sheet.write_string(2, 1, "1.1.6").expect("cell");
    sheet.write_number(2, 2, 1.1).expect("cell");
    book.save(&path).expect("save");
    let (code, _, err) = env.import(&path);
    assert_eq!(code, 0, "{err}");
    assert_eq!(score(&env, "曾都区", "3.2.4#1"), Some(dec!(0.75)));
    assert_eq!(score(&env, "随县", "1.1.6"), Some(dec!(1.1)));
}

#[test]
fn every_bad_row_is_named_and_nothing_is_imported() {
    let env = env();
    let file = env.file(
        "bad.csv",
        "district,item,score,note\n\
         曾都区,1.1.6,0.5,\n\
         洛阳市,1.1.6,0.5,\n\
         曾都区,1.1.3,4,\n\
         随县,1.1.6,1.5,\n\
         广水市,1.1.6,0.555,\n\
         随州高新区,1.1.6,良好,\n\
         曾都区,1.1.6,0.25,\n\
         随县,9.9.9,1,\n",
    );
    let (code, _, err) = env.import(&file);
    assert_eq!(code, 1);
    for expected in [
        "bad.csv:row 3: column district: \"洛阳市\": not a district of suizhou-2022",
        "bad.csv:row 4: column item: \"1.1.3\": 1.1.3 is scored by 市水利和湖泊局, not by 市交通运输局",
        "bad.csv:row 5: column score: \"1.5\": 1.5 is outside 0..1.25",
        "bad.csv:row 6: column score: \"0.555\": more than 2 decimal places",
        "bad.csv:row 7: column score: \"良好\": not a number",
        "bad.csv:row 8: column item: \"1.1.6\": 曾都区 / 1.1.6 is already in row 2",
        "bad.csv:row 9: column item: \"9.9.9\": no item of suizhou-2022 has this id or text",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(err.contains("7 of 8 rows are wrong; nothing was imported"), "{err}");
    assert!(!err.contains("row 2:"), "the good row is not reported: {err}");
    assert!(!env.draft_exists(), "nothing was written");
}

#[test]
fn a_missing_header_says_what_is_expected() {
    let env = env();
    let file = env.file("noheader.csv", "曾都区,1.1.4,0.5\n");
    let (code, _, err) = env.import(&file);
    assert_eq!(code, 1);
    assert!(
        err.contains("the first row must name the columns district, item, score"),
        "{err}"
    );
    assert!(err.contains("missing: district, item, score"), "{err}");
    let file = env.file("empty.csv", "district,item,score\n\n");
    let (_, _, err) = env.import(&file);
    assert!(err.contains("no rows of scores under the header"), "{err}");
}

#[test]
fn other_cells_of_the_draft_are_kept_and_a_changed_score_drops_its_helper_input() {
    let env = env();
    let store = DraftStore::new(&env.dirs.data);
    let hash = kaohe::rubric::hash::rubric_hash(&kaohe::io::rubric_files::find("suizhou-2022").expect("rubric"));
    let mut draft = kaohe::scoring::draft::Draft::new("suizhou-2022", &hash, TRANSPORT, "李四");
    draft.set_cell(
        "曾都区",
        "4.1.5",
        Cell {
            score: Some(dec!(0.5)),
            note: "已有".into(),
            ..Cell::default()
        },
    );
    draft.set_cell(
        "随县",
        "1.2.5",
        Cell {
            score: Some(dec!(-0.25)),
            input: Some(kaohe::scoring::draft::HelperInput::PerEvent {
                counts: vec![1, 0],
                events: vec![],
            }),
            ..Cell::default()
        },
    );
    store.save(&draft).expect("save");
    let file = env.file("more.csv", "district,item,score\n随县,1.2.5,1\n曾都区,4.1.5,0.5\n");
    let (code, out, err) = env.import(&file);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 cells changed, 1 unchanged"), "{out}");
    assert_eq!(env.cell("曾都区", "4.1.5").map(|c| c.note), Some("已有".into()), "kept");
    let changed = env.cell("随县", "1.2.5").expect("cell");
    assert_eq!(changed.score, Some(dec!(-1)));
    assert_eq!(changed.input, None, "the old event counts no longer explain the score");
}

#[test]
fn a_draft_open_in_the_workbench_is_not_touched() {
    let env = env();
    let _held = DraftStore::new(&env.dirs.data)
        .lock("suizhou-2022", TRANSPORT, "王五")
        .expect("lock");
    let file = env.file("scores.csv", "district,item,score\n曾都区,1.1.4,1\n");
    let (code, _, err) = env.import(&file);
    assert_eq!(code, 1);
    assert!(err.contains("王五") && err.contains("close the workbench"), "{err}");
}

#[test]
fn a_file_that_is_neither_csv_nor_xlsx() {
    let env = env();
    let file = env.file("scores.pdf", "%PDF");
    let (_, _, err) = env.import(&file);
    assert!(err.contains("kaohe imports .csv and .xlsx files"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever bytes a .csv holds, reading and importing it ends in a
    /// result or a message, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let env = env();
        let path = env.root.path().join("fuzz.csv");
        let mut text = b"district,item,score,note\n".to_vec();
        text.extend_from_slice(&bytes);
        std::fs::write(&path, &bytes).expect("write");
        let _ = env.import(&path);
        std::fs::write(&path, &text).expect("write");
        let _ = env.import(&path);
    }
}

#[test]
fn a_template_imports_back_unchanged_and_its_filled_rows_are_scores() {
    let env = env();
    let rubric = kaohe::io::rubric_files::find("suizhou-2022").expect("rubric");
    let (bytes, cells) = kaohe::commands::template::template_csv(&rubric, "市交通运输局").expect("template");
    assert_eq!(cells, 40, "5 districts x 8 units");
    let blank = String::from_utf8(bytes).expect("utf-8");
    // Blank, it changes nothing.
    let file = env.file("blank.csv", &blank);
    let (code, out, err) = env.import(&file);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("40 blank rows skipped") && out.contains("0 cells changed"),
        "{out}"
    );
    assert!(
        !out.contains("ignored columns"),
        "the template's 内容 column is its own: {out}"
    );
    assert_eq!(score(&env, "曾都区", "1.1.6"), None);
    // Two rows filled in, as in a spreadsheet.
    let filled =
        blank
            .replacen("曾都区,1.1.6,,,", "曾都区,1.1.6,1,已整改,", 1)
            .replacen("随县,1.2.5,,,", "随县,1.2.5,0.25,", 1);
    let file = env.file("filled.csv", &filled);
    let (code, out, err) = env.import(&file);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("imported 2 rows") && out.contains("38 blank rows skipped"),
        "{out}"
    );
    assert_eq!(score(&env, "曾都区", "1.1.6"), Some(dec!(1)));
    assert_eq!(env.cell("曾都区", "1.1.6").map(|c| c.note), Some("已整改".into()));
    assert_eq!(score(&env, "随县", "1.2.5"), Some(dec!(-0.25)));
}

#[test]
fn the_department_prints_its_own_draft_as_a_sheet() {
    let env = env();
    let file = env.file("f.csv", "区县,项目,得分,备注\n曾都区,1.1.6,1,已整改\n");
    assert_eq!(env.import(&file).0, 0);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    for name in ["sheet.csv", "sheet.xlsx"] {
        let path = env.root.path().join(name);
        let code = kaohe::commands::draft::sheet(
            kaohe::lang::Lang::Zh,
            "suizhou-2022",
            Some("交通"),
            Some(&path),
            &env.dirs,
            &mut out,
            &mut err,
        )
        .expect("io");
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
        assert!(path.exists(), "{name}");
    }
    let csv = std::fs::read_to_string(env.root.path().join("sheet.csv")).expect("csv");
    assert!(csv.contains("草稿（未签名"), "marked as an unsigned draft");
    assert!(csv.contains("曾都区,1.1.6,1,,已整改,"), "{csv}");
    assert!(csv.contains("曾都区,小计,1,,满分 4.75，已评 1/8 格"), "{csv}");
}

/// Finding 11 of the office's issue: a CSV as Excel or WPS saves it on a
/// Chinese system (GBK, CRLF, no mark), "Unicode text" (UTF-16 with its
/// mark, tab-separated), a semicolon-separated one, and one with a title
/// row above the header, all import.
#[test]
fn chinese_spreadsheets_as_excel_and_wps_save_them() {
    let sheets: Vec<(&str, Vec<u8>)> = vec![
        ("gbk.csv", {
            let text = "区县,项目,得分,备注\r\n曾都区,1.1.6,1,已整改\r\n";
            encoding_rs::GBK.encode(text).0.into_owned()
        }),
        ("unicode.csv", {
            let text = "区县\t项目\t得分\t备注\r\n曾都区\t1.1.6\t1\t已整改\r\n";
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }),
        (
            "semicolon.csv",
            "区县;项目;得分;备注\n曾都区;1.1.6;1;已整改\n".as_bytes().to_vec(),
        ),
        (
            "titled.csv",
            "随州市交通运输局 2022 年评分表,,,\n区县,项目,得分,备注\n曾都区,1.1.6,1,已整改\n"
                .as_bytes()
                .to_vec(),
        ),
    ];
    for (name, bytes) in sheets {
        let env = env();
        let path = env.root.path().join(name);
        std::fs::write(&path, &bytes).expect("write");
        let (code, out, err) = env.import(&path);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(out.contains("imported 1 rows"), "{name}: {out}");
        assert_eq!(score(&env, "曾都区", "1.1.6"), Some(dec!(1)), "{name}");
        assert_eq!(
            env.cell("曾都区", "1.1.6").map(|c| c.note),
            Some("已整改".into()),
            "{name}"
        );
    }
}

#[test]
fn bytes_that_are_no_known_text_are_refused_with_what_to_do() {
    let env = env();
    let path = env.root.path().join("binary.csv");
    std::fs::write(&path, [0x81u8, 0x20, 0xFF, 0xFF, 0x30]).expect("write");
    let (code, _, err) = env.import(&path);
    assert_ne!(code, 0);
    assert!(err.contains("CSV UTF-8"), "{err}");
}

/// Full-width digits as an input method types them, and a float a sheet
/// computed, read as the score meant; 序号 is no item column.
#[test]
fn full_width_digits_and_float_artifacts_read_as_the_score_meant() {
    let env = env();
    let file = env.file(
        "f.csv",
        "序号,区县,项目,得分\n1,曾都区,1.1.6,０.５\n2,随县,1.1.6,0.30000000000000004\n3,广水市,1.1.6,0.333\n",
    );
    let (code, out, err) = env.import(&file);
    assert_ne!(code, 0, "0.333 is a real third decimal, refused: {out}");
    assert!(err.contains("row 4") && err.contains("0.333"), "{err}");
    let file = env.file(
        "g.csv",
        "序号,区县,项目,得分\n1,曾都区,1.1.6,０.５\n2,随县,1.1.6,0.30000000000000004\n",
    );
    let (code, out, err) = env.import(&file);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("imported 2 rows"), "{out}");
    assert_eq!(score(&env, "曾都区", "1.1.6"), Some(dec!(0.5)));
    assert_eq!(score(&env, "随县", "1.1.6"), Some(dec!(0.3)));
}

/// An .xlsx as an office lays one out: the district's name in one cell
/// merged down over its items' rows, and a score column the sheet computes
/// (one with a float artifact). Merged cells mean their value in every row
/// they cover; a computed cell counts with the value the file stores.
#[test]
fn an_xlsx_with_merged_district_cells_and_a_computed_score_column() {
    use rust_xlsxwriter::{Format, Formula, Workbook};
    let env = env();
    let path = env.root.path().join("merged.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, title) in ["区县", "项目", "扣分次数", "得分", "备注"].iter().enumerate() {
        ws.write_string(0, c as u16, *title).expect("header");
    }
    ws.merge_range(1, 0, 3, 0, "曾都区", &Format::new()).expect("merge");
    ws.merge_range(4, 0, 5, 0, "随县", &Format::new()).expect("merge");
    let rows = [
        ("1.1.4#1", 1, "=0.5-0.1*C2", "0.4", "台账"),
        ("1.1.4#2", 0, "=0.7-0.3", "0.39999999999999997", ""),
        ("1.1.6", 0, "=1", "1", ""),
        ("1.1.4#1", 2, "=0.5-0.1*C5", "0.3", ""),
        ("1.1.6", 0, "=0.5", "0.5", "已整改"),
    ];
    for (i, (item, count, formula, result, note)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 1, *item).expect("item");
        ws.write_number(r, 2, f64::from(*count)).expect("count");
        ws.write_formula(r, 3, Formula::new(*formula).set_result(*result))
            .expect("formula");
        if !note.is_empty() {
            ws.write_string(r, 4, *note).expect("note");
        }
    }
    book.save(&path).expect("save");
    let (code, out, err) = env.import(&path);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("imported 5 rows"), "{out}");
    assert_eq!(score(&env, "曾都区", "1.1.4#1"), Some(dec!(0.4)));
    assert_eq!(
        score(&env, "曾都区", "1.1.4#2"),
        Some(dec!(0.4)),
        "0.30000000000000004 is 0.3"
    );
    assert_eq!(
        score(&env, "曾都区", "1.1.6"),
        Some(dec!(1)),
        "the merged name covers row 4"
    );
    assert_eq!(score(&env, "随县", "1.1.4#1"), Some(dec!(0.3)));
    assert_eq!(env.cell("随县", "1.1.6").map(|c| c.note), Some("已整改".into()));
}

/// A formula whose value the file does not hold (a sheet generated by a
/// program, or saved by one that does not compute) is refused naming its
/// cell, in the score column and in the note column alike; before, the row
/// imported "successfully" as nothing.
#[test]
fn a_formula_cell_without_a_value_is_refused_naming_the_cell() {
    use rust_xlsxwriter::{Formula, Workbook};
    use std::io::{Read, Write};
    let env = env();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, title) in ["区县", "项目", "得分", "备注"].iter().enumerate() {
        ws.write_string(0, c as u16, *title).expect("header");
    }
    ws.write_string(1, 0, "曾都区").expect("district");
    ws.write_string(1, 1, "1.1.6").expect("item");
    ws.write_formula(1, 2, Formula::new("=B9*0.1").set_result("NO-VALUE"))
        .expect("formula");
    ws.write_string(1, 3, "材料齐全").expect("note");
    ws.write_string(2, 0, "随县").expect("district");
    ws.write_string(2, 1, "1.1.6").expect("item");
    ws.write_number(2, 2, 1.0).expect("score");
    ws.write_formula(2, 3, Formula::new("=E3").set_result("NO-VALUE"))
        .expect("formula");
    let bytes = book.save_to_buffer().expect("save");
    // Take the stored values out, as a generator that never computes writes it.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read");
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(data).expect("xml");
            assert!(xml.contains("<v>NO-VALUE</v>"), "{xml}");
            data = xml
                .replace(" t=\"str\"", "")
                .replace("<v>NO-VALUE</v>", "")
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&data).expect("write");
    }
    let path = env.root.path().join("unsaved.xlsx");
    std::fs::write(&path, out.finish().expect("finish").into_inner()).expect("write");
    let (code, out, err) = env.import(&path);
    assert_ne!(code, 0, "{out}");
    assert!(
        err.contains("row 2: column score") && err.contains("C2: =B9*0.1") && err.contains("no value saved"),
        "{err}"
    );
    assert!(err.contains("row 3: column note") && err.contains("D3: =E3"), "{err}");
    assert_eq!(env.cell("曾都区", "1.1.6"), None, "nothing was imported");
}

/// Excel writes CSV lines ending in \r\n: an error names the row the sheet
/// shows, as for \n, with a title row, a blank row and a cell holding a
/// line break above it.
#[test]
fn csv_rows_are_numbered_as_the_sheet_shows_them() {
    for (name, text) in [
        ("lf.csv", "区县,项目,得分\n曾都区,1.1.6,1\n随县,1.1.6,99\n"),
        ("crlf.csv", "区县,项目,得分\r\n曾都区,1.1.6,1\r\n随县,1.1.6,99\r\n"),
        (
            "busy.csv",
            "交通局评分表,,,\r\n\r\n区县,项目,得分,备注\r\n曾都区,1.1.6,1,\"两行\r\n备注\"\r\n随县,1.1.6,99,\r\n",
        ),
    ] {
        let env = env();
        let (code, _, err) = env.import(&env.file(name, text));
        assert_ne!(code, 0);
        let row = if name == "busy.csv" { 5 } else { 3 };
        assert!(
            err.contains(&format!("row {row}: column score: \"99\"")),
            "{name}: {err}"
        );
    }
}

/// Issue 25 finding 6: a workbook whose first sheet is hidden (an old copy
/// with other scores) is read from its first visible sheet, and the import
/// names the sheet it read and the hidden one it passed over.
#[test]
fn a_hidden_first_sheet_is_passed_over_and_the_sheet_read_is_named() {
    use rust_xlsxwriter::Workbook;
    let env = env();
    let path = env.root.path().join("hidden.xlsx");
    let mut book = Workbook::new();
    for (name, score) in [("旧稿", "1"), ("评分", "0.5")] {
        let ws = book.add_worksheet().set_name(name).expect("name");
        for (c, text) in ["区县", "项目", "得分"].iter().enumerate() {
            ws.write_string(0, c as u16, *text).expect("header");
        }
        for (c, text) in ["曾都区", "1.1.6", score].iter().enumerate() {
            ws.write_string(1, c as u16, *text).expect("row");
        }
    }
    book.worksheet_from_index(0).expect("first").set_hidden(true);
    book.worksheet_from_index(1).expect("second").set_active(true);
    book.save(&path).expect("save");
    let (code, out, err) = env.import(&path);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        score(&env, "曾都区", "1.1.6"),
        Some(dec!(0.5)),
        "the visible sheet's score"
    );
    assert!(
        out.contains("sheet read: 评分") && out.contains("passed over: 旧稿"),
        "{out}"
    );

    // Every sheet hidden (Excel keeps one visible; a crafted file need
    // not): nothing is read, and the sheets are named.
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("评分")
        .expect("name")
        .write_string(0, 0, "区县")
        .expect("cell");
    book.add_worksheet().set_name("备用").expect("name");
    let bytes = book.save_to_buffer().expect("bytes");
    let mut workbook_xml = String::new();
    std::io::Read::read_to_string(
        &mut zip::ZipArchive::new(std::io::Cursor::new(&bytes))
            .expect("zip")
            .by_name("xl/workbook.xml")
            .expect("workbook.xml"),
        &mut workbook_xml,
    )
    .expect("read");
    let all_hidden = workbook_xml.replace("<sheet name=", "<sheet state=\"hidden\" name=");
    let only_hidden = env.root.path().join("all-hidden.xlsx");
    std::fs::write(
        &only_hidden,
        with_part(&bytes, "xl/workbook.xml", all_hidden.as_bytes()),
    )
    .expect("write");
    let (code, _, err) = env.import(&only_hidden);
    assert_ne!(code, 0);
    assert!(
        err.contains("every worksheet is hidden") && err.contains("评分"),
        "{err}"
    );
}

/// An .xlsx rebuilt with one part replaced, as a hostile file would be.
fn with_part(xlsx: &[u8], part: &str, text: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("zip");
    let mut to = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..from.len() {
        let mut entry = from.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        to.start_file(name.as_str(), deflated).expect("start");
        to.write_all(if name == part { text } else { &bytes }).expect("write");
    }
    to.finish().expect("finish").into_inner()
}

/// Issue 25 finding 2: workbooks a few KB long that ask for gigabytes are
/// refused at once, naming the sheet or part and the limit, for both
/// `kaohe import` and `kaohe rubric import`: a cell far from the table
/// (XFD30000 took 74 s and 20 GB; XFD1048576 aborted kaohe), a shared-string
/// count of a trillion, and a part that unpacks past its bound.
#[test]
fn a_small_workbook_asking_for_gigabytes_is_refused_naming_the_limit() {
    use rust_xlsxwriter::Workbook;
    let env = env();
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("评分").expect("name");
    for (c, text) in ["区县", "项目", "得分"].iter().enumerate() {
        ws.write_string(0, c as u16, *text).expect("header");
    }
    ws.write_string(1, 0, "曾都区").expect("row");
    ws.write_string(1, 1, "1.1.6").expect("row");
    ws.write_string(1, 2, "1").expect("row");
    let plain = book.save_to_buffer().expect("bytes");
    ws_far(&mut book);
    let far = book.save_to_buffer().expect("bytes");
    assert!(far.len() < 20_000, "{} bytes", far.len());
    let bomb = b"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1000000000000\" uniqueCount=\"1000000000000\"><si><t>x</t></si></sst>";
    let strings = with_part(&plain, "xl/sharedStrings.xml", bomb);
    let huge = with_part(&plain, "xl/sharedStrings.xml", &vec![b' '; 65 * 1024 * 1024]);
    assert!(huge.len() < 1024 * 1024, "{} bytes", huge.len());
    // `kaohe import` is run here in English; `rubric import` speaks Chinese.
    for (name, bytes, says, chinese) in [
        ("far.xlsx", &far, "spans A1 to XFD30000", "延伸到 XFD30000"),
        (
            "strings.xlsx",
            &strings,
            "declares 1000000000000 distinct strings",
            "声明了 1000000000000 个不同的文字",
        ),
        (
            "huge.xlsx",
            &huge,
            "xl/sharedStrings.xml unpacks to at least",
            "xl/sharedStrings.xml 解压后至少",
        ),
    ] {
        let path = env.root.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let (code, _, err) = env.import(&path);
        assert_ne!(code, 0, "{name}");
        assert!(err.contains(says), "{name}: {err}");
        assert!(!env.draft_exists(), "{name}: nothing stored");
        let rubric = kaohe::io::rubric_tables::read_document(name, bytes).expect_err(name);
        assert!(rubric.contains(chinese), "{name}: {rubric}");
    }
    // The same workbook without the stray cell imports.
    let path = env.root.path().join("plain.xlsx");
    std::fs::write(&path, &plain).expect("write");
    assert_eq!(env.import(&path).0, 0);
}

/// The cell a hostile file puts far from its table.
fn ws_far(book: &mut rust_xlsxwriter::Workbook) {
    let ws = book.worksheet_from_index(0).expect("sheet");
    ws.write_string(29_999, 16_383, "x").expect("far cell");
}

/// Issue 25 finding 10: a sheet of many wrong rows lists the first hundred
/// and counts the rest, instead of printing every one (a million rows
/// printed 170 MB).
#[test]
fn many_wrong_rows_are_listed_a_hundred_and_counted() {
    let env = env();
    let mut text = String::from("district,item,score\n");
    for _ in 0..5_000 {
        text.push_str("洛阳市,1.1.6,0.5\n");
    }
    let file = env.file("many.csv", &text);
    let (code, _, err) = env.import(&file);
    assert_eq!(code, 1);
    assert!(err.contains("5000 of 5000 rows are wrong"), "{}", &err[..300]);
    assert_eq!(err.matches("not a district of suizhou-2022").count(), 100);
    assert!(
        err.contains("and 4900 more errors not listed"),
        "{}",
        &err[err.len() - 300..]
    );
    // A hundred lines, each naming the file (longer on Windows: C:\\users\\…).
    assert!(err.len() < 40_000, "{} bytes", err.len());
}

/// Issue 25 finding 10: the template's district names are made inert like
/// every other cell kaohe writes to CSV (a rubric naming a district
/// `=HYPERLINK(…)` ran it in LibreOffice), and read back as written; and
/// `template --out` refuses to write through a symbolic link.
#[test]
fn the_template_neutralises_district_names_and_never_writes_through_a_link() {
    let mut rubric = kaohe::io::rubric_files::find("suizhou-2022").expect("rubric");
    rubric.districts[0] = "=HYPERLINK(\"http://x\",\"曾都区\")".into();
    let (bytes, _) = kaohe::commands::template::template_csv(&rubric, "市交通运输局").expect("template");
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(
        !text.lines().any(|l| l.starts_with('=') || l.starts_with("\"=")),
        "{text}"
    );
    assert!(text.contains("'=HYPERLINK"), "{text}");

    #[cfg(unix)]
    {
        let env = env();
        let elsewhere = env.root.path().join("elsewhere.txt");
        std::fs::write(&elsewhere, "mine").expect("write");
        let link = env.root.path().join("t.csv");
        std::os::unix::fs::symlink(&elsewhere, &link).expect("link");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = kaohe::commands::template::run(
            kaohe::lang::Lang::En,
            "suizhou-2022",
            Some("交通"),
            Some(&link),
            &mut out,
            &mut err,
        )
        .expect("io");
        assert_ne!(code, 0);
        assert!(
            String::from_utf8_lossy(&err).contains("symbolic link"),
            "{}",
            String::from_utf8_lossy(&err)
        );
        assert_eq!(std::fs::read_to_string(&elsewhere).expect("read"), "mine");
    }
}

/// Issue 25 finding 10: re-import could not clear a score or a note (a
/// blank cell leaves the draft's as it is, rightly: a template's unfilled
/// cells). `清除` (or `clear`) in the score or note column empties it, the
/// summary counts it, and the cell goes when nothing is left.
#[test]
fn a_reimport_clears_a_score_or_a_note_with_the_clear_word() {
    let env = env();
    let first = env.file(
        "first.csv",
        "district,item,score,note\n曾都区,1.1.6,0.75,通报已下发\n随县,1.1.6,1,说明\n广水市,1.1.6,0.5,留着\n",
    );
    assert_eq!(env.import(&first).0, 0);
    let again = env.file(
        "again.csv",
        "district,item,score,note\n曾都区,1.1.6,清除,\n随县,1.1.6,,clear\n广水市,1.1.6,CLEAR,清除\n",
    );
    let (code, out, err) = env.import(&again);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 scores and 2 notes cleared"), "{out}");
    let zengdu = env.cell("曾都区", "1.1.6").expect("the note stays");
    assert_eq!((zengdu.score, zengdu.note.as_str()), (None, "通报已下发"));
    let suixian = env.cell("随县", "1.1.6").expect("the score stays");
    assert_eq!((suixian.score, suixian.note.as_str()), (Some(dec!(1)), ""));
    assert_eq!(env.cell("广水市", "1.1.6"), None, "nothing left: the cell goes");
}

/// A veto that applies keeps its reason: a row that clears only its note
/// is refused; clearing the answer with it is fine.
#[test]
fn a_vetos_reason_is_not_cleared_alone() {
    use kaohe::scoring::import::{Row, import_rows};
    let rubric = kaohe::io::rubric_files::find("huizhou-2017").expect("bundled");
    let hash = kaohe::rubric::hash::rubric_hash(&rubric);
    let mut draft = kaohe::scoring::draft::Draft::new(&rubric.id, &hash, "质监部门", "张三");
    let district = rubric.districts[0].clone();
    let row = |score: &str, note: &str| Row {
        line: 2,
        district: district.clone(),
        item: "3.1.1".into(),
        score: score.into(),
        note: note.into(),
        events: String::new(),
        score_not_text: None,
        unsaved: None,
    };
    let lang = kaohe::lang::Lang::En;
    import_rows(&rubric, "质监部门", &[row("是", "特大事故")], &mut draft, lang).expect("a veto with its reason");
    let errors = import_rows(&rubric, "质监部门", &[row("", "清除")], &mut draft, lang).expect_err("reason alone");
    assert!(errors[0].reason.contains("a veto needs its reason"), "{:?}", errors[0]);
    let errors = import_rows(&rubric, "质监部门", &[row("是", "清除")], &mut draft, lang).expect_err("no reason");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        draft.cell(&district, "3.1.1").map(|c| c.note.clone()),
        Some("特大事故".into())
    );
    import_rows(&rubric, "质监部门", &[row("清除", "清除")], &mut draft, lang).expect("withdrawn whole");
    assert_eq!(draft.cell(&district, "3.1.1"), None);
}
