//! Finding an item by typing a keyword, in Chinese or pinyin: the index the
//! workbench's `/` uses, and `kaohe search` for scripts.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::io::rubric_files;
use kaohe::rubric::Rubric;
use kaohe::search::{Hit, SearchIndex};
use proptest::prelude::*;
use std::process::{Command, Output};
use std::sync::OnceLock;

fn suizhou() -> &'static Rubric {
    static RUBRIC: OnceLock<Rubric> = OnceLock::new();
    RUBRIC.get_or_init(|| rubric_files::find("suizhou-2022").expect("suizhou-2022 is bundled"))
}

fn suizhou_index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| SearchIndex::from_items(&suizhou().items))
}

fn keys(index: &SearchIndex, hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| index.key(h.index).to_string()).collect()
}

fn highlighted(index: &SearchIndex, hit: &Hit) -> String {
    let chars: Vec<char> = index.text(hit.index).chars().collect();
    hit.highlight.iter().map(|&i| chars[i]).collect()
}

fn tiny(texts: &[&str]) -> SearchIndex {
    SearchIndex::new(texts.iter().enumerate().map(|(i, t)| (i.to_string(), t.to_string())))
}

#[test]
fn initials_find_special_equipment_first() {
    let index = suizhou_index();
    let hits = index.search("tzsb");
    let special: Vec<usize> = (0..index.len())
        .filter(|&i| index.text(i).contains("特种设备"))
        .collect();
    assert!(!special.is_empty(), "the rubric has special-equipment items");
    let top: Vec<usize> = hits.iter().take(special.len()).map(|h| h.index).collect();
    let mut top_sorted = top.clone();
    top_sorted.sort_unstable();
    assert_eq!(top_sorted, special, "top hits: {:?}", keys(index, &hits));
    for hit in &hits[..special.len()] {
        assert_eq!(highlighted(index, hit), "特种设备", "{}", index.text(hit.index));
    }
    assert!(hits.len() >= special.len());
}

#[test]
fn full_and_mixed_pinyin_find_what_initials_find() {
    let index = suizhou_index();
    let top = |q: &str| index.search(q).first().map(|h| index.text(h.index).to_string());
    for q in [
        "tezhongshebei",
        "tezhongsb",
        "tzhongsb",
        "TZSB",
        "ｔｚｓｂ",
        "特种设备",
        "特种sb",
    ] {
        let found = top(q).unwrap_or_default();
        assert!(found.contains("特种设备"), "{q}: {found}");
    }
}

#[test]
fn water_found_by_chinese_and_by_pinyin() {
    let index = suizhou_index();
    for q in ["水利", "shuili", "SHUILI", "ShuiLi"] {
        let hits = index.search(q);
        let Some(first) = hits.first() else {
            panic!("{q}: no hits");
        };
        assert_eq!(index.key(first.index), "1.1.3", "{q}: {:?}", keys(index, &hits));
        assert_eq!(highlighted(index, first), "水利", "{q}");
        assert_eq!(
            index.text(first.index),
            "工程质量 根据水利建设质量工作开展情况得分。(5分)"
        );
        // 工程质量 根据 are chars 0..=6; 水利 are 7 and 8.
        assert_eq!(first.highlight, [7, 8], "{q}");
    }
}

#[test]
fn polyphonic_hang_and_xing() {
    let index = tiny(&["银行", "行政执法", "质量安全"]);
    let texts = |q: &str| -> Vec<&str> {
        let mut found: Vec<&str> = index.search(q).iter().map(|h| index.text(h.index)).collect();
        found.sort_unstable();
        found
    };
    assert_eq!(texts("hang"), ["行政执法", "银行"]);
    assert_eq!(texts("xing"), ["行政执法", "银行"]);
    assert_eq!(texts("yinhang"), ["银行"]);
    assert_eq!(texts("yinxing"), ["银行"]);
    assert_eq!(texts("hangzheng"), ["行政执法"]);
    assert_eq!(texts("xzzf"), ["行政执法"]);
    // A rare reading is taken only as a whole syllable: 行 as hang, not h.
    assert_eq!(texts("hzzf"), Vec::<&str>::new());
    assert_eq!(texts("hangzzf"), ["行政执法"]);
    let hit = &index.search("yinhang")[0];
    assert_eq!(hit.highlight, [0, 1]);
    let hit = &index.search("zhifa")[0];
    assert_eq!(hit.highlight, [2, 3]);
    // A contiguous reading scores above a scattered one.
    let index = tiny(&["行业和政府执法", "行政执法"]);
    assert_eq!(texts_of(&index, "xingzheng")[0], "行政执法");
}

fn texts_of(index: &SearchIndex, q: &str) -> Vec<String> {
    index
        .search(q)
        .iter()
        .map(|h| index.text(h.index).to_string())
        .collect()
}

