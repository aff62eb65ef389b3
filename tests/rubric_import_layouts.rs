//! `kaohe rubric import` on tables laid out as offices publish them, built
//! here as Word and Excel files: the Huizhou 附件1 layout (a group's 分值
//! over indicators with their own `（N分）`, an item over two rows with a
//! department each, a veto and a deduction printed across 考核指标–分值, a
//! 备注 row), the Huiji layout (parts split among departments), a WPS
//! workbook (a title row, a two-row header, a 备注 row), words in 分值, a
//! table typed without merged cells, a three-level 指标 layout with columns
//! kept as text, and a whole notice with four attachments. Each is held to
//! a hand-written expectation: every value right or marked `# 待确认`, every
//! veto, deduction and bonus present, every department a department.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
// A layout's table is written out whole in its test, to be read as the office reads it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::too_many_lines)]

use kaohe::rubric::import::{Imported, Options, Sheet, import_notice};
use kaohe::rubric::{Kind, Rubric};
use rust_decimal::Decimal;
#[path = "common/word.rs"]
mod word;

/// A grid as the office sees it: `^` continues the cell above (merged
/// down), `<` is covered by the cell to its left (merged across).
type Grid<'a> = Vec<Vec<&'a str>>;

enum Block<'a> {
    Para(&'a str),
    Table(Grid<'a>),
}

/// The blocks as Word writes them: vMerge for `^`, gridSpan for `<`.
fn docx(blocks: &[Block<'_>]) -> Vec<u8> {
    let mut body = String::new();
    for block in blocks {
        match block {
            Block::Para(p) => body.push_str(&word::paragraphs(p)),
            Block::Table(grid) => {
                body.push_str("<w:tbl>");
                for (r, row) in grid.iter().enumerate() {
                    body.push_str("<w:tr>");
                    let mut c = 0;
                    while c < row.len() {
                        let span = row[c + 1..].iter().take_while(|t| **t == "<").count();
                        let continues = row[c] == "^";
                        let starts = !continues && grid.get(r + 1).is_some_and(|next| next.get(c) == Some(&"^"));
                        let mut pr = String::new();
                        if span > 0 {
                            pr.push_str(&format!("<w:gridSpan w:val=\"{}\"/>", span + 1));
                        }
                        if continues {
                            pr.push_str("<w:vMerge/>");
                        } else if starts {
                            pr.push_str("<w:vMerge w:val=\"restart\"/>");
                        }
                        let text = if continues || row[c].is_empty() {
                            "<w:p/>".to_string()
                        } else {
                            word::paragraphs(row[c])
                        };
                        body.push_str(&format!("<w:tc><w:tcPr>{pr}</w:tcPr>{text}</w:tc>"));
                        c += span + 1;
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    word::docx(&body)
}

/// Sheets as a spreadsheet writes them: merged ranges for `^` and `<`.
fn xlsx(sheets: &[(&str, Grid<'_>)]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let plain = Format::new();
    for (name, grid) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).expect("name");
        for (r, row) in grid.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if *text == "^" || *text == "<" {
                    continue;
                }
                let width = row[c + 1..].iter().take_while(|t| **t == "<").count();
                let height = grid[r + 1..]
                    .iter()
                    .take_while(|next| next.get(c) == Some(&"^"))
                    .count();
                let (r0, c0) = (r as u32, c as u16);
                if width > 0 || height > 0 {
                    ws.merge_range(r0, c0, r0 + height as u32, c0 + width as u16, text, &plain)
                        .expect("merge");
                } else if !text.is_empty() {
                    ws.write_string(r0, c0, *text).expect("cell");
                }
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}

fn import_file(name: &str, bytes: &[u8]) -> kaohe::rubric::import::Notice {
    let document = kaohe::io::rubric_tables::read_document(name, bytes).expect("reads");
    import_notice(
        &document.tables,
        &Options {
            id: "t-2023".into(),
            source: name.into(),
            title: document.title.clone(),
            districts: vec!["甲区".into(), "乙县".into()],
            ..Options::default()
        },
    )
}

fn main_rubric(notice: &kaohe::rubric::import::Notice) -> (&Imported, Rubric) {
    let part = notice
        .parts
        .iter()
        .find(|p| p.sheet == Sheet::Main)
        .expect("a main rubric");
    let rubric = kaohe::rubric::check_draft("t.toml", &part.imported.toml)
        .into_result()
        .unwrap_or_else(|e| panic!("{e}\n{}", part.imported.toml));
    (&part.imported, rubric)
}

fn d(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

/// What every import must hold: each department a department (no part
/// numbers, no role or collective words, no assessed places, no list
/// pieces), and a check that fails while marks remain.
fn sound(imported: &Imported, rubric: &Rubric) {
    let named = rubric
        .items
        .iter()
        .flat_map(|i| i.departments.iter().chain(i.subs.iter().flat_map(|s| &s.departments)));
    for name in named.chain(rubric.departments.iter().map(|d| &d.name)) {
        let bad = name.chars().next().is_some_and(|c| c.is_ascii_digit())
            || [
                "项由",
                "负责",
                "牵头",
                "配合",
                "各",
                "有关",
                "成员单位",
                "、",
                "，",
                "（",
                "(",
            ]
            .iter()
            .any(|w| name.contains(w));
        assert!(!bad, "“{name}” is no department\n{}", imported.toml);
    }
    assert!(
        kaohe::rubric::check("t.toml", &imported.toml).has_errors(),
        "marks left: the plain check fails"
    );
}

fn item<'a>(rubric: &'a Rubric, starts: &str) -> &'a kaohe::rubric::Item {
    rubric
        .items
        .iter()
        .find(|i| i.text.starts_with(starts))
        .unwrap_or_else(|| panic!("no item “{starts}”"))
}

/// The lines of the file around an item: its marks.
fn marks_of<'a>(imported: &'a Imported, rubric: &Rubric, starts: &str) -> Vec<&'a str> {
    let at = item(rubric, starts).line;
    let lines: Vec<&str> = imported.toml.lines().collect();
    let end = lines[at..]
        .iter()
        .position(|l| l.starts_with("[[item]]"))
        .map_or(lines.len(), |p| at + p);
    lines[at.saturating_sub(3)..end]
        .iter()
        .filter(|l| l.contains("# 待确认"))
        .copied()
        .collect()
}

const HUIZHOU_HEADER: [&str; 6] = ["考核\n内容", "考核\n指标", "考核要点", "分值", "评分标准", "牵头部门"];

fn huizhou_rows(merged: bool) -> Grid<'static> {
    // `^` where Word merges; blank where an office typed no merge.
    let m = if merged { "^" } else { "" };
    vec![
        HUIZHOU_HEADER.to_vec(),
        vec![
            "质量\n目标\n（14分）",
            "产品质量\n（8分）",
            "1．产品质量监督抽查不合格产品发现率",
            "４",
            "1．国抽发现率10%（含）以下得1分；否则不得分。\n2．省抽发现率10%（含）以下得3分；否则不得分。",
            "质监部门",
        ],
        vec![
            m,
            m,
            "2．主要农产品质量安全监测合格率",
            "4",
            "蔬菜、畜禽产品、水产品监测合格率达到96%以上的得满分；否则不得分。",
            "农业、海洋渔业部门",
        ],
        vec![
            m,
            "环境质量（6分）",
            "11．水环境质量",
            "6",
            "1．集中式饮用水源水质达标率达到100%的，得1.5分。\n2．地表水考核断面水质优良比例达到目标的，得1.5分。\n3．劣V类断面控制比例达到目标的，得1.5分。",
            "环保部门",
        ],
        vec![
            m,
            m,
            m,
            m,
            "4. 黑臭水体消除比例达到年度考核目标得1.5分。",
            "住房和城乡规划建设部门",
        ],
        vec![
            "质量\n措施\n（9分）",
            "质量发展（9分）",
            "质量工作机制",
            "3",
            "14．制定本地区实施方案并有效落实。（1分）",
            "质监、住房和城乡规划建设、商务、环保等部门",
        ],
        vec![
            m,
            m,
            m,
            m,
            "15．开展质量月、315、环保日、食品安全宣传周等活动。（2分）",
            "质监、工商、环保、食品药品监管等部门",
        ],
        vec![
            m,
            m,
            "质量提升",
            "6",
            "16．贯彻落实流通追溯体系建设工作方案。（1分）",
            "商务部门",
        ],
        vec![
            m,
            m,
            m,
            m,
            "17．强化基层农产品质量安全监管能力建设。（2分）",
            "农业部门",
        ],
        vec![
            m,
            m,
            m,
            m,
            "18．加强质量工作领导，开展质量提升行动。（1分）",
            "科技、质监、检验检疫部门",
        ],
        vec![m, m, m, m, "19．落实消费品标准和质量提升规划。（2分）", "质监部门"],
        vec![
            "否决项",
            "发生区域性、系统性质量安全事件的，考核结果一律为D级",
            "<",
            "<",
            "在考核年度内，经国务院调查认定的特别重大安全生产责任事故，判定为系统性、区域性产品质量安全事件。",
            "公安、住房和城乡规划建设、商务、安监、工商、质监等部门",
        ],
        vec![
            "扣分项",
            "扣10分",
            "<",
            "<",
            "在考核年度内，经省政府调查认定的重大安全生产责任事故（每发生1件扣10分）。",
            "^",
        ],
        vec![
            "备注：定量指标第1至第11项各县、区无需报送证明材料。",
            "<",
            "<",
            "<",
            "<",
            "<",
        ],
    ]
}

/// What the Huizhou layout must give, merged or typed without merges.
fn huizhou_expected(imported: &Imported, rubric: &Rubric) {
    sound(imported, rubric);
    assert_eq!(
        rubric.areas.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
        ["质量目标", "质量措施", "否决项", "扣分项"],
        "area names without the cell's line breaks"
    );
    assert_eq!(item(rubric, "1．产品质量").points, Some(d("4")), "full-width ４");
    // An item over two rows: four parts, the fourth row's department its own.
    let water = item(rubric, "11．水环境质量");
    assert_eq!(water.points, Some(d("6")));
    assert_eq!(water.departments, ["环保部门", "住房和城乡规划建设部门"]);
    assert_eq!(water.subs.len(), 4, "{}", imported.toml);
    assert_eq!(water.subs[3].departments, ["住房和城乡规划建设部门"]);
    assert_eq!(water.subs[0].departments, ["环保部门"]);
    // A group's 分值 over numbered indicators with their own （N分）: the
    // group is the key point (its 分值 checked against them), each
    // indicator an item with its own row's department; the level above is
    // the key point's note.
    let under = |kp: &str| -> Vec<(Option<Decimal>, Vec<String>)> {
        let id = &rubric.key_points.iter().find(|k| k.name == kp).expect("kp").id;
        rubric
            .items
            .iter()
            .filter(|i| &i.key_point == id)
            .map(|i| (i.points, i.departments.clone()))
            .collect()
    };
    let mechanism = rubric
        .key_points
        .iter()
        .find(|k| k.name == "质量工作机制")
        .expect("group");
    assert_eq!(mechanism.stated, Some(d("3")));
    assert_eq!(mechanism.note.as_deref(), Some("考核指标：质量发展（9分）"));
    let owned = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    assert_eq!(
        under("质量工作机制"),
        [
            (
                Some(d("1")),
                owned(&["质监部门", "住房和城乡规划建设部门", "商务部门", "环保部门"])
            ),
            (
                Some(d("2")),
                owned(&["质监部门", "工商部门", "环保部门", "食品药品监管部门"])
            ),
        ]
    );
    assert_eq!(
        under("质量提升"),
        [
            (Some(d("1")), owned(&["商务部门"])),
            (Some(d("2")), owned(&["农业部门"])),
            (Some(d("1")), owned(&["科技部门", "质监部门", "检验检疫部门"])),
            (Some(d("2")), owned(&["质监部门"])),
        ]
    );
    assert!(
        marks_of(imported, rubric, "18．")
            .iter()
            .any(|m| m.contains("科技、质监、检验检疫部门")),
        "the shared suffix is marked with the cell's words"
    );
    // The veto and the uncapped per-event deduction printed across columns.
    let veto = item(rubric, "发生区域性");
    assert_eq!(veto.kind, Kind::Veto);
    assert_eq!(veto.departments.len(), 6);
    assert_eq!(rubric.veto_effect.as_deref(), Some("考核结果一律为D级"));
    let deduction = item(rubric, "扣10分");
    assert_eq!(deduction.kind, Kind::Deduction);
    assert_eq!(deduction.points, None, "uncapped");
    match &deduction.helper {
        Some(kaohe::rubric::Helper::PerEvent { events, .. }) => assert_eq!(events[0].points, d("10")),
        other => panic!("per event: 10, not {other:?}"),
    }
    assert!(
        marks_of(imported, rubric, "扣10分")
            .iter()
            .any(|m| m.contains("per_event"))
    );
    assert_eq!(
        rubric.note.as_deref(),
        Some("定量指标第1至第11项各县、区无需报送证明材料。"),
        "the 备注 row is the rubric's note"
    );
    assert_eq!(
        rubric
            .items
            .iter()
            .filter(|i| i.kind == Kind::Standard)
            .map(|i| i.points.unwrap_or_default())
            .sum::<Decimal>(),
        d("23")
    );
    assert!(imported.unreadable.is_empty(), "{:?}", imported.unreadable);
    // Each item names its rows.
    assert!(imported.toml.contains(" 第4–5行\n"), "{}", imported.toml);
}

#[test]
fn the_huizhou_layout_with_group_points_and_a_veto_across_columns() {
    let mut blocks = vec![
        Block::Para("附件1"),
        Block::Para("惠州市2017年度县（区）人民政府"),
        Block::Para("质量工作考核评分细则"),
    ];
    blocks.push(Block::Table(huizhou_rows(true)));
    let notice = import_file("惠州.docx", &docx(&blocks));
    let (imported, rubric) = main_rubric(&notice);
    huizhou_expected(imported, &rubric);
    assert_eq!(
        rubric.title, "惠州市2017年度县（区）人民政府质量工作考核评分细则",
        "a title over two lines is one title"
    );
}

#[test]
fn a_table_typed_without_merged_cells_reads_as_the_merged_one() {
    let mut grid = huizhou_rows(false);
    // Typed: the department of the deduction row written again.
    let deduction = grid.iter().position(|r| r[0] == "扣分项").expect("row");
    grid[deduction][5] = "公安、住房和城乡规划建设、商务、安监、工商、质监等部门";
    let notice = import_file("惠州.xlsx", &xlsx(&[("评分细则", grid)]));
    let (imported, rubric) = main_rubric(&notice);
    huizhou_expected(imported, &rubric);
    assert!(
        imported
            .inferred
            .iter()
            .any(|f| f.to_string().contains("读作上一项“质量提升”的续行")),
        "a blank item cell read as the one above is said: {:?}",
        imported.inferred
    );
    // Blank area and key-point cells are read as the row above's, marked
    // on the item in the file (a merged cell is the cell itself: no mark).
    assert!(
        marks_of(imported, &rubric, "2．主要农产品")
            .iter()
            .any(|m| m.contains("第3行“考核内容”栏为空，按上一行读作“质量 目标 （14分）”")),
        "{:#?}",
        marks_of(imported, &rubric, "2．主要农产品")
    );
}

#[test]
fn the_huiji_layout_splits_parts_among_departments() {
    let grid: Grid<'_> = vec![
        vec![
            "考核内容",
            "序号",
            "考核指标",
            "考核要点",
            "分值",
            "评分标准",
            "责任部门",
        ],
        vec![
            "质量措施（11分）",
            "3",
            "质量宏观管理",
            "质量工作协调机制建立与运行",
            "3",
            "1. 区政府召开有关会议，部署年度质量工作。(0.5分)\n2. 建立质量工作协调机构。(0.5分)\n3. 将质量工作纳入绩效考核评价内容。(0.5分)\n4. 建立对各成员单位的质量工作考核制度。(1分)\n5. 组织开展群众性质量活动。(0.5分)",
            "1、2、4项由领导小组办公室负责；3项由区督考办负责；5项由区工商质监局、区文化旅游局，各镇（街道）负责。",
        ],
        vec![
            "^",
            "^",
            "^",
            "质量强市创建工作",
            "8",
            "1. 制定区创建工作方案并组织实施。(1分)\n2. 广泛开展多种形式的质量宣传活动。(2分)\n3. 出台相关政策措施解决实际问题(1分)；组织开展市民质量满意度评价活动。(1分)\n4. 推行首席质量官制度。(1分)\n5. 建立质量示范点2个以上。(2分)",
            "1项由领导小组办公室负责；2、3项由各成员单位，各镇（街道）负责；4、5项由区工商质监局、区住建局、区文化旅游局，各镇（街道）负责。",
        ],
        vec![
            "否决项",
            "5",
            "质量责任",
            "发生区域性、系统性产品质量安全事件的,考核结果一律为D级。",
            "",
            "在考核年度内，经区政府调查认定的重大安全事故，判定为系统性、区域性产品质量安全事件。",
            "",
        ],
        vec![
            "加分项 (此项最高10分)",
            "6",
            "创先争优",
            "质量工作取得明显成效。",
            "10分",
            "1. 质量工作经费投入较上一年增长超过20%的加2分。\n2. 本年度获批创建质量强县示范县的加2分。",
            "领导小组办公室",
        ],
        vec![
            "备注",
            "相关考核目标设置、统计方案等由领导小组办公室另行制定。",
            "<",
            "<",
            "<",
            "<",
            "<",
        ],
    ];
    let notice = import_file("惠济.docx", &docx(&[Block::Table(grid)]));
    // The veto row names no department: the draft check says so, and the
    // item is marked; the office names one.
    let imported = &notice.parts[0].imported;
    let checked = kaohe::rubric::check_draft("t.toml", &imported.toml);
    let errors: Vec<&str> = checked.errors().map(|e| e.code).collect();
    assert_eq!(errors, ["no-department"], "{}", imported.toml);
    assert!(imported.toml.contains("# 待确认: 原表没有写出能评分的负责部门"));
    let named = imported
        .toml
        .replacen("departments = []", "departments = [\"领导小组办公室\"]", 1);
    let rubric = kaohe::rubric::check_draft("t.toml", &named)
        .into_result()
        .unwrap_or_else(|e| panic!("{e}\n{named}"));
    sound(imported, &rubric);
    let mechanism = item(&rubric, "质量工作协调机制");
    assert_eq!(
        mechanism
            .subs
            .iter()
            .map(|s| (s.points, s.departments.clone()))
            .collect::<Vec<_>>(),
        [
            (Some(d("0.5")), vec!["领导小组办公室".to_string()]),
            (Some(d("0.5")), vec!["领导小组办公室".to_string()]),
            (Some(d("0.5")), vec!["区督考办".to_string()]),
            (Some(d("1")), vec!["领导小组办公室".to_string()]),
            (
                Some(d("0.5")),
                vec!["区工商质监局".to_string(), "区文化旅游局".to_string()]
            ),
        ]
    );
    let marks = marks_of(imported, &rubric, "质量工作协调机制");
    assert!(
        marks.iter().any(|m| m.contains("“各镇（街道）”是被考核对象")),
        "{marks:#?}"
    );
    assert!(marks.iter().any(|m| m.contains("按条分工")), "{marks:#?}");
    // Parts 2 and 3 are 各成员单位's: no department, marked for the office.
    let campaign = item(&rubric, "质量强市创建工作");
    assert_eq!(
        campaign.subs.iter().map(|s| s.points).collect::<Vec<_>>(),
        [Some(d("1")), Some(d("2")), Some(d("2")), Some(d("1")), Some(d("2"))],
        "part 3's two priced clauses add up"
    );
    assert_eq!(
        campaign.subs[1].departments,
        ["领导小组办公室"],
        "the item's first, marked"
    );
    let marks = marks_of(imported, &rubric, "质量强市创建工作");
    assert!(
        marks.iter().any(|m| m.contains("“各成员单位”泛指多个单位")),
        "{marks:#?}"
    );
    assert!(
        marks
            .iter()
            .any(|m| m.contains("第2、3部分没有写出能评分的部门（原文：“1项由领导小组办公室负责；2、3项由各成员单位")),
        "{marks:#?}"
    );
    assert_eq!(item(&rubric, "发生区域性").kind, Kind::Veto);
    let bonus = item(&rubric, "质量工作取得明显成效");
    assert_eq!((bonus.kind, bonus.points), (Kind::Bonus, Some(d("10"))));
    assert_eq!(
        rubric.note.as_deref(),
        Some("相关考核目标设置、统计方案等由领导小组办公室另行制定。")
    );
}

#[test]
fn a_wps_workbook_with_a_title_row_and_a_two_row_header() {
    let grid: Grid<'_> = vec![
        vec!["某市2023年度政府质量工作考核评分细则", "<", "<", "<", "<", "<"],
        vec!["考核指标", "<", "<", "分值", "评分标准", "考核牵头部门"],
        vec!["一级指标", "二级指标", "三级指标", "^", "^", "^"],
        vec![
            "质量发展\n（10分）",
            "产品质量",
            "监督抽查合格率",
            "６",
            "合格率95%以上得6分；否则不得分。",
            "市场监管局（牵头）、工信局",
        ],
        vec![
            "^",
            "^",
            "质量品牌",
            "４分",
            "培育品牌，得4分。",
            "配合：商务局；牵头：工信局",
        ],
        vec!["备注：本细则由市质强办负责解释。", "<", "<", "<", "<", "<"],
    ];
    let notice = import_file("细则.xlsx", &xlsx(&[("Sheet1", grid)]));
    let (imported, rubric) = main_rubric(&notice);
    sound(imported, &rubric);
    assert_eq!(rubric.title, "某市2023年度政府质量工作考核评分细则");
    assert_eq!(
        rubric
            .items
            .iter()
            .map(|i| (i.points, i.departments.clone()))
            .collect::<Vec<_>>(),
        [
            (Some(d("6")), vec!["市场监管局".to_string(), "工信局".to_string()]),
            (Some(d("4")), vec!["工信局".to_string(), "商务局".to_string()]),
        ],
        "{}",
        imported.toml
    );
    assert_eq!(rubric.areas[0].name, "质量发展");
    assert_eq!(rubric.key_points[0].name, "产品质量");
    assert_eq!(rubric.note.as_deref(), Some("本细则由市质强办负责解释。"));
    assert!(
        marks_of(imported, &rubric, "监督抽查合格率")
            .iter()
            .any(|m| m.contains("牵头"))
    );
}

#[test]
fn words_in_the_points_column_give_kind_cap_and_amount() {
    let grid: Grid<'_> = vec![
        vec!["考核领域", "考核要点", "具体内容", "分值", "评分标准", "负责部门"],
        vec![
            "一、质量安全（4分）",
            "（一）监管",
            "特种设备安全监管（4分）",
            "４分",
            "开展隐患排查，得4分。",
            "市市场监管局",
        ],
        vec![
            "二、否决项",
            "（一）否决",
            "发生重大质量安全事件",
            "否决项",
            "经调查认定的，考核结果一律为D级",
            "市市场监管局",
        ],
        vec![
            "三、扣分项",
            "（一）扣分",
            "发生较大质量事件",
            "最高扣2分",
            "每发生1起扣1分",
            "市市场监管局",
        ],
        vec!["^", "^", "发生一般质量事件", "-10/次", "经认定的事件", "市应急局"],
        vec![
            "^",
            "^",
            "质量工作被通报批评",
            "扣10分",
            "被省政府通报批评的",
            "市政府办",
        ],
        vec![
            "四、加分项",
            "（一）加分",
            "获得中国质量奖",
            "加1分",
            "获奖的",
            "市市场监管局",
        ],
        vec![
            "^",
            "^",
            "获得省质量奖",
            "最高加1分",
            "每获得1项加0.5分",
            "市市场监管局",
        ],
        vec![
            "五、质量创新",
            "（一）创新",
            "质量创新成效（扣完为止）",
            "扣完为止",
            "见评分标准（2分）",
            "市市场监管局",
        ],
        vec![
            "^",
            "^",
            "质量改进成效",
            "10分（扣完为止）",
            "每项问题扣1分",
            "市市场监管局",
        ],
    ];
    let notice = import_file("words.docx", &docx(&[Block::Table(grid)]));
    let (imported, rubric) = main_rubric(&notice);
    sound(imported, &rubric);
    let got = |t: &str| {
        let i = item(&rubric, t);
        (i.kind, i.points)
    };
    assert_eq!(got("特种设备安全监管"), (Kind::Standard, Some(d("4"))));
    assert_eq!(got("发生重大质量安全事件"), (Kind::Veto, None));
    assert_eq!(got("发生较大质量事件"), (Kind::Deduction, Some(d("2"))));
    assert_eq!(
        got("发生一般质量事件"),
        (Kind::Deduction, None),
        "-10/次: uncapped per event"
    );
    assert_eq!(got("质量工作被通报批评"), (Kind::Deduction, Some(d("10"))));
    assert_eq!(got("获得中国质量奖"), (Kind::Bonus, Some(d("1"))));
    assert_eq!(got("获得省质量奖"), (Kind::Bonus, Some(d("1"))));
    assert_eq!(
        got("质量创新成效"),
        (Kind::Standard, Some(d("2"))),
        "扣完为止: the text's figure"
    );
    assert_eq!(
        got("质量改进成效"),
        (Kind::Standard, Some(d("10"))),
        "a figure with a remark"
    );
    assert!(
        marks_of(imported, &rubric, "质量改进成效")
            .iter()
            .any(|m| m.contains("分值栏“10分（扣完为止）”读作10")),
        "{}",
        imported.toml
    );
    assert!(
        imported.unreadable.is_empty() || imported.unreadable.iter().all(|f| !f.to_string().contains("不是数字")),
        "{:?}",
        imported.unreadable
    );
    assert_eq!(rubric.items.len(), 9, "no row left out: {:?}", imported.unreadable);
}

#[test]
fn a_three_level_layout_with_columns_kept_as_text() {
    let grid: Grid<'_> = vec![
        vec![
            "建设内容",
            "建设指标",
            "考核条目",
            "考评标准",
            "分值",
            "责任单位",
            "评分依据",
            "需提交材料",
        ],
        vec![
            "质量基础",
            "标准化",
            "主导制定国家标准",
            "每主导制定1项得1分，最高得2分",
            "2",
            "市市场监管局",
            "以标准发布文件为准",
            "标准文本",
        ],
        vec![
            "^",
            "计量",
            "建立社会公用计量标准",
            "建立的得1分",
            "1",
            "市市场监管局",
            "",
            "证书",
        ],
    ];
    let notice = import_file("三级.docx", &docx(&[Block::Table(grid)]));
    let (imported, rubric) = main_rubric(&notice);
    sound(imported, &rubric);
    assert_eq!(rubric.areas.len(), 1);
    assert_eq!(rubric.key_points.len(), 2);
    let first = item(&rubric, "主导制定国家标准");
    assert_eq!(first.criteria, "每主导制定1项得1分，最高得2分");
    assert_eq!(first.note.as_deref(), Some("评分依据：以标准发布文件为准"));
    assert_eq!(first.evidence_text.as_deref(), Some("标准文本"));
    assert!(imported.unreadable.is_empty(), "{:?}", imported.unreadable);
}