#[test]
fn full_width_space_is_a_space_and_words_all_match() {
    let index = suizhou_index();
    let spaced = index.search("特种 事故");
    assert!(!spaced.is_empty());
    assert_eq!(index.search("特种\u{3000}事故"), spaced);
    assert_eq!(index.search("  特种 \u{3000} 事故 "), spaced);
    // Each word is in the item's text or, shown under it, a criteria line.
    for hit in &spaced {
        let mut text = index.text(hit.index).to_string();
        text.push_str(hit.detail.as_ref().map_or("", |d| d.text.as_str()));
        assert!(text.contains('特') && text.contains('事'), "{text}");
    }
    // Words match in any order.
    let mut reversed: Vec<usize> = index.search("shigu tzsb").iter().map(|h| h.index).collect();
    let mut forward: Vec<usize> = index.search("tzsb shigu").iter().map(|h| h.index).collect();
    reversed.sort_unstable();
    forward.sort_unstable();
    assert_eq!(reversed, forward);
    assert!(!forward.is_empty());
}

#[test]
fn blank_queries_have_no_hits() {
    let index = suizhou_index();
    for q in ["", " ", "\u{3000}", " \u{3000}\t"] {
        assert!(index.search(q).is_empty(), "{q:?}");
    }
    assert!(tiny(&[]).search("t").is_empty());
    assert!(index.search("zzzzzzzzzzzzq").is_empty());
}

#[test]
fn a_pasted_long_text_finds_itself() {
    // Past 127 chars a word is matched on the characters alone.
    let long = "推进特种设备安全监管，".repeat(15);
    let index = tiny(&[&long, "特种设备", "质量"]);
    let hits = index.search(&long);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].index, 0);
    assert_eq!(hits[0].highlight, (0..long.chars().count()).collect::<Vec<_>>());
    assert!(index.search(&"tzsb".repeat(40)).is_empty());
}

#[test]
fn ties_keep_entry_order_and_best_comes_first() {
    // 特别重大事故设备 has the letters of tzsb (重 is zhong), but scattered:
    // initials spell consecutive chars, so it is no hit.
    let index = tiny(&[
        "特别重大事故设备",
        "特种设备",
        "质量",
        "特种设备",
        "推进特种设备安全监管",
    ]);
    let hits = index.search("tzsb");
    assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), [1, 3, 4]);
    assert_eq!(hits[0].score, hits[1].score);
    assert!(hits[1].score > hits[2].score, "the whole text beats a word inside one");
}

#[test]
fn from_items_keys_by_id_and_joins_label_and_text() {
    let index = suizhou_index();
    assert_eq!(index.len(), suizhou().items.len());
    assert!(!index.is_empty());
    let i = (0..index.len()).find(|&i| index.key(i) == "1.1.3").expect("1.1.3");
    assert_eq!(index.text(i), "工程质量 根据水利建设质量工作开展情况得分。(5分)");
    for i in 0..index.len() {
        assert!(!index.text(i).contains(['\n', '\t']), "{}", index.key(i));
    }
}

#[test]
fn large_index_matches_small_index() {
    // Past a few thousand entries the search runs on several threads; the answer must not change.
    let base = [
        "推进特种设备安全监管",
        "根据水利建设质量工作开展情况得分",
        "银行业",
        "行政执法",
    ];
    let many: Vec<(String, String)> = (0..5000)
        .map(|i| (i.to_string(), base[i % base.len()].to_string()))
        .collect();
    let big = SearchIndex::new(many.clone());
    let small = SearchIndex::new(many[..4].to_vec());
    for q in ["tzsb", "hang", "水利", "x"] {
        let scores: Vec<Option<i64>> = (0..4)
            .map(|i| small.search(q).iter().find(|h| h.index == i).map(|h| h.score))
            .collect();
        let mut expected: Vec<(usize, i64)> = (0..5000).filter_map(|i| scores[i % 4].map(|s| (i, s))).collect();
        expected.sort_by_key(|&(i, s)| (std::cmp::Reverse(s), i));
        let found: Vec<(usize, i64)> = big.search(q).iter().map(|h| (h.index, h.score)).collect();
        assert!(!found.is_empty(), "{q}");
        assert_eq!(found, expected, "{q}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_query_is_safe_and_highlights_are_chars(
        query in "[a-zA-Zü ０-９ａ-ｚＡ-Ｚ\u{3000}特种设备水利行政执法银质量安全（）(),.。、!@#\\-_*\u{1F600}İ]{0,24}"
    ) {
        let index = suizhou_index();
        let hits = index.search(&query);
        for pair in hits.windows(2) {
            prop_assert!(
                pair[0].score > pair[1].score || (pair[0].score == pair[1].score && pair[0].index < pair[1].index)
            );
        }
        for (n, hit) in hits.iter().enumerate() {
            prop_assert!(hit.index < index.len());
            let chars = index.text(hit.index).chars().count();
            // What matched is highlighted, in the text or in the line shown under it.
            let detail = hit.detail.as_ref().map(|d| d.highlight.as_slice()).unwrap_or_default();
            if n < kaohe::search::HIGHLIGHTED {
                prop_assert!(!hit.highlight.is_empty() || !detail.is_empty());
            }
            prop_assert!(hit.highlight.windows(2).all(|w| w[0] < w[1]), "{:?}", hit.highlight);
            prop_assert!(hit.highlight.iter().all(|&i| i < chars), "{:?} in {}", hit.highlight, chars);
            if let Some(d) = &hit.detail {
                let chars = d.text.chars().count();
                prop_assert!(d.highlight.iter().all(|&i| i < chars), "{:?} in {}", d.highlight, d.text);
            }
        }
    }

    #[test]
    fn any_text_is_safe(texts in prop::collection::vec("\\PC{0,40}", 0..8), query in "\\PC{0,12}") {
        let index = SearchIndex::new(texts.iter().enumerate().map(|(i, t)| (i.to_string(), t.clone())));
        for hit in index.search(&query) {
            let chars = index.text(hit.index).chars().count();
            prop_assert!(hit.highlight.iter().all(|&i| i < chars));
        }
    }
}

// ---- the binary ----

fn kaohe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kaohe"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run kaohe")
}

/// The hit lines; a criteria line under a hit (`<TAB><TAB>line`) is skipped.
fn lines(o: &Output) -> Vec<(String, i64, String)> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| !l.starts_with("\t\t"))
        .map(|l| {
            let fields: Vec<&str> = l.split('\t').collect();
            assert_eq!(fields.len(), 3, "{l:?}");
            (
                fields[0].to_string(),
                fields[1].parse().expect("score is an integer"),
                fields[2].to_string(),
            )
        })
        .collect()
}

#[test]
fn search_prints_id_score_text_best_first() {
    let o = kaohe(&["search", "suizhou-2022", "tzsb"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let found = lines(&o);
    assert!(!found.is_empty());
    assert!(found[0].2.contains("特种设备"), "{found:?}");
    assert!(found.windows(2).all(|w| w[0].1 >= w[1].1), "{found:?}");
    let index = suizhou_index();
    let expected: Vec<(String, i64, String)> = index
        .search("tzsb")
        .iter()
        .map(|h| (index.key(h.index).to_string(), h.score, index.text(h.index).to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn search_with_dept_only_searches_its_items() {
    let o = kaohe(&["search", "suizhou", "质量", "--dept", "水利"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rubric = suizhou();
    let dept = rubric.find_department("水利").expect("a water department");
    let theirs: Vec<&str> = rubric.items_scored_by(&dept.name).map(|i| i.id.as_str()).collect();
    let found = lines(&o);
    assert!(found.iter().any(|(id, _, _)| id == "1.1.3"), "{found:?}");
    assert!(
        found.iter().all(|(id, _, _)| theirs.contains(&id.as_str())),
        "{found:?}"
    );
    let all = lines(&kaohe(&["search", "suizhou", "质量"]));
    assert!(all.len() > found.len());
}

/// Nothing found prints nothing and exits 1, as grep, fzf and the lines
/// mode do.
#[test]
fn search_without_hits_prints_nothing_and_exits_1() {
    let o = kaohe(&["search", "suizhou-2022", "qqqqqqqqqqqqqqqq"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let o = kaohe(&["search", "suizhou-2022", "\u{3000}"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
}

#[test]
fn search_reports_unknown_rubric_and_department() {
    let o = kaohe(&["search", "no-such-rubric", "tzsb"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no-such-rubric") && err.contains("suizhou-2022"), "{err}");

    let o = kaohe(&["search", "suizhou-2022", "tzsb", "--dept", "没有这个部门"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("没有这个部门"), "{err}");
}

// ---- the ranking: what the analyst means comes first ----

fn first_key(index: &SearchIndex, q: &str) -> Option<String> {
    index.search(q).first().map(|h| index.key(h.index).to_string())
}

#[test]
fn a_word_found_only_in_the_criteria_shows_its_line() {
    let index = suizhou_index();
    let hits = index.search("电梯");
    assert_eq!(keys(index, &hits), ["3.2.3"]);
    let detail = hits[0].detail.as_ref().expect("the criteria line");
    let lit: String = detail
        .text
        .chars()
        .enumerate()
        .filter(|(i, _)| detail.highlight.contains(i))
        .map(|(_, c)| c)
        .collect();
    assert_eq!(lit, "电梯", "{}", detail.text);
    assert!(hits[0].highlight.is_empty(), "nothing of the item's own text matched");
}

#[test]
fn letters_that_spell_no_word_find_nothing() {
    let index = suizhou_index();
    for q in ["zzzz", "zzzzzz", "qqqq", "xxxx", "asdfgh"] {
        assert!(index.search(q).is_empty(), "{q}: {:?}", keys(index, &index.search(q)));
    }
    // Initials spell consecutive chars; a joining char (和, 、) may sit between once.
    let index = tiny(&["质量和安全", "质量工作和安全"]);
    assert_eq!(texts_of(&index, "zlaq"), ["质量和安全"]);
}

#[test]
fn a_rare_reading_needs_its_whole_syllable() {
    // 格 reads ge, and rarely luo: `jl` is 计量, not 价格.
    let index = tiny(&["开展医疗领域价格和竞争行为监管工作", "计量工作"]);
    assert_eq!(texts_of(&index, "jl"), ["计量工作"]);
    assert_eq!(texts_of(&index, "jialuo"), ["开展医疗领域价格和竞争行为监管工作"]);
}

#[test]
fn syllables_of_one_word_beat_syllables_apart() {
    let index = tiny(&["落实公平竞争审查制度", "食品安全风险监测"]);
    assert_eq!(texts_of(&index, "shipin")[0], "食品安全风险监测");
    // jiang typed whole is 奖, not 监 + the g of 管.
    let index = tiny(&["强化公路水路工程质量监管。", "设立市级政府质量奖，推进品牌建设"]);
    assert_eq!(texts_of(&index, "zhiliangjiang")[0], "设立市级政府质量奖，推进品牌建设");
    // Flat for retroflex, as input methods allow: zi for zhi.
    assert_eq!(texts_of(&index, "ziliangjiang")[0], "设立市级政府质量奖，推进品牌建设");
}

#[test]
fn the_items_own_text_weighs_more_than_its_criteria() {
    let index = SearchIndex::from_entries([
        kaohe::search::Entry {
            key: "a".into(),
            text: "加强知识产权保护".into(),
            details: vec!["举办品牌创新大赛".into()],
            owners: vec![],
        },
        kaohe::search::Entry {
            key: "b".into(),
            text: "品牌建设".into(),
            details: vec![],
            owners: vec![],
        },
        kaohe::search::Entry {
            key: "c".into(),
            text: "质量提升".into(),
            details: vec![],
            owners: vec!["市品牌办".into()],
        },
    ]);
    assert_eq!(keys(&index, &index.search("品牌")), ["b", "a", "c"]);
    assert_eq!(keys(&index, &index.search("pinpai")), ["b", "a", "c"]);
}

#[test]
fn two_words_in_any_order_and_as_a_phrase() {
    let index = suizhou_index();
    assert_eq!(first_key(index, "旅游 信用").as_deref(), Some("4.1.2"));
    assert_eq!(first_key(index, "xinyong lvyou").as_deref(), Some("4.1.2"));
    let index = tiny(&["落实消费品质量和标准提升规划", "消费品标准和质量提升规划"]);
    assert_eq!(texts_of(&index, "消费品 标准")[0], "消费品标准和质量提升规划");
}

#[test]
fn search_prints_the_criteria_line_a_word_was_found_in() {
    let o = kaohe(&["search", "suizhou-2022", "电梯"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    let mut rows = out.lines();
    assert!(rows.next().is_some_and(|l| l.starts_with("3.2.3\t")), "{out}");
    let detail = rows.next().unwrap_or_default();
    assert!(detail.starts_with("\t\t") && detail.contains("【电梯】"), "{out}");
}

#[test]
fn a_syllable_typed_whole_may_span_two_chars_only_side_by_side() {
    // xian is 县 (one syllable) or 西安 (xi + an, side by side), not 西…安.
    let index = tiny(&["西部安全", "西安", "县城"]);
    let mut found = texts_of(&index, "xian");
    found.sort_unstable();
    assert_eq!(found, ["县城", "西安"]);
}

#[test]
fn an_items_entry_holds_each_criterion_once() {
    let item = suizhou().items.iter().find(|i| i.id == "1.1.3").expect("1.1.3");
    let entry = kaohe::search::item_entry(item);
    assert_eq!(entry.text, "工程质量 根据水利建设质量工作开展情况得分。(5分)");
    let measures: Vec<&String> = entry
        .details
        .iter()
        .filter(|l| l.contains("质量管理措施(1分)"))
        .collect();
    assert_eq!(
        measures.len(),
        1,
        "the sub, not also its numbered criteria line: {measures:?}"
    );
    assert_eq!(entry.owners, item.departments);
}