#[test]
fn an_unknown_header_is_named_with_the_nearest_known_one() {
    let grid: Grid<'_> = vec![
        vec!["考核领域", "考核要点", "具体内容", "分值", "评分准则", "负责部门"],
        vec![
            "一、质量",
            "（一）产品",
            "抽检合格率",
            "5",
            "合格率95%以上得5分",
            "市市场监管局",
        ],
    ];
    let notice = import_file("x.docx", &docx(&[Block::Table(grid)]));
    let said: Vec<String> = notice.parts[0]
        .imported
        .unreadable
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        said.iter()
            .any(|s| s.contains("“评分准则”") && s.contains("最接近的已知栏目是“评分")),
        "{said:#?}"
    );
}

#[test]
fn a_whole_notice_gives_the_rubric_and_the_on_site_sheet_as_two_files() {
    let main: Grid<'_> = vec![
        vec!["考核内容", "考核指标", "考核要点", "分值", "评分标准", "牵头部门"],
        vec![
            "质量目标（4分）",
            "产品质量（4分）",
            "1．产品质量监督抽查",
            "4",
            "合格的得4分",
            "质监部门",
        ],
    ];
    let onsite_a: Grid<'_> = vec![
        vec!["考核内容", "序号", "考核要点", "分值", "评分标准", "评价细则", "评分"],
        vec![
            "汇报\n交流\n（10分）",
            "1",
            "质量工作汇报",
            "10",
            "汇报全面",
            "好5、较好4、一般3、差2、非常差1",
            "",
        ],
    ];
    let onsite_b: Grid<'_> = vec![
        vec!["考核内容", "序号", "考核要点", "分值", "评分标准", "评价细则", "评分"],
        vec![
            "实地\n考察\n（5分）",
            "2",
            "企业现场",
            "5",
            "管理规范",
            "好5、较好4、一般3、差2、非常差1",
            "",
        ],
    ];
    let self_score: Grid<'_> = vec![
        vec![
            "考核内容",
            "考核指标",
            "考核要点",
            "分值",
            "评分标准",
            "自评得分",
            "评分依据（注明得分、扣分情况）",
        ],
        vec![
            "质量目标",
            "产品质量",
            "1．产品质量监督抽查",
            "4",
            "合格的得4分",
            "",
            "",
        ],
    ];
    let contacts: Grid<'_> = vec![vec!["单位", "姓名", "电话"], vec!["市质监局", "张三", "123"]];
    let blocks = vec![
        Block::Para("惠州市2017年度县（区）人民政府质量工作考核实施方案"),
        Block::Para("附件：1．评分细则"),
        Block::Para("2．实地核查工作要求"),
        Block::Para("附件1"),
        Block::Para("惠州市2017年度县（区）人民政府"),
        Block::Para("质量工作考核评分细则"),
        Block::Table(main),
        Block::Para("附件2"),
        Block::Para("惠州市2017年度县（区）人民政府质量工作考核实地核查工作要求"),
        Block::Para("一、核查内容和流程"),
        Block::Para("重点核查质量目标完成情况和质量措施落实情况。"),
        Block::Para("惠州市2017年度县（区）人民政府质量"),
        Block::Para("工作考核实地核查要点及评分要求"),
        Block::Para("一、汇报交流"),
        Block::Table(onsite_a),
        Block::Para("二、实地考察"),
        Block::Table(onsite_b),
        Block::Para("附件3"),
        Block::Para("惠州市2017年度县（区）人民政府质量工作考核自评得分表"),
        Block::Table(self_score),
        Block::Para("附件4"),
        Block::Para("考核工作联系人员名单"),
        Block::Table(contacts),
    ];
    let notice = import_file("方案.docx", &docx(&blocks));
    let sheets: Vec<(Sheet, usize)> = notice.parts.iter().map(|p| (p.sheet, p.imported.items)).collect();
    assert_eq!(sheets, [(Sheet::Main, 1), (Sheet::OnSite, 2)], "{:#?}", notice.left_out);
    assert_eq!(notice.parts[1].id, "t-2023-onsite");
    assert_eq!(notice.left_out.len(), 2, "{:#?}", notice.left_out);
    assert!(notice.left_out[0].to_string().contains("自评得分表"));
    assert!(notice.left_out[1].to_string().contains("考核工作联系人员名单"));
    // The on-site sheet has no department column: its items wait for the
    // office to name who scores them (the 考核组), said and marked.
    let checked = kaohe::rubric::check_draft("o.toml", &notice.parts[1].imported.toml);
    assert!(checked.errors().all(|e| e.code == "no-department"));
    let onsite = checked.rubric.expect("read");
    assert_eq!(
        onsite.title,
        "惠州市2017年度县（区）人民政府质量工作考核实地核查要点及评分要求"
    );

    // The command writes both files.
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join("方案.docx"), docx(&blocks)).expect("write");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kaohe"))
        .args([
            "rubric",
            "import",
            "方案.docx",
            "--id",
            "hz-2017",
            "--districts",
            "惠城区,惠阳区",
        ])
        .current_dir(dir.path())
        .output()
        .expect("run");
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(dir.path().join("hz-2017.toml").exists(), "{said}");
    assert!(dir.path().join("hz-2017-onsite.toml").exists(), "{said}");
    assert!(said.contains("实地核查评分表："), "{said}");
    assert!(said.contains("未读取的表格 2 张"), "{said}");
}
